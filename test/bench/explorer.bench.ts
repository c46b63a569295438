/**
 * npm run bench: schedules per second for the lost-increment race, on a
 * sandbox server like the app's, against the raw cost of the same
 * commands sent one at a time by a bare ioredis client in the same run
 * (the floor: what the Redis round trips alone cost). Repeated runs,
 * interleaved, reported as median and range.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UserDatabase } from '../../electron/core/db/user-database';
import { resolveParams } from '../../electron/core/engine/pattern';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { findRace } from '../../electron/core/explorer/races';
import { setupTrace } from '../../electron/core/explorer/setup-explorer';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { findPattern } from '../../electron/core/patterns';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { median, spread } from './lib/stats';

const RUNS = 7;
const SCHEDULES = 500;
const PATTERN = 'write-behind-lost-update';

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

it('explorer: lost-increment schedules per second vs the same commands from a bare ioredis client', async () => {
  const def = findPattern(PATTERN)!;
  const env: ExploreEnv = { connection, db, def, params: resolveParams(def.params, { dbLatencyMs: 0 }) };
  const [article] = findRace(PATTERN)!.variants;
  // What one schedule sends to Redis: the namespace clear (SCAN + UNLINK), the setup's commands and the race's, one at a time.
  const setup = await setupTrace(env, article);
  const sample = await runSchedule(env, article, replayChooser([]));
  const commands = [...setup, ...sample.trace].flatMap((e) => (e.kind === 'redis' ? [[e.command, ...e.args]] : []));
  const rawSchedule = async () => {
    const [, keys] = await raw.scan('0', 'MATCH', `${connection.namespace}*`, 'COUNT', 1000);
    if (keys.length) await raw.unlink(...keys);
    for (const [command, ...args] of commands) await raw.call(command, ...args);
  };

  const explorerRate: number[] = [];
  const rawRate: number[] = [];
  // Warm both.
  await exploreVariant(env, { variant: article, strategy: 'random', schedules: 50, seed: 1 });
  for (let i = 0; i < 50; i++) await rawSchedule();
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    const result = await exploreVariant(env, { variant: article, strategy: 'random', schedules: SCHEDULES, seed: run + 1 });
    explorerRate.push((result.tried / (performance.now() - start)) * 1000);
    start = performance.now();
    for (let i = 0; i < SCHEDULES; i++) await rawSchedule();
    rawRate.push((SCHEDULES / (performance.now() - start)) * 1000);
  }
  const ratios = explorerRate.map((r, i) => rawRate[i] / r);
  console.log(
    [
      '',
      `explorer, lost increment (article's flush), random strategy, ${SCHEDULES} schedules × ${RUNS} runs, same sandbox server`,
      `  explorer:           ${spread(explorerRate)} schedules/s  (median (min–max); goal ≥ 500/s)`,
      `  bare ioredis floor: ${spread(rawRate)} schedules/s  (SCAN + UNLINK + ${commands.length} commands per schedule, sequential)`,
      `  cost ratio (explorer time / raw time): ${spread(ratios, 2)}`,
      '',
    ].join('\n'),
  );
  expect(median(explorerRate)).toBeGreaterThan(0);
}, 300_000);
