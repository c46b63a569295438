import { mkdtempSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { RequestName } from '../../shared/contract';
import type { ConsoleReply } from '../../shared/server-console';
import { startTestRedis, type TestRedis } from './redis-server';

/** The app's core for console tests: requests through dispatch (a refusal throws), and `run` for one console line. */
export function consoleCore() {
  const core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-console-')), transport: 'web', version: 'test' });
  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }
  const run = (line: string) => call<ConsoleReply>('console.run', { line });
  return { core, call, run };
}

/**
 * For one describe block: a private redis-server, a plain client for
 * arranging and checking state, and the app's core connected to it as an
 * existing Redis under `namespace` (after `seed` filled it, so what the
 * connect reads is settled before a test looks); all closed after the block.
 */
export function consoleOnTestRedis(namespace: string, seed?: (admin: Redis) => Promise<void>) {
  const h = {} as { redis: TestRedis; admin: Redis; app: ReturnType<typeof consoleCore> };
  beforeAll(async () => {
    h.redis = await startTestRedis();
    h.admin = h.redis.client();
    await seed?.(h.admin);
    h.app = consoleCore();
    await h.app.call('connection.connect', { kind: 'existing', port: h.redis.port, namespace });
  });
  afterAll(async () => {
    await h.app?.core.shutdown();
    h.admin?.disconnect();
    await h.redis?.stop();
  });
  return h;
}
