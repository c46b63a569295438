import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { ListProgress, RowsWindow } from '../../shared/browser-list';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

type Ok<T> = { ok: true; value: T };

describe('keys found that expire or are deleted after the scan are counted as gone, from what Redis answers', () => {
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
    for (let i = 0; i < 40; i++) await admin.set(`gone:${String(i).padStart(2, '0')}`, 'v', 'PX', 600_000);
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'kg:' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('found stays what the scan saw; gone counts what TYPE, MEMORY USAGE or the details found missing, and a key back again leaves it', async () => {
    const started = await call<ListProgress>('browser.list.start', { match: 'gone:*', toEnd: true });
    const ids = async (scanId = started.scanId) => {
      const win = await call<RowsWindow>('browser.list.rows', { scanId, view: 'flat', start: 0, count: 200 });
      return win.rows.flatMap((r) => (r.kind === 'key' ? [{ id: r.id, label: r.label }] : []));
    };
    const rows = await ids();
    expect(rows).toHaveLength(40);
    expect((await call<ListProgress>('browser.list.progress', {})).gone).toBeUndefined();

    // Ten keys expire after the scan, while the list still holds the 40 the scan found.
    for (let i = 0; i < 10; i++) await admin.pexpire(`gone:0${i}`, 1);
    await new Promise((r) => setTimeout(r, 50));
    const early = rows.filter((r) => r.label < 'gone:05');
    const meta = await call<{ id: string; missing?: string }[]>('browser.list.meta', { ids: early.map((r) => r.id) });
    expect(meta.every((m) => m.missing === 'deleted')).toBe(true);
    let progress = (await call<ListProgress>('browser.list.progress', {}))!;
    expect(progress).toMatchObject({ keys: 40, gone: 5 });

    // The same rows read again do not count twice; MEMORY USAGE and the details find the other five.
    const late = rows.filter((r) => r.label >= 'gone:05' && r.label < 'gone:10');
    await call('browser.list.meta', { ids: early.map((r) => r.id) });
    await call('browser.list.memory', { ids: late.slice(0, 2).map((r) => r.id) });
    await call('browser.details', { ids: late.slice(2).map((r) => r.id) });
    progress = (await call<ListProgress>('browser.list.progress', {}))!;
    expect(progress).toMatchObject({ keys: 40, gone: 10 });
    // Once every row was read, found minus gone is what the database holds (reads reclaim expired keys, so DBSIZE agrees).
    await call('browser.list.meta', { ids: rows.map((r) => r.id) });
    expect(progress.keys - progress.gone!).toBe(await admin.dbsize());

    // A key created again under a gone name is present at its next read; one the value side deletes leaves both counts.
    await admin.set('gone:00', 'back');
    await call('browser.list.meta', { ids: rows.map((r) => r.id) });
    // By name: the rows come in SCAN order, which changes with each server's hash seed (early[1] was once gone:00, back again).
    await call('browser.list.forget', { id: rows.find((r) => r.label === 'gone:01')!.id });
    progress = (await call<ListProgress>('browser.list.progress', {}))!;
    expect(progress).toMatchObject({ keys: 39, gone: 8 });

    // A new scan starts from what Redis has now.
    const again = await call<ListProgress>('browser.list.start', { match: 'gone:*', toEnd: true });
    expect(again.keys).toBe(31);
    expect(again.gone).toBeUndefined();
    expect(await ids(again.scanId)).toHaveLength(31);
  });
});
