import { msg, type Message } from '../../../shared/i18n/message';
import { holdAtGate } from '../engine/gate';
import { definePattern } from '../engine/pattern';
import { CODE, flushSafely, recoverProcessing } from './write-behind-flush';
import { common, inspectBackend, recordFlush, score, tally, userPoints, type WriteBehindState } from './write-behind-state';
import { scriptReply, stringReply } from './replies';
import { dbLatencyParam } from './common-params';

type Points = Awaited<ReturnType<typeof userPoints>>;

const scoredNarrative = (total: number, added: number) => msg('crash.scored', { total, added: String(added) });

function crashNarrative(taken: string | null | undefined, p: Points): Message {
  if (taken === null || taken === undefined) return msg('crash.crash.nil');
  return msg('crash.crash', { taken, stored: p.stored, parked: p.parked });
}

const downNarrative = (total: number, added: number) => msg('crash.down', { scored: scoredNarrative(total, added) });

function restartNarrative(replayed: number, p: Points): Message {
  if (p.lost > 0) return msg('crash.restart.lost', { replayed, stored: p.stored, sent: p.sent, lost: p.lost });
  return msg('crash.restart.kept', { replayed, stored: p.stored, sent: p.sent, left: p.waiting + p.parked });
}

export const writeBehindCrash = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind-crash',
  title: msg('crash.title'),
  summary: msg('crash.summary'),
  params: [
    { name: 'first', label: msg('crash.param.first'), min: 1, max: 1_000_000, default: 40 },
    { name: 'second', label: msg('crash.param.second'), min: 1, max: 1_000_000, default: 2 },
    dbLatencyParam(20),
  ],
  steps: [
    {
      title: (p) => msg('crash.step.first', { points: p.first }),
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 3, ctx.params.first);
        return { narrative: scoredNarrative(total, added), outcome: 'write' };
      },
    },
    {
      title: msg('crash.step.crash'),
      code: CODE.flushSafe,
      actors: ['worker'],
      run: async (ctx) => {
        const worker = ctx.as('worker');
        const flush = await holdAtGate((gate) => flushSafely(worker, gate));
        await flush.break(new Error('worker process killed'));
        worker.connection.disconnect();
        ctx.state.worker.state = 'crashed';
        worker.note(msg('crash.note.crashed'));
        const taken = stringReply(scriptReply(ctx.trace(), 'worker'));
        return { narrative: crashNarrative(taken, await userPoints(ctx, 3)), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('crash.step.down', { points: p.second }),
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        const { total, added } = await score(ctx, 3, ctx.params.second);
        return { narrative: downNarrative(total, added), outcome: 'write' };
      },
    },
    {
      title: msg('crash.step.restart'),
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
    { kind: 'counters', title: msg('writeBehind.panel.points'), columns: [await tally(ctx, msg('crash.panel.user'), [3])] },
    await inspectBackend(ctx),
  ],
});
