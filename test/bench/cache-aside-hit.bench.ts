/**
 * npm run bench: the cost of the inspector around one Redis round trip,
 * on the same sandbox server in the same run, interleaved in short blocks
 * so every variant sees the same machine load:
 *   - a traced cache-aside HIT step (engine + trace + namespace check + the
 *     step's own JSON.parse and staleness check) against a bare ioredis GET;
 *   - the trace layer alone (a traced GET) against the same bare GET.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UserDatabase } from '../../electron/core/db/user-database';
import type { PatternDef } from '../../electron/core/engine/pattern';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { tracedClient } from '../../electron/core/redis/traced-client';

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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it('traced cache-aside HIT step and traced GET vs a bare ioredis GET', async () => {
  // The real engine and the real step, repeated: one miss to fill the cache, then HITs.
  const hits: PatternDef = { ...cacheAside, steps: [cacheAside.steps[0], ...Array(ROUNDS * PER_ROUND + 500).fill(cacheAside.steps[1])] };
  const session = new PatternSession(hits, { dbLatencyMs: 0 }, connection, db);
  await session.reset();
  expect((await session.step()).outcome).toBe('miss');
  const key = `${connection.namespace}user:1`;
  const traced = tracedClient(connection.clientFor('clientB'), 'clientB', connection.namespace, () => {});

  const variants: [string, () => Promise<unknown>][] = [
    ['bare ioredis GET', () => raw.get(key)],
    ['traced GET (trace layer)', () => traced.get(key)],
    [
      'traced HIT step',
      async () => {
        const result = await session.step();
        if (result.outcome !== 'hit') throw new Error(`expected a HIT, got ${result.outcome}`);
      },
    ],
  ];
  for (const [, run] of variants) for (let i = 0; i < 300; i++) await run();

  const wall = new Map(variants.map(([name]) => [name, [] as number[]]));
  const cpu = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of variants) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await run();
      wall.get(name)!.push(((performance.now() - start) / PER_ROUND) * 1000);
      const used = process.cpuUsage(cpuStart);
      cpu.get(name)!.push((used.user + used.system) / PER_ROUND);
    }
  }

  const w = (name: string) => median(wall.get(name)!);
  const c = (name: string) => median(cpu.get(name)!);
  const bare = 'bare ioredis GET';
  const line = (name: string) => `  ${name.padEnd(26)} ${w(name).toFixed(1).padStart(6)} µs/op wall  ${c(name).toFixed(1).padStart(6)} µs/op cpu`;
  const stepRatio = w('traced HIT step') / w(bare);
  const traceRatio = w('traced GET (trace layer)') / w(bare);
  console.log(
    [
      '',
      'cache-aside HIT, same sandbox server, same run (medians of 80 interleaved blocks of 50)',
      ...variants.map(([name]) => line(name)),
      `  ratio traced HIT step / bare GET:  ${stepRatio.toFixed(3)}  (target ≤ ${TARGET}: ${stepRatio <= TARGET ? 'met' : 'not met'})`,
      `  ratio traced GET / bare GET:       ${traceRatio.toFixed(3)}  (the trace layer alone)`,
      '',
    ].join('\n'),
  );
  expect(Number.isFinite(stepRatio) && Number.isFinite(traceRatio)).toBe(true);
}, 120_000);
