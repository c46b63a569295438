import { holdAtGate } from '../engine/gate';
import { definePattern } from '../engine/pattern';
import { CODE, flushSafely, recoverProcessing } from './write-behind-flush';
import { common, inspectBackend, recordFlush, score, tally, userPoints, type WriteBehindState } from './write-behind-state';
import { scriptReply, stringReply } from './replies';
import { dbLatencyParam } from './common-params';

type Points = Awaited<ReturnType<typeof userPoints>>;

const scoredNarrative = (total: number, added: number) => `INCRBY replied ${total}; SADD replied ${added}: user 3 ${added ? 'is now pending' : 'was already pending'}.`;

function crashNarrative(taken: string | null | undefined, p: Points): string {
  if (taken === null || taken === undefined) return 'The take script replied nil: there was nothing to take, and the worker crashed with nothing in hand.';
  return `The take script replied ${taken}: the key and the pending entry are gone, the database has ${p.stored} — and ${p.parked} points are parked in "processing" under the flush token.`;
}

const downNarrative = (total: number, added: number) => `Writers never wait for the worker: ${scoredNarrative(total, added)}`;

function restartNarrative(replayed: number, p: Points): string {
  const replay = `Replayed ${replayed} parked flush${replayed === 1 ? '' : 'es'}, then flushed what was pending: the database has ${p.stored} of the ${p.sent} points sent`;
  if (p.lost > 0) return `${replay}; ${p.lost} are lost.`;
  const left = p.waiting + p.parked;
  return `${replay}${left ? `; ${left} still wait in Redis` : ''}. A replay of a token the database already applied is ignored, so a crash after the commit cannot double-count either.`;
}

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
        const { total, added } = await score(ctx, 3, ctx.params.first);
        return { narrative: scoredNarrative(total, added), outcome: 'write' };
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
        const taken = stringReply(scriptReply(ctx.trace(), 'worker'));
        return { narrative: crashNarrative(taken, await userPoints(ctx, 3)), outcome: 'info' };
      },
    },
    {
      title: (p) => `User 3 scores ${p.second} while the worker is down`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 3, ctx.params.second);
        return { narrative: downNarrative(total, added), outcome: 'write' };
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
        recordFlush(ctx.state, replayed);
        recordFlush(ctx.state, await flushSafely(worker));
        const points = await userPoints(ctx, 3);
        return { narrative: restartNarrative(replayed, points), outcome: points.lost > 0 ? 'lost' : 'safe' };
      },
    },
  ],
  inspect: async (ctx) => [
    { kind: 'counters', title: 'Points', columns: [await tally(ctx, 'user 3', [3])] },
    await inspectBackend(ctx),
  ],
});
