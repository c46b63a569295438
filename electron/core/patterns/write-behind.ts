import { definePattern, type StepContext } from '../engine/pattern';
import { CODE, recoverProcessing } from './write-behind-flush';
import { common, inspectBackend, score, startWorker, tally, type WriteBehindState } from './write-behind-state';
import { dbLatencyParam } from './common-params';

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
        await score(ctx, userId, points);
        return {
          narrative: `INCRBY + SADD answered in ${(performance.now() - started).toFixed(2)} ms; the database has not been touched. User ${userId} waits in pending_writes for the worker.`,
          outcome: 'write' as const,
        };
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
        if (backlog === 0) {
          return { narrative: 'Nothing is pending: the worker already flushed everything (see the background trace).', outcome: 'safe' };
        }
        await new Promise<void>((resolve) => {
          worker.waiters.push(resolve);
          setTimeout(resolve, ctx.params.intervalSec * 1000 + 5000);
        });
        return {
          narrative: `After ${((Date.now() - started) / 1000).toFixed(1)} s the worker flushed: the database now holds every point sent (see the background trace), in one write per user instead of one per increment.`,
          outcome: 'safe',
        };
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
        await score(ctx, Number(values.userId), Number(values.points));
        return { title: `User ${values.userId} scores ${values.points}`, narrative: `Counted in Redis; user ${values.userId} waits for the worker.`, outcome: 'write' };
      },
    },
  ],
  inspect: async (ctx) => [await inspectBackend(ctx), { kind: 'counters', title: 'Points', columns: [await tally(ctx, 'all users', [...ctx.state.sent.keys()])] }],
});
