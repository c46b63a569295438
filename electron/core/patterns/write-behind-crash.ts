import { holdAtGate } from '../engine/gate';
import { definePattern } from '../engine/pattern';
import { CODE, flushSafely, recoverProcessing } from './write-behind-flush';
import { common, inspectBackend, score, tally, type WriteBehindState } from './write-behind-state';
import { dbLatencyParam } from './common-params';

export const writeBehindCrash = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind-crash',
  title: 'Write-behind: worker crash',
  summary: 'The worker dies after taking a value and before the database commit; the safe flush replays it on restart.',
  params: [
    { name: 'first', label: 'Points before the crash', min: 1, max: 1_000_000, default: 40 },
    { name: 'second', label: 'Points while down', min: 1, max: 1_000_000, default: 2 },
    dbLatencyParam(20),
  ],
  steps: [
    {
      title: (p) => `User 3 scores ${p.first}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 3, ctx.params.first);
        return { narrative: `user:score:3 = ${ctx.params.first}, pending.`, outcome: 'write' };
      },
    },
    {
      title: 'Worker takes the points and crashes before the commit',
      code: CODE.flushSafe,
      actors: ['worker'],
      run: async (ctx) => {
        const worker = ctx.as('worker');
        const flush = await holdAtGate((gate) => flushSafely(worker, gate));
        await flush.break(new Error('worker process killed'));
        worker.connection.disconnect();
        ctx.state.worker.state = 'crashed';
        worker.note('crashed: killed after the take, before the database commit');
        return {
          narrative: `The key and the pending entry are gone, the database has nothing — but the ${ctx.params.first} points are parked in "processing" under the flush token.`,
          outcome: 'info',
        };
      },
    },
    {
      title: (p) => `User 3 scores ${p.second} while the worker is down`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 3, ctx.params.second);
        return { narrative: `Writers never wait for the worker: a fresh key holds ${ctx.params.second}.`, outcome: 'write' };
      },
    },
    {
      title: 'Worker restarts: replay what was parked, then flush',
      code: `${CODE.recover}\n\n${CODE.flushSafe}`,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        const worker = ctx.as('worker');
        await worker.connection.connect().catch(() => undefined);
        ctx.state.worker.state = 'idle';
        const replayed = await recoverProcessing(worker);
        await flushSafely(worker);
        return {
          narrative: `Replayed ${replayed} parked flush, then flushed the new points: the database has ${ctx.peekScore(3)} = ${ctx.params.first} + ${ctx.params.second}. A replay of a token the database already applied is ignored, so a crash after the commit cannot double-count either.`,
          outcome: 'safe',
        };
      },
    },
  ],
  inspect: async (ctx) => [
    { kind: 'counters', title: 'Points', columns: [await tally(ctx, 'user 3', [3])] },
    await inspectBackend(ctx),
  ],
});
