import { describe, expect, it } from 'vitest';
import type { CountersPanel, RedisTrace } from '../../shared/model';
import { cacheAsideStaleRefill } from '../../electron/core/patterns/cache-aside-stale-refill';
import { cacheAsideStampede } from '../../electron/core/patterns/cache-aside-stampede';
import { writeThrough, writeThroughRace } from '../../electron/core/patterns/write-through';
import { patternHarness } from '../helpers/pattern-harness';
import { english } from '../helpers/format-message';

describe('caching patterns and the ways they break, on a real redis-server', () => {
  const h = patternHarness('cf:');

  const cached = async (id: number) => {
    const v = await h.check.get(`cf:user:${id}`);
    return v ? JSON.parse(v) : null;
  };

  it('stale refill: the slow reader caches the old row; with a lease its refill is refused', async () => {
    const s = await h.open(cacheAsideStaleRefill, { ttlSeconds: 600, dbLatencyMs: 5 });
    english(await s.step());
    expect(await h.check.exists('cf:user:1')).toBe(0);
    english(await s.step());
    expect(h.db.allUsers()[0].name).toBe('User 1 (renamed)');
    const stale = english(await s.step());
    expect(stale.outcome).toBe('stale');
    expect((await cached(1)).name).toBe('User 1');
    const ttl = await h.check.ttl('cf:user:1');
    expect(ttl).toBeGreaterThan(590);
    expect(stale.narrative).toMatch(/for \d+ more seconds/);

    english(await s.step());
    expect(await h.check.exists('cf:lease:user:2')).toBe(1);
    english(await s.step());
    expect(await h.check.exists('cf:lease:user:2')).toBe(0);
    const refused = english(await s.step());
    expect(refused.outcome).toBe('safe');
    expect(await h.check.exists('cf:user:2')).toBe(0);
    english(await s.step());
    expect((await cached(2)).name).toBe('User 2 (renamed)');
  });

  it('stampede: N readers all read the database; with the lock, exactly one does', async () => {
    const s = await h.open(cacheAsideStampede, { readers: 20, dbLatencyMs: 100, ttlSeconds: 600 });
    english(await s.step());
    english(await s.step());
    expect(await h.check.exists('cf:user:1')).toBe(0);
    const naive = english(await s.step());
    expect(naive.trace.filter((t) => t.kind === 'db')).toHaveLength(20);
    expect(new Set(naive.trace.map((t) => t.lane)).size).toBe(20);
    english(await s.step());
    const locked = english(await s.step());
    expect(locked.trace.filter((t) => t.kind === 'db')).toHaveLength(1);
    expect(locked.outcome).toBe('safe');
    expect((await cached(1)).name).toBe('User 1');
    expect(await h.check.exists('cf:lock:user:1')).toBe(0);
    const [counters] = (await s.inspect()) as [CountersPanel];
    expect(counters.columns.map((c) => c.items[0].value)).toEqual([20, 1]);
  });

  it('write-through: update sets the cache, read hits, delete removes both', async () => {
    const s = await h.open(writeThrough, { userId: 3, ttlSeconds: 120, dbLatencyMs: 5 });
    const update = english(await s.step());
    expect(update.trace.map((t) => (t.kind === 'redis' ? t.command : t.kind))).toEqual(['db', 'SETEX']);
    expect(await cached(3)).toEqual(h.db.allUsers().find((u) => u.id === 3));
    expect((await cached(3)).version).toBe(2);
    expect(await h.check.ttl('cf:user:3')).toBeGreaterThan(110);
    expect((english(await s.step())).outcome).toBe('hit');
    english(await s.step());
    expect(await h.check.exists('cf:user:3')).toBe(0);
    expect(h.db.allUsers().some((u) => u.id === 3)).toBe(false);
    const after = english(await s.step());
    expect(after.outcome).toBe('miss');
    expect(await h.check.exists('cf:user:3')).toBe(0);
  });

  it('racing writers leave the cache behind the database; the versioned set does not', async () => {
    const s = await h.open(writeThroughRace, { ttlSeconds: 600, dbLatencyMs: 5 });
    english(await s.step());
    english(await s.step());
    expect((await cached(1)).name).toBe('Written by B');
    const stale = english(await s.step());
    expect(stale.outcome).toBe('stale');
    expect((await cached(1)).name).toBe('Written by A');
    expect(h.db.allUsers()[0]).toMatchObject({ name: 'Written by B', version: 3 });

    english(await s.step());
    english(await s.step());
    const fixed = english(await s.step());
    expect(fixed.outcome).toBe('safe');
    expect(await cached(2)).toMatchObject({ name: 'Written by B', version: 3 });
    const script = fixed.trace.find((t): t is RedisTrace => t.kind === 'redis' && t.command.startsWith('EVAL'));
    expect(script?.reply).toBe('(integer) 0');
  });
});
