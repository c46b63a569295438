import { msg, type Message } from '../../../shared/i18n/message';
import type { ActorContext, StepContext } from '../engine/pattern';
import type { ExploreDef, RaceVariant } from '../explorer/race';
import { addJob, CONSUMERS, createGroup, DONE, pendingEntries, recoverStuck, workLoop, type StreamQueueState } from './stream-queue';

/** Jobs in the stream when the race starts. */
const JOBS = 3;

/** Whether worker 2's process has been killed. */
interface Life {
  killed: boolean;
}

const killedError = () => new Error('worker process killed');

/**
 * Worker 2 as a process that can be killed (as the write-behind crash
 * models its worker): each command first checks it is alive, and once its
 * reply is back the worker dies if it was killed meanwhile. The kill lands
 * while it waits at its gate, so the command it was sending still reaches
 * the server and nothing after it runs: every point between XREADGROUP and
 * EXEC is reachable.
 */
function killable(worker: ActorContext, life: Life): ActorContext {
  const call = async (...args: Parameters<ActorContext['redis']['call']>) => {
    if (life.killed) throw killedError();
    const reply = await worker.redis.call(...args);
    if (life.killed) throw killedError();
    return reply;
  };
  return { ...worker, redis: { ...worker.redis, call } };
}

/**
 * A killed worker's connection closes and Redis drops the transaction it
 * had open (MULTI without EXEC). The race's connections outlive a
 * schedule, so the close is stood in for by a DISCARD, sent untraced.
 */
async function closeDeadConnection(ctx: StepContext<StreamQueueState>) {
  await ctx.as('worker', 1).connection.call('DISCARD').catch(() => undefined);
}

function variant(id: string, label: Message, recover: boolean): RaceVariant<StreamQueueState> {
  return {
    id,
    label,
    setup: async (ctx) => {
      await closeDeadConnection(ctx);
      await createGroup(ctx.as('admin'));
      for (let n = 1; n <= JOBS; n++) ctx.state.added.push(await addJob(ctx.as('client'), n));
    },
    actors: (ctx) => {
      const life: Life = { killed: false };
      const w2 = ctx.as('worker', 1);
      return [
        { actor: 'worker', lane: 0, run: () => workLoop(ctx.as('worker', 0), CONSUMERS[0], 1) },
        { actor: 'worker', lane: 1, run: () => workLoop(killable(w2, life), CONSUMERS[1], 1) },
        {
          actor: 'admin',
          run: async () => {
            await ctx.as('admin').redis.call('ECHO', 'kill -9 worker-2');
            life.killed = true;
            w2.note(msg('explore.streamQueue.killed'));
          },
        },
      ];
    },
    check: async (ctx) => {
      await closeDeadConnection(ctx);
      // Every racing actor has finished: worker 2 is dead, so any idle time ≥ 0 stands for "idle longer than min-idle-time".
      // Real idle time is wall time, which the explorer does not schedule; min-idle-time 0 keeps the verdict independent of it.
      if (recover) await recoverStuck(ctx.as('worker', 0), CONSUMERS[0], 0);
      const pel = await pendingEntries(ctx.as('admin'));
      const stuck = new Set(pel.entries.map((e) => e.id));
      const done = await ctx.peekHash(ctx.key(DONE));
      // A job is right when it is out of the PEL and was done exactly once.
      const wrong = ctx.state.added.filter((id) => stuck.has(id) || Number(done[id] ?? 0) !== 1).length;
      return { ok: wrong === 0, measure: wrong };
    },
  };
}

/**
 * The dying consumer, explored: two workers loop over three jobs
 * (XREADGROUP COUNT 1, then work + XACK in one MULTI/EXEC), and 'admin'
 * kills worker 2 at the point the scheduler picks. Invariant: every job
 * added is acknowledged exactly once by the end — none stuck in the PEL,
 * none done twice.
 *
 * The recovery runs once the race is over, so the owner it claims from is
 * dead: that is what a min-idle-time longer than any job's processing time
 * buys. Claimed from a worker still alive (min-idle-time too short), a job
 * would be done twice: its owner's EXEC still counts the work even though
 * its XACK then replies 0.
 */
export const streamQueueRace: ExploreDef<StreamQueueState> = {
  invariant: msg('explore.streamQueue.invariant'),
  measure: msg('explore.streamQueue.measure'),
  variants: [variant('none', msg('explore.streamQueue.none'), false), variant('autoclaim', msg('explore.streamQueue.autoclaim'), true)],
};
