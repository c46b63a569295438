/**
 * npm run bench: the value pane's pages against raw ioredis, same server,
 * same run, interleaved. Per type, a walk over a whole key in pages (hash
 * and set by HSCAN/SSCAN cursor, list and sorted set by index, stream by
 * entry ID) through readValuePage — the page script cutting each element
 * inside Redis, the bytes made travel-ready, the page under 200 KiB — and
 * the same walk with the bare command (HSCAN COUNT 100, LRANGE, ZRANGE,
 * XRANGE), whose replies carry whole elements. Figures: ms per page, median
 * (min–max) of ROUNDS walks, the ratio of medians, and the bytes one page
 * sends to the renderer against what the raw reply carried.
 *
 * VALUE_BENCH_ROUNDS shrinks it for a quick run.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readValuePage } from '../../electron/core/key-editor/value-page';
import type { PagePosition } from '../../shared/key-editor-contract';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { median, spread } from './lib/stats';

const N = 50_000;
const ROUNDS = Number(process.env.VALUE_BENCH_ROUNDS ?? 5);
const PAGE = 100;

let redis: TestRedis;
let client: Redis;
const id = (key: string) => Buffer.from(key).toString('base64');

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  for (let start = 0; start < N; start += 5_000) {
    const pipe = client.pipeline();
    const list: string[] = [];
    for (let i = start; i < start + 5_000; i++) {
      const value = JSON.stringify({ id: i, name: `user ${i}`, plan: i % 3 ? 'free' : 'pro' });
      pipe.hset('b:hash', `user:${i}`, value);
      pipe.zadd('b:zset', i, `member:${i}`);
      pipe.xadd('b:stream', `${i + 1}-0`, 'user', String(i), 'event', 'login');
      list.push(value);
    }
    pipe.rpush('b:list', ...list);
    await pipe.exec();
  }
  // Big elements: a raw page carries them whole, the app's page their first KiB.
  for (let i = 0; i < 20; i++) await client.rpush('b:big', Buffer.alloc(2 * 1024 * 1024, 97 + i));
}, 180_000);
afterAll(() => redis?.stop());

type Walk = () => Promise<{ pages: number; bytes: number }>;

function appWalk(key: string, first?: PagePosition): Walk {
  const connection = { kind: 'sandbox' as const, namespace: 'b:', facts: { role: 'master' }, control: client };
  return async () => {
    let at = first;
    let pages = 0;
    let bytes = 0;
    do {
      const page = (await readValuePage(connection, id(key), { at, count: PAGE, view: 'auto' }))!;
      bytes = Math.max(bytes, Buffer.byteLength(JSON.stringify(page)));
      at = page.next;
      pages++;
    } while (at);
    return { pages, bytes };
  };
}

const size = (reply: unknown): number => (Buffer.isBuffer(reply) ? reply.length : Array.isArray(reply) ? reply.reduce((n: number, r) => n + size(r), 0) : String(reply).length);

const rawWalks: Record<string, Walk> = {
  'b:hash': async () => {
    let cursor = '0';
    let pages = 0;
    let bytes = 0;
    do {
      const [next, items] = await client.hscanBuffer('b:hash', cursor, 'COUNT', PAGE);
      bytes = Math.max(bytes, size(items));
      cursor = next.toString();
      pages++;
    } while (cursor !== '0');
    return { pages, bytes };
  },
  'b:list': async () => {
    let pages = 0;
    let bytes = 0;
    for (let i = 0; i < N; i += PAGE, pages++) bytes = Math.max(bytes, size(await client.lrangeBuffer('b:list', i, i + PAGE - 1)));
    return { pages, bytes };
  },
  'b:zset': async () => {
    let pages = 0;
    let bytes = 0;
    for (let i = 0; i < N; i += PAGE, pages++) bytes = Math.max(bytes, size(await client.zrangeBuffer('b:zset', i, i + PAGE - 1, 'WITHSCORES')));
    return { pages, bytes };
  },
  'b:stream': async () => {
    let start = '-';
    let pages = 0;
    let bytes = 0;
    for (;;) {
      const entries = (await client.xrangeBuffer('b:stream', start, '+', 'COUNT', PAGE)) as [Buffer, Buffer[]][];
      if (entries.length === 0) break;
      bytes = Math.max(bytes, size(entries));
      pages++;
      start = `(${entries.at(-1)![0].toString()}`;
      if (entries.length < PAGE) break;
    }
    return { pages, bytes };
  },
  'b:big': async () => ({ pages: 1, bytes: size(await client.lrangeBuffer('b:big', 0, PAGE - 1)) }),
};

it('value pages vs raw ioredis: ms per page and bytes per page, median (min–max) of interleaved walks', async () => {
  const lines: string[] = [];
  for (const key of Object.keys(rawWalks)) {
    const app: number[] = [];
    const raw: number[] = [];
    let appBytes = 0;
    let rawBytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [which, walk, out] of [
        ['app', appWalk(key), app],
        ['raw', rawWalks[key], raw],
      ] as const) {
        const t0 = performance.now();
        const { pages, bytes } = await walk();
        out.push((performance.now() - t0) / pages);
        if (which === 'app') appBytes = bytes;
        else rawBytes = bytes;
      }
    }
    expect(appBytes).toBeLessThanOrEqual(200 * 1024);
    lines.push(
      `${key.padEnd(9)} app ${spread(app, 3)} ms/page, raw ${spread(raw, 3)} ms/page, ratio ${(median(app) / median(raw)).toFixed(2)}; largest page to the renderer ${(appBytes / 1024).toFixed(1)} KiB, largest raw reply ${(rawBytes / 1024).toFixed(1)} KiB`,
    );
  }
  console.log(`value pages (${ROUNDS} rounds, ${PAGE} elements a page, 50,000-element keys; b:big = 20 × 2 MB list elements):\n${lines.join('\n')}`);
}, 600_000);
