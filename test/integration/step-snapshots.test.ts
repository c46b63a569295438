import { describe, expect, it } from 'vitest';
import type { ZsetPanel } from '../../shared/model';
import { SNAPSHOTS_KEPT } from '../../electron/core/engine/step-snapshot';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { leaderboard } from '../../electron/core/patterns/leaderboard';
import { writeBehind } from '../../electron/core/patterns/write-behind';
import { patternHarness } from '../helpers/pattern-harness';

const NS = 'snap:';

/** The host keeps what the panels showed after each step, so time travel reads it instead of recomputing. */
describe('snapshots the host takes after each step', () => {
  const h = patternHarness(NS);

  it('cache-aside: keys and both sides of database vs cache, as they were after each step', async () => {
    const session = await h.open(cacheAside, { userId: 1, ttlSeconds: 600, dbLatencyMs: 0 });
    const [miss, hit, update, stale] = await h.steps(session, 4);

    expect(miss.after?.keys?.keys.map((k) => k.key)).toEqual(['snap:user:1']);
    expect(miss.after?.keys?.keys[0]).toMatchObject({ type: 'string', preview: expect.stringContaining('"name":"User 1"') });
    const row1 = (s: typeof miss) => s.after?.dbRows?.find((r) => r.row.id === 1);
    expect(row1(miss)).toMatchObject({ state: 'fresh', row: { name: 'User 1' }, cached: expect.stringContaining('"name":"User 1"') });
    expect(row1(hit)?.state).toBe('fresh');
    // The database-only update: the row changed, the cached copy did not — both sides kept.
    expect(row1(update)).toMatchObject({ state: 'stale', row: { name: 'User 1 (renamed)' }, cached: expect.stringContaining('"name":"User 1"') });
    expect(row1(stale)?.state).toBe('stale');

    // Taken then, not recomputed: deleting the key now leaves step 1's snapshot as it was.
    await h.check.del('snap:user:1');
    expect(session.snapshot().history[0].after?.keys?.keys).toHaveLength(1);
    expect(row1(session.snapshot().history[0])?.state).toBe('fresh');
  });

  it('leaderboard: the sorted set after step 1 stays as it was once later steps reorder it', async () => {
    const session = await h.open(leaderboard, {});
    await h.steps(session, 5);
    const history = session.snapshot().history;
    const zset = (i: number) => (history[i].after?.panels.find((p) => p.kind === 'zset') as ZsetPanel).entries;
    expect(zset(0)).toEqual([
      { member: 'charlie', score: 1800 },
      { member: 'alice', score: 1500 },
      { member: 'bob', score: 1200 },
    ]);
    expect(zset(4)[0]).toEqual({ member: 'bob', score: 1900 });
    expect(history[4].after?.keys?.keys.map((k) => k.key)).toEqual(['snap:game_leaderboard']);
  });

  it('keeps snapshots for the newest entries only, so the run state stays bounded', async () => {
    const session = await h.open(writeBehind, { intervalSec: 120 });
    for (let i = 0; i < SNAPSHOTS_KEPT + 2; i++) await session.action('score', { userId: 1, points: 1 });
    const history = session.snapshot().history;
    expect(history).toHaveLength(SNAPSHOTS_KEPT + 2);
    expect(history.slice(0, 2).every((r) => r.after === undefined)).toBe(true);
    expect(history.slice(2).every((r) => r.after !== undefined)).toBe(true);
    await session.dispose();
    const pending = history.at(-1)?.after?.panels.find((p) => p.kind === 'pending');
    expect(pending).toMatchObject({ kind: 'pending', items: [expect.objectContaining({ id: '1', cached: SNAPSHOTS_KEPT + 2 })] });
  });

  it('refuses a parameter outside its range in the app’s words instead of clamping it', async () => {
    const session = await h.open(cacheAside, {});
    await session.step();
    await expect(session.reset({ userId: 200 })).rejects.toThrow('User id can be at most 5 (range 1–5).');
    // Refused before anything changed: the run is where it was.
    expect(session.snapshot()).toMatchObject({ cursor: 1, params: { userId: 1 } });
  });
});
