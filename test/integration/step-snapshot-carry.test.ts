import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StepResult } from '../../shared/model';
import { UserDatabase } from '../../electron/core/db/user-database';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { KeysFeed } from '../../electron/core/feed/keys-feed';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const NS = 'carry:';

/**
 * A read-only step keeps the last snapshot's reads only while the Keys feed's
 * notifications, the database and the TTLs say nothing they show changed;
 * whatever someone else changed in between is read again.
 */
describe('snapshot reads carried from step to step', () => {
  let redis: TestRedis;
  let check: Redis;
  let connection: LiveConnection;
  let db: UserDatabase;
  let feed: KeysFeed;

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
    connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: NS }, { dataDir: '/tmp' });
    db = await UserDatabase.create(0);
    feed = new KeysFeed(connection, () => {});
    await feed.start();
    expect(feed.mode).toBe('notifications');
  });
  afterAll(async () => {
    await feed?.stop();
    await connection?.close();
    db?.close();
    await redis?.stop();
  });
  beforeEach(() => check.config('RESETSTAT'));

  /** The snapshot's reads sent to Redis so far: each reads the touched string key with one STRLEN (a step never sends one). */
  const snapshotReads = async () => Number(/cmdstat_strlen:calls=(\d+)/.exec((await check.info('commandstats')) as string)?.[1] ?? 0);

  async function open(params: Record<string, number>): Promise<PatternSession> {
    const session = new PatternSession({ ...cacheAside, steps: [cacheAside.steps[0], ...Array(8).fill(cacheAside.steps[1])] }, { dbLatencyMs: 0, ...params }, connection, db, () => {}, {
      changes: () => feed.changeMark(),
    });
    await session.reset();
    return session;
  }

  /** Steps once and says whether the step's snapshot was read from Redis. */
  async function step(session: PatternSession): Promise<{ result: StepResult; read: boolean }> {
    const before = await snapshotReads();
    const result = await session.step();
    return { result, read: (await snapshotReads()) > before };
  }

  it('HIT after HIT with nothing changed: the reads are carried, stamped now, each key keeping when it was read', async () => {
    const session = await open({ ttlSeconds: 600 });
    expect((await step(session)).result.outcome).toBe('miss');
    await step(session); // the miss's own notification may reach the feed after its reads were sent: read once more
    const first = await step(session);
    const second = await step(session);
    expect([first.result.outcome, second.result.outcome]).toEqual(['hit', 'hit']);
    expect([first.read, second.read]).toEqual([false, false]);
    const after = second.result.after!;
    expect(after.keys?.keys.map((k) => k.key)).toEqual([`${NS}user:1`]);
    expect(after.dbRows?.find((r) => r.row.id === 1)?.state).toBe('fresh');
    // Stamped when the step confirmed it; the key and rows say when they were really read.
    expect(after.at).toBeGreaterThanOrEqual(second.result.startedAt);
    expect(after.keys!.keys[0].readAt).toBeLessThanOrEqual(first.result.startedAt);
  });

  it('someone else writes under the namespace between steps: the next HIT reads again and shows it', async () => {
    const session = await open({ ttlSeconds: 600 });
    for (let i = 0; i < 3; i++) await step(session);
    await check.set(`${NS}user:2`, 'not the row');
    const next = await step(session);
    expect(next.result.outcome).toBe('hit');
    expect(next.read).toBe(true);
    expect(next.result.after?.dbRows?.find((r) => r.row.id === 2)).toMatchObject({ cached: 'not the row', state: 'stale' });
    expect(next.result.after?.keys?.keys).toHaveLength(1); // user:2 was never touched by the run: not on its Keys snapshot
  });

  it('the database changes between steps: the next HIT reads again and shows the row renamed', async () => {
    const session = await open({ ttlSeconds: 600 });
    for (let i = 0; i < 3; i++) await step(session);
    await db.traced('admin', () => {}).updateUser(1, { name: 'Renamed elsewhere' });
    const next = await step(session);
    expect(next.read).toBe(true);
    expect(next.result.outcome).toBe('stale');
    expect(next.result.after?.dbRows?.find((r) => r.row.id === 1)).toMatchObject({ row: { name: 'Renamed elsewhere' }, state: 'stale' });
  });

  it('a TTL that may run out before the next look is read again every step', async () => {
    const session = await open({ ttlSeconds: 1 });
    await step(session);
    const hits = [await step(session), await step(session)];
    expect(hits.map((h) => h.result.outcome)).toEqual(['hit', 'hit']);
    expect(hits.map((h) => h.read)).toEqual([true, true]);
  });

  it('without a way to hear changes (no feed, or a stopped one) every step reads', async () => {
    const session = new PatternSession(cacheAside, { dbLatencyMs: 0, ttlSeconds: 600 }, connection, db);
    await session.reset();
    await session.step();
    expect((await step(session)).read).toBe(true);

    const other = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: 'carry2:' }, { dataDir: '/tmp' });
    const stopped = new KeysFeed(other, () => {});
    await stopped.start();
    expect(stopped.changeMark()).toBeDefined();
    await stopped.stop();
    expect(stopped.changeMark()).toBeUndefined();
    await other.close();
  });
});
