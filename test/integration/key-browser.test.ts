import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDetails, scanPage } from '../../electron/core/browser/key-browser';
import { readKeyValue } from '../../electron/core/browser/key-value';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import type { KeyInfo } from '../../shared/model';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const KEYS = 200_000;
const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };

describe('key browser on a real redis-server with 200,000 keys', () => {
  let redis: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = redis.client();
    for (let start = 0; start < KEYS; start += 10_000) {
      const pipe = client.pipeline();
      for (let i = start; i < start + 10_000; i++) {
        if (i % 1000 === 0) pipe.zadd(`board:${i}`, i, 'alice');
        else pipe.set(`item:${i}`, i);
      }
      await pipe.exec();
    }
    await client.set(Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00]), 'binary name', 'EX', 300);
  }, 120_000);
  afterAll(() => redis.stop());

  it('walks the whole keyspace in bounded pages with SCAN, every key seen', async () => {
    const seen = new Set<string>();
    let cursor = '0';
    let pages = 0;
    do {
      const page = await scanPage(client, facts, { cursor });
      expect(page.keys.length).toBeLessThanOrEqual(500 + 2000);
      expect(page.total).toBe(KEYS + 1);
      for (const k of page.keys) seen.add(k.id);
      cursor = page.cursor;
      pages++;
    } while (cursor !== '0');
    expect(seen.size).toBe(KEYS + 1);
    expect(pages).toBeGreaterThan(KEYS / 2500);
  });

  it('filters with MATCH and TYPE', async () => {
    const boards = new Set<string>();
    let cursor = '0';
    do {
      const page = await scanPage(client, facts, { cursor, type: 'zset' });
      for (const k of page.keys) boards.add(k.label);
      cursor = page.cursor;
    } while (cursor !== '0');
    expect(boards.size).toBe(KEYS / 1000);
    expect([...boards].every((k) => k.startsWith('board:'))).toBe(true);

    const page = await scanPage(client, facts, { cursor: '0', match: 'item:1999?' });
    let all = page.keys.map((k) => k.label);
    let next = page.cursor;
    while (next !== '0') {
      const more = await scanPage(client, facts, { cursor: next, match: 'item:1999?' });
      all = all.concat(more.keys.map((k) => k.label));
      next = more.cursor;
    }
    expect(all.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `item:1999${i}`));
  });

  it('says which server version a type filter needs', async () => {
    await expect(scanPage(client, { ...facts, version: '5.0.7', major: 5 }, { cursor: '0', type: 'hash' })).rejects.toThrow(/needs Redis 6\.0 or newer; this server runs 5\.0\.7/);
  });

  it('reads details for the rows on screen by id, binary names included', async () => {
    const binaryId = Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00]).toString('base64');
    const gone = Buffer.from('never-existed').toString('base64');
    const details = (await keyDetails(client, [binaryId, Buffer.from('board:5000').toString('base64'), gone])) as (KeyInfo & { id: string })[];
    expect(details.map((d) => d.id)).toEqual([binaryId, Buffer.from('board:5000').toString('base64'), gone]);
    // A key deleted since the scan says so, rather than leaving its row on "Reading…".
    expect(details[2]).toEqual({ id: gone, missing: 'deleted' });
    expect(details[0]).toMatchObject({ key: 'bin\\xff\\x00', type: 'string', preview: 'binary name', size: 11 });
    expect(details[0].pttl).toBeGreaterThan(290_000);
    expect(details[1]).toMatchObject({ type: 'zset', preview: 'alice: 5000', size: 1, pttl: -1 });
  });

  it('reads one value for the value pane, bounded, for every type', async () => {
    const id = (key: string | Buffer) => Buffer.from(key).toString('base64');
    await client.set('view:json', JSON.stringify({ a: 1, b: [2, 3] }));
    await client.set('view:huge', 'x'.repeat(300_000));
    await client.rpush('view:list', 'a', 'b');
    await client.sadd('view:set', 'm');
    await client.hset('view:hash', { f: 'v' });
    await client.xadd('view:stream', '1-1', 'type', 'signup');
    for (let i = 0; i < 250; i += 50) await client.zadd('view:zset', ...Array.from({ length: 50 }, (_, j) => [i + j, `p${i + j}`]).flat());

    expect(await readKeyValue(client, id('view:json'))).toMatchObject({ type: 'string', text: '{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ]\n}', truncated: false });
    const huge = await readKeyValue(client, id('view:huge'));
    expect(huge).toMatchObject({ size: 300_000, truncated: true });
    expect(huge!.text!.length).toBeLessThanOrEqual(64 * 1024 + 1);
    expect(await readKeyValue(client, id(Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00])))).toMatchObject({ key: 'bin\\xff\\x00', text: 'binary name' });
    expect(await readKeyValue(client, id('view:list'))).toMatchObject({ rows: [['0', 'a'], ['1', 'b']], truncated: false });
    expect(await readKeyValue(client, id('view:set'))).toMatchObject({ rows: [['m']] });
    expect(await readKeyValue(client, id('view:hash'))).toMatchObject({ rows: [['f', 'v']] });
    expect(await readKeyValue(client, id('view:stream'))).toMatchObject({ rows: [['1-1', 'type=signup']] });
    const zset = await readKeyValue(client, id('view:zset'));
    expect(zset).toMatchObject({ size: 250, truncated: true });
    expect(zset!.rows).toHaveLength(200);
    expect(zset!.rows![0]).toEqual(['p249', '249']);
    expect(await readKeyValue(client, id('view:none'))).toBeNull();
  });
});
