import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserDatabase } from '../../electron/core/db/user-database';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { clearNamespace, countNamespace } from '../../electron/core/redis/namespace';
import { tracedClient } from '../../electron/core/redis/traced-client';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const NS = 'rpi:';

/** Keys a developer already has: every type, with and without TTL, a binary name, and look-alikes of the namespace. */
async function plant(client: Redis) {
  await client.set('user:1', 'not ours', 'EX', 5000);
  await client.set('rpi', 'prefix without the colon');
  await client.set('rpi-user:1', 'similar prefix');
  await client.set('RPI:user:1', 'other case');
  await client.hset('session:abc', { user: '1', role: 'admin' });
  await client.zadd('game_leaderboard', 1500, 'alice', 1200, 'bob');
  await client.sadd('pending_writes', '1', '2');
  await client.rpush('queue', 'a', 'b');
  await client.set(Buffer.from([0xff, 0x00, 0x72, 0x70, 0x69, 0x3a]), Buffer.from([1, 2, 3]));
  await client.pexpire('session:abc', 900_000);
}

async function fingerprint(client: Redis) {
  const keys = (await client.keysBuffer('*')).filter((k) => !k.toString('latin1').startsWith(NS));
  keys.sort(Buffer.compare);
  const out: { key: string; dump: string; pttl: number }[] = [];
  for (const key of keys) {
    const dump = (await client.dumpBuffer(key))!.toString('hex');
    const pttl = await client.pttl(key);
    out.push({ key: key.toString('hex'), dump, pttl });
  }
  return out;
}

describe('namespace isolation on an existing Redis', () => {
  let redis: TestRedis;
  let check: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
  });
  afterAll(() => redis.stop());

  it('leaves every key outside the namespace byte-for-byte untouched, TTLs included, after run and reset', async () => {
    await plant(check);
    await check.set('rpi:old', 'left by an earlier run');
    const before = await fingerprint(check);
    expect(before.length).toBe(9);

    const connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: NS }, { dataDir: '/tmp' });
    expect(connection.status()).toMatchObject({ existingKeys: 1, existingSample: ['rpi:old'] });
    const db = await UserDatabase.create(0);
    const session = new PatternSession(cacheAside, { dbLatencyMs: 0 }, connection, db);
    // The host refuses to delete a key it did not create until the user agrees, for this server and namespace.
    await expect(session.reset()).rejects.toMatchObject({ code: 'consent_required', consent: { keys: 1, sample: ['rpi:old'] } });
    expect(await check.exists('rpi:old')).toBe(1);
    await session.reset(undefined, { server: connection.label, namespace: NS, keys: 1 });
    expect(connection.status().existingKeys).toBe(0);
    expect(await check.exists('rpi:old')).toBe(0);
    for (let i = 0; i < cacheAside.steps.length; i++) await session.step();
    expect(await check.exists('rpi:user:1')).toBe(1);
    await session.reset();
    await connection.close();
    db.close();

    const after = await fingerprint(check);
    const withoutTtl = (f: typeof before) => f.map(({ key, dump }) => ({ key, dump }));
    expect(withoutTtl(after)).toEqual(withoutTtl(before));
    after.forEach((a, i) => {
      // TTLs keep running while the test runs; nothing may have set, cleared or extended them.
      if (before[i].pttl < 0) expect(a.pttl).toBe(before[i].pttl);
      else expect(before[i].pttl - a.pttl).toSatisfy((d: number) => d >= 0 && d < 10_000);
    });
    expect(await countNamespace(check, NS)).toBe(0);
  });

  it('clears a large namespace in batches with SCAN + UNLINK', async () => {
    const pipe = check.pipeline();
    for (let i = 0; i < 5000; i++) pipe.set(`rpi:bulk:${i}`, i);
    await pipe.exec();
    await check.set('rpi:glob*[x]', 'glob characters in a key');
    expect(await clearNamespace(check, NS)).toBe(5001);
    expect(await countNamespace(check, NS)).toBe(0);
    expect(await check.exists('user:1')).toBe(1);
  });

  it('refuses, before sending, any command that names a key outside the namespace', async () => {
    const trace: unknown[] = [];
    const client = tracedClient(check, 'client', NS, (t) => trace.push(t));
    await expect(client.set('user:1', 'x')).rejects.toThrow(/outside the namespace/);
    await expect(client.del('rpi:a', 'user:1')).rejects.toThrow(/outside the namespace/);
    await expect(client.call('EVAL', 'return 1', 1, 'user:1')).rejects.toThrow(/outside the namespace/);
    await expect(client.call('FLUSHDB')).rejects.toThrow(/never sent/);
    await expect(client.call('KEYS', '*')).rejects.toThrow(/never sent/);
    expect(trace).toEqual([]);
    expect(await check.get('user:1')).toBe('not ours');
    await client.set('rpi:mine', 'ok');
    expect(trace).toHaveLength(1);
  });
});
