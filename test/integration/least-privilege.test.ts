import os from 'node:os';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { english } from '../helpers/format-message';
import type { Message } from '../../shared/i18n/message';

/**
 * Real ACL users on a real redis-server: each connects and gets every
 * feature it can have; what is refused is named (command, ACL categories),
 * never a blank, NaN or undefined.
 */
describe('least-privilege Redis users', () => {
  let redis: TestRedis;
  let admin: Redis;
  let core: AppCore;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    // The common "everything but dangerous" user: no INFO, CONFIG, MONITOR, KEYS…
    await admin.call('ACL', 'SETUSER', 'safe', 'on', '>pw', '~*', '&*', '+@all', '-@dangerous');
    await admin.call('ACL', 'SETUSER', 'noscan', 'on', '>pw', '~*', '&*', '+@all', '-@dangerous', '-scan');
    await admin.call('ACL', 'SETUSER', 'noscript', 'on', '>pw', '~*', '&*', '+@all', '-@dangerous', '-@scripting');
  });
  afterEach(async () => {
    await core?.shutdown();
    await admin.flushdb();
  });
  afterAll(() => redis?.stop());

  const connect = (username: string, serverOrder = false) => {
    core = new AppCore({ dataDir: os.tmpdir(), transport: 'web', version: 'test', pollIntervalMs: 200 });
    return dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, username, password: 'pw', namespace: 'lp:', serverOrder });
  };

  it('a +@all -@dangerous user connects: version from HELLO, Keys panel by polling, the pattern runs, each refusal named', async () => {
    const connected = await connect('safe', true);
    expect(connected).toMatchObject({ ok: true, value: { state: 'connected', version: '7.0.15', role: 'master', mode: 'standalone', keyspaceFeed: 'polling' } });
    const limits = english(connected as { value: { limits: Message[] } }).value.limits;
    expect(limits.join('\n')).toMatch(/may not run INFO \(ACL categories [^)]*@dangerous[^)]*\): grant \+info to allow it\. The server's version and role were read with HELLO instead\./);
    expect(limits.join('\n')).not.toMatch(/undefined|NaN/);
    // Server order was asked for, but MONITOR is @dangerous: traces say they are in reply order, and why.
    expect(english(connected)).toMatchObject({ value: { traceOrder: { order: 'reply', reason: expect.stringMatching(/may not run MONITOR .*grant \+monitor/) } } });

    expect(await dispatch(core.handlers, 'session.open', { patternId: 'cache-aside', params: { dbLatencyMs: 0 } })).toMatchObject({ ok: true });
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true, value: { outcome: 'miss' } });
    expect(await admin.exists('lp:user:1')).toBe(1);
  });

  it('a user without SCAN connects, is told why patterns cannot start, and the step error names SCAN', async () => {
    const connected = await connect('noscan');
    expect(connected).toMatchObject({ ok: true });
    expect(english(connected as { value: { limits: Message[] } }).value.limits.join('\n')).toMatch(/may not run SCAN: grant \+scan to allow it\. Without SCAN the app cannot see what is under the namespace/);
    const open = await dispatch(core.handlers, 'session.open', { patternId: 'leaderboard' });
    expect(open).toMatchObject({ ok: false, error: { code: 'no_permission', message: expect.stringMatching(/may not run SCAN/) } });
  });

  it('a user without scripting runs the plain patterns; the Lua step is refused with EVALSHA named', async () => {
    expect(await connect('noscript')).toMatchObject({ ok: true });
    expect(await dispatch(core.handlers, 'session.open', { patternId: 'lua-withdraw', params: { clients: 3 } })).toMatchObject({ ok: true });
    const results = [];
    for (let i = 0; i < 6; i++) {
      const step = await dispatch(core.handlers, 'session.step', {});
      results.push(step);
      if (!step.ok) break;
    }
    const failure = results.find((r) => !r.ok) as { error: { code: string; message: string } } | undefined;
    expect(failure?.error.code).toBe('no_permission');
    expect(failure?.error.message).toMatch(/may not run (SCRIPT|EVALSHA|EVAL)/);
    expect(failure?.error.message).not.toMatch(/undefined|NaN|NOPERM/);
  });
});
