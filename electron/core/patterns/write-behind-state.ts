/** The state, worker and panels the write-behind scenarios share. */
import { msg, type Message } from '../../../shared/i18n/message';
import type { CountersPanel, PendingPanel, Tone } from '../../../shared/model';
import { outcomeTone } from '../../../shared/outcomes';
import type { HeldActor } from '../engine/gate';
import type { InspectContext, StepContext } from '../engine/pattern';
import { flushAsInArticle, flushSafely, incrementUserScore } from './write-behind-flush';

export interface WorkerState {
  state: PendingPanel['worker']['state'];
  /** False once the run is reset: a flush in flight must not schedule another. */
  running: boolean;
  timer?: NodeJS.Timeout;
  nextRunAt?: number;
  /** Flush runs that committed at least one value to the database, whether the timer or a step ran them. */
  flushes: number;
  /** Resolves after the next flush that wrote something. */
  waiters: (() => void)[];
}

export interface WriteBehindState {
  /** Points each writer sent per user: the truth the database must end up with. */
  sent: Map<number, number>;
  pendingSince: Map<string, number>;
  worker: WorkerState;
  /** The worker held inside its flush while a writer acts. */
  held?: HeldActor<number>;
}

export const createState = (): WriteBehindState => ({ sent: new Map(), pendingSince: new Map(), worker: { state: 'stopped', running: false, flushes: 0, waiters: [] } });

export function stopWorker(state: WriteBehindState) {
  state.worker.running = false;
  clearTimeout(state.worker.timer);
  state.worker.timer = undefined;
  void state.held?.break(new Error('reset'));
  for (const wake of state.worker.waiters.splice(0)) wake();
}

/**
 * Counts what a writer sent, and when the user first started waiting for a
 * flush. The points count as sent the moment Redis acknowledged the INCRBY,
 * not after the SADD that follows: an explorer's panels are read between
 * the two, and would otherwise find points in Redis that no writer sent.
 */
export async function score(ctx: StepContext<WriteBehindState>, userId: number, points: number, actor: 'client' | 'clientA' = 'client') {
  let counted = false;
  const count = () => {
    if (counted) return;
    counted = true;
    ctx.state.sent.set(userId, (ctx.state.sent.get(userId) ?? 0) + points);
  };
  const writer = ctx.as(actor);
  // The article's incrementUserScore, unchanged (the Code tab shows it): its INCRBY is watched from outside.
  const redis = new Proxy(writer.redis, {
    get(target, prop, receiver) {
      if (prop !== 'incrby') return Reflect.get(target, prop, receiver) as unknown;
      return (key: string, by: number) =>
        target.incrby(key, by).then((total) => {
          count();
          return total;
        });
    },
  });
  const replies = await incrementUserScore(new Proxy(writer, { get: (target, prop, receiver) => (prop === 'redis' ? redis : (Reflect.get(target, prop, receiver) as unknown)) }), userId, points);
  count();
  if (!ctx.state.pendingSince.has(String(userId))) ctx.state.pendingSince.set(String(userId), Date.now());
  return replies;
}

/** Counts a flush run by what it committed, so the panel's count means the same whichever actor flushed. */
export function recordFlush(state: WriteBehindState, committed: number): void {
  if (committed > 0) state.worker.flushes++;
}

/** One user's points as measured now: sent by writers, in the database, in its Redis key, parked in "processing"; the rest is lost. */
export async function userPoints(ctx: StepContext<WriteBehindState>, userId: number) {
  const sent = ctx.state.sent.get(userId) ?? 0;
  const stored = ctx.peekScore(userId);
  // Both reads sent at once on the inspector's connection: one round trip, read in this order.
  const [key, hash] = await Promise.all([ctx.peekKey(ctx.key(`user:score:${userId}`)), ctx.peekHash(ctx.key('processing'))]);
  const waiting = Number(key.value ?? 0);
  const parked = Object.values(hash)
    .map((entry) => entry.split(':').map(Number))
    .reduce((total, [id, points]) => total + (id === userId ? points : 0), 0);
  return { sent, stored, waiting, parked, lost: sent - stored - waiting - parked };
}

/** A flush worker on a timer, as the article's background thread; flushes never overlap. */
export function startWorker(ctx: StepContext<WriteBehindState>) {
  const worker = ctx.state.worker;
  const intervalMs = ctx.params.intervalSec * 1000;
  const actor = ctx.background('worker');
  const tick = async () => {
    worker.state = 'flushing';
    let flushed = 0;
    try {
      // The `flush` parameter (main write-behind page): 0 runs the article's flush as written.
      flushed = await (ctx.params.flush === 0 ? flushAsInArticle(actor) : flushSafely(actor));
      recordFlush(ctx.state, flushed);
    } catch (err) {
      actor.note(msg('writeBehind.note.flushFailed', { error: (err as Error).message }));
    }
    if (flushed > 0) for (const wake of worker.waiters.splice(0)) wake();
    if (!worker.running) return;
    worker.state = 'idle';
    schedule();
  };
  const schedule = () => {
    worker.nextRunAt = Date.now() + intervalMs;
    worker.timer = setTimeout(() => void tick(), intervalMs);
  };
  worker.running = true;
  worker.state = 'idle';
  schedule();
}

function sum(map: Map<number, number>, ids: number[]) {
  return ids.reduce((total, id) => total + (map.get(id) ?? 0), 0);
}

export async function inspectBackend({ control, db, key, state, params }: InspectContext<WriteBehindState>): Promise<PendingPanel> {
  const pending = (await control.smembers(key('pending_writes'))).sort((a, b) => Number(a) - Number(b));
  const processing = await control.hgetall(key('processing'));
  const parked = new Map<string, number>();
  for (const entry of Object.values(processing)) {
    const [id, points] = entry.split(':');
    parked.set(id, (parked.get(id) ?? 0) + Number(points));
  }
  const ids = [...new Set([...pending, ...parked.keys()])];
  const cached = ids.length ? await control.mget(ids.map((id) => key(`user:score:${id}`))) : [];
  const scores = db.allScores();
  for (const id of state.pendingSince.keys()) if (!pending.includes(id) && !parked.has(id)) state.pendingSince.delete(id);
  const readAt = Date.now();
  const oldest = Math.min(...ids.map((id) => state.pendingSince.get(id) ?? readAt));
  return {
    kind: 'pending',
    setKey: key('pending_writes'),
    items: ids.map((id, i) => ({ id, cached: cached[i] === null ? (parked.get(id) ?? null) : Number(cached[i]), inDb: scores.get(Number(id)) ?? null, processing: parked.has(id) })),
    oldestAgeMs: ids.length ? readAt - oldest : null,
    readAt,
    worker: { state: state.worker.state, intervalMs: (params.intervalSec ?? 0) * 1000, nextRunAt: state.worker.nextRunAt, flushes: state.worker.flushes },
  };
}

/** Points sent vs points in the database vs points still waiting, for the users of one column. */
export async function tally({ control, db, key, state }: InspectContext<WriteBehindState>, title: Message, ids: number[]): Promise<CountersPanel['columns'][number]> {
  const scores = db.allScores();
  const sent = sum(state.sent, ids);
  const stored = ids.reduce((t, id) => t + (scores.get(id) ?? 0), 0);
  let waiting = 0;
  for (const id of ids) waiting += Number((await control.get(key(`user:score:${id}`))) ?? 0);
  for (const entry of Object.values(await control.hgetall(key('processing')))) {
    const [id, points] = entry.split(':').map(Number);
    if (ids.includes(id)) waiting += points;
  }
  const lost = sent - stored - waiting;
  const counts = [
    { label: msg('writeBehind.panel.sent'), value: sent },
    { label: msg('writeBehind.panel.stored'), value: stored },
    { label: msg('writeBehind.panel.waiting'), value: waiting },
  ];
  if (lost < 0) {
    // More measured than sent: a flush wrote the points to the database and has not yet deleted them from Redis. Not a loss, and not a gain either.
    return { title, tone: 'warn', items: [...counts, { label: msg('writeBehind.panel.countedTwice'), value: -lost, tone: 'warn' }] };
  }
  // Coloured as the step tags are: LOST when points are missing, SAFE when all are accounted for.
  const tone: Tone = lost > 0 ? outcomeTone('lost') : sent > 0 ? outcomeTone('safe') : 'neutral';
  return { title, tone, items: [...counts, { label: msg('writeBehind.panel.lost'), value: lost, tone }] };
}

/** What the three write-behind scenarios share. */
export const common = {
  group: 'Caching' as const,
  actors: ['client' as const, 'worker' as const, 'database' as const],
  panels: ['keys' as const],
  createState,
  dispose: stopWorker,
};

