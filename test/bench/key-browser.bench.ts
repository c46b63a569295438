/**
 * npm run bench: the key browser's list side on 1,000,000 keys, against raw
 * ioredis on the same redis-server in the same run (interleaved, so load on
 * the machine hits both sides alike):
 *   - first page: the app's scan start (first SCAN page indexed on the
 *     host, DBSIZE beside it), a window of 200 rows with ids and labels, and
 *     the TYPE+PTTL pipeline for those rows — against one raw
 *     `SCAN 0 COUNT 1000` and one TYPE/PTTL pipeline for its first 200 keys;
 *   - walk: the host's scan to the end into its deduplicated index (it
 *     scans to the end with COUNT 5000, WALK_COUNT) — against a raw
 *     `SCAN … COUNT 1000` loop that only counts the names (the issue's
 *     baseline), and, so the COUNT's share is visible, against a raw loop
 *     with the app's own COUNT 5000.
 * Each figure: median of REPS runs per side, with the spread (min–max) of
 * the per-run ratios.
 *
 * KEY_BENCH_KEYS and KEY_BENCH_REPS shrink it for quick runs.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KeyList } from '../../electron/core/browser/key-list';
import { readRowMeta } from '../../electron/core/browser/key-meta';
import { SCAN_COUNT, WALK_COUNT } from '../../electron/core/browser/key-scan';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { median, spread } from './lib/stats';

const KEYS = Number(process.env.KEY_BENCH_KEYS ?? 1_000_000);
const REPS = Number(process.env.KEY_BENCH_REPS ?? 7);
/** First-page samples per rep (each is a few ms; the median of these is one rep's figure). */
const PAGE_SAMPLES = 30;
const ROWS = 200;
const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };

let redis: TestRedis;
let raw: Redis;
let app: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  const seed = redis.client();
  // Names with folders (a few hundred "tenants", then kinds), as real keyspaces have; values small.
  for (let start = 0; start < KEYS; start += 20_000) {
    const pipe = seed.pipeline();
    for (let i = start; i < Math.min(KEYS, start + 20_000); i++) pipe.set(`tenant:${i % 300}:${i % 7 === 0 ? 'session' : 'user'}:${i}`, 'v');
    await pipe.exec();
  }
  expect(await seed.dbsize()).toBe(KEYS);
  raw = new Redis({ host: '127.0.0.1', port: redis.port, lazyConnect: false });
  app = new Redis({ host: '127.0.0.1', port: redis.port, lazyConnect: false });
  await Promise.all([raw.ping(), app.ping()]);
}, 300_000);

afterAll(async () => {
  await redis.client().flushall();
  raw?.disconnect();
  app?.disconnect();
  await redis?.stop();
});

async function rawFirstPage(): Promise<number> {
  const t0 = performance.now();
  const [, keys] = (await raw.scanBuffer('0', 'MATCH', '*', 'COUNT', SCAN_COUNT)) as [Buffer, Buffer[]];
  const pipe = raw.pipeline();
  for (const key of keys.slice(0, ROWS)) pipe.type(key).pttl(key);
  await pipe.exec();
  return performance.now() - t0;
}

async function appFirstPage(): Promise<number> {
  const t0 = performance.now();
  const list = new KeyList(app, facts, () => undefined);
  const { scanId } = await list.start({ match: '*' }, false);
  const win = list.window(scanId, { view: 'flat', start: 0, count: ROWS, delimiter: ':', expanded: [], text: '' });
  const meta = await readRowMeta(
    app,
    win.rows.map((r) => r.id),
  );
  const ms = performance.now() - t0;
  if (meta.length !== ROWS || !meta.every((m) => 'type' in m && m.type === 'string')) throw new Error('first page incomplete');
  return ms;
}

async function rawWalk(count: number): Promise<{ ms: number; keys: number }> {
  const t0 = performance.now();
  let cursor = '0';
  let keys = 0;
  do {
    const [next, batch] = (await raw.scanBuffer(cursor, 'MATCH', '*', 'COUNT', count)) as [Buffer, Buffer[]];
    cursor = next.toString();
    keys += batch.length;
  } while (cursor !== '0');
  return { ms: performance.now() - t0, keys };
}

async function appWalk(): Promise<{ ms: number; keys: number; list: KeyList }> {
  const t0 = performance.now();
  const list = new KeyList(app, facts, () => undefined);
  await list.start({ match: '*' }, true);
  await list.idle();
  const p = list.progress()!;
  if (!p.done) throw new Error('walk did not finish');
  return { ms: performance.now() - t0, keys: p.keys, list };
}

it('key browser: first page and walk against raw ioredis', async () => {
  // Warm both sides (JIT, connections) before measuring.
  for (let i = 0; i < 5; i++) {
    await rawFirstPage();
    await appFirstPage();
  }
  await rawWalk(SCAN_COUNT);
  await appWalk();

  const pageRatios: number[] = [];
  const rawPages: number[] = [];
  const appPages: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const r: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < PAGE_SAMPLES; i++) {
      // Alternate which side goes first so neither always meets a warmer server.
      if (i % 2) {
        r.push(await rawFirstPage());
        a.push(await appFirstPage());
      } else {
        a.push(await appFirstPage());
        r.push(await rawFirstPage());
      }
    }
    rawPages.push(median(r));
    appPages.push(median(a));
    pageRatios.push(median(a) / median(r));
  }

  const walkRatios: number[] = [];
  const sameCountRatios: number[] = [];
  const rawWalks: number[] = [];
  const rawSameWalks: number[] = [];
  const appWalks: number[] = [];
  let held = { keys: 0, mb: 0 };
  for (let rep = 0; rep < REPS; rep++) {
    // Rotate the order so no side always runs first.
    const order = [0, 1, 2].map((i) => (i + rep) % 3);
    let rw = { ms: 0, keys: 0 };
    let rs = { ms: 0, keys: 0 };
    let aw: Awaited<ReturnType<typeof appWalk>> | undefined;
    for (const side of order) {
      if (side === 0) rw = await rawWalk(SCAN_COUNT);
      else if (side === 1) rs = await rawWalk(WALK_COUNT);
      else aw = await appWalk();
    }
    expect(rw.keys).toBeGreaterThanOrEqual(KEYS);
    expect(aw!.keys).toBe(KEYS);
    rawWalks.push(rw.ms);
    rawSameWalks.push(rs.ms);
    appWalks.push(aw!.ms);
    walkRatios.push(aw!.ms / rw.ms);
    sameCountRatios.push(aw!.ms / rs.ms);
    held = { keys: aw!.keys, mb: aw!.list.footprintBytes() / 1024 / 1024 };
  }

  const pageRatio = median(appPages) / median(rawPages);
  const walkRatio = median(appWalks) / median(rawWalks);
  const sameCountRatio = median(appWalks) / median(rawSameWalks);
  console.log(
    [
      '',
      `key browser on ${KEYS.toLocaleString('en-US')} keys, same redis-server, same run, ${REPS} reps (first page COUNT ${SCAN_COUNT} both sides)`,
      `  first page, 200 rows with type+TTL: app ${spread(appPages, 2)} ms, raw SCAN + pipeline ${spread(rawPages, 2)} ms`,
      `    ratio ${pageRatio.toFixed(2)} (per-rep ${spread(pageRatios, 2)}), goal ≤ 1.5: ${pageRatio <= 1.5 ? 'met' : 'not met'}`,
      `  walk all keys: app (COUNT ${WALK_COUNT}) ${spread(appWalks, 0)} ms, raw SCAN loop COUNT ${SCAN_COUNT} ${spread(rawWalks, 0)} ms, raw COUNT ${WALK_COUNT} ${spread(rawSameWalks, 0)} ms`,
      `    ratio to raw COUNT ${SCAN_COUNT}: ${walkRatio.toFixed(2)} (per-rep ${spread(walkRatios, 2)}), goal ≤ 1.1: ${walkRatio <= 1.1 ? 'met' : 'not met'}`,
      `    ratio to raw with the same COUNT ${WALK_COUNT}: ${sameCountRatio.toFixed(2)} (per-rep ${spread(sameCountRatios, 2)})`,
      `  host index after a walk: ${held.keys.toLocaleString('en-US')} keys, ${held.mb.toFixed(1)} MB held (name arena, offsets, hashes, table)`,
      '',
    ].join('\n'),
  );
  expect(Number.isFinite(pageRatio) && Number.isFinite(walkRatio)).toBe(true);
}, 600_000);
