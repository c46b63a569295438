import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyList } from '../../electron/core/browser/key-list';
import { redisGlobMatch } from '../../electron/core/browser/redis-glob';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };
const NAMES = ['user:1', 'user:10', 'User:2', 'a*b', 'a?b', 'a[b', 'a]b', 'a\\b', 'ab', 'abc', 'x-y', 'xay', 'b', '', '사용자:1', '😀:1'];
const PATTERNS = ['*', 'user:*', 'user:?', '*:1', 'a\\*b', 'a\\?b', 'a[*?]b', 'a[^*?]b', 'a\\[b', '[a-c]*', '[c-a]?', '*b*', 'a*b*c', '?', '', 'x[^a]y', 'a[\\]]b', '*[0-9]', '사용자*', 'a\\\\b'];

async function scanAll(client: Redis, match: string): Promise<string[]> {
  const seen = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', match, 'COUNT', 1000);
    for (const k of keys) seen.add(k.toString('hex'));
    cursor = next.toString();
  } while (cursor !== '0');
  return [...seen].sort();
}

describe('a key the value side created joins the scanned list only if Redis has it and the scan would have found it', () => {
  let redis: TestRedis;
  let admin: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    for (const n of NAMES) await admin.set(n, '1');
    await admin.hset('h:1', 'f', 'v');
  });
  afterAll(() => redis?.stop());

  it("the host's glob agrees with SCAN MATCH on the server, pattern by pattern", async () => {
    for (const pattern of PATTERNS) {
      const server = await scanAll(admin, pattern);
      const mine = [...NAMES, 'h:1'].filter((n) => redisGlobMatch(Buffer.from(pattern), Buffer.from(n))).map((n) => Buffer.from(n).toString('hex')).sort();
      expect(mine, pattern).toEqual(server);
    }
  });

  it('a hand-crafted learn of a missing name, of one outside MATCH or of another type adds nothing; a real one is counted once', async () => {
    const list = new KeyList(redis.client(), facts, () => undefined);
    await list.start({ match: 'user:*' }, true);
    await list.idle();
    expect(list.progress()!.keys).toBe(2);
    await list.learn(Buffer.from('user:never-created'));
    await list.learn(Buffer.from('ab'));
    expect(list.progress()!.keys).toBe(2);
    await admin.set('user:new', '1');
    await list.learn(Buffer.from('user:new'));
    await list.learn(Buffer.from('user:new'));
    expect(list.progress()!.keys).toBe(3);

    await list.start({ match: '*', type: 'hash' }, true);
    await list.idle();
    expect(list.progress()!.keys).toBe(1);
    await list.learn(Buffer.from('user:new'));
    await admin.hset('h:2', 'f', 'v');
    await list.learn(Buffer.from('h:2'));
    expect(list.progress()!.keys).toBe(2);
  });
});
