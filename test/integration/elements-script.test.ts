import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyDetails } from '../../electron/core/feed/key-details';
import { readValuePage } from '../../electron/core/key-editor/value-page';
import type { ValuePage } from '../../shared/key-editor-contract';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const id = (key: string) => Buffer.from(key).toString('base64');
const cachedScripts = async (client: Redis) => Number(/number_of_cached_scripts:(\d+)/.exec(await client.info('memory'))![1]);

describe('one element-cutting script serves the row previews and the value pane', () => {
  let redis: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = redis.client();
    await client.zadd('board', 1500, 'alice', 1200, 'bob', 1800, 'charlie');
    await client.rpush('jobs', 'a'.repeat(3000), 'b'.repeat(3000), 'c', 'd', 'e', 'f');
    await client.hset('profile', { name: 'Ada', plan: 'pro' });
    await client.xadd('events', '1-1', 'type', 'signup');
    for (let i = 1; i <= 6; i++) await client.xadd('uploads', `1-${i}`, 'f', 'x'.repeat(100), 'g', 'y'.repeat(100));
  });
  afterAll(() => redis.stop());

  it('previews and pages load one script into Redis, and each reads in its own order and bounds', async () => {
    await client.script('FLUSH');
    const [board, jobs, profile, events, uploads] = await readKeyDetails(client, ['board', 'jobs', 'profile', 'events', 'uploads'].map((k) => Buffer.from(k)));
    // A preview ranks a sorted set from the top, as a leaderboard reads.
    expect(board?.preview).toBe('charlie: 1800, alice: 1500, bob: 1200');
    // Five rows at most, each element cut to 40 bytes.
    expect(jobs?.size).toBe(6);
    expect(jobs?.preview).toBe(`${'a'.repeat(40)}…, ${'b'.repeat(40)}…, c, d, e, …`);
    // 200 bytes of elements in all: an entry takes 85 (ID and two 40-byte cuts), so the third is cut short and no fourth is begun.
    const cut = (c: string, n: number) => `${c.repeat(n)}…`;
    expect(uploads?.preview).toBe(`1-1 f=${cut('x', 40)} g=${cut('y', 40)}, 1-2 f=${cut('x', 40)} g=${cut('y', 40)}, 1-3 f=${cut('x', 26)} …=…, …`);
    expect(profile?.preview).toMatch(/name: Ada|plan: pro/);
    expect(events?.preview).toBe('1-1 type=signup');

    const connection = { kind: 'sandbox' as const, namespace: 'rpi:', facts: { role: 'master' }, control: client };
    const page = (await readValuePage(connection, id('board'), { count: 10, view: 'auto' })) as ValuePage;
    // The value pane pages a sorted set by rank from the lowest score, as ZRANGE does.
    expect(page.rows!.map((r) => r.cells[0].text)).toEqual(['bob', 'alice', 'charlie']);
    const list = (await readValuePage(connection, id('jobs'), { count: 10, view: 'auto' })) as ValuePage;
    expect(list.rows).toHaveLength(6);

    expect(await cachedScripts(client)).toBe(1);
  });
});
