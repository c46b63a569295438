import type { UserRow } from '../../../shared/model';
import { msg } from '../../../shared/i18n/message';
import type { StepContext } from '../engine/pattern';
import type { ExploreDef, InvariantResult } from '../explorer/race';
import { getUser, getUserWithLease, SET_IF_LEASED, updateUser, updateUserRevokingLeases } from './cache-aside-stale-refill';

const USER = 1;
const NEW_NAME = 'User 1 (renamed)';

/**
 * After every actor is done: the cached copy of a user equals its row (same
 * name and version) or there is none. The measure is how long a stale copy
 * stays cached: its TTL in seconds, 0 when the cache is right.
 */
export async function cacheMatchesDatabase(ctx: StepContext<unknown>, userId: number): Promise<InvariantResult> {
  const { value, ttl } = await ctx.peekKey(ctx.key(`user:${userId}`));
  const row = ctx.peekUser(userId);
  if (value === null) return { ok: true, measure: 0 };
  const copy = JSON.parse(value) as UserRow;
  const same = row !== null && copy.name === row.name && copy.version === row.version;
  return same ? { ok: true, measure: 0 } : { ok: false, measure: Math.max(ttl, 0) };
}

/** Script bodies a variant runs, loaded before the race so every schedule sends the same commands (EVALSHA, never a NOSCRIPT retry). */
export async function preloadScripts(ctx: StepContext<unknown>, ...scripts: string[]): Promise<void> {
  const { redis } = ctx.as('admin');
  for (const script of scripts) await redis.call('SCRIPT', 'LOAD', script);
}

/**
 * The stale refill, explored: a reader that misses races a writer that
 * updates the row and deletes the cached copy. Invariant: once both are
 * done, the cache equals the database or the key is absent.
 */
export const staleRefillRace: ExploreDef<unknown> = {
  invariant: msg('explore.staleRefill.invariant'),
  measure: msg('explore.staleRefill.measure'),
  variants: [
    {
      id: 'article',
      label: msg('explore.staleRefill.article'),
      actors: (ctx) => [
        { actor: 'clientA', run: () => getUser(ctx.as('clientA'), USER) },
        { actor: 'clientB', run: () => updateUser(ctx.as('clientB'), USER, NEW_NAME) },
      ],
      check: (ctx) => cacheMatchesDatabase(ctx, USER),
    },
    {
      id: 'lease',
      label: msg('explore.staleRefill.lease'),
      setup: (ctx) => preloadScripts(ctx, SET_IF_LEASED),
      actors: (ctx) => [
        { actor: 'clientA', run: () => getUserWithLease(ctx.as('clientA'), USER) },
        { actor: 'clientB', run: () => updateUserRevokingLeases(ctx.as('clientB'), USER, NEW_NAME) },
      ],
      check: (ctx) => cacheMatchesDatabase(ctx, USER),
    },
  ],
};
