import { msg } from '../../../shared/i18n/message';
import type { StepContext } from '../engine/pattern';
import type { ExploreDef, RacingActor } from '../explorer/race';
import { registerWithdraw, setBalance, withdrawAtomically, withdrawNaive } from './lua-withdraw';

const ACCOUNT = 1;

/** The crowd: `clients` lanes of client A ('clientA#0', 'clientA#1', …), each withdrawing `amount` once. */
function crowd(ctx: StepContext<unknown>, withdraw: (lane: number) => Promise<unknown>): RacingActor[] {
  return Array.from({ length: ctx.params.clients }, (_, lane) => ({ actor: 'clientA' as const, lane, run: () => withdraw(lane) }));
}

async function finalBalance(ctx: StepContext<unknown>) {
  const balance = Number((await ctx.peekKey(ctx.key(`balance:${ACCOUNT}`))).value ?? 0);
  return { ok: balance >= 0, measure: balance };
}

/**
 * The withdraw crowd, explored: each client checks the balance and
 * withdraws. Invariant: the balance never goes below 0. The pattern's
 * step holds every client at a barrier between its GET and its DECRBY;
 * here the scheduler decides that order instead, so no barrier.
 */
export const luaWithdrawRace: ExploreDef<unknown> = {
  invariant: msg('explore.lua.invariant'),
  measure: msg('explore.lua.measure'),
  variants: [
    {
      id: 'article',
      label: msg('explore.lua.article'),
      setup: (ctx) => setBalance(ctx.as('clientA'), ACCOUNT, ctx.params.initial),
      actors: (ctx) => crowd(ctx, (lane) => withdrawNaive(ctx.as('clientA', lane), ACCOUNT, ctx.params.amount)),
      check: finalBalance,
    },
    {
      id: 'script',
      label: msg('explore.lua.script'),
      setup: async (ctx) => {
        await setBalance(ctx.as('clientA'), ACCOUNT, ctx.params.initial);
        await registerWithdraw(ctx.as('clientA'));
      },
      actors: (ctx) => crowd(ctx, (lane) => withdrawAtomically(ctx.as('clientA', lane), ACCOUNT, ctx.params.amount)),
      check: finalBalance,
    },
  ],
};
