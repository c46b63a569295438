import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { RowsWindow } from '../../shared/browser-list';
import type { ListProgress } from '../../shared/browser-list';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

type Ok<T> = { ok: true; value: T };

describe('a key whose name is empty (SET "" x is legal) is listed, detailed and opened like any other', () => {
  let redis: TestRedis;
  let admin: Redis;
  let core: AppCore;
  const call = async <T>(name: string, input: object): Promise<T> => {
    const reply = (await dispatch(core.handlers, name as never, input as never)) as Ok<T> | { ok: false; error: unknown };
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    await admin.set('', 'the empty name');
    await admin.set('a', '1');
    await admin.hset('b', 'f', 'v');
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'en:' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('its row, its batch neighbours and its value all read; before, its id was refused and the whole batch with it', async () => {
    const started = await call<ListProgress>('browser.list.start', { toEnd: true });
    const win = await call<RowsWindow>('browser.list.rows', { scanId: started.scanId, view: 'flat', start: 0, count: 200 });
    const keys = win.rows.flatMap((r) => (r.kind === 'key' ? [r] : []));
    expect(keys).toHaveLength(3);
    const empty = keys.find((r) => r.id === '');
    expect(empty, JSON.stringify(keys)).toBeDefined();

    const ids = keys.map((r) => r.id);
    const details = await call<{ type?: string }[]>('browser.details', { ids });
    expect(details.map((d) => d.type).sort()).toEqual(['hash', 'string', 'string']);
    const meta = await call<{ id: string; type?: string; missing?: string }[]>('browser.list.meta', { ids });
    expect(meta.find((m) => m.id === '')).toMatchObject({ type: 'string' });

    const page = await call<{ kind: string; text?: string; value?: { text: string } } | null>('keyEditor.page', { id: '' });
    expect(JSON.stringify(page)).toContain('the empty name');
  });
});
