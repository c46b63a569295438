import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, type StepContext } from '../engine/pattern';
import { CODE, recoverProcessing } from './write-behind-flush';
import { bytesFlushAction } from './write-behind-bytes';
import { common, inspectBackend, recordFlush, score, startWorker, tally, userPoints, type WriteBehindState } from './write-behind-state';
import { dbLatencyParam } from './common-params';

function scoredNarrative(userId: number, total: number, added: number, ms: number): Message {
  return msg('writeBehind.scored', { total, added: String(added), userId, ms });
}

const scoredActionNarrative = (userId: number, total: number, added: number) => msg('writeBehind.scoredAction', { total, added: String(added), userId });

/** Every user this run scored, summed: what the writers sent against what the database and Redis hold. */
async function pointsOfAll(ctx: StepContext<WriteBehindState>) {
  const totals = { sent: 0, stored: 0, unflushed: 0, lost: 0 };
  for (const userId of ctx.state.sent.keys()) {
    const p = await userPoints(ctx, userId);
    totals.sent += p.sent;
    totals.stored += p.stored;
    totals.unflushed += p.waiting + p.parked;
    totals.lost += p.lost;
  }
  return totals;
}

function flushWaitNarrative(backlog: number, flushes: number, seconds: number, t: { sent: number; stored: number; unflushed: number; lost: number }): Message {
  const settled = t.unflushed === 0 && t.lost === 0 ? 'yes' : 'no';
  return msg('writeBehind.flushWait', { backlog, seconds, flushes, stored: t.stored, sent: t.sent, unflushed: t.unflushed, lost: t.lost, settled });
}

/** Which flush the worker ran (the `flush` parameter), and why the database adds what it flushes. */
function flushedBy(params: Readonly<Record<string, number>>, inner: Message): Message {
  return msg('article.writeBehind.flushWait', { inner, flush: params.flush === 0 ? 'article' : 'safe' });
}

export const writeBehind = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind',
  title: msg('writeBehind.title'),
  summary: msg('writeBehind.summary'),
  params: [
    { name: 'intervalSec', label: msg('param.intervalSec'), min: 1, max: 120, default: 5, unit: msg('unit.s') },
    { name: 'points', label: msg('param.points'), min: 1, max: 1_000_000, default: 10 },
    dbLatencyParam(20),
    // 0 runs the article's flush exactly as written (defect a), 1 the safe one.
    { name: 'flush', label: msg('article.writeBehind.param.flush'), min: 0, max: 1, default: 1 },
  ],
  steps: [
    {
      title: (p) => msg('writeBehind.step.start', { intervalSec: p.intervalSec }),
      code: `${CODE.recover}\n\n${CODE.flushSafe}`,
      actors: ['worker'],
      run: async (ctx) => {
        const recovered = await recoverProcessing(ctx.as('worker'));
        recordFlush(ctx.state, recovered);
        startWorker(ctx);
        return { narrative: msg('writeBehind.started', { recovered, intervalSec: ctx.params.intervalSec }), outcome: 'info' };
      },
    },
    ...[1, 2, 1].map((userId, i) => ({
      title: (p: Readonly<Record<string, number>>) => msg('writeBehind.step.score', { userId, points: p.points * (i === 1 ? 2 : 1) }),
      code: CODE.increment,
      actors: ['client' as const],
      run: async (ctx: StepContext<WriteBehindState>) => {
        const points = ctx.params.points * (i === 1 ? 2 : 1);
        const started = performance.now();
        const { total, added } = await score(ctx, userId, points);
        return { narrative: scoredNarrative(userId, total, added, performance.now() - started), outcome: 'write' as const };
      },
    })),
    {
      title: msg('writeBehind.step.wait'),
      code: `${CODE.flushArticle}\n\n${CODE.flushSafe}`,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        const { worker } = ctx.state;
        if (!worker.running) startWorker(ctx);
        const started = Date.now();
        const backlog = Number(await ctx.as('worker').redis.call('SCARD', ctx.key('pending_writes')));
        const flushesBefore = worker.flushes;
        if (backlog > 0) {
          await new Promise<void>((resolve) => {
            worker.waiters.push(resolve);
            setTimeout(resolve, ctx.params.intervalSec * 1000 + 5000);
          });
        }
        const totals = await pointsOfAll(ctx);
        const waitedSeconds = (Date.now() - started) / 1000;
        return { narrative: flushedBy(ctx.params, flushWaitNarrative(backlog, worker.flushes - flushesBefore, waitedSeconds, totals)), outcome: totals.lost > 0 ? 'lost' : totals.unflushed > 0 ? 'info' : 'safe' };
      },
    },
  ],
  actions: [
    bytesFlushAction,
    {
      id: 'score',
      label: msg('writeBehind.action.score'),
      fields: [
        { name: 'userId', label: msg('field.userId'), kind: 'number', min: 1, max: 1000, placeholder: msg('field.userId.placeholder') },
        { name: 'points', label: msg('field.points'), kind: 'number', min: -1_000_000, max: 1_000_000, placeholder: msg('field.points.placeholder') },
      ],
      run: async (ctx, values) => {
        const { total, added } = await score(ctx, Number(values.userId), Number(values.points));
        return { title: msg('writeBehind.action.title', { userId: values.userId, points: Number(values.points) }), narrative: scoredActionNarrative(Number(values.userId), total, added), outcome: 'write' };
      },
    },
  ],
  inspect: async (ctx) => [await inspectBackend(ctx), { kind: 'counters', title: msg('writeBehind.panel.points'), columns: [await tally(ctx, msg('writeBehind.panel.allUsers'), [...ctx.state.sent.keys()])] }],
});
