/**
 * npm run bench: schedules per second for the lost-increment race, on a
 * sandbox server like the app's, against the raw cost of the same
 * commands sent one at a time by a bare ioredis client in the same run
 * (the floor: what the Redis round trips alone cost). Repeated runs,
 * interleaved, reported as median and range.
 *
 * On a machine shared with other work, wall time mostly measures the
 * wait for a core; so each run also reports the CPU time it cost, in this
 * process (process.cpuUsage) and in redis-server (INFO cpu), per
 * schedule: their sum is what a schedule costs when nothing else runs.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RequestName } from '../../shared/contract';
import type { ExplorationProgress } from '../../shared/exploration';
import { AppCore } from '../../electron/core/app-core';
import { UserDatabase } from '../../electron/core/db/user-database';
import { dispatch } from '../../electron/core/transport/dispatch';
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
  // As the Explore view does while it runs (ExplorerHost): no MONITOR, for the explorer and the raw floor alike.
  connection.serverOrder?.pause();
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
  const explorerCpu: number[] = [];
  const rawCpu: number[] = [];
  const explorerRedisCpu: number[] = [];
  const rawRedisCpu: number[] = [];
  const redisCpuUs = async () => {
    const info = await raw.info('cpu');
    const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
    return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
  };
  /** Runs `work` for `n` schedules: wall rate, and µs of CPU per schedule here and in redis-server. */
  const measure = async (n: number, work: () => Promise<number>, rate: number[], cpu: number[], redisCpu: number[]) => {
    const redisBefore = await redisCpuUs();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const done = await work();
    rate.push((done / (performance.now() - start)) * 1000);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / done);
    redisCpu.push(((await redisCpuUs()) - redisBefore) / done);
    return n;
  };
  // Warm both.
  await exploreVariant(env, { variant: article, strategy: 'random', schedules: 50, seed: 1 });
  for (let i = 0; i < 50; i++) await rawSchedule();
  for (let run = 0; run < RUNS; run++) {
    await measure(SCHEDULES, async () => (await exploreVariant(env, { variant: article, strategy: 'random', schedules: SCHEDULES, seed: run + 1 })).tried, explorerRate, explorerCpu, explorerRedisCpu);
    await measure(
      SCHEDULES,
      async () => {
        for (let i = 0; i < SCHEDULES; i++) await rawSchedule();
        return SCHEDULES;
      },
      rawRate,
      rawCpu,
      rawRedisCpu,
    );
  }
  const ratios = explorerRate.map((r, i) => rawRate[i] / r);
  const cpuRatios = explorerCpu.map((c, i) => (c + explorerRedisCpu[i]) / (rawCpu[i] + rawRedisCpu[i]));
  const unloaded = explorerCpu.map((c, i) => 1e6 / (c + explorerRedisCpu[i]));
  console.log(
    [
      '',
      `explorer, lost increment (article's flush), random strategy, ${SCHEDULES} schedules × ${RUNS} runs, same sandbox server (MONITOR paused, as while the Explore view runs)`,
      `  explorer:           ${spread(explorerRate)} schedules/s  (median (min–max); goal ≥ 500/s)`,
      `  bare ioredis floor: ${spread(rawRate)} schedules/s  (SCAN + UNLINK + ${commands.length} commands per schedule, sequential)`,
      `  cost ratio (explorer time / raw time): ${spread(ratios, 2)}`,
      `  CPU per schedule, explorer: ${spread(explorerCpu)} µs here + ${spread(explorerRedisCpu)} µs in redis-server`,
      `  CPU per schedule, raw:      ${spread(rawCpu)} µs here + ${spread(rawRedisCpu)} µs in redis-server`,
      `  CPU ratio (explorer / raw, both processes): ${spread(cpuRatios, 2)}; schedules/s if nothing else ran (1 / CPU per schedule): ${spread(unloaded)}`,
      `  load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`,
      '',
    ].join('\n'),
  );
  expect(median(explorerRate)).toBeGreaterThan(0);
}, 300_000);

it('explorer beside 100,000 keys outside the namespace (someone else’s Redis): schedules per second and SCANs per schedule', async () => {
  const OUTSIDE = 100_000;
  const OUTSIDE_RUNS = 3;
  const OUTSIDE_SCHEDULES = 200;
  const def = findPattern(PATTERN)!;
  const env: ExploreEnv = { connection, db, def, params: resolveParams(def.params, { dbLatencyMs: 0 }) };
  const [article] = findRace(PATTERN)!.variants;
  for (let from = 0; from < OUTSIDE; from += 10_000) {
    const pipeline = raw.pipeline();
    for (let i = from; i < from + 10_000; i++) pipeline.set(`someone:else:${i}`, i);
    await pipeline.exec();
  }
  const scans = async () => Number(/cmdstat_scan:calls=(\d+)/.exec(await raw.info('commandstats'))?.[1] ?? 0);
  try {
    await exploreVariant(env, { variant: article, strategy: 'random', schedules: 20, seed: 1 });
    const rates: number[] = [];
    const scansPerSchedule: number[] = [];
    for (let run = 0; run < OUTSIDE_RUNS; run++) {
      const scansBefore = await scans();
      const start = performance.now();
      const { tried } = await exploreVariant(env, { variant: article, strategy: 'random', schedules: OUTSIDE_SCHEDULES, seed: run + 1 });
      rates.push((tried / (performance.now() - start)) * 1000);
      scansPerSchedule.push(((await scans()) - scansBefore) / tried);
    }
    console.log(
      `\nexplorer beside ${OUTSIDE.toLocaleString('en')} keys outside the namespace, lost increment (article's flush), random, ${OUTSIDE_SCHEDULES} schedules × ${OUTSIDE_RUNS} runs: ` +
        `${spread(rates)} schedules/s; SCAN calls per schedule ${spread(scansPerSchedule, 2)} (the real setup's clear and the viewing replay's included); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`,
    );
    expect(median(rates)).toBeGreaterThan(0);
  } finally {
    for (let from = 0; from < OUTSIDE; from += 10_000) {
      const names = Array.from({ length: 10_000 }, (_, i) => `someone:else:${from + i}`);
      await raw.unlink(...names);
    }
  }
}, 600_000);

it('explorer through the app: explore.start on the sandbox, with the Keys feed and events running as in the window', async () => {
  const core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-bench-app-')), transport: 'web', version: 'bench' });
  core.events.subscribe(() => {});
  const call = async <T>(channel: RequestName, input: unknown = {}): Promise<T> => {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  try {
    await call('connection.connect', { kind: 'sandbox' });
    await call('session.open', { patternId: PATTERN });
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = await call<ExplorationProgress>('explore.start', { strategy: 'random', schedules: 1000, seed: run + 1, variants: ['article'] });
      let done: ExplorationProgress | undefined;
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = await call<ExplorationProgress>('explore.current');
        if (now.id === started.id && !now.running) done = now;
      }
      // From start to end as the host timed it: the session reset, MONITOR paused and back, shrinking and the viewing replay included.
      if (run > 0) rates.push((done.variants[0].tried / done.elapsedMs) * 1000);
    }
    console.log(`\nexplorer through the app (explore.start, lost increment, article's flush, 1,000 random schedules × ${RUNS - 1} runs after a warm-up): ${spread(rates)} schedules/s; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`);
    expect(median(rates)).toBeGreaterThan(0);
  } finally {
    await core.shutdown();
  }
}, 300_000);
