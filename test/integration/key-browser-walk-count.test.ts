import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { SCAN_COUNT } from '../../electron/core/browser/key-scan';
import { openMonitor } from '../../electron/core/redis/monitor-client';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * "Scan to the end" on someone's Redis must not hold it longer per call than
 * a page does: the walk's SCAN COUNT there is the page's, read off the
 * commands the server actually received (MONITOR), not off the app's settings.
 */
describe('the key browser walks an existing Redis in short SCAN calls', () => {
  let redis: TestRedis;
  let seed: Redis;
  let monitor: Redis;
  let feed: Redis;
  let core: AppCore;
  const counts: number[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    seed = redis.client();
    const pipe = seed.pipeline();
    for (let i = 0; i < 30_000; i++) pipe.set(`theirs:${i}`, 'x');
    await pipe.exec();
    monitor = redis.client();
    // The app's own monitor connection (ioredis' monitor() let early MONITOR lines throw on a loaded run).
    feed = await openMonitor(monitor, 'test:monitor');
    feed.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() !== 'scan') return;
      const at = args.findIndex((a) => a.toLowerCase() === 'count');
      if (at >= 0) counts.push(Number(args[at + 1]));
    });
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-walk-')), transport: 'web', version: 'test' });
    await core.handlers['connection.connect']({ kind: 'existing', host: '127.0.0.1', port: redis.port, db: 0, tls: false, verifyCertificate: true, namespace: 'app:', serverOrder: false, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await core?.shutdown();
    feed?.disconnect();
    monitor?.disconnect();
    seed?.disconnect();
    await redis?.stop();
  });

  it('scans every key to the end with COUNT no larger than a page’s', async () => {
    counts.length = 0;
    await core.handlers['browser.list.start']({ match: '*', toEnd: true });
    let progress = await core.handlers['browser.list.progress']({});
    for (let i = 0; i < 600 && !progress?.done; i++) {
      await new Promise((r) => setTimeout(r, 50));
      progress = await core.handlers['browser.list.progress']({});
    }
    expect(progress?.done).toBe(true);
    expect(progress?.keys).toBe(30_000);
    // MONITOR lines arrive after the replies: wait until the last call is in (seconds behind on a loaded machine).
    await eventually(() => expect(counts.length).toBe(progress?.calls), 15_000);
    expect(Math.max(...counts)).toBe(SCAN_COUNT);
  });
});
