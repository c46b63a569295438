import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import type { LiveConnection } from '../../electron/core/redis/live-connection';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { english } from '../helpers/format-message';
import type { Message } from '../../shared/i18n/message';

/** Only Redis 7.0 can be installed here, so the older server is the real one with its reported version rewritten. */
function pretendVersion(core: AppCore, version: string) {
  const connection = (core as unknown as { connections: { connection: LiveConnection } }).connections.connection;
  const [major, minor] = version.split('.').map(Number);
  Object.assign(connection.facts, { version, major, minor });
}

describe('features that need a newer Redis say so', () => {
  let redis: TestRedis;
  let core: AppCore;

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'vg:' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('the leaderboard (ZRANGE … REV) on 6.0 is refused with the version it needs; write-behind runs', async () => {
    pretendVersion(core, '6.0.16');
    expect(await dispatch(core.handlers, 'session.open', { patternId: 'leaderboard' })).toMatchObject({
      ok: false,
      error: { code: 'redis_error', message: 'Leaderboard needs Redis 6.2 or newer for ZRANGE … REV, the app’s own top-N command — the article’s zrange(rev=True) line is not a redis-py call; this server runs 6.0.16.', msg: { id: 'errors.serverTooOld' } },
    });
    expect(await dispatch(core.handlers, 'session.open', { patternId: 'write-behind-lost-update' })).toMatchObject({ ok: true });
    const list = await dispatch(core.handlers, 'patterns.list', {});
    expect(english(list as { value: { id: string; requires?: Message }[] }).value.find((p) => p.id === 'leaderboard')?.requires).toBe('Redis 6.2+ (ZRANGE … REV, the app’s own top-N command — the article’s zrange(rev=True) line is not a redis-py call)');
  });

  it('the key browser type filter on 5.0 names the version too', async () => {
    pretendVersion(core, '5.0.7');
    expect(await dispatch(core.handlers, 'browser.list.start', { match: '*', type: 'hash' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'type', message: expect.stringMatching(/needs Redis 6\.0 or newer; this server runs 5\.0\.7/) },
    });
    pretendVersion(core, '7.0.15');
    expect(await dispatch(core.handlers, 'session.open', { patternId: 'leaderboard' })).toMatchObject({ ok: true });
  });
});
