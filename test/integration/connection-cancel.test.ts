import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

describe('a disconnect sent while a connect is in flight cancels it', () => {
  let redis: TestRedis | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-cancel-'));
  const core = new AppCore({ dataDir, transport: 'web', version: 'test' });
  /** The sandboxes this app has running: each keeps a pidfile while it lives. */
  const sandboxPidfiles = () => readdirSync(dataDir).filter((name) => /^sandbox-redis-.*\.pid$/.test(name));
  afterAll(async () => {
    await core.shutdown();
    await redis?.stop();
  });

  it('on an existing Redis: the connect ends cancelled, the state is disconnected, and no app connection is left open', async () => {
    redis = await startTestRedis();
    const admin = redis.client();
    const connecting = dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'cc:' });
    expect(await dispatch(core.handlers, 'connection.status', {})).toMatchObject({ ok: true, value: { state: 'connecting' } });
    expect(await dispatch(core.handlers, 'connection.disconnect', {})).toMatchObject({ ok: true, value: { state: 'disconnected' } });
    expect(await connecting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await dispatch(core.handlers, 'connection.status', {})).toMatchObject({ ok: true, value: { state: 'disconnected' } });
    const clients = String(await admin.call('CLIENT', 'LIST'));
    expect(clients).not.toMatch(/name=rpi:/);
  });

  it('on the sandbox: the server started for the cancelled connect is stopped', async () => {
    const connecting = dispatch(core.handlers, 'connection.connect', { kind: 'sandbox', namespace: 'rpi:' });
    await dispatch(core.handlers, 'connection.disconnect', {});
    expect(await connecting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(sandboxPidfiles()).toEqual([]);
    // A later connect works as usual.
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'sandbox', namespace: 'rpi:' })).toMatchObject({ ok: true, value: { state: 'connected' } });
    expect(sandboxPidfiles()).toHaveLength(1);
  });
});
