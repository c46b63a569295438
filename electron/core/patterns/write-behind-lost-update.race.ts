import { msg } from '../../../shared/i18n/message';
import type { ExploreDef } from '../explorer/race';
import { preloadScripts } from './cache-aside-stale-refill.race';
import { flushAsInArticle, flushSafely, TAKE_SCRIPT } from './write-behind-flush';
import { score, userPoints, type WriteBehindState } from './write-behind-state';

const USER = 1;

/**
 * The lost increment, explored: one writer's INCRBY + SADD races one flush
 * of the worker, after a first write is pending. Invariant: every point a
 * writer was acknowledged is in the database, still in its Redis key, or
 * parked for a retry — none is lost.
 */
export const lostUpdateRace: ExploreDef<WriteBehindState> = {
  invariant: msg('explore.lostUpdate.invariant'),
  measure: msg('explore.lostUpdate.measure'),
  variants: [
    {
      id: 'article',
      label: msg('explore.lostUpdate.article'),
      setup: async (ctx) => void (await score(ctx, USER, ctx.params.first)),
      actors: (ctx) => [
        { actor: 'worker', run: () => flushAsInArticle(ctx.as('worker')) },
        { actor: 'client', run: () => score(ctx, USER, ctx.params.second) },
      ],
      check: async (ctx) => {
        const { lost } = await userPoints(ctx, USER);
        return { ok: lost === 0, measure: lost };
      },
    },
    {
      id: 'safe',
      label: msg('explore.lostUpdate.safe'),
      // The take script is loaded before the race, so every schedule sends EVALSHA alone: the first one
      // would otherwise add a NOSCRIPT + EVAL and the same seed could cover a different set of orders.
      setup: async (ctx) => {
        await preloadScripts(ctx as never, TAKE_SCRIPT);
        await score(ctx, USER, ctx.params.first);
      },
      actors: (ctx) => [
        { actor: 'worker', run: () => flushSafely(ctx.as('worker')) },
        { actor: 'client', run: () => score(ctx, USER, ctx.params.second) },
      ],
      check: async (ctx) => {
        const { lost } = await userPoints(ctx, USER);
        return { ok: lost === 0, measure: lost };
      },
    },
  ],
};
