import os from 'node:os';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { ServerSampler } from '../../electron/core/server/setup-server';
import { countersOf, deriveSample, parseInfo } from '../../electron/core/server/server-info';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { AppEvent, RequestName } from '../../shared/contract';
import type { ServerDetails, ServerEvent, ServerSample } from '../../shared/server-console';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

const NS = 'srv:';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many INFO commands the server has run, read with INFO itself (which counts once it has run, so not in its own reply). */
async function infoCalls(client: Redis): Promise<number> {
  const stats = await client.info('commandstats');
  return Number(/cmdstat_info:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

function coreFor(redis: TestRedis) {
  const core = new AppCore({ dataDir: os.tmpdir(), transport: 'web', version: 'test' });
  const events: { at: number; payload: ServerEvent }[] = [];
  core.events.subscribe((batch: AppEvent[]) => {
    for (const e of batch) if (e.type === 'server') events.push({ at: Date.now(), payload: e.payload });
  });
  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }
  const connect = (extra: object = {}) => call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS, ...extra });
  return { core, events, call, connect };
}

describe('server panel: INFO sampled once a second only while watched, on a real redis-server', () => {
  let redis: TestRedis;
  let admin: Redis;
  const cores: AppCore[] = [];

  beforeAll(async () => {
    redis = await startTestRedis(['--slowlog-log-slower-than', '0', '--slowlog-max-len', '128']);
    admin = redis.client();
    await admin.call('ACL', 'SETUSER', 'limited', 'reset', 'on', '>pw', '~*', '&*', '+@all', '-@dangerous');
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.shutdown();
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.stop();
  });

  it('sends no INFO while nobody watches, one a second while watched, none after the watch ends', async () => {
    const { core, events, call, connect } = coreFor(redis);
    cores.push(core);
    await connect();
    let before = await infoCalls(admin);
    await sleep(1500);
    // Only our own commandstats read ran INFO meanwhile.
    expect((await infoCalls(admin)) - before).toBe(1);

    const first = await call<ServerEvent>('server.watch', { on: true });
    expect('sample' in first).toBe(true);
    await sleep(2600);
    await call('server.watch', { on: false });
    const samples = events.filter((e) => 'sample' in e.payload);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    expect(samples.length).toBeLessThanOrEqual(4);
    const gaps = samples.slice(1).map((s, i) => s.at - samples[i].at);
    for (const gap of gaps) expect(gap).toBeGreaterThan(700);

    before = await infoCalls(admin);
    const seen = events.length;
    await sleep(1500);
    expect((await infoCalls(admin)) - before).toBe(1);
    expect(events.length).toBe(seen);
  });

  it('a watch that is not renewed lapses: a renderer that vanished stops the sampling', async () => {
    const { core, connect } = coreFor(redis);
    cores.push(core);
    await connect();
    const connections = (core as unknown as { connections: ConstructorParameters<typeof ServerSampler>[1] }).connections;
    const sampler = new ServerSampler(core.events, connections, { sampleMs: 100, leaseMs: 500 });
    await sampler.watch(true);
    expect(sampler.sampling).toBe(true);
    await eventually(() => expect(sampler.sampling).toBe(false), 3000);
    const sent = sampler.infoSent;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(8);
    await sleep(300);
    expect(sampler.infoSent).toBe(sent);
  });

  it('derives rates from two readings: ops/s without its own INFO, hits and misses with the hit rate', async () => {
    const client = redis.client();
    await client.set(`${NS}present`, 'x');
    const first = await client.info();
    const a = countersOf(parseInfo(first), 1_000);
    for (let i = 0; i < 30; i++) await client.get(`${NS}present`);
    for (let i = 0; i < 10; i++) await client.get(`${NS}absent`);
    const fields = parseInfo(await client.info());
    const b = countersOf(fields, 3_000);
    const s = deriveSample(fields, b, a);
    expect(b.hits - a.hits).toBe(30);
    expect(b.misses - a.misses).toBe(10);
    expect(s.hitRate).toBeCloseTo(75, 5);
    expect(s.hitsPerSec).toBeCloseTo(15, 5);
    expect(s.missesPerSec).toBeCloseTo(5, 5);
    // 40 GETs and the first INFO ran in between; the sampler's own INFO (1) is left out: (41 - 1) / 2 s.
    expect(s.opsPerSec).toBeCloseTo(20, 5);
    expect(s.usedMemory).toBeGreaterThan(0);
    expect(s.clients).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(s)).not.toMatch(/NaN|null|undefined/);
    // No reads in an interval: -1 (the panel says "no reads"), never NaN.
    expect(deriveSample(fields, b, b).hitRate).toBe(-1);
    client.disconnect();
  });

  it('the hit rate the panel receives moves with GET hits and misses', async () => {
    const { core, events, call, connect } = coreFor(redis);
    cores.push(core);
    await connect();
    const client = redis.client();
    await client.set(`${NS}hot`, 'v');
    await call('server.watch', { on: true });
    const load = async (key: string, ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        await client.get(key);
        await sleep(5);
      }
    };
    const latest = () => (events.at(-1)!.payload as { sample: ServerSample }).sample;
    await load(`${NS}hot`, 2300);
    expect(latest().hitRate).toBe(100);
    await load(`${NS}cold`, 2300);
    expect(latest().hitRate).toBe(0);
    expect(latest().missesPerSec).toBeGreaterThan(10);
    await call('server.watch', { on: false });
    client.disconnect();
  });

  it('SLOWLOG entries come bounded, arguments cut, and with what the sentence needs; LATENCY says when it is off', async () => {
    const { core, call, connect } = coreFor(redis);
    cores.push(core);
    await connect();
    const client = redis.client();
    await client.client('SETNAME', 'slow-writer');
    // Outside the namespace: the Keys panel watches srv:* and reads a key written there (TYPE, PTTL, STRLEN, GETRANGE),
    // and those four, landing before SLOWLOG GET or not as the machine's load decides, pushed the SET out of the last five.
    await client.set('elsewhere:long', 'y'.repeat(500));
    const details = await call<ServerDetails>('server.details', { slowlog: 5 });
    if ('denied' in details.slowlog) throw new Error('slowlog refused');
    expect(details.slowlog.entries).toHaveLength(5);
    expect(details.slowlog.total).toBeGreaterThan(5);
    expect(details.slowlog.thresholdMicros).toBe(0);
    const set = details.slowlog.entries.find((e) => e.command === 'SET' && e.args[0] === 'elsewhere:long');
    expect(set).toBeDefined();
    expect(set!.args[1]).toHaveLength(65); // 64 characters and the ellipsis
    expect(set!.argCount).toBe(2);
    expect(set!.clientName).toBe('slow-writer');
    expect(set!.client).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(set!.micros).toBeGreaterThanOrEqual(0);
    expect(set!.at).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(details.latency).toMatchObject({ enabled: false, thresholdMs: 0, events: [] });
    expect(details.facts).toMatchObject({ role: 'master', maxmemory: 0, policy: 'noeviction', rdb: { save: '' }, aof: { enabled: false } });
    expect(details.facts.version).toMatch(/^\d+\.\d+/);
    expect(JSON.stringify(details)).not.toMatch(/NaN|null|undefined/);
    client.disconnect();
  });

  it('an ACL user with +@all -@dangerous: INFO, SLOWLOG, LATENCY and CONFIG GET are named, not blank', async () => {
    const { core, events, call, connect } = coreFor(redis);
    cores.push(core);
    await connect({ username: 'limited', password: 'pw' });
    const watched = await call<ServerEvent>('server.watch', { on: true });
    expect(watched).toMatchObject({ denied: { id: 'errors.noperm.command', values: { name: 'INFO', command: 'info' } } });
    expect(String((watched as unknown as { denied: { values: { categories: string } } }).denied.values.categories)).toContain('@dangerous');
    // Refused once is enough: no INFO a second against a wall.
    await sleep(1300);
    expect(events.filter((e) => 'sample' in e.payload)).toHaveLength(0);
    const details = await call<ServerDetails>('server.details', { slowlog: 5 });
    expect(details.slowlog).toMatchObject({ denied: { id: 'errors.noperm.command', values: { name: 'SLOWLOG|GET', command: 'slowlog|get' } } });
    expect(details.latency).toMatchObject({ denied: { id: 'errors.noperm.command', values: { name: 'LATENCY|LATEST' } } });
    expect(details.facts.maxmemory).toMatchObject({ denied: { id: 'errors.noperm.command', values: { name: 'INFO' } } });
    expect(details.facts.rdb).toMatchObject({ denied: { id: 'errors.noperm.command' } });
    // What HELLO told at connect still gives the version and role.
    expect(details.facts.version).toMatch(/^\d+\.\d+/);
    expect(details.facts.role).toBe('master');
    expect(JSON.stringify(details)).not.toMatch(/NaN|null|undefined/);
  });
});
