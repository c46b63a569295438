import type { Redis } from 'ioredis';
import type { StepResult } from '../../shared/model';
import { afterAll, beforeAll } from 'vitest';
import { UserDatabase } from '../../electron/core/db/user-database';
import type { PatternDef } from '../../electron/core/engine/pattern';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { startTestRedis, type TestRedis } from './redis-server';

export interface PatternHarness {
  redis: TestRedis;
  /** A plain client for arranging and checking Redis state, outside the app's code. */
  check: Redis;
  connection: LiveConnection;
  db: UserDatabase;
  /** A fresh run of a pattern: namespace cleared, database reseeded. */
  open(def: PatternDef, params?: Record<string, number>): Promise<PatternSession>;
  /** Runs n steps and returns their results. */
  steps(session: PatternSession, n: number): Promise<StepResult[]>;
}

/**
 * For one test file: a private redis-server, the app's connection to it
 * under a namespace, and the embedded database (no injected latency unless
 * a pattern's parameters ask for it). Torn down after the file.
 */
export function patternHarness(namespace: string, opts: { serverOrder?: boolean } = {}): PatternHarness {
  const h = {} as PatternHarness;
  beforeAll(async () => {
    h.redis = await startTestRedis();
    h.check = h.redis.client();
    h.connection = await LiveConnection.open({ kind: 'existing', port: h.redis.port, namespace, serverOrder: opts.serverOrder }, { dataDir: '/tmp' });
    h.db = await UserDatabase.create(0);
  });
  afterAll(async () => {
    await h.connection?.close();
    h.db?.close();
    await h.redis?.stop();
  });
  h.open = async (def, params) => {
    const session = new PatternSession(def, params, h.connection, h.db);
    await session.reset();
    return session;
  };
  h.steps = async (session, n) => {
    const results = [];
    for (let i = 0; i < n; i++) results.push(await session.step());
    return results;
  };
  return h;
}
