import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFlag } from '@ioredis/commands';
import { askServerKeys } from '../../electron/core/console/server-keys';
import { ownKeySpots } from '../../electron/core/redis/command-keys';
import { tracedClient } from '../../electron/core/redis/traced-client';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { consoleCore } from '../helpers/console-core';

const NS = 'rpi:';

/** A developer's own keys, one of each type the commands below could reach. */
async function plant(admin: Redis) {
  await admin.set('pop:4:4', 'keep me');
  await admin.rpush('pop:l', 'x', 'y');
  await admin.zadd('pop:z', 1, 'a', 2, 'b');
  await admin.sadd('pop:set', 'a', 'b');
  await admin.set('pop:w_1', '9');
  await admin.hset('pop:h_1', 'f', 'secret');
  await admin.geoadd('pop:g', 0, 0, 'm');
  await admin.xadd('pop:s', '1-1', 'f', 'v');
  await admin.call('XGROUP', 'CREATE', 'pop:s', 'g', '0');
}

/** Every key outside the namespace, by name, with a digest of its DUMP. */
async function outsideDigest(admin: Redis): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let cursor = '0';
  do {
    const [next, keys] = await admin.scanBuffer(cursor, 'COUNT', 1000);
    cursor = next.toString();
    for (const key of keys) {
      if (key.toString('latin1').startsWith(NS)) continue;
      out[key.toString('latin1')] = (await admin.dumpBuffer(key))!.toString('hex');
    }
  } while (cursor !== '0');
  return out;
}

/** Each line reaches a key outside the namespace through an option or a count the first key does not show; the expected refusal names it. */
const REFUSED: [line: string, id: string, values: Record<string, string>][] = [
  ['SORT rpi:nothing STORE pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['SORT rpi:l STORE pop:44:44', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['sort rpi:l store pop:44:44', 'errors.namespace.outside', { key: 'pop:44:44' }],
  // The server keeps the last STORE.
  ['SORT rpi:l STORE rpi:ok STORE pop:44:44', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['SORT rpi:l LIMIT 0 2 ALPHA DESC STORE pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['SORT rpi:l BY pop:w_*', 'errors.namespace.pattern', { option: 'BY', pattern: 'pop:w_*' }],
  ['SORT rpi:l GET pop:w_*', 'errors.namespace.pattern', { option: 'GET', pattern: 'pop:w_*' }],
  ['SORT_RO rpi:l GET # GET pop:h_*->f', 'errors.namespace.pattern', { option: 'GET', pattern: 'pop:h_*->f' }],
  // The star inside the namespace's own text: "r" + an element is any key.
  ['SORT rpi:l BY r*', 'errors.namespace.pattern', { option: 'BY', pattern: 'r*' }],
  ['SORT rpi:l BY nosort GET *', 'errors.namespace.pattern', { option: 'GET', pattern: '*' }],
  ['GEORADIUS rpi:g 0 0 100 km STORE pop:44:44', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['GEORADIUS rpi:g 0 0 100 km STORE rpi:near STORE pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['GEORADIUS rpi:g 0 0 100 km STOREDIST pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['GEORADIUSBYMEMBER rpi:g m 100 km STORE pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['XREAD COUNT 1 STREAMS rpi:s pop:s 0 0', 'errors.namespace.outside', { key: 'pop:s' }],
  ['XREADGROUP GROUP g c STREAMS pop:s >', 'errors.namespace.outside', { key: 'pop:s' }],
  ['XGROUP CREATE pop:44:44 g $ MKSTREAM', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['XGROUP DESTROY pop:s g', 'errors.namespace.outside', { key: 'pop:s' }],
  ['XGROUP SETID pop:s g $', 'errors.namespace.outside', { key: 'pop:s' }],
  ['XINFO STREAM pop:s', 'errors.namespace.outside', { key: 'pop:s' }],
  ['OBJECT ENCODING pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['MEMORY USAGE pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['ZUNION 2 rpi:z pop:z', 'errors.namespace.outside', { key: 'pop:z' }],
  ['ZINTER 2 rpi:z pop:z', 'errors.namespace.outside', { key: 'pop:z' }],
  ['ZDIFF 2 rpi:z pop:z', 'errors.namespace.outside', { key: 'pop:z' }],
  ['ZUNIONSTORE rpi:d 2 rpi:z pop:z', 'errors.namespace.outside', { key: 'pop:z' }],
  ['ZUNIONSTORE pop:44:44 1 rpi:z', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['ZDIFFSTORE pop:4:4 1 rpi:z', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['LMPOP 2 rpi:l pop:l LEFT', 'errors.namespace.outside', { key: 'pop:l' }],
  ['ZMPOP 2 rpi:z pop:z MIN', 'errors.namespace.outside', { key: 'pop:z' }],
  ['SINTERCARD 2 rpi:set pop:set', 'errors.namespace.outside', { key: 'pop:set' }],
  ['ZINTERCARD 2 rpi:z pop:z', 'errors.namespace.outside', { key: 'pop:z' }],
  ['GEOSEARCHSTORE pop:44:44 rpi:g FROMLONLAT 0 0 BYRADIUS 100 km', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['BITOP OR rpi:b pop:4:4', 'errors.namespace.outside', { key: 'pop:4:4' }],
  ['LMOVE rpi:l pop:l LEFT LEFT', 'errors.namespace.outside', { key: 'pop:l' }],
  ['SMOVE pop:set rpi:set a', 'errors.namespace.outside', { key: 'pop:set' }],
  ['RENAME rpi:l pop:44:44', 'errors.namespace.outside', { key: 'pop:44:44' }],
  ['MIGRATE 127.0.0.1 1 "" 0 1000 KEYS pop:4:4', 'console.refuse.otherDb', {}],
  ['EVAL "return 1" 1 pop:4:4', 'console.refuse.script', {}],
  ['FCALL f 1 pop:4:4', 'console.refuse.script', {}],
  ['BLMPOP 0 2 rpi:l pop:l LEFT', 'console.refuse.blocking', {}],
];

/** The same shapes inside the namespace, with the replies a real server gives them. */
const INSIDE: [line: string, text: string | RegExp][] = [
  ['SORT rpi:nothing STORE rpi:sorted0', '(integer) 0'],
  ['SORT rpi:l', '1) "1"\n2) "2"\n3) "3"'],
  ['SORT rpi:l STORE rpi:ok STORE rpi:sorted', '(integer) 3'],
  ['LRANGE rpi:sorted 0 -1', '1) "1"\n2) "2"\n3) "3"'],
  ['SORT rpi:l BY rpi:w_* GET # GET rpi:h_*->f', '1) "2"\n2) (nil)\n3) "1"\n4) "one"\n5) "3"\n6) (nil)'],
  ['SORT rpi:l BY nosort GET #', '1) "3"\n2) "1"\n3) "2"'],
  ['SORT_RO rpi:l DESC GET rpi:h_*->f', '1) (nil)\n2) (nil)\n3) "one"'],
  ['GEORADIUS rpi:g 0 0 100 km STORE rpi:near', '(integer) 1'],
  ['XREAD COUNT 1 STREAMS rpi:s 0', /rpi:s/],
  ['XGROUP CREATE rpi:s g 0', 'OK'],
  ['XINFO GROUPS rpi:s', /"g"/],
  ['OBJECT ENCODING rpi:l', /^"(quicklist|listpack)"$/],
  ['ZUNION 2 rpi:z rpi:z WITHSCORES', '1) "a"\n2) "2"'],
  ['SINTERCARD 1 rpi:set', '(integer) 1'],
  ['LMPOP 1 rpi:sorted LEFT', '1) "rpi:sorted"\n2) 1) "1"'],
];

async function plantInside(app: ReturnType<typeof consoleCore>) {
  for (const line of ['RPUSH rpi:l 3 1 2', 'SET rpi:w_1 2', 'SET rpi:w_2 1', 'SET rpi:w_3 3', 'HSET rpi:h_1 f one', 'ZADD rpi:z 1 a', 'SADD rpi:set a', 'GEOADD rpi:g 0 0 m', 'XADD rpi:s 1-1 f v']) {
    expect((await app.run(line)).error, line).toBe(false);
  }
}

describe('console on an existing Redis: keys named by options and counts (SORT STORE / BY / GET, GEORADIUS STORE, numkeys, subcommands)', () => {
  let redis: TestRedis;
  let admin: Redis;
  let app: ReturnType<typeof consoleCore>;
  let plain: ReturnType<typeof consoleCore>;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    await plant(admin);
    // A user who may not run COMMAND: the server cannot be asked for the keys, so the local table answers alone.
    await admin.call('ACL', 'SETUSER', 'nocommand', 'reset', 'on', '>pw', '~*', '&*', '+@all', '-command');
    app = consoleCore();
    await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS });
    plain = consoleCore();
    await plain.call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS, username: 'nocommand', password: 'pw' });
    await plantInside(app);
  });
  afterAll(async () => {
    await app.core.shutdown();
    await plain.core.shutdown();
    admin.disconnect();
    await redis.stop();
  });

  it.each([
    ['asked COMMAND GETKEYS too', () => app],
    ['refused COMMAND, by the local table alone', () => plain],
  ])('refuses each one, naming the key or the pattern, and every key outside is untouched (%s)', async (_, which) => {
    const before = await outsideDigest(admin);
    expect(Object.keys(before).sort()).toEqual(['pop:4:4', 'pop:g', 'pop:h_1', 'pop:l', 'pop:s', 'pop:set', 'pop:w_1', 'pop:z']);
    for (const [line, id, values] of REFUSED) {
      const reply = await which().run(line);
      expect(reply, line).toMatchObject({ error: true, text: '', refused: { id, values } });
    }
    expect(await outsideDigest(admin)).toEqual(before);
    expect(await admin.exists('pop:44:44')).toBe(0);
    expect(await admin.get('pop:4:4')).toBe('keep me');
  });

  it('the same commands inside the namespace still run', async () => {
    const before = await outsideDigest(admin);
    for (const [line, text] of INSIDE) {
      const reply = await app.run(line);
      expect(reply.error, `${line}: ${reply.text}`).toBe(false);
      if (typeof text === 'string') expect(reply.text, line).toBe(text);
      else expect(reply.text, line).toMatch(text);
    }
    expect(await outsideDigest(admin)).toEqual(before);
  });

  it('a SORT that would read more than 10,000 elements at once is refused before it is sent, the LIMIT named', async () => {
    await admin.rpush('rpi:big', ...Array.from({ length: 10_001 }, (_, i) => String(i)));
    await admin.zadd('rpi:bigz', ...Array.from({ length: 10_001 }, (_, i) => [i, `m${i}`]).flat());
    await admin.rpush('rpi:half', ...Array.from({ length: 6_000 }, (_, i) => String(i)));
    const before = (await admin.info('commandstats')).match(/cmdstat_sort:calls=(\d+)/)?.[1];
    expect((await app.run('SORT rpi:big')).refused).toMatchObject({ id: 'console.refuse.tooManyElements', values: { name: 'SORT', key: 'rpi:big', n: 10_001, instead: 'LIMIT offset count' } });
    expect((await app.run('SORT_RO rpi:bigz BY nosort')).refused).toMatchObject({ id: 'console.refuse.tooManyElements', values: { n: 10_001 } });
    // Each GET brings one reply per element.
    expect((await app.run('SORT rpi:half GET # GET rpi:w_*')).refused).toMatchObject({ id: 'console.refuse.tooManyElements', values: { n: 12_000 } });
    expect((await app.run('SORT rpi:big LIMIT 9000 -1')).refused).toBeUndefined();
    expect((await app.run('SORT rpi:big LIMIT 0 -1')).refused?.id).toBe('console.refuse.tooManyElements');
    expect((await admin.info('commandstats')).match(/cmdstat_sort:calls=(\d+)/)?.[1]).toBe(String(Number(before ?? 0) + 1));
    const paged = await app.run('SORT rpi:big LIMIT 0 3');
    expect(paged).toMatchObject({ error: false, text: '1) "0"\n2) "1"\n3) "2"' });
    expect((await app.run('SORT rpi:big STORE rpi:bigsorted')).text).toBe('(integer) 10001');
    expect((await app.run('SORT rpi:half GET #')).error).toBe(false);
  });

  it('COMMAND GETKEYS names the STORE key the first-key table missed, and says nothing when refused', async () => {
    const argv = ['SORT', 'rpi:l', 'STORE', 'pop:44:44'].map((a) => Buffer.from(a));
    expect((await askServerKeys(admin, argv))?.map(String)).toEqual(['rpi:l', 'pop:44:44']);
    const denied = redis.client({ username: 'nocommand', password: 'pw' });
    try {
      expect(await askServerKeys(denied, argv)).toBeUndefined();
    } finally {
      denied.disconnect();
    }
  });

  it('every key the server’s own key specs place by keyword, by count or behind a subcommand is one the guard parses', async () => {
    type Entry = [name: string, ...rest: unknown[]];
    const specKind = (spec: unknown[]) => {
      const at = (field: string) => spec[spec.indexOf(field) + 1] as unknown[];
      return `${String(at('begin_search')[1])}/${String(at('find_keys')[1])}`;
    };
    const entries = (await admin.call('COMMAND')) as Entry[];
    const moving: string[] = [];
    const keyedSubs: string[] = [];
    for (const entry of entries) {
      const specs = (entry[8] ?? []) as unknown[][];
      if (specs.some((spec) => specKind(spec) !== 'index/range')) moving.push(entry[0]);
      for (const sub of (entry[9] ?? []) as Entry[]) if (((sub[8] ?? []) as unknown[]).length) keyedSubs.push(sub[0]);
    }
    expect(moving).toContain('sort');
    // The table's own parser for each (numkeys, STREAMS, …) or ours (SORT, GEORADIUS).
    for (const name of moving) expect(hasFlag(name, 'movablekeys') || ownKeySpots(name, ['k']) !== undefined, name).toBe(true);
    expect(keyedSubs.length).toBeGreaterThan(0);
    for (const sub of keyedSubs) {
      const [container, subcommand] = sub.split('|');
      expect(ownKeySpots(container, [subcommand.toUpperCase(), 'k'])?.keys, sub).toEqual([1]);
    }
  });

  it('a pattern’s traced client is held to the same rule', async () => {
    const client = redis.client();
    try {
      const traced = tracedClient(client, 'client', NS, () => {}, undefined);
      await expect(traced.call('SORT', 'rpi:l', 'STORE', 'pop:44:44')).rejects.toMatchObject({ code: 'namespace_violation', msg: { id: 'errors.namespace.outside', values: { key: 'pop:44:44' } } });
      await expect(traced.call('SORT', 'rpi:l', 'GET', Buffer.from('pop:w_*'))).rejects.toMatchObject({ msg: { id: 'errors.namespace.pattern' } });
      await expect(traced.call('GEORADIUS', 'rpi:g', 0, 0, 1, 'km', 'STORE', 'rpi:a', 'STORE', 'pop:4:4')).rejects.toMatchObject({ msg: { values: { key: 'pop:4:4' } } });
      await expect(traced.call('XGROUP', 'DESTROY', 'pop:s', 'g')).rejects.toMatchObject({ msg: { values: { key: 'pop:s' } } });
      expect(await traced.call('SORT', 'rpi:l', 'STORE', 'rpi:traced')).toBe(3);
      expect(await admin.exists('pop:44:44')).toBe(0);
      expect(await admin.xinfo('GROUPS', 'pop:s')).toHaveLength(1);
    } finally {
      client.disconnect();
    }
  });
});

describe('console in the sandbox: SORT STORE anywhere still goes', () => {
  let app: ReturnType<typeof consoleCore>;
  beforeAll(async () => {
    app = consoleCore();
    await app.call('connection.connect', { kind: 'sandbox', namespace: NS });
  });
  afterAll(() => app.core.shutdown());

  it('stores outside the namespace and reads by any pattern', async () => {
    expect((await app.run('RPUSH l 3 1 2')).text).toBe('(integer) 3');
    expect((await app.run('SET w_1 0')).text).toBe('OK');
    expect((await app.run('SORT l BY w_* STORE pop:4:4')).text).toBe('(integer) 3');
    expect((await app.run('LRANGE pop:4:4 0 0')).text).toBe('1) "1"');
  });
});
