import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDetails, scanPage } from '../../electron/core/browser/key-browser';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const KEYS = 200_000;
const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0 };

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
    const details = await keyDetails(client, [binaryId, Buffer.from('board:5000').toString('base64'), gone]);
    expect(details.map((d) => d.id)).toEqual([binaryId, Buffer.from('board:5000').toString('base64')]);
    expect(details[0]).toMatchObject({ key: 'bin\\xff\\x00', type: 'string', preview: 'binary name', size: 11 });
    expect(details[0].pttl).toBeGreaterThan(290_000);
    expect(details[1]).toMatchObject({ type: 'zset', preview: 'alice: 5000', size: 1, pttl: -1 });
  });
});
