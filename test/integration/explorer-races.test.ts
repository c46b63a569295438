import { describe, expect, it } from 'vitest';
import type { ExplorationProgress, ExplorationVariantResult } from '../../shared/exploration';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { explorationFile, type ExplorationFile } from '../../electron/core/explorer/export';
import { findRace, RACES } from '../../electron/core/explorer/races';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { resolveParams } from '../../electron/core/engine/pattern';
import { findPattern } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';

/**
 * Every race scenario, explored on a real redis-server: the article's (or
 * naive) variant fails in some schedule, its shrunk schedule replays to
 * the same violation, each fix fails in none of 1,000 schedules (or of
 * every interleaving, when there are fewer), a seed gives the same results
 * twice, and the exported file's failing schedules replay to the same
 * verdicts, command for command.
 */
describe('the explorer: every race scenario, the article’s variant against the fix', () => {
  const h = patternHarness('exr:');

  async function env(patternId: string, params: Record<string, number>): Promise<ExploreEnv> {
    const def = findPattern(patternId)!;
    await h.open(def, params);
    h.db.latencyMs = 0;
    // The pattern's defaults for whatever the test does not set, as the session has them.
    return { connection: h.connection, db: h.db, def, params: resolveParams(def.params, params) };
  }

  interface Expect {
    /** The pattern's fix is itself not safe in every order (the explorer's finding): its failure must replay too. */
    fixFails?: boolean;
    /** Measures the article's variant may end with. */
    measures?: number[];
    switches?: number;
  }

  const tested = new Set<string>();

  /** The exploration as the Explore view exports it, written and read back as a file. */
  function exported(patternId: string, params: Record<string, number>, variants: ExplorationVariantResult[]): ExplorationFile {
    const race = findRace(patternId)!;
    const progress: ExplorationProgress = { id: 1, patternId, params, strategy: 'auto', seed: 1, schedules: 1000, invariant: race.invariant, measure: race.measure, variants, running: false, startedAt: 0, elapsedMs: 0 };
    return JSON.parse(JSON.stringify(explorationFile(progress, 'test', 'exr:'))) as ExplorationFile;
  }

  async function race(patternId: string, params: Record<string, number>, want: Expect = {}) {
    tested.add(patternId);
    const e = await env(patternId, params);
    const race = findRace(patternId)!;
    expect(race.variants.length).toBeGreaterThanOrEqual(2);
    const [article, ...fixes] = race.variants;
    const started = performance.now();

    const a = await exploreVariant(e, { variant: article, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(a.stuck).toBe(0);
    expect(a.violations).toBeGreaterThan(0);
    const shortest = a.shortest!;
    expect(shortest.ok).toBe(false);
    if (want.switches !== undefined) expect(shortest.switches).toBe(want.switches);
    if (want.measures) for (const m of Object.keys(a.measures)) expect(want.measures).toContain(Number(m));

    const replay = await runSchedule(e, article, replayChooser(shortest.schedule));
    expect(replay).toMatchObject({ ok: false, measure: shortest.measure, schedule: shortest.schedule });

    // Each fix: 'auto' with 1,000 schedules (exhaustive when its space fits).
    const budget = 1000;
    const explored: ExplorationVariantResult[] = [a];
    for (const fix of fixes) {
      const f = await exploreVariant(e, { variant: fix, strategy: 'auto', schedules: budget, seed: 1 });
      explored.push(f);
      expect(f.stuck).toBe(0);
      if (want.fixFails) {
        expect(f.violations).toBeGreaterThan(0);
        const again = await runSchedule(e, fix, replayChooser(f.shortest!.schedule));
        expect(again).toMatchObject({ ok: false, measure: f.shortest!.measure, schedule: f.shortest!.schedule });
      } else {
        expect(f.violations, fix.id).toBe(0);
        expect(f.shortest).toBeUndefined();
      }
      if (f.complete) expect(f.tried).toBe(f.distinct);
      else expect(f.tried).toBe(budget);
    }
    const f = explored[1];

    // Exported, written out and imported: each failing schedule in the file replays to the same verdict, step for step.
    const file = exported(patternId, params, explored);
    expect(file.variants.map((v) => v.violations)).toEqual(explored.map((v) => v.violations));
    for (const v of file.variants) {
      if (!v.shortestFailing) continue;
      const chooser = replayChooser(v.shortestFailing.schedule);
      const replayed = await runSchedule(e, race.variants.find((x) => x.id === v.variantId)!, chooser);
      expect(chooser.diverged).toBe(0);
      expect(replayed).toMatchObject({ ok: false, measure: v.shortestFailing.measure, schedule: v.shortestFailing.schedule });
      expect(replayed.decisions.map((d) => ({ actor: d.picked, what: d.what }))).toEqual(v.shortestFailing.steps);
    }

    // Same seed, same schedules, same results.
    const once = await exploreVariant(e, { variant: article, strategy: 'random', schedules: 15, seed: 9 });
    const twice = await exploreVariant(e, { variant: article, strategy: 'random', schedules: 15, seed: 9 });
    expect(twice.measures).toEqual(once.measures);
    expect(twice.violations).toBe(once.violations);
    expect(twice.shortest?.schedule).toEqual(once.shortest?.schedule);

    const ms = Math.round(performance.now() - started);
    const fixesText = explored
      .slice(1)
      .map((x) => `${x.variantId} ${x.violations}/${x.tried} (${x.strategy}, space ${x.space}${x.complete ? ', complete' : ''})${x.shortest ? `, shortest ${x.shortest.switches} switches → ${x.shortest.measure}` : ''}`)
      .join('; ');
    console.log(
      `${patternId}: article ${a.violations}/${a.tried} (${a.strategy}, space ${a.space}${a.complete ? ', complete' : ''}), shortest ${shortest.switches} switches [${shortest.steps.map((s) => `${s.actor}:${s.what}`).join(' ')}] → ${shortest.measure}; ${fixesText}; ${ms} ms`,
    );
    return { a, f };
  }

  it('stale refill: a reader’s SETEX after the writer’s DEL caches the old row; the revoked lease refuses it', async () => {
    const { a } = await race('cache-aside-stale-refill', { ttlSeconds: 60, dbLatencyMs: 0, leaseSeconds: 600 }, { switches: 2, measures: [0, 60] });
    const whats = a.shortest!.steps.map((s) => `${s.actor}:${s.what}`);
    expect(whats.indexOf('clientA:SQL read')).toBeLessThan(whats.indexOf('clientB:SQL write'));
    expect(whats.indexOf('clientB:DEL')).toBeLessThan(whats.indexOf('clientA:SETEX'));
  });

  // The lock's losers sleep 25 ms before they retry (ctx.sleep in the pattern's own code): virtual under the explorer, so a loser
  // retries only once every other reader is finished or asleep. With two readers the space is finite: every interleaving is run.
  it('stampede: two readers that miss both read the database; with the lock (and its second look at the cache) only one does', async () => {
    // The explorer first found the lock's hole here: a reader missed, the rebuilder refilled and released, and the late reader
    // won SET NX and read the database again. The pattern now looks at the cache once more after winning the lock.
    const { f } = await race('cache-aside-stampede', { readers: 2, ttlSeconds: 60, dbLatencyMs: 0 }, { switches: 2, measures: [1, 2] });
    expect(Object.keys(f.measures).map(Number)).toEqual([1]);
    expect(f).toMatchObject({ strategy: 'exhaustive', complete: true, violations: 0 });

    // A crowd of five: too many orders to run them all, so 1,000 of them, seeded, for each strategy. No sleep costs wall time.
    const lock = findRace('cache-aside-stampede')!.variants.find((v) => v.id === 'lock')!;
    const crowd = await env('cache-aside-stampede', { readers: 5, ttlSeconds: 60, dbLatencyMs: 0 });
    for (const strategy of ['random', 'pct'] as const) {
      const started = performance.now();
      const r = await exploreVariant(crowd, { variant: lock, strategy, schedules: 1000, seed: 1 });
      const ms = Math.round(performance.now() - started);
      expect(r).toMatchObject({ tried: 1000, stuck: 0, violations: 0, measures: { 1: 1000 } });
      expect(r.distinct).toBeGreaterThan(100);
      console.log(`cache-aside-stampede lock, 5 readers: ${r.strategy} ${r.violations}/${r.tried} (${r.distinct} distinct); ${ms} ms`);
    }
  }, 120_000);

  it('racing writers: the slower SETEX leaves the older row cached; the versioned SET refuses it', async () => {
    await race('write-through-race', { ttlSeconds: 60, dbLatencyMs: 0 }, { switches: 2, measures: [0, 60] });
  });

  it('worker crash: killed mid-flush and restarted, the article’s flush counts points twice or loses them; the parked take neither', async () => {
    const { a } = await race('write-behind-crash', { first: 40, second: 2, dbLatencyMs: 0 });
    expect(Object.keys(a.measures).map(Number)).toContain(-40);
  });

  it('missed message: a PUBLISH while B is away never reaches B; a Stream’s consumer group keeps it', async () => {
    await race('pubsub-missed', {}, { switches: 2, measures: [0, 1, 2] });
  });

  it('withdraw crowd: three clients that each check, then act, overdraw; the script never does', async () => {
    await race('lua-withdraw', { initial: 60, amount: 30, clients: 3 }, { measures: [0, -30] });
  });

  it('log out everywhere: a login’s SADD between SMEMBERS and the DEL of the set leaves a live session no logout can find; the script never does', async () => {
    await race('sessions', { ttlSeconds: 10, requests: 1, intervalMs: 200, logins: 1 }, { switches: 2, measures: [0, 1] });
  });

  it('lost increment: an INCRBY between the flush’s GET and DEL is lost; the atomic take loses none', async () => {
    await race('write-behind-lost-update', { first: 7, second: 4, dbLatencyMs: 0 }, { switches: 2, measures: [0, 4] });
  });

  it('rate limiting: a double burst across the fixed window’s edge lets through twice the limit in every order; the sliding log and the token bucket never', async () => {
    // A small burst (3 before the edge, 3 after, on 2 lanes, limit 2) keeps 1,000 schedules of each fix quick.
    const { a } = await race('rate-limiting', { limit: 2, windowSeconds: 10, burst: 3, clients: 2 });
    expect(a.violations).toBe(a.tried);
  });

  it('rate limiting: a client dying between INCR and EXPIRE leaves a counter without TTL; INCR + EXPIRE in one script never does', async () => {
    await race('rate-limiting-ttl', {}, { measures: [0, 1] });
  });

  it('streams: a consumer killed holding a job leaves it pending forever; XAUTOCLAIM hands it to the survivor', async () => {
    await race('stream-queue', {});
  });

  it('locks: a plain DEL after the lock expired releases the next holder’s lock and lets two in; compare-and-delete never', async () => {
    await race('distributed-lock', {});
  });

  it('locks: a write after a pause longer than the TTL is accepted over the new holder’s; the fencing token refuses it', async () => {
    await race('distributed-lock-fencing', { dbLatencyMs: 0 });
  });

  it('covers every race the explorer knows', () => {
    expect([...tested].sort()).toEqual(Object.keys(RACES).sort());
  });
});
