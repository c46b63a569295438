import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * Found by an independent tester: with Redis stopped after cache-aside's
 * second step, the third (the row renamed in the database, then the cache
 * read) said "user 1 is not in the cache" — the inspector's pipelined read
 * had failed, and its null was read as an absent key.
 */
describe('the inspector’s reads while Redis is away', () => {
  let redis: TestRedis;
  let core: AppCore;

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('fail the step with the connection’s error instead of telling the cache empty', async () => {
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'away:' })).toMatchObject({ ok: true });
    expect(await dispatch(core.handlers, 'session.open', { patternId: 'cache-aside', params: { dbLatencyMs: 0 } })).toMatchObject({ ok: true });
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true, value: { outcome: 'miss' } });
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true, value: { outcome: 'hit' } });

    await redis.stop();
    const update = await dispatch(core.handlers, 'session.step', {});
    expect(update).toMatchObject({ ok: false, error: { code: 'redis_unavailable' } });
  });
});
