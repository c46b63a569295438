import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { RequestName } from '../../shared/contract';
import { startTestRedis, type TestRedis } from './redis-server';

export interface CoreHarness {
  redis: TestRedis;
  /** A plain client for arranging and checking Redis, outside the app's code. */
  admin: Redis;
  core: AppCore;
  /** A request through dispatch, as a transport sends it; a refusal throws with its code and message. */
  call<T>(channel: RequestName, input?: unknown): Promise<T>;
}

/**
 * For one test file: a private redis-server (arranged by `arrange` before the
 * app connects) and the app's core connected to it under `namespace`, every
 * request through dispatch. Torn down after the file.
 */
export function coreOnTestRedis(namespace: string, arrange?: (admin: Redis) => Promise<unknown>): CoreHarness {
  const h = {} as CoreHarness;
  beforeAll(async () => {
    h.redis = await startTestRedis();
    h.admin = h.redis.client();
    await arrange?.(h.admin);
    h.core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    await h.call('connection.connect', { kind: 'existing', port: h.redis.port, namespace });
  });
  afterAll(async () => {
    await h.core?.shutdown();
    await h.redis?.stop();
  });
  h.call = async <T>(channel: RequestName, input: unknown = {}): Promise<T> => {
    const result = await dispatch(h.core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return h;
}
