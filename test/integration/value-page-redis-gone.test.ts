/** A value read while Redis is away fails as "not reachable", never as a missing ACL right (an attacker saw "no right to run TYPE" while Redis was down). */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis } from '../helpers/redis-server';

const id = (key: string) => Buffer.from(key).toString('base64');

describe('the value pane when Redis goes away', () => {
  it('says Redis is not reachable, not that a right is missing', async () => {
    const redis = await startTestRedis();
    const admin = redis.client();
    await admin.set('vg:val', 'hello');
    const core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-vg-')), transport: 'web', version: 'test' });
    try {
      expect((await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'vg:' })).ok).toBe(true);
      const page = await dispatch(core.handlers, 'keyEditor.page', { id: id('vg:val') });
      expect(page).toMatchObject({ ok: true, value: { type: 'string' } });
      admin.disconnect();
      process.kill(redis.pid, 'SIGKILL');
      // At once (before the status says reconnecting) and a little later: refused as unreachable each time.
      for (const wait of [0, 50, 300]) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        const away = await dispatch(core.handlers, 'keyEditor.page', { id: id('vg:val') });
        expect(away.ok, `after ${wait} ms: ${JSON.stringify(away).slice(0, 300)}`).toBe(false);
        if (!away.ok) expect(away.error.code).toBe('redis_unavailable');
      }
    } finally {
      await core.shutdown();
    }
  });
});
