import source from './cache-aside-stale-refill.ts?raw';
import { randomUUID } from 'node:crypto';
import type { UserRow } from '../../../shared/model';
import { holdAtGate, nothingHeld, ranThrough, type HeldActor } from '../engine/gate';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';
import { lastReply } from './replies';

// #region read
/** Cache-aside read. A slow reader (GC pause, slow network) sits between its database read and its SETEX. */
export async function getUser({ redis, db, key, params }: ActorContext, userId: number, slowReader = async () => {}) {
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
export async function updateUser({ redis, db, key }: ActorContext, userId: number, name: string) {
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
export const SET_IF_LEASED = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('DEL', KEYS[2])
return 1`;

export async function getUserWithLease({ redis, db, key, params }: ActorContext, userId: number, slowReader = async () => {}) {
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
export async function updateUserRevokingLeases({ redis, db, key }: ActorContext, userId: number, name: string) {
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
async function staleness(ctx: StepContext<StaleState>, userId: number): Promise<{ stale: boolean; text: Message }> {
  const { value: cached, ttl } = await ctx.peekKey(ctx.key(`user:${userId}`));
  const row = ctx.peekUser(userId);
  if (!cached || !row) return { stale: false, text: msg('staleRefill.text.nothing') };
  const copy = JSON.parse(cached) as UserRow;
  return copy.name === row.name
    ? { stale: false, text: msg('staleRefill.text.same', { cachedName: copy.name }) }
    : { stale: true, text: msg('staleRefill.text.stale', { cachedName: copy.name, dbName: row.name, ttl }) };
}

const heldReaderNarrative = (name: string | Message) => msg('staleRefill.held', { name });
const plainWriteNarrative = (removed: number) => (removed === 0 ? msg('staleRefill.write.none') : msg('staleRefill.write.removed', { removed }));
const refillNarrative = (stale: boolean, text: Message) => (stale ? msg('staleRefill.refill.stale', { text }) : msg('staleRefill.refill.fresh', { text }));

function leaseTakenNarrative(taken: boolean, name: string | Message, leaseTtl: number): Message {
  return taken ? msg('staleRefill.lease.taken', { leaseTtl, name }) : msg('staleRefill.lease.notTaken', { name });
}

function revokeNarrative(removed: number, leaseWasThere: boolean, leaseSeconds: number): Message {
  if (leaseWasThere) return msg('staleRefill.revoke.removed', { removed });
  return msg('staleRefill.revoke.expired', { removed, leaseSeconds });
}

function leasedRefillNarrative(stored: boolean, revoked: boolean, text: Message): Message {
  if (stored) return msg('staleRefill.leased.stored', { text });
  return msg('staleRefill.leased.refused', { revoked: revoked ? 'yes' : 'no', text });
}

function rereadNarrative(fromCache: boolean, stored: boolean, name: string | Message, text: Message): Message {
  if (fromCache) return msg('staleRefill.reread.hit', { name, text });
  return msg('staleRefill.reread.miss', { name, stored: stored ? 'yes' : 'no', text });
}

export const cacheAsideStaleRefill = definePattern<StaleState>({
  id: 'cache-aside-stale-refill',
  title: msg('staleRefill.title'),
  group: 'Caching',
  summary: msg('staleRefill.summary'),
  params: [
    TTL_PARAM,
    dbLatencyParam(),
    // Long by default so the race does not depend on how fast the steps are clicked.
    { name: 'leaseSeconds', label: msg('staleRefill.param.lease'), min: 1, max: 86_400, default: 600, unit: msg('unit.s') },
  ],
  actors: ['clientA', 'clientB', 'database'],
  panels: ['db', 'keys'],
  createState: () => ({}),
  steps: [
    {
      title: msg('staleRefill.step.readerMisses'),
      code: sourceRegion(source, 'read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => getUser(ctx.as('clientA'), 1, gate));
        if (!ctx.state.held.atGate) return { narrative: ranThrough('clientA'), outcome: 'info' };
        ctx.as('clientA').note(msg('staleRefill.note.stalls'));
        return { narrative: heldReaderNarrative(ctx.peekUser(1)?.name ?? msg('common.nothing')), outcome: 'miss' };
      },
    },
    {
      title: msg('staleRefill.step.writerDeletes'),
      code: sourceRegion(source, 'write'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        const removed = await updateUser(ctx.as('clientB'), 1, 'User 1 (renamed)');
        return { narrative: plainWriteNarrative(removed), outcome: 'write' };
      },
    },
    {
      title: msg('staleRefill.step.readerResumes'),
      code: sourceRegion(source, 'read'),
      actors: ['clientA'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        if (ctx.state.held && !ctx.state.held.atGate) return { narrative: nothingHeld('clientA'), outcome: 'info' };
        const { stale, text } = await staleness(ctx, 1);
        return { narrative: refillNarrative(stale, text), outcome: stale ? 'stale' : 'info' };
      },
    },
    {
      title: msg('staleRefill.step.leaseMiss'),
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => getUserWithLease(ctx.as('clientA'), 2, gate));
        if (!ctx.state.held.atGate) return { narrative: ranThrough('clientA'), outcome: 'info' };
        const taken = lastReply(ctx.trace(), 'SET', 'clientA') === '"OK"';
        const { ttl } = await ctx.peekKey(ctx.key('lease:user:2'));
        return { narrative: leaseTakenNarrative(taken, ctx.peekUser(2)?.name ?? msg('common.nothing'), ttl), outcome: 'miss' };
      },
    },
    {
      title: msg('staleRefill.step.revoke'),
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
      title: msg('staleRefill.step.refused'),
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { stored } = (await ctx.state.held?.resume()) as { stored: boolean };
        if (ctx.state.held && !ctx.state.held.atGate) return { narrative: nothingHeld('clientA'), outcome: 'info' };
        const { stale, text } = await staleness(ctx, 2);
        return { narrative: leasedRefillNarrative(stored, ctx.state.leaseRevoked ?? false, text), outcome: stale ? 'stale' : 'safe' };
      },
    },
    {
      title: msg('staleRefill.step.reread'),
      code: sourceRegion(source, 'lease-read'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        const { user, fromCache, stored } = await getUserWithLease(ctx.as('clientA'), 2);
        const { stale, text } = await staleness(ctx, 2);
        return { narrative: rereadNarrative(fromCache, stored, user?.name ?? msg('common.nothing'), text), outcome: stale ? 'stale' : fromCache ? 'hit' : 'miss' };
      },
    },
  ],
  dispose: (state) => state.held?.break(new Error('reset')),
});
