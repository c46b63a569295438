/**
 * npm run bench: the cost of the inspector around one Redis round trip, on
 * the same sandbox server (MONITOR on, as the app runs it) in the same run,
 * interleaved in short blocks so every variant sees the same machine load:
 *   - the trace layer alone: a traced GET;
 *   - the traced HIT step, warm loop: engine + trace + namespace check +
 *     server order from MONITOR + the step's own JSON.parse and staleness
 *     check, no panels, each block in a run of a real run's length (goal
 *     ≤ 1.15 × a bare GET);
 *   - the HIT step as the UI receives it: `session.step` through dispatch
 *     (the input schema checked), the step with its snapshot of the panels
 *     (Keys and database rows: read from Redis, or carried from the step
 *     before when the Keys feed heard no change under the namespace, the
 *     database did not change and no TTL can have run out, as the app does
 *     it: the session is made by the session host with the live feed), the
 *     pattern's panels reinspected, the reply and the 'session' event
 *     serialised as the web transport serialises them (goal ≤ 2 × a bare GET);
 * each against a bare ioredis GET on its own connection.
 * A run is ROUNDS interleaved blocks of PER_ROUND operations per variant
 * (the median block counts); the ratios are the median and range of
 * CACHE_ASIDE_BENCH_RUNS runs (default 5), so noise cannot flip a verdict.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Handlers } from '../../electron/core/app-core';
import { ConnectionHost } from '../../electron/core/connection/connection-host';
import { UserDatabase } from '../../electron/core/db/user-database';
import type { PatternDef } from '../../electron/core/engine/pattern';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { EventHub } from '../../electron/core/feed/event-hub';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { tracedClient } from '../../electron/core/redis/traced-client';
import { SessionHost } from '../../electron/core/session/session-host';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { StepResult } from '../../shared/model';
import { median, spread } from './lib/stats';

const RUNS = Number(process.env.CACHE_ASIDE_BENCH_RUNS ?? 5);
const ROUNDS = 150;
const PER_ROUND = 20;
const WARM_TARGET = 1.15;
/**
 * HIT steps run untimed after each block's reset and miss: the reset closes
 * the actor connections, so a block's first steps went out on a connection
 * just opened, while the bare GET's has been open all along. A warm loop is
 * timed on a warm connection, as the bare GET is.
 */
const WARMUP_STEPS = 3;
const UI_TARGET = 2;

const BARE = 'bare ioredis GET';
const TRACED_GET = 'traced GET (trace layer)';
const WARM = 'traced HIT step (warm loop)';
const UI = 'HIT step as the UI receives it';

/** Many HIT steps after one miss: the real engine and the real step, repeated. */
const hits = (n: number): PatternDef => ({ ...cacheAside, steps: [cacheAside.steps[0], ...Array<PatternDef['steps'][number]>(n + WARMUP_STEPS).fill(cacheAside.steps[1])] });

/** The warm loop's own connection to the same sandbox server (its own namespace, MONITOR on): the UI variant's resets never touch it. */
let connection: LiveConnection;
let db: UserDatabase;
let raw: Redis;
// The app's own composition for the step request: the event hub, the connection host (with its live
// Keys feed on the same sandbox), and the session host whose handler dispatch calls.
let events: EventHub;
let connections: ConnectionHost;
let sessions: SessionHost;
let handlers: Handlers;
let sentBytes = 0;

beforeAll(async () => {
  events = new EventHub();
  connections = new ConnectionHost({ version: 'bench', transport: 'web', dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-bench-')) }, events, {
    onKeysChanged: () => sessions.pushSoon(),
    beforeDisconnect: () => sessions.close(),
  });
  sessions = new SessionHost(events, connections);
  handlers = { ...connections.handlers(), ...sessions.handlers() } as Handlers;
  // What the web transport does with every batch of events: serialise it for the socket.
  events.subscribe((batch) => (sentBytes += JSON.stringify({ events: batch }).length));
  const status = await dispatch(handlers, 'connection.connect', { kind: 'sandbox' });
  if (!status.ok) throw new Error(status.error.message);
  const { port } = connections.require().connection.endpoint;
  connection = await LiveConnection.open({ kind: 'existing', port, namespace: 'bench:', serverOrder: true }, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-bench-')) });
  db = await UserDatabase.create(0);
  raw = new Redis({ host: '127.0.0.1', port });
});
afterAll(async () => {
  raw.disconnect();
  await connection.close();
  await sessions.close();
  await connections.shutdown();
  events.close();
  db.close();
});

/** One run: every variant measured in interleaved blocks; the median block of each. */
async function measure(): Promise<{ wall: Map<string, number>; cpu: Map<string, number> }> {
  // Warm loop: the bare step, without the panels' snapshot (as the explorer and this figure's definition run it).
  // Warm loop: each block from a fresh run too (reset and the miss step, untimed), so the history a step is recorded into
  // stays a real run's size: a run of 1,700 steps kept ~3 MB of results alive, and the collector's work on them was
  // measured as the step's (1.8 KB kept per step).
  const warm = new PatternSession(hits(PER_ROUND + 1), { dbLatencyMs: 0 }, connection, db, () => {}, { snapshots: false });
  const warmRun = async () => {
    await warm.reset();
    const miss = await warm.step();
    if (miss.outcome !== 'miss') throw new Error(`expected a miss, got ${miss.outcome}`);
    for (let i = 0; i < WARMUP_STEPS; i++) await warm.step();
  };
  const key = `${connection.namespace}user:1`;
  // Its own connection: the warm loop's resets close the actor connections.
  const tracedConnection = connection.control.duplicate({ connectionName: 'rpi:bench-traced' });
  const traced = tracedClient(tracedConnection, 'clientB', connection.namespace, () => {});

  // As the UI: a session made and held by the session host (wired to the live Keys feed), stepped through dispatch, each block from a fresh run
  // (reset and the miss step, untimed) so the history the 'session' event carries stays a real run's size.
  const ui = sessions.newSession(hits(PER_ROUND + 1), { dbLatencyMs: 0 });
  sessions.session = ui;
  const freshRun = async () => {
    await dispatch(handlers, 'session.reset', {});
    const miss = await dispatch(handlers, 'session.step', {});
    if (!miss.ok || (miss.value as StepResult).outcome !== 'miss') throw new Error(`expected a miss: ${JSON.stringify(miss)}`);
    for (let i = 0; i < WARMUP_STEPS; i++) await dispatch(handlers, 'session.step', {});
  };
  const uiStep = async () => {
    const result = await dispatch(handlers, 'session.step', {});
    // What the web transport sends back: the reply, serialised.
    sentBytes += JSON.stringify({ id: 1, result }).length;
    if (!result.ok || (result.value as StepResult).outcome !== 'hit') throw new Error(`expected a HIT, got ${JSON.stringify(result).slice(0, 300)}`);
  };

  const variants: [string, () => Promise<unknown>, (() => Promise<void>)?][] = [
    [BARE, () => raw.get(key)],
    [TRACED_GET, () => traced.get(key)],
    [
      WARM,
      async () => {
        const result = await warm.step();
        if (result.outcome !== 'hit') throw new Error(`expected a HIT, got ${result.outcome}`);
      },
      warmRun,
    ],
    [UI, uiStep, freshRun],
  ];
  for (const [, run, before] of variants) {
    for (let i = 0; i < 200; i++) {
      if (before && i % PER_ROUND === 0) await before();
      await run();
    }
    // The next block starts a run of its own (the timed loop's first round included).
    if (before) await before();
  }

  const wall = new Map(variants.map(([name]) => [name, [] as number[]]));
  const cpu = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run, before] of variants) {
      if (before && round > 0) await before();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await run();
      wall.get(name)!.push(((performance.now() - start) / PER_ROUND) * 1000);
      const used = process.cpuUsage(cpuStart);
      cpu.get(name)!.push((used.user + used.system) / PER_ROUND);
    }
  }
  sessions.session = undefined;
  await ui.dispose();
  await warm.dispose();
  tracedConnection.disconnect();
  return { wall: new Map([...wall].map(([k, v]) => [k, median(v)])), cpu: new Map([...cpu].map(([k, v]) => [k, median(v)])) };
}

it(
  `cache-aside HIT: traced GET, traced step (warm loop) and the step as the UI receives it, vs a bare ioredis GET, ${RUNS} runs`,
  async () => {
    const runs: Awaited<ReturnType<typeof measure>>[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await measure());
    const names = [BARE, TRACED_GET, WARM, UI];
    const of = (name: string, what: 'wall' | 'cpu') => runs.map((r) => r[what].get(name)!);
    const ratio = (name: string) => runs.map((r) => r.wall.get(name)! / r.wall.get(BARE)!);
    const line = (name: string) => `  ${name.padEnd(32)} ${spread(of(name, 'wall'), 1).padStart(22)} µs/op wall  ${spread(of(name, 'cpu'), 1).padStart(22)} µs/op cpu`;
    const warm = ratio(WARM);
    const ui = ratio(UI);
    const verdict = (values: number[], target: number) => (Math.max(...values) <= target ? 'met in every run' : median(values) <= target ? 'met by the median, not in every run' : 'not met');
    console.log(
      [
        '',
        `cache-aside HIT, same sandbox server (MONITOR on), same run; median (min–max) of ${RUNS} runs, each the median of ${ROUNDS} interleaved blocks of ${PER_ROUND}`,
        ...names.map(line),
        `  ratio ${TRACED_GET} / bare GET:          ${spread(ratio(TRACED_GET), 3)}`,
        `  ratio ${WARM} / bare GET:       ${spread(warm, 3)}  (goal ≤ ${WARM_TARGET}: ${verdict(warm, WARM_TARGET)})`,
        `  ratio ${UI} / bare GET:    ${spread(ui, 3)}  (goal ≤ ${UI_TARGET}: ${verdict(ui, UI_TARGET)})`,
        `  (the UI variant's replies and 'session' events came to ${(sentBytes / 1024 / 1024).toFixed(1)} MB of JSON over the whole bench)`,
        '',
      ].join('\n'),
    );
    expect(warm.every(Number.isFinite) && ui.every(Number.isFinite)).toBe(true);
  },
  20 * 60_000,
);
