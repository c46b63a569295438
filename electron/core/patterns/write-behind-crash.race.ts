import { msg } from '../../../shared/i18n/message';
import type { ActorContext, StepContext } from '../engine/pattern';
import type { ExploreDef, RaceVariant } from '../explorer/race';
import { flushAsInArticle, flushSafely, recoverProcessing } from './write-behind-flush';
import { score, userPoints, type WriteBehindState } from './write-behind-state';

const USER = 3;

/** Whether the worker's first life has been killed. */
interface Life {
  killed: boolean;
}

const killedError = () => new Error('worker process killed');

/**
 * The worker as a process that can be killed: each command and database
 * call it makes first checks it is alive, and once its reply is back the
 * worker dies if it was killed meanwhile. Under the scheduler the kill
 * lands while the worker waits at its gate, so the command it was sending
 * still reaches the server (it was in flight) and nothing after it runs:
 * every crash point of the flush is reachable, "after the take, before
 * the commit" among them.
 */
function killable(worker: ActorContext, life: Life): ActorContext {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const member = (t as Record<string | symbol, unknown>)[prop];
        if (typeof member !== 'function') return member;
        return async (...args: unknown[]) => {
          if (life.killed) throw killedError();
          const reply: unknown = await (member as (...a: unknown[]) => Promise<unknown>)(...args);
          if (life.killed) throw killedError();
          return reply;
        };
      },
    });
  return { ...worker, redis: wrap(worker.redis), db: wrap(worker.db) };
}

/**
 * One variant: the worker's flush runs killable, 'admin' kills it at the
 * decision the scheduler picks (its ECHO marks the moment in the trace and
 * in an exported script; the kill itself is no Redis command), the client
 * scores points meanwhile. Once everyone is done the worker restarts (the
 * pattern's restart, unscheduled) and the points are counted.
 */
function crashVariant(
  id: string,
  label: ReturnType<typeof msg>,
  flush: (worker: ActorContext) => Promise<unknown>,
  restart: (worker: ActorContext) => Promise<unknown>,
): RaceVariant<WriteBehindState> {
  return {
    id,
    label,
    setup: async (ctx) => void (await score(ctx, USER, ctx.params.first)),
    actors: (ctx) => {
      const worker = ctx.as('worker');
      const admin = ctx.as('admin');
      const current: Life = { killed: false };
      return [
        { actor: 'worker', run: () => flush(killable(worker, current)) },
        {
          actor: 'admin',
          run: async () => {
            await admin.redis.call('ECHO', 'kill -9 worker');
            current.killed = true;
            worker.note(msg('explore.crash.killed'));
          },
        },
        { actor: 'client', run: () => score(ctx, USER, ctx.params.second) },
      ];
    },
    check: async (ctx: StepContext<WriteBehindState>) => {
      await restart(ctx.as('worker'));
      const { lost } = await userPoints(ctx, USER);
      return { ok: lost === 0, measure: lost };
    },
  };
}

/**
 * The worker crash, explored: a flush killed at any point, a writer
 * scoring meanwhile, then a restart. Invariant: every acknowledged point
 * is in the database exactly once, or still waits in Redis.
 */
export const crashRace: ExploreDef<WriteBehindState> = {
  invariant: msg('explore.crash.invariant'),
  measure: msg('explore.crash.measure'),
  variants: [
    // The article's worker has nothing to recover: on restart it just flushes again.
    crashVariant('article', msg('explore.crash.article'), (w) => flushAsInArticle(w), (w) => flushAsInArticle(w)),
    crashVariant(
      'safe',
      msg('explore.crash.safe'),
      (w) => flushSafely(w),
      async (w) => {
        await recoverProcessing(w);
        await flushSafely(w);
      },
    ),
  ],
};
