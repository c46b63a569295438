/**
 * npm run bench: the cost of the inspector around one Redis round trip.
 * A traced cache-aside HIT step (engine + trace + namespace check + JSON)
 * against the same GET on a bare ioredis client, same sandbox server, same
 * run, interleaved in rounds so both see the same machine load.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UserDatabase } from '../../electron/core/db/user-database';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import type { PatternDef } from '../../electron/core/engine/pattern';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { LiveConnection } from '../../electron/core/redis/live-connection';

// Short blocks, interleaved, many rounds: both sides see the same machine state.
const ROUNDS = 80;
const PER_ROUND = 50;
const TARGET = 1.15;

let connection: LiveConnection;
let db: UserDatabase;
let raw: Redis;

beforeAll(async () => {
  connection = await LiveConnection.open({ kind: 'sandbox' }, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-bench-')) });
  db = await UserDatabase.create(0);
  raw = new Redis({ host: '127.0.0.1', port: connection.endpoint.port });
});
afterAll(async () => {
  raw.disconnect();
  await connection.close();
  db.close();
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

it('traced cache-aside HIT step vs a bare ioredis GET', async () => {
  // The real engine and the real step, repeated: one miss to fill the cache, then HITs.
  const hits: PatternDef = { ...cacheAside, steps: [cacheAside.steps[0], ...Array(ROUNDS * PER_ROUND + 500).fill(cacheAside.steps[1])] };
  const session = new PatternSession(hits, { dbLatencyMs: 0 }, connection, db);
  const key = `${connection.namespace}user:1`;
  await session.reset();
  expect((await session.step()).outcome).toBe('miss');

  for (let i = 0; i < 400; i++) {
    await session.step();
    await raw.get(key);
  }

  const tracedPerOp: number[] = [];
  const rawPerOp: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const result = await session.step();
      if (result.outcome !== 'hit') throw new Error(`expected a HIT, got ${result.outcome}`);
    }
    tracedPerOp.push((performance.now() - start) / PER_ROUND);

    start = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await raw.get(key);
    rawPerOp.push((performance.now() - start) / PER_ROUND);
  }

  const traced = median(tracedPerOp);
  const bare = median(rawPerOp);
  const ratio = traced / bare;
  console.log(
    [
      '',
      'cache-aside HIT, same sandbox server, same run',
      `  traced step (engine + trace): ${(traced * 1000).toFixed(1)} µs/op`,
      `  bare ioredis GET:             ${(bare * 1000).toFixed(1)} µs/op`,
      `  ratio traced / bare:          ${ratio.toFixed(3)}  (target ≤ ${TARGET})`,
      `  ${ROUNDS} rounds × ${PER_ROUND} ops, medians of rounds`,
      '',
    ].join('\n'),
  );
  expect(Number.isFinite(ratio)).toBe(true);
}, 120_000);
