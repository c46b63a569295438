import { describe, expect, it } from 'vitest';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { findRace } from '../../electron/core/explorer/races';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { findPattern } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';

describe('the explorer: every interleaving of a race on a real redis-server', () => {
  const h = patternHarness('ex:');

  async function env(patternId: string, params: Record<string, number>): Promise<ExploreEnv> {
    const def = findPattern(patternId)!;
    // The explorer runs where a pattern is open: the app owns the namespace.
    await h.open(def, params);
    h.db.latencyMs = 0;
    return { connection: h.connection, db: h.db, def, params };
  }

  it('lost increment: the article’s flush loses points in some orders, the atomic take in none; the shortest failing schedule replays', async () => {
    const e = await env('write-behind-lost-update', { first: 7, second: 4, dbLatencyMs: 0 });
    const race = findRace('write-behind-lost-update')!;
    const [article, safe] = race.variants;

    const a = await exploreVariant(e, { variant: article, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(a.strategy).toBe('exhaustive');
    expect(a.space).toBeGreaterThan(1);
    expect(a.tried).toBe(a.space);
    expect(a.complete).toBe(true);
    expect(a.distinct).toBe(a.space);
    expect(a.violations).toBeGreaterThan(0);
    expect(a.stuck).toBe(0);
    // Every violation lost exactly the racing write's 4 points.
    expect(Object.keys(a.measures).map(Number).sort()).toEqual([0, 4]);
    expect(a.shortest!.ok).toBe(false);
    expect(a.shortest!.measure).toBe(4);
    // The race needs the INCRBY between the worker's GET and its DEL: the fewest switches that allow it is 2.
    expect(a.shortest!.switches).toBe(2);
    const whats = a.shortest!.steps.map((s) => `${s.actor}:${s.what}`);
    expect(whats.indexOf('client:INCRBY')).toBeGreaterThan(whats.indexOf('worker:GET'));
    expect(whats.indexOf('client:INCRBY')).toBeLessThan(whats.indexOf('worker:DEL'));

    const replay = await runSchedule(e, article, replayChooser(a.shortest!.schedule));
    expect(replay).toMatchObject({ ok: false, measure: 4, schedule: a.shortest!.schedule });

    const s = await exploreVariant(e, { variant: safe, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(s.violations).toBe(0);
    // Covered: every interleaving the code can take was run (its branches make the space smaller than the first estimate).
    expect(s).toMatchObject({ strategy: 'exhaustive', complete: true });
    expect(s.tried).toBe(s.distinct);
    expect(s.shortest).toBeUndefined();
  });

  it('seeded random and PCT schedules are the same for the same seed, and differ for another', async () => {
    const e = await env('write-behind-lost-update', { first: 3, second: 2, dbLatencyMs: 0 });
    const [article] = findRace('write-behind-lost-update')!.variants;
    const once = await exploreVariant(e, { variant: article, strategy: 'random', schedules: 40, seed: 42 });
    const twice = await exploreVariant(e, { variant: article, strategy: 'random', schedules: 40, seed: 42 });
    expect(twice.measures).toEqual(once.measures);
    expect(twice.violations).toBe(once.violations);
    expect(twice.shortest?.schedule).toEqual(once.shortest?.schedule);
    const pct = await exploreVariant(e, { variant: article, strategy: 'pct', schedules: 40, seed: 7 });
    const pctAgain = await exploreVariant(e, { variant: article, strategy: 'pct', schedules: 40, seed: 7 });
    expect(pctAgain.measures).toEqual(pct.measures);
    expect(pct.strategy).toBe('pct');
  });
});
