import type { CountersPanel, PanelData } from '../../../shared/model';
import { holdAtGate } from '../engine/gate';
import { definePattern } from '../engine/pattern';
import { CODE, flushAsInArticle, flushSafely } from './write-behind-flush';
import { common, inspectBackend, score, tally, type WriteBehindState } from './write-behind-state';
import { dbLatencyParam } from './common-params';

export const writeBehindLostUpdate = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind-lost-update',
  title: 'Write-behind: the lost increment',
  summary: "An INCRBY between the article's GET and DEL is deleted unflushed; the atomic take keeps it.",
  params: [
    { name: 'first', label: 'First write', min: 1, max: 1_000_000, default: 10 },
    { name: 'second', label: 'Racing write', min: 1, max: 1_000_000, default: 5 },
    dbLatencyParam(20),
  ],
  steps: [
    {
      title: (p) => `User 1 scores ${p.first}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 1, ctx.params.first);
        return { narrative: `user:score:1 = ${ctx.params.first}, user 1 is pending.`, outcome: 'write' };
      },
    },
    {
      title: "Article's worker reads user 1's score",
      code: CODE.flushArticle,
      actors: ['worker'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => flushAsInArticle(ctx.as('worker'), gate));
        ctx.as('worker').note('holds the value it read; about to write it to the database');
        return { narrative: `The worker read ${ctx.params.first} and is on its way to the database. Its DEL will come later.`, outcome: 'info' };
      },
    },
    {
      title: (p) => `Meanwhile user 1 scores ${p.second}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 1, ctx.params.second);
        return { narrative: `INCRBY makes it ${ctx.params.first + ctx.params.second}; SADD replies 0 because user 1 is still pending.`, outcome: 'write' };
      },
    },
    {
      title: "Article's worker writes, DELs and SREMs",
      code: CODE.flushArticle,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        const stored = ctx.peekScore(1);
        return {
          narrative: `The database got ${stored}; the DEL removed ${ctx.params.first + ctx.params.second} from Redis. ${ctx.params.second} points are gone, and nothing is pending to bring them back.`,
          outcome: 'lost',
        };
      },
    },
    {
      title: (p) => `Same race, safe flush: user 2 scores ${p.first}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 2, ctx.params.first);
        return { narrative: `Now the same interleaving for user 2 with the safe flush.`, outcome: 'write' };
      },
    },
    {
      title: 'Safe worker takes user 2 atomically',
      code: CODE.flushSafe,
      actors: ['worker'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => flushSafely(ctx.as('worker'), gate));
        return { narrative: `GET, DEL and SREM ran in one script: the key is gone and the ${ctx.params.first} points sit in "processing" until the database commit.`, outcome: 'info' };
      },
    },
    {
      title: (p) => `Meanwhile user 2 scores ${p.second}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 2, ctx.params.second);
        return { narrative: `INCRBY starts a fresh key at ${ctx.params.second}; SADD replies 1: user 2 is pending again.`, outcome: 'write' };
      },
    },
    {
      title: 'Safe worker commits, then flushes again',
      code: CODE.flushSafe,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        await flushSafely(ctx.as('worker'));
        return {
          narrative: `The database has ${ctx.peekScore(2)} = ${ctx.params.first} + ${ctx.params.second}. Same interleaving, nothing lost.`,
          outcome: 'safe',
        };
      },
    },
  ],
  inspect: async (ctx): Promise<PanelData[]> => {
    const panel: CountersPanel = {
      kind: 'counters',
      title: 'Same race, two flushes',
      columns: [await tally(ctx, "article's flush (user 1)", [1]), await tally(ctx, 'atomic take (user 2)', [2])],
    };
    return [panel, await inspectBackend(ctx)];
  },
});
