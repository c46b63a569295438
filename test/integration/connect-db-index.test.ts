import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { formatMessage } from '../../shared/i18n/format';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

describe('the database index: any the server has, and one it lacks said in words', () => {
  let redis: TestRedis;
  let core: AppCore;
  beforeAll(async () => {
    // A server configured with 32 databases: DB 20 exists (the connect form refused anything above 15; found by the re-test).
    redis = await startTestRedis(['--databases', '32']);
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('connects to DB 20 of a server with 32, and refuses DB 40 with the server’s reason', async () => {
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, db: 20, namespace: 'db20:' })).toMatchObject({ ok: true, value: { state: 'connected' } });
    await redis.client().select(20);
    expect(await dispatch(core.handlers, 'connection.disconnect', {})).toMatchObject({ ok: true });
    const refused = await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, db: 40, namespace: 'db40:' });
    expect(refused.ok).toBe(false);
    const error = (refused as { error: { msg?: { id: string }; message: string; field?: string } }).error;
    expect(error).toMatchObject({ code: 'invalid_input', field: 'db', msg: { id: 'errors.connect.noSuchDb' } });
    expect(formatMessage(error.msg as never, 'en')).toBe('This server has no database 40: its "databases" setting makes fewer (database 0 to one less than that number). Nothing was read or written.');
    // Before, ioredis' refused SELECT was only emitted, and the app worked in database 0 while saying 40.
    expect((await dispatch(core.handlers, 'connection.status', {})) as object).toMatchObject({ value: { state: 'disconnected' } });
  });
});
