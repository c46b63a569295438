import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, RequestName } from '../../shared/contract';
import type { ExplorationProgress, ExploredSchedule } from '../../shared/exploration';
import { AppCore } from '../../electron/core/app-core';
import { UserDatabase } from '../../electron/core/db/user-database';
import { exploreVariant } from '../../electron/core/explorer/explore';
import type { ExplorationFile } from '../../electron/core/explorer/export';
import { findRace } from '../../electron/core/explorer/races';
import { findPattern } from '../../electron/core/patterns';
import { resolveParams } from '../../electron/core/engine/pattern';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const NS = 'exh:';
const progressElapsed = (events: { at: number }[]) => events.at(-1)!.at - events[0].at;
const PATTERN = 'write-behind-lost-update';

describe('the explorer as a capability: explore.* through dispatch, on a real redis-server', () => {
  let redis: TestRedis;
  let check: Redis;
  let core: AppCore;
  const events: { at: number; progress: ExplorationProgress }[] = [];
  const emits: { at: number; id: number; running: boolean }[] = [];

  const send = (channel: RequestName, input: unknown = {}) => dispatch(core.handlers, channel, input);
  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await send(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }
  const namespaceKeys = async () => (await check.keys(`${NS}*`)).sort();
  async function finished(id: number, timeout = 60_000): Promise<ExplorationProgress> {
    const start = Date.now();
    for (;;) {
      const last = events.findLast((e) => e.progress.id === id && !e.progress.running);
      if (last) return last.progress;
      if (Date.now() - start > timeout) throw new Error('exploration did not finish');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-explorer-')), transport: 'web', version: 'test-1.2.3' });
    const emit = core.events.emit.bind(core.events);
    core.events.emit = ((type, payload) => {
      if (type === 'explore') emits.push({ at: performance.now(), id: (payload as ExplorationProgress).id, running: (payload as ExplorationProgress).running });
      emit(type, payload);
    }) as typeof core.events.emit;
    core.events.subscribe((batch: AppEvent[]) => {
      for (const e of batch) if (e.type === 'explore') events.push({ at: performance.now(), progress: e.payload });
    });
    await call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS });
  });
  afterAll(async () => {
    await core?.shutdown();
    check?.disconnect();
    await redis?.stop();
  });

  it('needs an open pattern that has a race', async () => {
    expect(await send('explore.start', { strategy: 'auto', schedules: 10, seed: 1 })).toMatchObject({ ok: false, error: { code: 'no_session' } });
    await call('session.open', { patternId: 'cache-aside' });
    expect(await send('explore.start', { schedules: 10 })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await call('explore.describe')).toBeNull();
    const list = await call<{ id: string; explorable: boolean }[]>('patterns.list');
    expect(list.find((p) => p.id === PATTERN)?.explorable).toBe(true);
    expect(list.find((p) => p.id === 'cache-aside')?.explorable).toBe(false);
  });

  it('validates every input with the contract', async () => {
    await call('session.open', { patternId: PATTERN });
    for (const bad of [{ schedules: 0 }, { schedules: 100_001 }, { schedules: 1.5 }, { strategy: 'bfs' }, { seed: 0.5 }, { variants: [] }, { extra: 1 }]) {
      expect(await send('explore.start', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await send('explore.replay', { variantId: 'article', schedule: Array(10_001).fill('worker') })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await send('explore.replay', { variantId: 'article', schedule: ['x'.repeat(65)] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await send('explore.start', { variants: ['nope'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  let progress: ExplorationProgress;

  it('starts at once, streams progress at most every ~50 ms, refuses steps while it runs, and equals exploreVariant for the same seed', async () => {
    const opened = await call<{ params: Record<string, number> }>('session.open', { patternId: PATTERN });
    await call('session.step');
    const keysAfterReset = await (async () => {
      await call('session.reset', {});
      return namespaceKeys();
    })();
    await call('session.step');
    events.length = 0;
    const t0 = performance.now();
    const started = await call<ExplorationProgress>('explore.start', { strategy: 'random', schedules: 300, seed: 7 });
    expect(performance.now() - t0).toBeLessThan(250);
    expect(started).toMatchObject({ running: true, patternId: PATTERN, strategy: 'random', seed: 7, schedules: 300 });
    expect(started.variants.map((v) => v.variantId)).toEqual(['article', 'safe']);

    // While it runs the pattern session is the explorer's.
    for (const channel of ['session.step', 'session.reset', 'session.open'] as const) {
      const refused = await send(channel, channel === 'session.open' ? { patternId: 'cache-aside' } : {});
      expect(refused, channel).toMatchObject({ ok: false, error: { code: 'busy' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/explorer is running/);
    }
    expect(await send('explore.start', { schedules: 5 })).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await send('explore.replay', { variantId: 'article', schedule: ['worker'] })).toMatchObject({ ok: false, error: { code: 'busy' } });

    progress = await finished(started.id);
    const running = events.filter((e) => e.progress.id === started.id && e.progress.running);
    expect(running.length).toBeGreaterThan(2);
    expect(running.length).toBeLessThanOrEqual(progressElapsed(running) / 50 + 2);
    // Handed to the event hub at most every 50 ms (the hub then delivers within its frame, when the event loop lets it).
    const emitted = emits.filter((e) => e.id === started.id && e.running);
    const gaps = emitted.slice(1).map((e, i) => e.at - emitted[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(49);
    expect(progress.error).toBeUndefined();

    // The same exploration, run by the engine directly on another connection, gives the same results.
    const connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: 'direct:' }, { dataDir: os.tmpdir() });
    const db = await UserDatabase.create(0);
    try {
      const def = findPattern(PATTERN)!;
      const params = resolveParams(def.params, opened.params);
      for (const [i, variant] of findRace(PATTERN)!.variants.entries()) {
        const direct = await exploreVariant({ connection, db, def, params }, { variant, strategy: 'random', schedules: 300, seed: 7 });
        const got = progress.variants[i];
        expect(got).toMatchObject({ variantId: direct.variantId, strategy: direct.strategy, tried: direct.tried, violations: direct.violations, measures: direct.measures, done: true });
        // The safe variant's distinct count varies by one between runs of the engine itself (left to the engine's owner); the article's is exact.
        if (variant.id === 'article') expect(got).toMatchObject({ distinct: direct.distinct, space: direct.space });
        expect(got.shortest?.schedule).toEqual(direct.shortest?.schedule);
        expect(got.shortest?.steps).toEqual(direct.shortest?.steps);
      }
    } finally {
      await connection.close();
      db.close();
    }
    expect(progress.variants[0].violations).toBeGreaterThan(0);
    expect(progress.variants[1].violations).toBe(0);

    // Ended: the namespace is as a reset leaves it, the session rewound, the latency back.
    expect(await namespaceKeys()).toEqual(keysAfterReset);
    const session = await call<{ cursor: number; history: unknown[] }>('session.current');
    expect(session).toMatchObject({ cursor: 0, history: [] });
    expect((core as unknown as { connections: { db: UserDatabase } }).connections.db.latencyMs).toBe(opened.params.dbLatencyMs);
    expect((await send('session.step')).ok).toBe(true);
  });

  it('the default exploration of the lost increment is exhaustive: 7 of 21 for the article’s flush, 0 for the safe one', async () => {
    await call('session.reset', {});
    const started = await call<ExplorationProgress>('explore.start', {});
    const done = await finished(started.id);
    expect(done.variants.map((v) => [v.violations, v.tried, v.complete])).toEqual([
      [7, 21, true],
      [0, expect.any(Number), true],
    ]);
    expect(done.variants[0].shortest?.setup?.length).toBeGreaterThan(0);
  });

  it('replays a hand-edited schedule: the client’s INCRBY after the worker’s DEL keeps every point, between GET and DEL it loses them', async () => {
    await call('session.open', { patternId: PATTERN });
    const started = await call<ExplorationProgress>('explore.start', {});
    const found = (await finished(started.id)).variants[0].shortest!;
    // The found schedule: the client's INCRBY (and SADD) land between the worker's GET and its DEL.
    expect(found.steps.map((s) => `${s.actor} ${s.what}`)).toEqual(['worker SMEMBERS', 'worker GET', 'client INCRBY', 'client SADD', 'worker SQL write', 'worker DEL', 'worker SREM']);
    expect(found).toMatchObject({ ok: false, measure: 5 });
    const replay = (schedule: string[]) => call<ExploredSchedule>('explore.replay', { variantId: 'article', schedule });
    const what = (r: ExploredSchedule) => r.steps.map((s) => `${s.actor} ${s.what}`);

    // Edited: the client's commands moved after the worker's DEL (and SREM). Every point is kept.
    const after = await replay(['worker', 'worker', 'worker', 'worker', 'worker', 'client', 'client']);
    expect(after).toMatchObject({ ok: true, measure: 0, diverged: 0 });
    expect(what(after)).toEqual(['worker SMEMBERS', 'worker GET', 'worker SQL write', 'worker DEL', 'worker SREM', 'client INCRBY', 'client SADD']);

    // Edited: the client's INCRBY moved back between GET and DEL (after the SQL write). The DEL drops it: 5 points lost.
    const between = await replay(['worker', 'worker', 'worker', 'client', 'client', 'worker', 'worker']);
    expect(between).toMatchObject({ ok: false, measure: 5, diverged: 0 });
    expect(what(between)).toEqual(['worker SMEMBERS', 'worker GET', 'worker SQL write', 'client INCRBY', 'client SADD', 'worker DEL', 'worker SREM']);

    // An edit the code cannot follow (the client has only two commands) is replayed as far as it can, and says where it diverged.
    const diverged = await replay(['client', 'client', 'client', 'worker', 'worker', 'worker', 'worker']);
    expect(diverged.diverged).toBeGreaterThan(0);
    expect(diverged.steps.length).toBe(7);
    // The found schedule itself replays without divergence.
    expect(await replay(found.schedule)).toMatchObject({ ok: false, measure: 5, diverged: 0 });
  });

  it('stop cancels within a schedule or two', async () => {
    events.length = 0;
    const started = await call<ExplorationProgress>('explore.start', { strategy: 'random', schedules: 100_000, seed: 3 });
    await expect.poll(async () => (await call<ExplorationProgress>('explore.current')).variants[0].tried, { interval: 10 }).toBeGreaterThan(20);
    const before = (await call<ExplorationProgress>('explore.current')).variants[0].tried;
    const t0 = performance.now();
    const stopped = await call<ExplorationProgress>('explore.stop');
    const took = performance.now() - t0;
    expect(stopped.running).toBe(false);
    expect(stopped.variants[0].tried - before).toBeLessThanOrEqual(2);
    expect(stopped.variants[0].cancelled).toBe(true);
    // The safe variant never started.
    expect(stopped.variants[1].tried).toBe(0);
    expect(took).toBeLessThan(2000);
    // What it found is still shrunk and replayed for viewing: the shortest is the shortest, with its panels and setup,
    // not whichever schedule failed first (before, Stop also ended shrinking, and the panels and setup were missing).
    const shortest = stopped.variants[0].shortest!;
    expect(stopped.variants[0].violations).toBeGreaterThan(0);
    expect(shortest).toMatchObject({ ok: false, switches: 2 });
    expect(shortest.panels?.length).toBe(shortest.steps.length);
    expect(shortest.setup?.length).toBeGreaterThan(0);
    await expect.poll(() => events.at(-1)?.progress).toMatchObject({ id: started.id, running: false });
    expect((await send('session.step')).ok).toBe(true);
  });

  it('exports a file whose shortest failing schedule replays to the same verdict, and a redis-cli script of its commands', async () => {
    await call('session.reset', {});
    const started = await call<ExplorationProgress>('explore.start', { strategy: 'pct', schedules: 200, seed: 11 });
    const done = await finished(started.id);
    const json = await call<{ filename: string; mime: string; content: string }>('explore.export', { format: 'json' });
    expect(json.filename).toBe(`rpi-explore-${PATTERN}-seed11.json`);
    const file = JSON.parse(json.content) as ExplorationFile;
    expect(file).toMatchObject({ format: 'redis-pattern-inspector/exploration', appVersion: 'test-1.2.3', patternId: PATTERN, namespace: NS, strategy: 'pct', seed: 11, schedules: 200, params: done.params });
    expect(file.invariant).toMatch(/none is lost/);
    const [article, safe] = file.variants;
    expect(article).toMatchObject({ variantId: 'article', violations: done.variants[0].violations, tried: 200 });
    expect(safe.shortestFailing).toBeNull();
    const failing = article.shortestFailing!;
    expect(failing.ok).toBe(false);
    expect(failing.steps.length).toBe(failing.schedule.length);
    expect(failing.trace.some((e) => e.kind === 'redis')).toBe(true);

    const replayed = await call<ExploredSchedule>('explore.replay', { variantId: 'article', schedule: failing.schedule });
    expect(replayed).toMatchObject({ ok: false, measure: failing.measure, schedule: failing.schedule, switches: failing.switches });
    expect(replayed.steps).toEqual(failing.steps);
    // The same order on the safe flush keeps every point.
    const safeReplay = await send('explore.replay', { variantId: 'safe', schedule: failing.schedule });
    expect(safeReplay).toMatchObject({ ok: true, value: { ok: true } });
    expect((await send('session.step')).ok).toBe(true);

    const cli = await call<{ filename: string; content: string }>('explore.export', { format: 'redis-cli' });
    expect(cli.filename).toBe(`rpi-explore-${PATTERN}-article-seed11.redis`);
    const lines = cli.content.split('\n');
    const commands = failing.trace.filter((e) => e.kind === 'redis');
    const scriptCommands = lines.filter((l) => l && !l.startsWith('#'));
    const setupCommands = (failing.setup ?? []).filter((e) => e.kind === 'redis');
    expect(scriptCommands.length).toBe(setupCommands.length + commands.length);
    // Each command is preceded by a comment naming its actor.
    for (const [i, line] of lines.entries()) if (line && !line.startsWith('#')) expect(lines[i - 1]).toMatch(/^# (worker|client)/);
    expect(scriptCommands.slice(setupCommands.length)).toEqual(commands.map((e) => (e.kind === 'redis' ? [e.command, ...e.args].join(' ') : '')).map((l) => l.replace(/^(\S+)/, '$1')));

    // The script runs as redis-cli reads it, on a scratch database, without an error.
    if (existsSync('/usr/bin/redis-cli') || process.env.PATH?.split(':').some((d) => existsSync(path.join(d, 'redis-cli')))) {
      const input = lines.filter((l) => !l.startsWith('#')).join('\n');
      const out = execFileSync('redis-cli', ['-p', String(redis.port), '-n', '9'], { input }).toString();
      expect(out).not.toMatch(/ERR/);
      expect(await check.select(9).then(() => check.dbsize())).toBeGreaterThanOrEqual(0);
      await check.select(0);
    }
  });
});
