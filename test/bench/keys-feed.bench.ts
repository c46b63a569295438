/**
 * npm run bench: the live Keys feed on a big database. A redis-server this
 * bench starts itself (so DEBUG POPULATE is allowed) holds 1,000,000 keys,
 * 1,000 of them under the namespace. A writer changes one namespace key
 * 10 times a second; interleaved phases, same server, same run:
 *   - floor: the writes alone, nobody listening;
 *   - raw ioredis: a bare keyspace-notification subscriber (PSUBSCRIBE), the least any live view costs;
 *   - app: the Keys feed and the event hub, as the app runs them.
 * Per phase: SCAN calls per change (INFO commandstats), change-to-event
 * latency (write sent → the event carrying the new value), and Redis CPU
 * (INFO cpu used_cpu_sys + used_cpu_user) as a share of one core.
 * Also: what connecting costs (SCAN calls and time) against one raw walk.
 *
 * KEYS_BENCH_DB_KEYS, KEYS_BENCH_PHASE_S and KEYS_BENCH_ROUNDS shrink it for quick runs.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventHub } from '../../electron/core/feed/event-hub';
import { KeysFeed } from '../../electron/core/feed/keys-feed';
import { WALK_COUNT } from '../../electron/core/feed/namespace-walk';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { median, spread } from './lib/stats';

const DB_KEYS = Number(process.env.KEYS_BENCH_DB_KEYS ?? 1_000_000);
const NS_KEYS = 1000;
const NS = 'bench:';
const WRITES_PER_S = 10;
const PHASE_S = Number(process.env.KEYS_BENCH_PHASE_S ?? 10);
const ROUNDS = Number(process.env.KEYS_BENCH_ROUNDS ?? 2);

let redis: TestRedis;
let admin: Redis;
let writer: Redis;

async function info(section: string): Promise<Map<string, string>> {
  const text = await admin.info(section);
  return new Map(text.split('\r\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
}
const scanCalls = async () => Number(/calls=(\d+)/.exec((await info('commandstats')).get('cmdstat_scan') ?? 'calls=0')![1]);
const redisCpu = async () => {
  const cpu = await info('cpu');
  return Number(cpu.get('used_cpu_sys')) + Number(cpu.get('used_cpu_user'));
};

beforeAll(async () => {
  redis = await startTestRedis(['--enable-debug-command', 'yes']);
  admin = redis.client();
  writer = redis.client();
  await admin.call('DEBUG', 'POPULATE', DB_KEYS - NS_KEYS, 'bg');
  const pipe = admin.pipeline();
  for (let i = 0; i < NS_KEYS; i++) pipe.set(`${NS}k:${i}`, `v${i}`);
  await pipe.exec();
  expect(await admin.dbsize()).toBe(DB_KEYS);
  await admin.config('SET', 'notify-keyspace-events', 'KA');
}, 120_000);
afterAll(async () => {
  await redis?.stop();
});

interface Phase {
  name: string;
  scansPerChange: number;
  latenciesMs: number[];
  redisCpuPct: number;
  changes: number;
}

/**
 * Writes at 10/s for PHASE_S seconds; `seen` is called by the listener
 * under test with a value when the event carrying it arrives.
 */
async function phase(name: string, listen: (seen: (value: string) => void) => Promise<() => Promise<void>>): Promise<Phase> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const stop = await listen((value) => {
    const at = sentAt.get(value);
    if (at === undefined) return;
    latencies.push(performance.now() - at);
    sentAt.delete(value);
  });
  const scans0 = await scanCalls();
  const cpu0 = await redisCpu();
  const t0 = performance.now();
  const changes = WRITES_PER_S * PHASE_S;
  for (let i = 0; i < changes; i++) {
    const due = t0 + (i * 1000) / WRITES_PER_S;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const value = `${name}-${i}-${Math.random().toString(36).slice(2, 8)}`;
    sentAt.set(value, performance.now());
    await writer.set(`${NS}k:${Math.floor(Math.random() * NS_KEYS)}`, value);
  }
  await new Promise((r) => setTimeout(r, 300)); // the last events land
  const wall = (performance.now() - t0) / 1000;
  const cpu = (await redisCpu()) - cpu0;
  const scans = (await scanCalls()) - scans0;
  await stop();
  return { name, scansPerChange: scans / changes, latenciesMs: latencies, redisCpuPct: (cpu / wall) * 100, changes };
}

const floor = () =>
  phase('floor', async (seen) => {
    void seen;
    return async () => {};
  });

const raw = () =>
  phase('raw', async (seen) => {
    const sub = redis.client();
    // The bare minimum a live view needs: the notification, then the value it announces.
    sub.on('pmessage', (_p: string, channel: string) => {
      void admin.get(channel.slice(channel.indexOf(':') + 1)).then((v) => v && seen(v));
    });
    await sub.psubscribe(`__keyspace@0__:${NS}*`);
    return async () => sub.disconnect();
  });

const app = (connection: LiveConnection) =>
  phase('app', async (seen) => {
    const hub = new EventHub();
    const unsubscribe = hub.subscribe((batch) => {
      for (const event of batch) {
        if (event.type !== 'keys') continue;
        // A full snapshot at start, then deltas: the changed keys are what the panel is told.
        const keys = event.payload.kind === 'full' ? event.payload.keys : event.payload.changed.map((c) => c.info);
        for (const k of keys) seen(k.preview);
      }
    });
    const feed = new KeysFeed(connection, (snapshot) => hub.emit('keys', snapshot));
    await feed.start();
    expect(feed.mode).toBe('notifications');
    return async () => {
      await feed.stop();
      unsubscribe();
      hub.close();
    };
  });

it(`keys feed: ${DB_KEYS} keys, ${NS_KEYS} under the namespace, ${WRITES_PER_S} writes/s`, async () => {
  // Connecting: the consent survey's walk is the only one; the feed starts from it.
  const rawWalkScans0 = await scanCalls();
  const rawStart = performance.now();
  let cursor = '0';
  do [cursor] = await admin.scan(cursor, 'MATCH', `${NS}*`, 'COUNT', WALK_COUNT);
  while (cursor !== '0');
  const rawWalkMs = performance.now() - rawStart;
  const rawWalkScans = (await scanCalls()) - rawWalkScans0;

  const connectScans0 = await scanCalls();
  const connectStart = performance.now();
  const connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: NS }, { dataDir: '/tmp' });
  const feed = new KeysFeed(connection, () => {});
  await feed.start();
  const connectMs = performance.now() - connectStart;
  const connectScans = (await scanCalls()) - connectScans0;
  const firstSnapshot = await feed.read();
  await feed.stop();
  expect(firstSnapshot.keys).toHaveLength(NS_KEYS);

  const phases: Phase[] = [];
  for (let round = 0; round < ROUNDS; round++) phases.push(await floor(), await raw(), await app(connection));
  await connection.close();

  const of = (name: string) => phases.filter((p) => p.name === name);
  const lat = (name: string) => of(name).flatMap((p) => p.latenciesMs);
  const line = (name: string, label: string) => {
    const ps = of(name);
    const l = lat(name);
    const seenPct = (l.length / ps.reduce((t, p) => t + p.changes, 0)) * 100;
    return (
      `  ${label.padEnd(30)} SCAN/change ${median(ps.map((p) => p.scansPerChange)).toFixed(2).padStart(6)}   ` +
      `Redis CPU ${ps.map((p) => p.redisCpuPct.toFixed(1)).join(', ')} %   ` +
      (name === 'floor' ? '' : `latency ${spread(l, 1, 'p10-p90')} ms (median, p10–p90; ${seenPct.toFixed(0)}% of changes seen)`)
    );
  };
  console.log(
    [
      '',
      `keys feed, ${DB_KEYS} keys (${NS_KEYS} under "${NS}"), ${WRITES_PER_S} writes/s, ${ROUNDS} interleaved rounds of ${PHASE_S} s per phase`,
      `  connect (consent survey + feed start): ${connectScans} SCAN calls, ${connectMs.toFixed(0)} ms; one raw walk: ${rawWalkScans} SCAN calls, ${rawWalkMs.toFixed(0)} ms → ${(connectScans / rawWalkScans).toFixed(2)} walks`,
      line('floor', 'writes only (floor)'),
      line('raw', 'raw ioredis notification+GET'),
      line('app', 'app Keys feed + event hub'),
      `  latency ratio app/raw (medians): ${(median(lat('app')) / median(lat('raw'))).toFixed(2)}`,
      '',
    ].join('\n'),
  );
  expect(median(of('app').map((p) => p.scansPerChange))).toBe(0);
  expect(lat('app').length).toBeGreaterThan(0);
}, 600_000);
