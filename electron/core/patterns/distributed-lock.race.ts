import { msg } from '../../../shared/i18n/message';
import type { ActorId, RedisTrace, TraceEntry } from '../../../shared/model';
import type { StepContext } from '../engine/pattern';
import type { ExploreDef, InvariantResult } from '../explorer/race';
import { scriptSha } from '../redis/run-script';
import { preloadScripts } from './cache-aside-stale-refill.race';
import { ACQUIRE_WITH_FENCE, RELEASE_IF_OURS, acquire, enter, expireLock, leave, releaseIfOurs, releaseWithDel, runJob, writeFenced, writeUnderLock, type LockState } from './distributed-lock';
import { integerReply } from './replies';

const RESOURCE = 'job:1';
const USER = 1;

/** The most clients inside at once: the highest reply an INCR of the inside counter got in this schedule. */
export function peakInside(trace: readonly TraceEntry[]): number {
  const replies = trace
    .filter((t): t is RedisTrace => t.kind === 'redis' && t.command === 'INCRBY' && t.args[0]?.endsWith(`inside:${RESOURCE}`))
    .map((t) => integerReply(t.reply) ?? 0);
  return Math.max(0, ...replies);
}

function insideCheck(ctx: StepContext<unknown>): Promise<InvariantResult> {
  const peak = peakInside(ctx.trace());
  return Promise.resolve({ ok: peak <= 1, measure: peak });
}

/**
 * Writes the database accepted from a client that took the lock before
 * another client whose write the database had already accepted: an older
 * holder (an older fence) overwriting a newer one. Read from the schedule's
 * trace: acquisitions from SET replies (OK) or the fencing script's replies
 * (the fence), accepted writes from the database calls that changed a row.
 */
export function staleWrites(trace: readonly TraceEntry[]): number {
  const acquiredAt = new Map<ActorId, number>();
  let order = 0;
  let newestWriter = -1;
  let stale = 0;
  const fenceSha = scriptSha(ACQUIRE_WITH_FENCE);
  for (const t of trace) {
    if (t.kind === 'redis' && !acquiredAt.has(t.actor)) {
      const setOk = t.command === 'SET' && t.reply === '"OK"';
      const fenced = (t.command === 'EVALSHA' && t.args[0] === fenceSha && integerReply(t.reply) !== undefined) || (t.command === 'EVAL' && t.args[0] === ACQUIRE_WITH_FENCE && integerReply(t.reply) !== undefined);
      if (setOk || fenced) acquiredAt.set(t.actor, order++);
    }
    if (t.kind === 'db' && t.op === 'write' && t.rows > 0) {
      const mine = acquiredAt.get(t.actor) ?? -1;
      if (mine < newestWriter) stale++;
      newestWriter = Math.max(newestWriter, mine);
    }
  }
  return stale;
}

function fenceCheck(ctx: StepContext<unknown>): Promise<InvariantResult> {
  const stale = staleWrites(ctx.trace());
  return Promise.resolve({ ok: stale === 0, measure: stale });
}

/** Client A's job up to its release: lock taken, protected work done, and then its lock expired (the admin's PEXPIRE). */
async function aOutlivedItsLock(ctx: StepContext<LockState>) {
  const a = ctx.as('clientA');
  ctx.state.raceToken = (await acquire(a, RESOURCE)) ?? undefined;
  await enter(a, RESOURCE);
  await leave(a, RESOURCE);
  await expireLock(ctx.as('admin'), RESOURCE);
}

/**
 * Releasing someone else's lock, explored from the moment client A's lock
 * expired while A was still finishing its job (set up unscheduled: A took
 * the lock, entered and left the critical section, and the admin expired
 * the lock — the TTL running out, as a step). Then A releases, while B and
 * C each run one job: take the lock (one try), enter, leave, release.
 * Invariant: at most one client is inside the critical section at a time.
 * (A lock that expires while its holder is still inside is the pause
 * pattern's lesson; fencing is its fix.)
 */
export const lockReleaseRace: ExploreDef<LockState> = {
  invariant: msg('explore.lock.invariant'),
  measure: msg('explore.lock.measure'),
  variants: [
    {
      id: 'del',
      label: msg('explore.lock.del'),
      setup: aOutlivedItsLock,
      actors: (ctx) => [
        { actor: 'clientA', run: () => releaseWithDel(ctx.as('clientA'), RESOURCE) },
        { actor: 'clientB', run: () => runJob(ctx.as('clientB'), RESOURCE, 'del') },
        { actor: 'clientC', run: () => runJob(ctx.as('clientC'), RESOURCE, 'del') },
      ],
      check: insideCheck,
    },
    {
      id: 'script',
      label: msg('explore.lock.script'),
      setup: async (ctx) => {
        await preloadScripts(ctx as StepContext<unknown>, RELEASE_IF_OURS);
        await aOutlivedItsLock(ctx);
      },
      actors: (ctx) => [
        { actor: 'clientA', run: () => releaseIfOurs(ctx.as('clientA'), RESOURCE, ctx.state.raceToken ?? '') },
        { actor: 'clientB', run: () => runJob(ctx.as('clientB'), RESOURCE, 'script') },
        { actor: 'clientC', run: () => runJob(ctx.as('clientC'), RESOURCE, 'script') },
      ],
      check: insideCheck,
    },
  ],
};

/**
 * A pause longer than the lock's TTL, explored. Two clients each take the
 * lock (one try), write user 1 in the database and release with the token
 * check. Client A pauses right after taking the lock, and its lock expires
 * during the pause (the admin's PEXPIRE, as above). Invariant: the database
 * never accepts a write from an older lock holder after a newer holder's
 * write (a write with an older fence).
 */
export const fencingRace: ExploreDef<unknown> = {
  invariant: msg('explore.fence.invariant'),
  measure: msg('explore.fence.measure'),
  variants: [
    {
      id: 'no-fence',
      label: msg('explore.fence.none'),
      setup: (ctx) => preloadScripts(ctx, RELEASE_IF_OURS),
      actors: (ctx) => [
        { actor: 'clientA', run: () => writeUnderLock(ctx.as('clientA'), USER, 'Written by A', async () => void (await expireLock(ctx.as('admin'), `user:${USER}`))) },
        { actor: 'clientB', run: () => writeUnderLock(ctx.as('clientB'), USER, 'Written by B') },
      ],
      check: fenceCheck,
    },
    {
      id: 'fence',
      label: msg('explore.fence.fence'),
      setup: (ctx) => preloadScripts(ctx, RELEASE_IF_OURS, ACQUIRE_WITH_FENCE),
      actors: (ctx) => [
        { actor: 'clientA', run: () => writeFenced(ctx.as('clientA'), USER, 'Written by A', async () => void (await expireLock(ctx.as('admin'), `user:${USER}`))) },
        { actor: 'clientB', run: () => writeFenced(ctx.as('clientB'), USER, 'Written by B') },
      ],
      check: fenceCheck,
    },
  ],
};
