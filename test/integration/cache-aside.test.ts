import { beforeEach, describe, expect, it } from 'vitest';
import type { CountersPanel, DbTrace, RedisTrace } from '../../shared/model';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { patternHarness } from '../helpers/pattern-harness';
import { english, fmt } from '../helpers/format-message';

const NS = 'test:';
const LATENCY = 60;

describe('cache-aside, step by step on a real redis-server', () => {
  const h = patternHarness(NS);
  let session: PatternSession;

  beforeEach(async () => {
    session = await h.open(cacheAside, { userId: 2, ttlSeconds: 600, dbLatencyMs: LATENCY });
  });

  it('misses first: reads the database, then caches the row with the TTL', async () => {
    const check = h.check;
    const result = await session.step();
    expect(result.outcome).toBe('miss');
    expect(fmt(result.narrative)).toMatch(/Cache MISS for user 2/);

    const [get, read, setex] = result.trace as [RedisTrace, DbTrace, RedisTrace];
    expect(get).toMatchObject({ kind: 'redis', actor: 'client', command: 'GET', args: ['test:user:2'], reply: '(nil)' });
    expect(read).toMatchObject({ kind: 'db', op: 'read', params: [2], rows: 1 });
    expect(read.durationMs).toBeGreaterThanOrEqual(LATENCY - 1);
    expect(setex).toMatchObject({ command: 'SETEX', args: ['test:user:2', '600', expect.stringContaining('"name":"User 2"')], reply: '"OK"' });

    const cached = JSON.parse((await check.get('test:user:2'))!);
    expect(cached).toEqual(h.db.allUsers().find((u) => u.id === 2));
    const ttl = await check.ttl('test:user:2');
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(await check.type('test:user:2')).toBe('string');
  });

  it('hits second: one GET, no database read', async () => {
    await session.step();
    const hit = await session.step();
    expect(hit.outcome).toBe('hit');
    expect(hit.trace).toHaveLength(1);
    expect(hit.trace[0]).toMatchObject({ command: 'GET', args: ['test:user:2'] });
    expect((hit.trace[0] as RedisTrace).reply).toContain('User 2');
    expect(hit.trace.some((t) => t.kind === 'db')).toBe(false);

    // Both figures come from measurement: the miss paid the database latency, the hit did not.
    const [panel] = english((await session.inspect()) as [CountersPanel]);
    const miss = panel.columns[0].items[0].value as string;
    const hitTime = panel.columns[1].items[0].value as string;
    expect(parseFloat(miss)).toBeGreaterThanOrEqual(LATENCY - 1);
    expect(parseFloat(hitTime)).toBeLessThan(LATENCY);
    expect(panel.columns[1].items[1].value).toMatch(/^\d+× faster$/);
  });

  it('shows the stale read after the row changes behind the cache', async () => {
    await session.step();
    await session.step();
    const update = await session.step();
    expect(update.trace).toEqual([expect.objectContaining({ kind: 'db', op: 'write', actor: 'admin', rows: 1 })]);
    expect(h.db.allUsers().find((u) => u.id === 2)?.name).toBe('User 2 (renamed)');

    const stale = await session.step();
    expect(stale.outcome).toBe('stale');
    expect(fmt(stale.narrative)).toMatch(/stale/);
    expect(JSON.parse((await h.check.get('test:user:2'))!).name).toBe('User 2');
  });

  it('reset deletes the namespace keys, reseeds the database and rewinds', async () => {
    for (let i = 0; i < cacheAside.steps.length; i++) await session.step();
    await expect(session.step()).rejects.toThrow(/finished/);
    const state = await session.reset();
    expect(state.cursor).toBe(0);
    expect(state.history).toEqual([]);
    expect(await h.check.exists('test:user:2')).toBe(0);
    expect(h.db.allUsers().find((u) => u.id === 2)?.name).toBe('User 2');
  });

  it('refuses parameters outside their declared ranges in the app\'s words, instead of clamping them', async () => {
    expect(() => new PatternSession(cacheAside, { userId: 99 }, h.connection, h.db)).toThrow('User id can be at most 5 (range 1–5).');
    const s = new PatternSession(cacheAside, { userId: 4 }, h.connection, h.db);
    expect(english(s.snapshot()).params).toEqual({ userId: 4, ttlSeconds: 3600, dbLatencyMs: 100 });
  });
});
