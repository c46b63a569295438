import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../shared/model';
import { resolveParams, type PatternDef, type StepContext } from '../../electron/core/engine/pattern';
import { buildStepContext } from '../../electron/core/engine/step-context';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { FreshStart, plainData } from '../../electron/core/explorer/fresh-start';
import type { RaceVariant } from '../../electron/core/explorer/race';
import { findRace } from '../../electron/core/explorer/races';
import { findPattern } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';

const NS = 'fs:';

/**
 * The explorer's fresh start on a real redis-server: where a setup can be
 * captured, a restored start is the one the real setup left (every key's
 * type and value, whether it expires, the database, the state), and
 * whatever a schedule left behind is gone. (Values, not DUMP bytes: a set
 * restored from its dump may list its members in another order.)
 */
describe('FreshStart: each schedule starts where the real setup leaves it', () => {
  const h = patternHarness(NS);

  function starter(patternId: string, variantId: string, params: Record<string, number> = {}) {
    const def = findPattern(patternId)! as PatternDef<unknown>;
    const variant = findRace(patternId)!.variants.find((v) => v.id === variantId)! as RaceVariant;
    const env: ExploreEnv = { connection: h.connection, db: h.db, def: def as PatternDef, params: resolveParams(def.params, { dbLatencyMs: 0, ...params }) };
    const fresh = new FreshStart(env, variant);
    /** One start: the state, and what was sent to get there. */
    const begin = async () => {
      const trace: TraceEntry[] = [];
      const context = (state: unknown) =>
        buildStepContext({ connection: h.connection, db: h.db, params: env.params, state, sink: (e) => trace.push(e), backgroundSink: () => {}, trace: () => trace }) as StepContext<unknown>;
      const state = await fresh.begin(context, trace);
      if (state !== undefined) await def.dispose?.(state);
      return { state, sent: trace.flatMap((e) => (e.kind === 'redis' ? [`${e.command} ${e.args[0] ?? ''}`.trim()] : [])) };
    };
    /** A command as an actor's traced client sends it under the scheduler: the fresh start is told the keys it names. */
    const leave = async (command: string, ...args: (string | number)[]) => {
      fresh.noteCommand(command.toLowerCase(), args);
      await h.check.call(command, ...args);
    };
    return { fresh, begin, leave };
  }

  /** Every key under the namespace: its type, its value (members sorted) and whether it expires. */
  async function namespaceState(): Promise<Record<string, { type: string; value: unknown; expires: boolean }>> {
    const out: Record<string, { type: string; value: unknown; expires: boolean }> = {};
    for (const name of (await h.check.keys(`${NS}*`)).sort()) {
      const [type, ttl] = await Promise.all([h.check.type(name), h.check.pttl(name)]);
      const value =
        type === 'string'
          ? await h.check.get(name)
          : type === 'set'
            ? (await h.check.smembers(name)).sort()
            : type === 'hash'
              ? await h.check.hgetall(name)
              : type === 'zset'
                ? await h.check.zrange(name, 0, -1, 'WITHSCORES')
                : type === 'list'
                  ? await h.check.lrange(name, 0, -1)
                  : await h.check.call('XRANGE', name, '-', '+');
      out[name] = { type, value, expires: ttl > 0 };
    }
    return out;
  }

  it('the lost increment’s safe variant: keys and script restored in one go, a schedule’s leftovers and database writes undone', async () => {
    const { fresh, begin, leave } = starter('write-behind-lost-update', 'safe');
    const real = await begin();
    expect(real.sent).toEqual(expect.arrayContaining(['SCRIPT LOAD', 'INCRBY fs:user:score:1', 'SADD fs:pending_writes']));
    expect(fresh.restoring).toBe(true);
    const start = await namespaceState();
    expect(Object.keys(start)).toEqual(['fs:pending_writes', 'fs:user:score:1']);

    // What a schedule may leave: a changed key, a deleted one, a new one, a database write.
    await leave('INCRBY', 'fs:user:score:1', 5);
    await leave('DEL', 'fs:pending_writes');
    await leave('EVAL', "return redis.call('SET', KEYS[1], ARGV[1])", 1, 'fs:processing', 'left over');
    await h.db.traced('worker', () => {}).addScore(1, 99);

    const restored = await begin();
    // Nothing was sent through the actors: the start came back in the restore's one round trip.
    expect(restored.sent).toEqual([]);
    expect(await namespaceState()).toEqual(start);
    expect(h.db.allScores().size).toBe(0);
    expect(restored.state).toEqual(real.state);
    expect(restored.state).not.toBe(real.state);

    // A server that lost its scripts (SCRIPT FLUSH, a restart): the setup runs for real once, loading it again.
    await h.check.call('SCRIPT', 'FLUSH');
    const reloaded = await begin();
    expect(reloaded.sent).toContain('SCRIPT LOAD');
    expect(await namespaceState()).toEqual(start);
    expect((await begin()).sent).toEqual([]);
    fresh.close();
  });

  it('sessions: keys that expire are restored with their TTL, and a new key a schedule made is unlinked', async () => {
    const { fresh, begin, leave } = starter('sessions', 'naive', { ttlSeconds: 10 });
    const real = await begin();
    expect(fresh.restoring).toBe(true);
    expect(real.sent.some((c) => c.startsWith('PEXPIRE'))).toBe(true);
    const start = await namespaceState();
    expect(Object.values(start).some((k) => k.expires)).toBe(true);
    await leave('SET', 'fs:session:brand-new', 'x');
    await leave('PERSIST', Object.keys(start).find((k) => start[k].expires)!);
    expect((await begin()).sent).toEqual([]);
    expect(await namespaceState()).toEqual(start);
    fresh.close();
  });

  it('keys no command named (an actor’s raw connection wrote them) are found by walking the namespace; named ones without a walk', async () => {
    const { fresh, begin, leave } = starter('write-behind-lost-update', 'safe');
    await begin();
    const start = await namespaceState();
    const scans = async () => Number(/cmdstat_scan:calls=(\d+)/.exec(await h.check.info('commandstats'))?.[1] ?? 0);

    // Named: the start unlinks the names, and sends no SCAN at all.
    await leave('SET', 'fs:named', 'x');
    let before = await scans();
    await begin();
    expect(await scans()).toBe(before);
    expect(await namespaceState()).toEqual(start);

    // Unnamed: written past the traced client, which the schedule reports; the next start walks and finds it.
    await h.check.set('fs:unnamed', 'x');
    fresh.untracked();
    before = await scans();
    await begin();
    expect(await scans()).toBeGreaterThan(before);
    expect(await namespaceState()).toEqual(start);

    // A command whose keys the table cannot place (SELECT reaches another database): the next start walks too.
    await leave('SET', 'fs:after-select', 'x');
    fresh.noteCommand('select', [0]);
    before = await scans();
    await begin();
    expect(await scans()).toBeGreaterThan(before);
    expect(await namespaceState()).toEqual(start);

    // A command whose keys move with its options (SORT … STORE): the table misses the STORE key, so the next start walks and finds it.
    await leave('RPUSH', 'fs:list', 3, 1, 2);
    await leave('SORT', 'fs:list', 'STORE', 'fs:sorted');
    expect(await h.check.exists('fs:sorted')).toBe(1);
    before = await scans();
    await begin();
    expect(await scans()).toBeGreaterThan(before);
    expect(await namespaceState()).toEqual(start);
    fresh.close();
  });

  it('an exploration beside many keys outside the namespace: the starts do not walk them, and the verdicts are those of walking starts', async () => {
    const def = findPattern('write-behind-lost-update')! as PatternDef;
    const [article] = findRace('write-behind-lost-update')!.variants as RaceVariant[];
    const env: ExploreEnv = { connection: h.connection, db: h.db, def, params: resolveParams(def.params, { dbLatencyMs: 0 }) };
    const outside = h.check.pipeline();
    for (let i = 0; i < 5000; i++) outside.set(`other:${i}`, i);
    await outside.exec();
    try {
      const scans = async () => Number(/cmdstat_scan:calls=(\d+)/.exec(await h.check.info('commandstats'))?.[1] ?? 0);
      const before = await scans();
      const result = await exploreVariant(env, { variant: article, strategy: 'random', schedules: 40, seed: 3 });
      const walks = (await scans()) - before;
      // A walk over 5,000 keys is at least 10 SCANs; 40 walking starts would be 400. Here: the real setup's clear, the viewing replay's.
      expect(result.tried).toBe(40);
      expect(walks).toBeLessThan(60);
      expect(result.violations).toBeGreaterThan(0);
      // Every schedule's verdict is the one it gets from a start that walks (the viewing replay's own, run for real).
      const replayed = await runSchedule(env, article, replayChooser(result.shortest!.schedule));
      expect(replayed.ok).toBe(false);
      expect(replayed.measure).toBe(result.shortest!.measure);
      expect(await h.check.dbsize()).toBeGreaterThanOrEqual(5000);
      expect(await h.check.get('other:4999')).toBe('4999');
    } finally {
      await h.check.eval("for _, k in ipairs(redis.call('KEYS', 'other:*')) do redis.call('UNLINK', k) end", 0);
    }
  });

  it('a setup that reaches an actor’s raw connection (the stream queue closes a dead one) runs for real every time', async () => {
    const { fresh, begin } = starter('stream-queue', 'none');
    const first = await begin();
    expect(fresh.restoring).toBe(false);
    const second = await begin();
    expect(second.sent).toEqual(first.sent);
    expect(second.sent.length).toBeGreaterThan(0);
    fresh.close();
  });

  it('only plain data is cloned as a state', () => {
    expect(plainData({ sent: new Map([[1, 5]]), tokens: ['a'], seen: new Set(['x']), nested: { n: 1, none: undefined } })).toBe(true);
    expect(plainData(undefined)).toBe(true);
    expect(plainData({ timer: setTimeout(() => {}, 0) })).toBe(false);
    expect(plainData({ wake: () => {} })).toBe(false);
    expect(plainData({ waiters: [() => {}] })).toBe(false);
    expect(plainData({ when: new Date() })).toBe(false);
    class Held {}
    expect(plainData({ held: new Held() })).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(plainData(cyclic)).toBe(true);
  });
});
