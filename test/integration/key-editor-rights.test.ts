import os from 'node:os';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { english } from '../helpers/format-message';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const id = (key: string) => Buffer.from(key).toString('base64');

describe("an ACL user's write rights are found out at the key browser without writing anything", () => {
  let redis: TestRedis;
  let admin: Redis;
  let core: AppCore | undefined;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    const user = (name: string, ...rules: string[]) => admin.call('ACL', 'SETUSER', name, 'reset', 'on', '>pw', ...rules);
    await user('ro', '~*', '&*', '+@read', '+@connection', '-@write');
    await user('rotx', '~*', '&*', '+@read', '+@connection', '+@transaction', '-@write');
    await user('elsewhere', '~app:*', '%R~*', '&*', '+@all', '-@dangerous');
    await user('noxadd', '~*', '&*', '+@all', '-@dangerous', '-xadd');
    await user('full', '~*', '&*', '+@all', '-@dangerous');
  });
  afterEach(async () => {
    await core?.shutdown();
    core = undefined;
  });
  afterAll(() => redis?.stop());

  async function as(username: string) {
    core = new AppCore({ dataDir: os.tmpdir(), transport: 'web', version: 'test', pollIntervalMs: 200 });
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, username, password: 'pw', namespace: 'kr:' })).toMatchObject({ ok: true });
    await admin.set('kr:profile', 'Ada');
    await admin.config('RESETSTAT');
    const before = await admin.dbsize();
    const rights = english(await dispatch(core.handlers, 'keyEditor.rights', {})) as { ok: true; value: { ok: boolean; reason?: string } };
    const page = english(await dispatch(core.handlers, 'keyEditor.page', { id: id('kr:profile'), count: 10, view: 'auto' })) as { ok: true; value: { writable: { ok: boolean; reason?: string } } };
    // Nothing was written: no key added, and Redis ran none of the probed writes (a queued command that is discarded never runs;
    // a refused one counts as rejected, with 0 calls).
    expect(await admin.dbsize()).toBe(before);
    expect(await admin.get('kr:profile')).toBe('Ada');
    const stats = await admin.info('commandstats');
    for (const write of ['set', 'del', 'hset', 'rpush', 'zadd', 'xadd', 'restore', 'pexpire', 'renamenx', 'exec']) {
      expect(Number(new RegExp(`cmdstat_${write}:calls=(\\d+)`).exec(stats)?.[1] ?? 0), write).toBe(0);
    }
    return { rights: rights.value, writable: page.value.writable };
  }

  it('+@read -@write: WATCH and MULTI are refused, so every edit is; the reason is said before any edit is offered', async () => {
    const { rights, writable } = await as('ro');
    expect(rights).toEqual({ ok: false, reason: 'Read-only: your Redis user may not run WATCH, MULTI on keys under "kr:" (Redis answered NOPERM to a check that changed nothing), so no edit can run.' });
    expect(writable).toEqual(rights);
  });

  it('+@transaction but -@write: every write is refused when queued, so nothing can be edited either', async () => {
    const { rights, writable } = await as('rotx');
    expect(rights.ok).toBe(false);
    expect(rights.reason).toMatch(/may not run SET, PEXPIRE, PERSIST \(\+15\) on keys under "kr:"/);
    expect(writable).toEqual(rights);
  });

  it('writes allowed only outside the namespace: refused on its keys, by key pattern', async () => {
    const { rights } = await as('elsewhere');
    // WATCH passes (reading every key is allowed); each write is refused on the namespace's key when queued.
    expect(rights).toMatchObject({ ok: false, reason: expect.stringMatching(/may not run SET, PEXPIRE, PERSIST \(\+15\) on keys under "kr:"/) });
  });

  it('a replica is read-only for everyone: said as such, and no probe is sent to it', async () => {
    const replica = await startTestRedis(['--replicaof', '127.0.0.1', String(redis.port)]);
    try {
      core = new AppCore({ dataDir: os.tmpdir(), transport: 'web', version: 'test', pollIntervalMs: 200 });
      expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: replica.port, namespace: 'kr:' })).toMatchObject({ ok: true });
      expect(english(await dispatch(core.handlers, 'keyEditor.rights', {}))).toEqual({ ok: true, value: { ok: false, reason: 'Read-only: this server is a replica; edits go to its primary.' } });
      const stats = await replica.client().info('commandstats');
      expect(stats).not.toMatch(/cmdstat_multi:/);
    } finally {
      await core?.shutdown();
      core = undefined;
      await replica.stop();
    }
  });

  it('one write refused (XADD) or none: edits stay offered, and a refused one names the right when tried', async () => {
    expect(await as('noxadd')).toEqual({ rights: { ok: true }, writable: { ok: true } });
    await core!.shutdown();
    expect(await as('full')).toEqual({ rights: { ok: true }, writable: { ok: true } });
  });
});
