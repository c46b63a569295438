/** The state, worker and panels the write-behind scenarios share. */
import type { PendingPanel, Tone } from '../../../shared/model';
import type { HeldActor } from '../engine/gate';
import type { InspectContext, StepContext } from '../engine/pattern';
import { flushSafely, incrementUserScore } from './write-behind-flush';

export interface WorkerState {
  state: PendingPanel['worker']['state'];
  /** False once the run is reset: a flush in flight must not schedule another. */
  running: boolean;
  timer?: NodeJS.Timeout;
  nextRunAt?: number;
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

/** Counts what a writer sent, and when the user first started waiting for a flush. */
export async function score(ctx: StepContext<WriteBehindState>, userId: number, points: number, actor: 'client' | 'clientA' = 'client') {
  await incrementUserScore(ctx.as(actor), userId, points);
  ctx.state.sent.set(userId, (ctx.state.sent.get(userId) ?? 0) + points);
  if (!ctx.state.pendingSince.has(String(userId))) ctx.state.pendingSince.set(String(userId), Date.now());
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
      flushed = await flushSafely(actor);
      worker.flushes++;
    } catch (err) {
      actor.note(`flush failed: ${(err as Error).message}; retrying next run`);
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
export async function tally({ control, db, key, state }: InspectContext<WriteBehindState>, title: string, ids: number[]) {
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
  const tone: Tone = lost > 0 ? 'bad' : sent > 0 ? 'ok' : 'neutral';
  return {
    title,
    tone,
    items: [
      { label: 'points sent by writers', value: sent },
      { label: 'points in the database', value: stored },
      { label: 'points still waiting in Redis', value: waiting },
      { label: 'points lost', value: lost, tone },
    ],
  };
}

/** What the three write-behind scenarios share. */
export const common = {
  group: 'Caching' as const,
  actors: ['client' as const, 'worker' as const, 'database' as const],
  panels: ['keys' as const],
  createState,
  dispose: stopWorker,
};

