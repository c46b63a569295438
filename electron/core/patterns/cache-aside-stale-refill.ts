import source from './cache-aside-stale-refill.ts?raw';
import { randomUUID } from 'node:crypto';
import type { UserRow } from '../../../shared/model';
import { holdAtGate, type HeldActor } from '../engine/gate';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';

// #region read
/** Cache-aside read. A slow reader (GC pause, slow network) sits between its database read and its SETEX. */
async function getUser({ redis, db, key, params }: ActorContext, userId: number, slowReader = async () => {}) {
  const cacheKey = key(`user:${userId}`);
  const cached = await redis.get(cacheKey);
  if (cached) return JSON.parse(cached) as UserRow;
  const user = await db.fetchUser(userId);
  await slowReader();
  if (user) await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user));
  return user;
}
// #endregion

// #region write
/** The usual writer: update the database, then invalidate the cache. */
async function updateUser({ redis, db, key }: ActorContext, userId: number, name: string) {
  await db.updateUser(userId, { name });
  await redis.del(key(`user:${userId}`));
}
// #endregion

// #region lease-read
/**
 * The fix: a reader that misses takes a lease first, and its SETEX only
 * lands if the lease is still its own. A writer's invalidation deletes the
 * lease, so a refill with data read before the write is refused.
 */
const SET_IF_LEASED = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('DEL', KEYS[2])
return 1`;

async function getUserWithLease({ redis, db, key, params }: ActorContext, userId: number, slowReader = async () => {}) {
  const cacheKey = key(`user:${userId}`);
  const leaseKey = key(`lease:user:${userId}`);
  const cached = await redis.get(cacheKey);
  if (cached) return { user: JSON.parse(cached) as UserRow, cached: true };
  const lease = randomUUID();
  await redis.set(leaseKey, lease, 'NX', 'PX', 10_000);
  const user = await db.fetchUser(userId);
  await slowReader();
  const stored = user ? await runScript(redis, SET_IF_LEASED, [cacheKey, leaseKey], [lease, JSON.stringify(user), params.ttlSeconds]) : 0;
  return { user, cached: stored === 1 };
}
// #endregion

// #region lease-write
/** The writer invalidates the value and any lease taken before its write. */
async function updateUserRevokingLeases({ redis, db, key }: ActorContext, userId: number, name: string) {
  await db.updateUser(userId, { name });
  await redis.del(key(`user:${userId}`), key(`lease:user:${userId}`));
}
// #endregion

interface StaleState {
  held?: HeldActor<unknown>;
}

/** Whether the cached copy of a user differs from the row, with the TTL it will be served for. */
async function staleness(ctx: StepContext<StaleState>, userId: number) {
  const { value: cached, ttl } = await ctx.peekKey(ctx.key(`user:${userId}`));
  const row = ctx.peekUser(userId);
  if (!cached || !row) return { stale: false, text: 'nothing is cached' };
  const copy = JSON.parse(cached) as UserRow;
  return copy.name === row.name
    ? { stale: false, text: `the cache says "${copy.name}", like the database` }
    : { stale: true, text: `the cache says "${copy.name}" but the database says "${row.name}", for ${ttl} more seconds` };
}

export const cacheAsideStaleRefill = definePattern<StaleState>({
  id: 'cache-aside-stale-refill',
  title: 'Cache-aside: the stale refill',
  group: 'Caching',
  summary: 'A slow reader caches a row read before a write landed; the cache serves it until the TTL ends. A lease fixes it.',
  params: [
    TTL_PARAM,
    dbLatencyParam(),
  ],
  actors: ['clientA', 'clientB', 'database'],
  panels: ['db', 'keys'],
  createState: () => ({}),
  steps: [
    {
      title: 'Reader A misses user 1 and reads the database',
      code: sourceRegion(source, 'read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => getUser(ctx.as('clientA'), 1, gate));
        ctx.as('clientA').note('has the row in hand and stalls before SETEX');
        return { narrative: 'A has "User 1" from the database and stalls before its SETEX.', outcome: 'miss' };
      },
    },
    {
      title: 'Writer B renames user 1 and deletes the key',
      code: sourceRegion(source, 'write'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        await updateUser(ctx.as('clientB'), 1, 'User 1 (renamed)');
        return { narrative: 'The database has the new name; B deleted a key that did not exist yet.', outcome: 'write' };
      },
    },
    {
      title: 'Reader A resumes and caches what it read',
      code: sourceRegion(source, 'read'),
      actors: ['clientA'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        const { stale, text } = await staleness(ctx, 1);
        return { narrative: `A's SETEX put the old row back: ${text}.`, outcome: stale ? 'stale' : 'info' };
      },
    },
    {
      title: 'Now the same interleaving with a lease: A misses user 2',
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => getUserWithLease(ctx.as('clientA'), 2, gate));
        return { narrative: 'A took the lease lease:user:2 (SET NX PX), read "User 2", and stalls.', outcome: 'miss' };
      },
    },
    {
      title: 'Writer B renames user 2 and revokes the lease',
      code: sourceRegion(source, 'lease-write'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        await updateUserRevokingLeases(ctx.as('clientB'), 2, 'User 2 (renamed)');
        return { narrative: 'One DEL removes the cached value and the lease A is holding.', outcome: 'write' };
      },
    },
    {
      title: 'Reader A resumes: its refill is refused',
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { cached } = (await ctx.state.held?.resume()) as { cached: boolean };
        const { text } = await staleness(ctx, 2);
        return {
          narrative: cached ? `Unexpected: the refill landed, ${text}.` : `The script saw the lease was gone and did not cache the old row; ${text}. The next read misses and gets the new name.`,
          outcome: cached ? 'stale' : 'safe',
        };
      },
    },
    {
      title: 'Read user 2 again',
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        const { user, cached } = await getUserWithLease(ctx.as('clientA'), 2);
        return { narrative: `MISS, then cached "${user?.name}" (${cached ? 'lease held' : 'not cached'}): cache and database agree.`, outcome: 'miss' };
      },
    },
  ],
  dispose: (state) => state.held?.break(new Error('reset')),
});
