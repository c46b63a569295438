import { msg } from '../../../shared/i18n/message';
import type { StepContext } from '../engine/pattern';
import type { ExploreDef, RacingActor } from '../explorer/race';
import type { ActorContext } from '../engine/pattern';
import { preloadScripts } from './cache-aside-stale-refill.race';
import { getUser, getUserWithLock, RELEASE } from './cache-aside-stampede';

const USER = 1;

/** The crowd: `readers` lanes of the client ('client#0', 'client#1', …), each reading the user once. */
function crowd(ctx: StepContext<unknown>, read: (reader: ActorContext) => Promise<unknown>): RacingActor[] {
  return Array.from({ length: ctx.params.readers }, (_, lane) => ({ actor: 'client' as const, lane, run: () => read(ctx.as('client', lane)) }));
}

/** How many times this schedule read the row from the database: once is what a miss needs. */
function databaseReads(ctx: StepContext<unknown>) {
  const reads = ctx.trace().filter((t) => t.kind === 'db' && t.op === 'read').length;
  return Promise.resolve({ ok: reads <= 1, measure: reads });
}

/**
 * The stampede, explored from the moment the hot key has expired (the
 * fresh namespace has no copy: no wall-clock TTL is involved): every
 * reader of the crowd asks for the user at once. Invariant: the database
 * is read once for this expiry.
 *
 * The explorer finds the pattern's lock is not enough: a reader whose GET
 * missed before the rebuild, and whose SET NX comes after the rebuilder
 * released the lock, wins the lock and reads the database again (it does
 * not look at the cache a second time); the pattern now looks again.
 * Its losers sleep 25 ms before retrying (ctx.sleep): under the explorer
 * a virtual sleep, so while a loser sleeps every other reader acts, and it
 * retries only once all are finished or asleep. Its space is finite (with
 * two readers every interleaving is run, exhaustively) and no wall time is
 * spent. With wall-time sleeps a strategy could instead starve the lock's
 * holder while a loser retried 100 times and fell back to the database, a
 * schedule 2.5 s of real time rules out.
 */
export const stampedeRace: ExploreDef<unknown> = {
  invariant: msg('explore.stampede.invariant'),
  measure: msg('explore.stampede.measure'),
  variants: [
    {
      id: 'article',
      label: msg('explore.stampede.article'),
      actors: (ctx) => crowd(ctx, (reader) => getUser(reader, USER)),
      check: databaseReads,
    },
    {
      id: 'lock',
      label: msg('explore.stampede.lock'),
      setup: (ctx) => preloadScripts(ctx, RELEASE),
      actors: (ctx) => crowd(ctx, (reader) => getUserWithLock(reader, USER)),
      check: databaseReads,
    },
  ],
};
