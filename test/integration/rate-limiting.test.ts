import { describe, expect, it } from 'vitest';
import type { CountersPanel, RedisTrace, RequestsPanel } from '../../shared/model';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { findRace } from '../../electron/core/explorer/races';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { findPattern } from '../../electron/core/patterns';
import { mostInAnyWindow } from '../../electron/core/patterns/rate-limiting';
import { patternHarness } from '../helpers/pattern-harness';
import { english, fmt } from '../helpers/format-message';

const redisCalls = (trace: { kind: string }[]) => trace.filter((t): t is RedisTrace => t.kind === 'redis');

describe('rate limiting on a real redis-server', () => {
  const h = patternHarness('rl:');

  it('mostInAnyWindow counts times less than a window apart', () => {
    expect(mostInAnyWindow([0, 999, 1000, 1999], 1000)).toMatchObject({ most: 2 });
    expect(mostInAnyWindow([5, 5, 5], 1000)).toMatchObject({ most: 3 });
    expect(mostInAnyWindow([], 1000).most).toBe(0);
  });

  it('the fixed window lets twice the limit through at its edge; the sliding log never more than the limit; the token bucket refills', async () => {
    const session = await h.open(findPattern('rate-limiting')!, { limit: 5, windowSeconds: 10, burst: 10, clients: 3 });

    const before = await session.step();
    expect(before.outcome).toBe('safe');
    const lanes = new Set(before.trace.map((t) => t.lane));
    expect(lanes).toEqual(new Set([0, 1, 2]));
    // Every request went through each limiter: 10 INCRs, 10 + 10 scripts.
    const calls = redisCalls(before.trace);
    expect(calls.filter((c) => c.command === 'INCR')).toHaveLength(10);
    expect(calls.filter((c) => c.command === 'INCR').map((c) => Number(c.reply.replace('(integer) ', ''))).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(calls.filter((c) => c.command === 'EXPIRE')).toHaveLength(1);
    expect(fmt(before.narrative)).toContain('fixed window 5, sliding log 5, token bucket 5');

    const after = await session.step();
    expect(after.outcome).toBe('over-limit');
    expect(fmt(after.narrative)).toContain('fixed window 5, sliding log 0, token bucket 0');
    expect(fmt(after.narrative)).toMatch(/let 10 requests through within 0\.\d+ s — 2× the limit of 5 per 10 s/);
    expect(await h.check.get('rl:ratelimit:fixed:alice:0')).toBe('10');
    expect(await h.check.get('rl:ratelimit:fixed:alice:1')).toBe('10');
    expect(await h.check.zcard('rl:ratelimit:log:alice')).toBe(5);
    expect(await h.check.ttl('rl:ratelimit:fixed:alice:1')).toBeGreaterThan(3000);

    let [panel] = english((await session.inspect()) as [RequestsPanel]);
    expect(panel.kind).toBe('requests');
    const figure = (row: number, label: string) => panel.rows[row].figures.find((f) => f.label === label)!.value;
    expect(panel.rows.map((r) => r.label)).toEqual(['Fixed window (INCR + EXPIRE)', 'Sliding log (sorted set)', 'Token bucket (Lua)']);
    expect(panel.rows.map((r) => r.requests.length)).toEqual([20, 20, 20]);
    expect([0, 1, 2].map((r) => figure(r, 'allowed'))).toEqual([10, 5, 5]);
    expect([0, 1, 2].map((r) => figure(r, 'most within any 10 s'))).toEqual([10, 5, 5]);
    expect(panel.rows[0].tone).toBe('bad');
    expect(panel.boundaries).toEqual([10_000]);
    expect(panel.rows[0].windows).toEqual([
      expect.objectContaining({ allowed: 5, denied: 5 }),
      expect.objectContaining({ allowed: 5, denied: 5 }),
    ]);

    // Half a window later the token bucket has refilled half its tokens; the sliding log still counts the first burst.
    const later = await session.step();
    expect(fmt(later.narrative)).toContain('fixed window 0, sliding log 0, token bucket 2');
    [panel] = english((await session.inspect()) as [RequestsPanel]);
    expect([0, 1, 2].map((r) => figure(r, 'most within any 10 s'))).toEqual([10, 5, 7]);
    expect(later.outcome).toBe('over-limit');
    expect(fmt(later.narrative)).toContain('Token bucket (Lua): 7 allowed within 10 s');
    expect(fmt(later.narrative, 'ko')).toContain('토큰 버킷');
  });

  it('a client that dies between INCR and EXPIRE leaves a counter with PTTL -1 that denies the user forever; the script’s counter expires', async () => {
    const session = await h.open(findPattern('rate-limiting-ttl')!, { limit: 5, windowSeconds: 2, requests: 8 });

    const dies = await session.step();
    expect(dies.outcome).toBe('no-ttl');
    expect(redisCalls(dies.trace).map((c) => c.command)).toEqual(['INCR', 'PTTL', 'EXISTS']);
    expect(await h.check.pttl('rl:ratelimit:split:alice')).toBe(-1);
    expect(fmt(dies.narrative)).toContain('PTTL -1 (no expiry)');

    const split = await session.step();
    expect(split.outcome).toBe('no-ttl');
    expect(fmt(split.narrative)).toMatch(/^4 allowed, 4 denied \(limit 5\); INCR reached 9, PTTL -1/);

    const atomicDies = await session.step();
    expect(atomicDies.outcome).toBe('safe');
    const pttl = await h.check.pttl('rl:ratelimit:atomic:alice');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(2000);
    expect(fmt(atomicDies.narrative)).toMatch(/PTTL [\d,]+ ms/);

    const atomic = await session.step();
    expect(fmt(atomic.narrative)).toMatch(/^4 allowed, 4 denied \(limit 5\); INCR reached 9, PTTL [\d,]+ ms\.$/);

    const wait = await session.step();
    expect(fmt(wait.narrative)).toContain('EXISTS 0, PTTL -2 (no such key)');
    expect(fmt(wait.narrative)).toContain('EXISTS 1, PTTL -1 (no expiry)');
    expect(await h.check.exists('rl:ratelimit:atomic:alice')).toBe(0);
    expect(await h.check.pttl('rl:ratelimit:split:alice')).toBe(-1);

    const again = await session.step();
    expect(again.outcome).toBe('no-ttl');
    expect(fmt(again.narrative)).toContain('INCR, then EXPIRE allowed 0 (INCR replied up to 17, PTTL -1 (no expiry))');
    expect(fmt(again.narrative)).toContain('the script allowed 5 in a fresh window');

    const [counters] = english((await session.inspect()) as [CountersPanel]);
    const value = (col: number, label: string) => counters.columns[col].items.find((i) => i.label === label)!.value;
    expect(value(0, 'TTL')).toBe('PTTL -1 (no expiry)');
    expect(value(0, 'allowed')).toBe(4);
    expect(value(0, 'denied')).toBe(12);
    expect(value(1, 'allowed')).toBe(9);
    expect(counters.columns[0].tone).toBe('bad');
    expect(counters.columns[1].tone).toBe('ok');
  });

  async function env(patternId: string, params: Record<string, number>): Promise<ExploreEnv> {
    const def = findPattern(patternId)!;
    await h.open(def, params);
    h.db.latencyMs = 0;
    return { connection: h.connection, db: h.db, def, params };
  }

  it('explorer: the fixed window breaks "at most limit per window" in every order; the sliding log and the token bucket in none (every interleaving)', async () => {
    const e = await env('rate-limiting', { limit: 3, windowSeconds: 10, burst: 4, clients: 2 });
    const [fixed, sliding, token] = findRace('rate-limiting')!.variants;
    const f = await exploreVariant(e, { variant: fixed, strategy: 'random', schedules: 40, seed: 1 });
    expect(f.stuck).toBe(0);
    expect(f.violations).toBe(f.tried);
    expect(Object.keys(f.measures).map(Number)).toEqual([6]);
    const replay = await runSchedule(e, fixed, replayChooser(f.shortest!.schedule));
    expect(replay).toMatchObject({ ok: false, measure: 6 });

    for (const variant of [sliding, token]) {
      const r = await exploreVariant(e, { variant, strategy: 'auto', schedules: 1000, seed: 1 });
      console.log(`rate-limiting ${variant.id}: ${r.violations}/${r.tried} (${r.strategy}, space ${r.space}${r.complete ? ', complete' : ''}), measures ${JSON.stringify(r.measures)}`);
      expect(r.stuck).toBe(0);
      expect(r.violations).toBe(0);
      expect(Object.keys(r.measures).map(Number)).toEqual([3]);
      // Two lanes of four requests, one script each: all C(8,4) = 70 interleavings, every one run.
      expect(r.complete).toBe(true);
      expect(r.tried).toBe(70);
    }
    console.log(`rate-limiting fixed: ${f.violations}/${f.tried}, shortest ${f.shortest!.switches} switches → ${f.shortest!.measure}`);
  }, 30_000);

  it('explorer: with three clients the sliding log holds over 1,000 seeded schedules', async () => {
    const e = await env('rate-limiting', { limit: 3, windowSeconds: 10, burst: 5, clients: 3 });
    const [, sliding] = findRace('rate-limiting')!.variants;
    const r = await exploreVariant(e, { variant: sliding, strategy: 'random', schedules: 1000, seed: 7 });
    console.log(`rate-limiting sliding, 3 clients: ${r.violations}/${r.tried} (${r.strategy}, space ${r.space}), distinct ${r.distinct}`);
    expect(r.stuck).toBe(0);
    expect(r.violations).toBe(0);
    expect(r.tried).toBe(1000);
  }, 40_000);

  it('explorer: a burst as long as the window refills the token bucket mid-way, so it allows more than the limit within one window (its promise is a rate)', async () => {
    const e = await env('rate-limiting', { limit: 2, windowSeconds: 2, burst: 50, clients: 1 });
    const [, sliding, token] = findRace('rate-limiting')!.variants;
    const t = await exploreVariant(e, { variant: token, strategy: 'auto', schedules: 10, seed: 1 });
    expect(t.violations).toBe(1);
    expect(Object.keys(t.measures).map(Number)).toEqual([3]);
    const s = await exploreVariant(e, { variant: sliding, strategy: 'auto', schedules: 10, seed: 1 });
    expect(s.violations).toBe(0);
  });

  it('explorer: a client killed between INCR and EXPIRE leaves a counter without TTL; the script never does (every interleaving)', async () => {
    const e = await env('rate-limiting-ttl', { limit: 5, windowSeconds: 10, requests: 3 });
    const [split, atomic] = findRace('rate-limiting-ttl')!.variants;
    const s = await exploreVariant(e, { variant: split, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(s.stuck).toBe(0);
    expect(s.complete).toBe(true);
    expect(s.violations).toBeGreaterThan(0);
    const whats = s.shortest!.steps.map((x) => `${x.actor}:${x.what}`);
    // The kill lands while the client's INCR is in flight: it reaches the server, the EXPIRE after it never does.
    expect(whats).toEqual(['admin:ECHO', 'client:INCR']);
    const replay = await runSchedule(e, split, replayChooser(s.shortest!.schedule));
    expect(replay).toMatchObject({ ok: false, measure: 1 });

    const a = await exploreVariant(e, { variant: atomic, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(a.stuck).toBe(0);
    expect(a.complete).toBe(true);
    expect(a.violations).toBe(0);
    console.log(`rate-limiting-ttl: split ${s.violations}/${s.tried} (space ${s.space}), shortest [${whats.join(' ')}]; atomic ${a.violations}/${a.tried} (space ${a.space})`);
  }, 30_000);
});
