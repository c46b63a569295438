import type { CountersPanel, PanelData } from '../../../shared/model';
import { holdAtGate } from '../engine/gate';
import { definePattern } from '../engine/pattern';
import { CODE, flushAsInArticle, flushSafely } from './write-behind-flush';
import { common, inspectBackend, recordFlush, score, tally, userPoints, type WriteBehindState } from './write-behind-state';
import { integerReply, lastReply, scriptReply, stringReply } from './replies';
import { dbLatencyParam } from './common-params';

interface Points {
  sent: number;
  stored: number;
  waiting: number;
  parked: number;
  lost: number;
}

const scoredNarrative = (userId: number, total: number, added: number) =>
  `INCRBY replied ${total}; SADD replied ${added}: user ${userId} ${added ? 'is now pending' : 'was already pending'}.`;

function articleReadNarrative(read: string | null | undefined): string {
  if (read === null || read === undefined) return "The worker's GET replied nil: there is nothing to flush for user 1.";
  return `The worker's GET replied ${read}; it is on its way to the database. Its DEL will come later.`;
}

function racingScoreNarrative(userId: number, total: number, added: number): string {
  const pending = added ? `SADD replied 1: user ${userId} is pending again` : `SADD replied 0 because user ${userId} is still pending`;
  return `INCRBY makes it ${total}; ${pending}.`;
}

function articleFlushNarrative(deleted: number | undefined, p: Points): string {
  const del = deleted ? `the DEL removed user:score:1, holding everything counted since the GET` : 'the DEL removed nothing';
  if (p.lost > 0) return `The database got ${p.stored} of the ${p.sent} points sent; ${del}. ${p.lost} points are in neither the database nor Redis, and nothing is pending to bring them back.`;
  return `The database got ${p.stored} of the ${p.sent} points sent; ${del}. Nothing was lost this time: ${p.waiting} points still wait in Redis.`;
}

function takeNarrative(taken: string | null | undefined, p: Points): string {
  if (taken === null || taken === undefined) return 'The take script replied nil: there was nothing to take for user 2.';
  return `GET, DEL and SREM ran in one script, which replied ${taken}: the key is gone and ${p.parked} points sit in "processing" until the database commit.`;
}

function safeFlushNarrative(p: Points): string {
  const left = p.waiting + p.parked;
  if (p.lost > 0) return `The database has ${p.stored} of the ${p.sent} points sent; ${p.lost} are lost.`;
  return `The database has ${p.stored} of the ${p.sent} points sent${left ? `; ${left} still wait in Redis` : ''}. Same interleaving, nothing lost.`;
}

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
        const { total, added } = await score(ctx, 1, ctx.params.first);
        return { narrative: scoredNarrative(1, total, added), outcome: 'write' };
      },
    },
    {
      title: "Article's worker reads user 1's score",
      code: CODE.flushArticle,
      actors: ['worker'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => flushAsInArticle(ctx.as('worker'), gate));
        ctx.as('worker').note('holds the value it read; about to write it to the database');
        return { narrative: articleReadNarrative(stringReply(lastReply(ctx.trace(), 'GET', 'worker'))), outcome: 'info' };
      },
    },
    {
      title: (p) => `Meanwhile user 1 scores ${p.second}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 1, ctx.params.second);
        return { narrative: racingScoreNarrative(1, total, added), outcome: 'write' };
      },
    },
    {
      title: "Article's worker writes, DELs and SREMs",
      code: CODE.flushArticle,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        const committed = await ctx.state.held!.resume();
        recordFlush(ctx.state, committed);
        const points = await userPoints(ctx, 1);
        const deleted = integerReply(lastReply(ctx.trace(), 'DEL', 'worker'));
        return { narrative: articleFlushNarrative(deleted, points), outcome: points.lost > 0 ? 'lost' : 'safe' };
      },
    },
    {
      title: (p) => `Same race, safe flush: user 2 scores ${p.first}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 2, ctx.params.first);
        return { narrative: `Now the same interleaving for user 2 with the safe flush. ${scoredNarrative(2, total, added)}`, outcome: 'write' };
      },
    },
    {
      title: 'Safe worker takes user 2 atomically',
      code: CODE.flushSafe,
      actors: ['worker'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => flushSafely(ctx.as('worker'), gate));
        const taken = stringReply(scriptReply(ctx.trace(), 'worker'));
        return { narrative: takeNarrative(taken, await userPoints(ctx, 2)), outcome: 'info' };
      },
    },
    {
      title: (p) => `Meanwhile user 2 scores ${p.second}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 2, ctx.params.second);
        return { narrative: racingScoreNarrative(2, total, added), outcome: 'write' };
      },
    },
    {
      title: 'Safe worker commits, then flushes again',
      code: CODE.flushSafe,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        recordFlush(ctx.state, await ctx.state.held!.resume());
        recordFlush(ctx.state, await flushSafely(ctx.as('worker')));
        const points = await userPoints(ctx, 2);
        return { narrative: safeFlushNarrative(points), outcome: points.lost > 0 ? 'lost' : 'safe' };
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
