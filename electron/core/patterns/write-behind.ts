import { definePattern, type StepContext } from '../engine/pattern';
import { CODE, recoverProcessing } from './write-behind-flush';
import { common, inspectBackend, recordFlush, score, startWorker, tally, userPoints, type WriteBehindState } from './write-behind-state';
import { dbLatencyParam } from './common-params';

function scoredNarrative(userId: number, total: number, added: number, ms: number): string {
  const pending = added ? `SADD replied 1: user ${userId} now waits in pending_writes` : `SADD replied 0: user ${userId} was already waiting in pending_writes`;
  return `INCRBY replied ${total} and ${pending}; both answered in ${ms.toFixed(2)} ms and the database has not been touched.`;
}

const scoredActionNarrative = (userId: number, total: number, added: number) =>
  `INCRBY replied ${total}; SADD replied ${added}: user ${userId} ${added ? 'now waits' : 'was already waiting'} for the worker.`;

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

function flushWaitNarrative(backlog: number, flushes: number, seconds: number, t: { sent: number; stored: number; unflushed: number; lost: number }): string {
  const before = backlog === 0 ? 'SCARD replied 0: nothing was pending, so there was nothing to wait for.' : `SCARD replied ${backlog}; after ${seconds.toFixed(1)} s the worker had run ${flushes} flush${flushes === 1 ? '' : 'es'} that wrote to the database.`;
  const now = ` The database holds ${t.stored} of the ${t.sent} points sent`;
  const rest = t.unflushed ? `; ${t.unflushed} still wait in Redis` : '';
  const lost = t.lost ? `; ${t.lost} are lost` : '';
  const perUser = t.unflushed === 0 && t.lost === 0 ? ', written once per user per flush instead of once per increment' : '';
  return `${before}${now}${rest}${lost}${perUser} (see the background trace).`;
}

export const writeBehind = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind',
  title: 'Write-behind',
  summary: 'Writes land in Redis at once; a worker on a timer flushes them to the database in batches — safely.',
  params: [
    { name: 'intervalSec', label: 'Flush every', min: 1, max: 120, default: 5, unit: 's' },
    { name: 'points', label: 'Points per write', min: 1, max: 1_000_000, default: 10 },
    dbLatencyParam(20),
  ],
  steps: [
    {
      title: (p) => `Start the flush worker (every ${p.intervalSec} s)`,
      code: `${CODE.recover}\n\n${CODE.flushSafe}`,
      actors: ['worker'],
      run: async (ctx) => {
        const recovered = await recoverProcessing(ctx.as('worker'));
        recordFlush(ctx.state, recovered);
        startWorker(ctx);
        return { narrative: `The worker is running (recovered ${recovered} parked flushes). It flushes every ${ctx.params.intervalSec} s.`, outcome: 'info' };
      },
    },
    ...[1, 2, 1].map((userId, i) => ({
      title: (p: Readonly<Record<string, number>>) => `User ${userId} scores ${p.points * (i === 1 ? 2 : 1)}`,
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
      title: 'Wait for the worker to flush',
      code: CODE.flushSafe,
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
        return { narrative: flushWaitNarrative(backlog, worker.flushes - flushesBefore, waitedSeconds, totals), outcome: totals.lost > 0 ? 'lost' : totals.unflushed > 0 ? 'info' : 'safe' };
      },
    },
  ],
  actions: [
    {
      id: 'score',
      label: 'Score points',
      fields: [
        { name: 'userId', label: 'User id', kind: 'number', min: 1, max: 1000, placeholder: 'user id' },
        { name: 'points', label: 'Points', kind: 'number', min: -1_000_000, max: 1_000_000, placeholder: 'points' },
      ],
      run: async (ctx, values) => {
        const { total, added } = await score(ctx, Number(values.userId), Number(values.points));
        return { title: `User ${values.userId} scores ${values.points}`, narrative: scoredActionNarrative(Number(values.userId), total, added), outcome: 'write' };
      },
    },
  ],
  inspect: async (ctx) => [await inspectBackend(ctx), { kind: 'counters', title: 'Points', columns: [await tally(ctx, 'all users', [...ctx.state.sent.keys()])] }],
});
