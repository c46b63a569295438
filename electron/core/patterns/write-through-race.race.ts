import { msg } from '../../../shared/i18n/message';
import type { ExploreDef } from '../explorer/race';
import { cacheMatchesDatabase, preloadScripts } from './cache-aside-stale-refill.race';
import { SET_IF_NEWER, updateUser, updateUserVersioned } from './write-through';

const USER = 1;

/**
 * Racing writers, explored: A and B each update the row, then write their
 * row to the cache. Invariant: once both are done, the cache equals the
 * database or the key is absent.
 */
export const writeThroughRace: ExploreDef<unknown> = {
  invariant: msg('explore.writeThrough.invariant'),
  measure: msg('explore.writeThrough.measure'),
  variants: [
    {
      id: 'article',
      label: msg('explore.writeThrough.article'),
      actors: (ctx) => [
        { actor: 'clientA', run: () => updateUser(ctx.as('clientA'), USER, 'Written by A') },
        { actor: 'clientB', run: () => updateUser(ctx.as('clientB'), USER, 'Written by B') },
      ],
      check: (ctx) => cacheMatchesDatabase(ctx, USER),
    },
    {
      id: 'versioned',
      label: msg('explore.writeThrough.versioned'),
      setup: (ctx) => preloadScripts(ctx, SET_IF_NEWER),
      actors: (ctx) => [
        { actor: 'clientA', run: () => updateUserVersioned(ctx.as('clientA'), USER, 'Written by A') },
        { actor: 'clientB', run: () => updateUserVersioned(ctx.as('clientB'), USER, 'Written by B') },
      ],
      check: (ctx) => cacheMatchesDatabase(ctx, USER),
    },
  ],
};
