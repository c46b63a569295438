import type { CountersPanel, PanelData } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';
import { holdAtGate, nothingHeld, ranThrough } from '../engine/gate';
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

const scoredNarrative = (userId: number, total: number, added: number) => msg('lostUpdate.scored', { total, added: String(added), userId });

function articleReadNarrative(read: string | null | undefined): Message {
  if (read === null || read === undefined) return msg('lostUpdate.articleRead.nil');
  return msg('lostUpdate.articleRead', { read });
}

function racingScoreNarrative(userId: number, total: number, added: number): Message {
  return msg('lostUpdate.racing', { total, added: added ? '1' : '0', userId });
}

function articleFlushNarrative(deleted: number | undefined, p: Points): Message {
  const values = { stored: p.stored, sent: p.sent, deleted: deleted ? 'yes' : 'no' };
  if (p.lost > 0) return msg('lostUpdate.articleFlush.lost', { ...values, lost: p.lost });
  return msg('lostUpdate.articleFlush.kept', { ...values, waiting: p.waiting });
}

function takeNarrative(taken: string | null | undefined, p: Points): Message {
  if (taken === null || taken === undefined) return msg('lostUpdate.take.nil');
  return msg('lostUpdate.take', { taken, parked: p.parked });
}

function safeFlushNarrative(p: Points): Message {
  if (p.lost > 0) return msg('lostUpdate.safeFlush.lost', { stored: p.stored, sent: p.sent, lost: p.lost });
  return msg('lostUpdate.safeFlush.kept', { stored: p.stored, sent: p.sent, left: p.waiting + p.parked });
}

export const writeBehindLostUpdate = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind-lost-update',
  title: msg('lostUpdate.title'),
  summary: msg('lostUpdate.summary'),
  params: [
    { name: 'first', label: msg('lostUpdate.param.first'), min: 1, max: 1_000_000, default: 10 },
    { name: 'second', label: msg('lostUpdate.param.second'), min: 1, max: 1_000_000, default: 5 },
    dbLatencyParam(20),
  ],
  steps: [
    {
      title: (p) => msg('lostUpdate.step.first', { points: p.first }),
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 1, ctx.params.first);
        return { narrative: scoredNarrative(1, total, added), outcome: 'write' };
      },
    },
    {
      title: msg('lostUpdate.step.articleReads'),
      code: CODE.flushArticle,
      actors: ['worker'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => flushAsInArticle(ctx.as('worker'), gate));
        if (!ctx.state.held.atGate) return { narrative: ranThrough('worker'), outcome: 'info' };
        ctx.as('worker').note(msg('lostUpdate.note.holds'));
        return { narrative: articleReadNarrative(stringReply(lastReply(ctx.trace(), 'GET', 'worker'))), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('lostUpdate.step.meanwhile', { userId: 1, points: p.second }),
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 1, ctx.params.second);
        return { narrative: racingScoreNarrative(1, total, added), outcome: 'write' };
      },
    },
    {
      title: msg('lostUpdate.step.articleWrites'),
      code: CODE.flushArticle,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        const held = ctx.state.held!;
        const committed = await held.resume();
        recordFlush(ctx.state, committed);
        if (!held.atGate) return { narrative: nothingHeld('worker'), outcome: 'info' };
        const points = await userPoints(ctx, 1);
        const deleted = integerReply(lastReply(ctx.trace(), 'DEL', 'worker'));
        return { narrative: articleFlushNarrative(deleted, points), outcome: points.lost > 0 ? 'lost' : 'safe' };
      },
    },
    {
      title: (p) => msg('lostUpdate.step.safeFirst', { points: p.first }),
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 2, ctx.params.first);
        return { narrative: msg('lostUpdate.safeIntro', { scored: scoredNarrative(2, total, added) }), outcome: 'write' };
      },
    },
    {
      title: msg('lostUpdate.step.safeTakes'),
      code: CODE.flushSafe,
      actors: ['worker'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => flushSafely(ctx.as('worker'), gate));
        if (!ctx.state.held.atGate) return { narrative: ranThrough('worker'), outcome: 'info' };
        const taken = stringReply(scriptReply(ctx.trace(), 'worker'));
        return { narrative: takeNarrative(taken, await userPoints(ctx, 2)), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('lostUpdate.step.meanwhile', { userId: 2, points: p.second }),
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 2, ctx.params.second);
        return { narrative: racingScoreNarrative(2, total, added), outcome: 'write' };
      },
    },
    {
      title: msg('lostUpdate.step.safeCommits'),
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
      title: msg('lostUpdate.panel.title'),
      columns: [await tally(ctx, msg('lostUpdate.panel.article'), [1]), await tally(ctx, msg('lostUpdate.panel.atomic'), [2])],
    };
    return [panel, await inspectBackend(ctx)];
  },
});
