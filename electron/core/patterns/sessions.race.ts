import { msg } from '../../../shared/i18n/message';
import type { StepContext } from '../engine/pattern';
import type { ExploreDef, InvariantResult, RaceVariant } from '../explorer/race';
import { preloadScripts } from './cache-aside-stale-refill.race';
import { login, LOGOUT_EVERYWHERE, logoutEverywhere, logoutEverywhereNaive, sessionKey, SLIDING_USER, tokensKey, type SessionsState } from './sessions';

/** Two devices logged in before the race, and the one that logs in during it; fixed tokens so every schedule names the same keys. */
const BEFORE = ['laptop', 'phone'];
const DURING = 'tablet';

/**
 * Every live session of the user is listed in the user's set, so a later
 * "log out everywhere" reaches it. Sessions are found by their hash (read
 * untraced); set membership through the admin's SISMEMBER, after the race.
 */
async function everyLiveSessionListed(ctx: StepContext<SessionsState>): Promise<InvariantResult> {
  const admin = ctx.as('admin');
  let unlisted = 0;
  for (const token of [...BEFORE, DURING]) {
    const live = Object.keys(await ctx.peekHash(ctx.key(sessionKey(token)))).length > 0;
    if (live && Number(await admin.redis.call('SISMEMBER', ctx.key(tokensKey(SLIDING_USER)), token)) === 0) unlisted++;
  }
  return { ok: unlisted === 0, measure: unlisted };
}

function variant(id: string, label: ReturnType<typeof msg>, everywhere: typeof logoutEverywhereNaive, scripted: boolean): RaceVariant<SessionsState> {
  return {
    id,
    label,
    setup: async (ctx) => {
      if (scripted) await preloadScripts(ctx as StepContext<unknown>, LOGOUT_EVERYWHERE);
      for (const token of BEFORE) await login(ctx.as('clientB'), SLIDING_USER, token);
    },
    actors: (ctx) => [
      { actor: 'clientA', run: () => everywhere(ctx.as('clientA'), SLIDING_USER) },
      { actor: 'clientB', run: () => login(ctx.as('clientB'), SLIDING_USER, DURING) },
    ],
    check: everyLiveSessionListed,
  };
}

/**
 * "Log out everywhere" (client A) races a login of the same user on a new
 * device (client B). Invariant: afterwards every live session is listed in
 * the user's set. The three-command version breaks it when the login's
 * SADD lands between SMEMBERS and the final DEL of the set; the script
 * keeps it in every order.
 */
export const sessionsRace: ExploreDef<SessionsState> = {
  invariant: msg('explore.sessions.invariant'),
  measure: msg('explore.sessions.measure'),
  variants: [variant('naive', msg('explore.sessions.naive'), logoutEverywhereNaive, false), variant('script', msg('explore.sessions.script'), logoutEverywhere, true)],
};
