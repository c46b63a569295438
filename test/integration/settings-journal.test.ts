/**
 * notify-keyspace-events on someone else's Redis: a host that dies before
 * putting it back (found by an attacker: kill -9 left "AK" for good) is
 * caught at the next connection, which puts back what the server had
 * before, not the leftover.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis } from '../helpers/redis-server';

describe('the notification setting a run left behind', () => {
  it('is noted before it is changed, and the next connection puts back the server’s own value', async () => {
    const redis = await startTestRedis();
    const admin = redis.client();
    await admin.config('SET', 'notify-keyspace-events', 'Ex');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-journal-'));
    const journal = path.join(dataDir, 'server-settings-journal.json');
    const notify = async () => ((await admin.config('GET', 'notify-keyspace-events')) as string[])[1];
    const first = new AppCore({ dataDir, transport: 'web', version: 'test' });
    const second = new AppCore({ dataDir, transport: 'web', version: 'test' });
    try {
      expect((await dispatch(first.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'sj:' })).ok).toBe(true);
      expect(await notify()).toMatch(/^(?=.*K)(?=.*A)(?=.*E)/);
      const noted = JSON.parse(readFileSync(journal, 'utf8')) as { previous: string; set: string }[];
      expect(noted).toEqual([{ server: `127.0.0.1:${redis.port}`, setting: 'notify-keyspace-events', previous: 'xE', set: expect.stringMatching(/^(?=.*K)(?=.*A)/) }]);
      // The first host "dies" here: it never puts the setting back. The next one connects to the same server.
      expect((await dispatch(second.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'sj:' })).ok).toBe(true);
      expect((await dispatch(second.handlers, 'connection.disconnect', {})).ok).toBe(true);
      // Put back to what the server had before the first run, not to the first run's leftover; the journal is empty again.
      expect(await notify()).toBe('xE');
      expect(JSON.parse(readFileSync(journal, 'utf8'))).toEqual([]);
    } finally {
      await second.shutdown();
      await first.shutdown().catch(() => undefined);
      admin.disconnect();
      await redis.stop();
    }
  });

  it('keeps nothing for the sandbox, the app’s own server', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-journal-'));
    const core = new AppCore({ dataDir, transport: 'web', version: 'test' });
    try {
      expect((await dispatch(core.handlers, 'connection.connect', { kind: 'sandbox' })).ok).toBe(true);
      expect(existsSync(path.join(dataDir, 'server-settings-journal.json'))).toBe(false);
    } finally {
      await core.shutdown();
    }
  });
});
