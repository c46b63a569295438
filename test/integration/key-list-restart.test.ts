/** The key browser after Redis restarts under it, through the app (found by an attacker: the list went on with the old cursor and kept 104,038 keys a restarted, empty server no longer had). */
import { describe, expect, it } from 'vitest';
import type { ListProgress } from '../../shared/browser-list';
import { consoleCore } from '../helpers/console-core';
import { eventually, startTestRedis } from '../helpers/redis-server';

describe('the key list when Redis restarts', () => {
  it('says its rows are from before the restart, does not walk on with the old cursor, and a new scan reads the new server', async () => {
    let redis = await startTestRedis();
    const port = redis.port;
    const app = consoleCore();
    const progress: ListProgress[] = [];
    const off = app.core.events.subscribe((batch) => {
      for (const e of batch) if (e.type === 'browserList') progress.push(e.payload);
    });
    try {
      const seed = redis.client();
      const pipe = seed.pipeline();
      for (let i = 0; i < 5000; i++) pipe.set(`old:${i}`, '1');
      await pipe.exec();
      seed.disconnect();
      await app.call('connection.connect', { kind: 'existing', port, namespace: 'kr:' });
      const first = await app.call<ListProgress>('browser.list.start', { match: '*' });
      expect(first.keys).toBeGreaterThan(0);

      await redis.stop();
      redis = await startTestRedis([], { port });
      await redis.client().set('new:only', '1');
      await eventually(() => expect(progress.some((p) => p.scanId === first.scanId && p.error?.msg?.id === 'browserList.error.restarted')).toBe(true), 10_000);
      // The old scan does not go on: its cursor was the old server's.
      await expect(app.call('browser.list.more', { scanId: first.scanId, toEnd: true })).rejects.toThrow(/redis_unavailable/);
      const fresh = await app.call<ListProgress>('browser.list.start', { match: '*', toEnd: true });
      await eventually(async () => expect(await app.call<ListProgress | null>('browser.list.progress', {})).toMatchObject({ scanId: fresh.scanId, done: true, keys: 1 }));
    } finally {
      off();
      await app.core.shutdown();
      await redis.stop();
    }
  });
});
