import source from './cache-aside-stale-refill.ts?raw';
import { randomUUID } from 'node:crypto';
import type { UserRow } from '../../../shared/model';
import { holdAtGate, type HeldActor } from '../engine/gate';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';
import { lastReply } from './replies';

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
  return redis.del(key(`user:${userId}`)); // how many keys it removed
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
  if (cached) return { user: JSON.parse(cached) as UserRow, fromCache: true, stored: false };
  const lease = randomUUID();
  // The lease outlives a slow reader, and still ends if the reader dies holding it.
  await redis.set(leaseKey, lease, 'NX', 'EX', params.leaseSeconds);
  const user = await db.fetchUser(userId);
  await slowReader();
  const stored = user ? await runScript(redis, SET_IF_LEASED, [cacheKey, leaseKey], [lease, JSON.stringify(user), params.ttlSeconds]) : 0;
  return { user, fromCache: false, stored: stored === 1 };
}
// #endregion

// #region lease-write
/** The writer invalidates the value and any lease taken before its write. */
async function updateUserRevokingLeases({ redis, db, key }: ActorContext, userId: number, name: string) {
  await db.updateUser(userId, { name });
  return redis.del(key(`user:${userId}`), key(`lease:user:${userId}`)); // how many of the two it removed
}
// #endregion

interface StaleState {
  held?: HeldActor<unknown>;
  /** Whether the writer's DEL removed the lease A held (step 5): the refusal is then the revoke's doing, not the lease's expiry. */
  leaseRevoked?: boolean;
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

const heldReaderNarrative = (name: string) => `A's GET missed; A has "${name}" from the database and stalls before its SETEX.`;
const plainWriteNarrative = (removed: number) =>
  removed === 0 ? "The database has the new name; B's DEL replied 0: there was no cached key to delete yet." : `The database has the new name; B's DEL replied ${removed}: it removed the cached copy.`;
const refillNarrative = (stale: boolean, text: string) => (stale ? `A's SETEX put the old row back: ${text}.` : `A's SETEX cached the row it read: ${text}.`);

function leaseTakenNarrative(taken: boolean, name: string, leaseTtl: number): string {
  return taken
    ? `SET NX replied OK: A holds lease:user:2 (it expires in ${leaseTtl} s), read "${name}", and stalls.`
    : `SET NX replied nil: another reader already holds lease:user:2. A read "${name}" anyway and stalls; its refill will be refused.`;
}

function revokeNarrative(removed: number, leaseWasThere: boolean, leaseSeconds: number): string {
  if (leaseWasThere) return `B's DEL replied ${removed}: it removed the lease A is holding${removed > 1 ? ' and the cached value' : ''}.`;
  return `B's DEL replied ${removed}: the lease A took had already expired (its TTL is ${leaseSeconds} s), so there was no lease to revoke.`;
}

function leasedRefillNarrative(stored: boolean, revoked: boolean, text: string): string {
  if (stored) return `The script replied 1: the refill landed, ${text}.`;
  const why = revoked ? "B's DEL had revoked it" : 'it had expired before B wrote';
  return `The script replied 0: the lease was no longer A's (${why}), so the old row was not cached; ${text}. The next read misses and gets the new name.`;
}

function rereadNarrative(fromCache: boolean, stored: boolean, name: string | undefined, text: string): string {
  if (fromCache) return `HIT: Redis served "${name}"; ${text}.`;
  return `MISS: read "${name}" from the database; the script replied ${stored ? '1 and cached it' : '0 and cached nothing'}: ${text}.`;
}

export const cacheAsideStaleRefill = definePattern<StaleState>({
  id: 'cache-aside-stale-refill',
  title: 'Cache-aside: the stale refill',
  group: 'Caching',
  summary: 'A slow reader caches a row read before a write landed; the cache serves it until the TTL ends. A lease fixes it.',
  params: [
    TTL_PARAM,
    dbLatencyParam(),
    // Long by default so the race does not depend on how fast the steps are clicked.
    { name: 'leaseSeconds', label: 'Lease TTL', min: 1, max: 86_400, default: 600, unit: 's' },
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
        return { narrative: heldReaderNarrative(ctx.peekUser(1)?.name ?? 'nothing'), outcome: 'miss' };
      },
    },
    {
      title: 'Writer B renames user 1 and deletes the key',
      code: sourceRegion(source, 'write'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        const removed = await updateUser(ctx.as('clientB'), 1, 'User 1 (renamed)');
        return { narrative: plainWriteNarrative(removed), outcome: 'write' };
      },
    },
    {
      title: 'Reader A resumes and caches what it read',
      code: sourceRegion(source, 'read'),
      actors: ['clientA'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        const { stale, text } = await staleness(ctx, 1);
        return { narrative: refillNarrative(stale, text), outcome: stale ? 'stale' : 'info' };
      },
    },
    {
      title: 'Now the same interleaving with a lease: A misses user 2',
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => getUserWithLease(ctx.as('clientA'), 2, gate));
        const taken = lastReply(ctx.trace(), 'SET', 'clientA') === '"OK"';
        const { ttl } = await ctx.peekKey(ctx.key('lease:user:2'));
        return { narrative: leaseTakenNarrative(taken, ctx.peekUser(2)?.name ?? 'nothing', ttl), outcome: 'miss' };
      },
    },
    {
      title: 'Writer B renames user 2 and revokes the lease',
      code: sourceRegion(source, 'lease-write'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        // Read just before the DEL, so its reply can be told apart: a lease revoked, or one that had expired.
        const leaseWasThere = (await ctx.peekKey(ctx.key('lease:user:2'))).value !== null;
        const removed = await updateUserRevokingLeases(ctx.as('clientB'), 2, 'User 2 (renamed)');
        ctx.state.leaseRevoked = leaseWasThere && removed > 0;
        return { narrative: revokeNarrative(removed, leaseWasThere, ctx.params.leaseSeconds), outcome: 'write' };
      },
    },
    {
      title: 'Reader A resumes: its refill is refused',
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { stored } = (await ctx.state.held?.resume()) as { stored: boolean };
        const { stale, text } = await staleness(ctx, 2);
        return { narrative: leasedRefillNarrative(stored, ctx.state.leaseRevoked ?? false, text), outcome: stale ? 'stale' : 'safe' };
      },
    },
    {
      title: 'Read user 2 again',
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        const { user, fromCache, stored } = await getUserWithLease(ctx.as('clientA'), 2);
        const { stale, text } = await staleness(ctx, 2);
        return { narrative: rereadNarrative(fromCache, stored, user?.name, text), outcome: stale ? 'stale' : fromCache ? 'hit' : 'miss' };
      },
    },
  ],
  dispose: (state) => state.held?.break(new Error('reset')),
});
