/**
 * npm run bench: Pub/Sub under a flood. The same redis-server, the same run,
 * interleaved: the app's Pub/Sub pattern (three subscribers, its flood
 * action, its ring log and loss counting) against raw ioredis — one
 * publisher pipelining the same messages, three bare subscribers that parse
 * the JSON and count. Deliveries per second, host heap peak and CPU, and
 * every loss, counted from PUBLISH replies and receipts.
 *
 * PUBSUB_BENCH_N sets the messages per run (default 1,000,000),
 * PUBSUB_BENCH_RUNS the runs per variant (default 3).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PubSubPanel } from '../../shared/model';
import { UserDatabase } from '../../electron/core/db/user-database';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { pubsub } from '../../electron/core/patterns/pubsub';
import { LOG_CAPACITY } from '../../electron/core/patterns/pubsub-state';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { heapSampler, spread } from './lib/stats';

const N = Number(process.env.PUBSUB_BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.PUBSUB_BENCH_RUNS ?? 3);
const BATCH = 1000;
const IN_FLIGHT = 4;

interface RunResult {
  deliveriesPerSec: number;
  published: number;
  expected: number;
  receivers: number;
  received: number;
  disconnects: number;
  heapPeakMb: number;
  heapGrowthMb: number;
  heapRetainedMb: number;
  cpuUsPerDelivery: number;
}

let redis: TestRedis;
let connection: LiveConnection;
let db: UserDatabase;

beforeAll(async () => {
  // Default limits (pubsub 32mb 8mb 60): whatever Redis closes under the flood is counted, not avoided.
  redis = await startTestRedis();
  connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: 'bench:' }, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-bench-')) });
  db = await UserDatabase.create(0);
});
afterAll(async () => {
  await connection?.close();
  db?.close();
  await redis?.stop();
});

async function appRun(): Promise<RunResult> {
  const session = new PatternSession(pubsub, {}, connection, db);
  await session.reset();
  await session.step(); // three subscribers connect
  const heap = heapSampler();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let lastDelivery = start;
  const counter = connection.clientFor('subscriber');
  const mark = () => (lastDelivery = performance.now());
  counter.on('message', mark);
  await session.action('flood', { messages: N });
  counter.off('message', mark);
  const used = process.cpuUsage(cpu);
  const view = ((await session.inspect()) as [PubSubPanel])[0];
  const received = view.subscribers.reduce((t, s) => t + s.received, 0);
  expect(view.log.length).toBeLessThanOrEqual(LOG_CAPACITY);
  // Measured while the run's state (its ring log, counters) is still alive: what the app keeps.
  const { peakMb, startMb, retainedMb } = heap.stop();
  await session.dispose();
  return {
    deliveriesPerSec: received / ((lastDelivery - start) / 1000),
    published: view.published,
    expected: view.expectedReceivers,
    receivers: view.receivers,
    received,
    disconnects: view.subscribers.reduce((t, s) => t + s.disconnects, 0),
    heapPeakMb: peakMb,
    heapGrowthMb: peakMb - startMb,
    heapRetainedMb: retainedMb,
    cpuUsPerDelivery: (used.user + used.system) / Math.max(1, received),
  };
}

async function rawRun(): Promise<RunResult> {
  const channel = 'bench:raw';
  const opts = { host: '127.0.0.1', port: redis.port };
  const publisher = new Redis(opts);
  const subs = [new Redis(opts), new Redis(opts), new Redis(opts)];
  let received = 0;
  let disconnects = 0;
  let lastDelivery = 0;
  const onMessage = (message: string) => {
    JSON.parse(message); // the article's subscriber parses every message
    received++;
    lastDelivery = performance.now();
  };
  for (const s of subs) {
    s.on('error', () => {});
    s.on('close', () => disconnects++);
  }
  subs[0].on('message', (_c: string, m: string) => onMessage(m));
  subs[1].on('message', (_c: string, m: string) => onMessage(m));
  subs[2].on('pmessage', (_p: string, _c: string, m: string) => onMessage(m));
  await subs[0].subscribe(channel);
  await subs[1].subscribe(channel);
  await subs[2].psubscribe('bench:ra*');
  const heap = heapSampler();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let published = 0;
  let receivers = 0;
  const inFlight = new Set<Promise<void>>();
  for (let sent = 0; sent < N; ) {
    const first = sent;
    const n = Math.min(BATCH, N - sent);
    sent += n;
    const pipe = publisher.pipeline();
    for (let seq = first; seq < first + n; seq++) pipe.publish(channel, `{"type":"flood","seq":${seq}}`);
    const done = pipe.exec().then((replies) => {
      for (const [err, r] of replies ?? []) {
        if (err) continue;
        published++;
        receivers += Number(r);
      }
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  // Same settling rule as the app: every accepted delivery arrived, or none for 500 ms.
  let last = received;
  let quietSince = performance.now();
  while (received < receivers && performance.now() - quietSince < 500) {
    await new Promise((r) => setTimeout(r, 25));
    if (received !== last) {
      last = received;
      quietSince = performance.now();
    }
  }
  const used = process.cpuUsage(cpu);
  const { peakMb, startMb, retainedMb } = heap.stop();
  publisher.disconnect();
  for (const s of subs) s.disconnect();
  return {
    deliveriesPerSec: received / ((lastDelivery - start) / 1000),
    published,
    expected: published * 3,
    receivers,
    received,
    disconnects,
    heapPeakMb: peakMb,
    heapGrowthMb: peakMb - startMb,
    heapRetainedMb: retainedMb,
    cpuUsPerDelivery: (used.user + used.system) / Math.max(1, received),
  };
}

it(`pub/sub flood: ${N} messages × 3 subscribers, app vs raw ioredis, ${RUNS} interleaved runs each`, async () => {
  const app: RunResult[] = [];
  const raw: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    raw.push(await rawRun());
    app.push(await appRun());
  }
  const col = (rs: RunResult[], f: (r: RunResult) => number, d = 0) => spread(rs.map(f), d);
  const losses = (r: RunResult) => `${r.expected - r.received} lost (${r.expected - r.receivers} published while unsubscribed + ${r.receivers - r.received} dropped after PUBLISH counted them), ${r.disconnects} disconnects`;
  const ratio = app.map((a, i) => a.deliveriesPerSec / raw[i].deliveriesPerSec);
  console.log(
    [
      '',
      `pub/sub flood, ${N} messages × 3 subscribers, same redis-server, median (min–max) of ${RUNS} interleaved runs`,
      `  deliveries/s        app ${col(app, (r) => r.deliveriesPerSec)}   raw ioredis ${col(raw, (r) => r.deliveriesPerSec)}   ratio ${spread(ratio, 2)}`,
      `  host CPU/delivery   app ${col(app, (r) => r.cpuUsPerDelivery, 2)} µs   raw ${col(raw, (r) => r.cpuUsPerDelivery, 2)} µs`,
      `  heap peak           app ${col(app, (r) => r.heapPeakMb, 1)} MB (+${col(app, (r) => r.heapGrowthMb, 1)} during the run)   raw ${col(raw, (r) => r.heapPeakMb, 1)} MB (+${col(raw, (r) => r.heapGrowthMb, 1)})`,
      `  heap kept after GC  app ${col(app, (r) => r.heapRetainedMb, 2)} MB   raw ${col(raw, (r) => r.heapRetainedMb, 2)} MB`,
      ...app.map((r, i) => `  run ${i + 1}: app ${losses(r)}; raw ${losses(raw[i])}`),
      '',
    ].join('\n'),
  );
  for (const r of [...app, ...raw]) {
    // Every loss accounted: what should have arrived = what arrived + what PUBLISH said nobody got + what Redis dropped.
    expect(r.received + (r.expected - r.receivers) + (r.receivers - r.received)).toBe(r.expected);
    expect(r.published).toBe(N);
  }
}, 600_000);
