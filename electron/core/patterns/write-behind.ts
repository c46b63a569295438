import type { CountersPanel, PanelData, PendingPanel, Tone } from '../../../shared/model';
import { Gate, held } from '../engine/gate';
import { definePattern, type InspectContext, type StepContext } from '../engine/pattern';
import { CODE, flushAsInArticle, flushSafely, incrementUserScore, recoverProcessing } from './write-behind-flush';

interface WorkerState {
  state: PendingPanel['worker']['state'];
  /** False once the run is reset: a flush in flight must not schedule another. */
  running: boolean;
  timer?: NodeJS.Timeout;
  nextRunAt?: number;
  flushes: number;
  /** Resolves after the next flush that wrote something. */
  waiters: (() => void)[];
}

interface WriteBehindState {
  /** Points each writer sent per user: the truth the database must end up with. */
  sent: Map<number, number>;
  pendingSince: Map<string, number>;
  worker: WorkerState;
  gate?: Gate;
  flush?: Promise<number>;
}

const createState = (): WriteBehindState => ({ sent: new Map(), pendingSince: new Map(), worker: { state: 'stopped', running: false, flushes: 0, waiters: [] } });

function stopWorker(state: WriteBehindState) {
  state.worker.running = false;
  clearTimeout(state.worker.timer);
  state.worker.timer = undefined;
  state.gate?.break(new Error('reset'));
  for (const wake of state.worker.waiters.splice(0)) wake();
}

/** Counts what a writer sent, and when the user first started waiting for a flush. */
async function score(ctx: StepContext<WriteBehindState>, userId: number, points: number, actor: 'client' | 'clientA' = 'client') {
  await incrementUserScore(ctx.as(actor), userId, points);
  ctx.state.sent.set(userId, (ctx.state.sent.get(userId) ?? 0) + points);
  if (!ctx.state.pendingSince.has(String(userId))) ctx.state.pendingSince.set(String(userId), Date.now());
}

/** A flush worker on a timer, as the article's background thread; flushes never overlap. */
function startWorker(ctx: StepContext<WriteBehindState>) {
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

async function inspectBackend({ control, db, key, state, params }: InspectContext<WriteBehindState>): Promise<PendingPanel> {
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
async function tally({ control, db, key, state }: InspectContext<WriteBehindState>, title: string, ids: number[]) {
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

const common = {
  group: 'Caching' as const,
  actors: ['client' as const, 'worker' as const, 'database' as const],
  panels: ['keys' as const],
  createState,
  dispose: stopWorker,
};

export const writeBehind = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind',
  title: 'Write-behind',
  summary: 'Writes land in Redis at once; a worker on a timer flushes them to the database in batches — safely.',
  params: [
    { name: 'intervalSec', label: 'Flush every', min: 1, max: 120, default: 5, unit: 's' },
    { name: 'points', label: 'Points per write', min: 1, max: 1_000_000, default: 10 },
    { name: 'dbLatencyMs', label: 'Database latency', min: 0, max: 5000, default: 20, unit: 'ms' },
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

export const writeBehindLostUpdate = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind-lost-update',
  title: 'Write-behind: the lost increment',
  summary: "An INCRBY between the article's GET and DEL is deleted unflushed; the atomic take keeps it.",
  params: [
    { name: 'first', label: 'First write', min: 1, max: 1_000_000, default: 10 },
    { name: 'second', label: 'Racing write', min: 1, max: 1_000_000, default: 5 },
    { name: 'dbLatencyMs', label: 'Database latency', min: 0, max: 5000, default: 20, unit: 'ms' },
  ],
  steps: [
    {
      title: (p) => `User 1 scores ${p.first}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 1, ctx.params.first);
        return { narrative: `user:score:1 = ${ctx.params.first}, user 1 is pending.`, outcome: 'write' };
      },
    },
    {
      title: "Article's worker reads user 1's score",
      code: CODE.flushArticle,
      actors: ['worker'],
      run: async (ctx) => {
        const gate = (ctx.state.gate = new Gate());
        ctx.state.flush = held(flushAsInArticle(ctx.as('worker'), gate.pass));
        await gate.reached;
        ctx.as('worker').note('holds the value it read; about to write it to the database');
        return { narrative: `The worker read ${ctx.params.first} and is on its way to the database. Its DEL will come later.`, outcome: 'info' };
      },
    },
    {
      title: (p) => `Meanwhile user 1 scores ${p.second}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 1, ctx.params.second);
        return { narrative: `INCRBY makes it ${ctx.params.first + ctx.params.second}; SADD replies 0 because user 1 is still pending.`, outcome: 'write' };
      },
    },
    {
      title: "Article's worker writes, DELs and SREMs",
      code: CODE.flushArticle,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        ctx.state.gate?.open();
        await ctx.state.flush;
        const stored = ctx.peekScore(1);
        return {
          narrative: `The database got ${stored}; the DEL removed ${ctx.params.first + ctx.params.second} from Redis. ${ctx.params.second} points are gone, and nothing is pending to bring them back.`,
          outcome: 'lost',
        };
      },
    },
    {
      title: (p) => `Same race, safe flush: user 2 scores ${p.first}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 2, ctx.params.first);
        return { narrative: `Now the same interleaving for user 2 with the safe flush.`, outcome: 'write' };
      },
    },
    {
      title: 'Safe worker takes user 2 atomically',
      code: CODE.flushSafe,
      actors: ['worker'],
      run: async (ctx) => {
        const gate = (ctx.state.gate = new Gate());
        ctx.state.flush = held(flushSafely(ctx.as('worker'), gate.pass));
        await gate.reached;
        return { narrative: `GETDEL and SREM ran in one script: the key is gone and the ${ctx.params.first} points sit in "processing" until the database commit.`, outcome: 'info' };
      },
    },
    {
      title: (p) => `Meanwhile user 2 scores ${p.second}`,
      code: CODE.increment,
      actors: ['client'],
      run: async (ctx) => {
        await score(ctx, 2, ctx.params.second);
        return { narrative: `INCRBY starts a fresh key at ${ctx.params.second}; SADD replies 1: user 2 is pending again.`, outcome: 'write' };
      },
    },
    {
      title: 'Safe worker commits, then flushes again',
      code: CODE.flushSafe,
      actors: ['worker', 'database'],
      run: async (ctx) => {
        ctx.state.gate?.open();
        await ctx.state.flush;
        await flushSafely(ctx.as('worker'));
        return {
          narrative: `The database has ${ctx.peekScore(2)} = ${ctx.params.first} + ${ctx.params.second}. Same interleaving, nothing lost.`,
          outcome: 'safe',
        };
      },
    },
  ],
  inspect: async (ctx): Promise<PanelData[]> => {
    const panel: CountersPanel = {
      kind: 'counters',
      title: 'Same race, two flushes',
      columns: [await tally(ctx, "article's flush (user 1)", [1]), await tally(ctx, 'atomic take (user 2)', [2])],
    };
    return [panel, await inspectBackend(ctx)];
  },
});

export const writeBehindCrash = definePattern<WriteBehindState>({
  ...common,
  id: 'write-behind-crash',
  title: 'Write-behind: worker crash',
  summary: 'The worker dies after taking a value and before the database commit; the safe flush replays it on restart.',
  params: [
    { name: 'first', label: 'Points before the crash', min: 1, max: 1_000_000, default: 40 },
    { name: 'second', label: 'Points while down', min: 1, max: 1_000_000, default: 2 },
    { name: 'dbLatencyMs', label: 'Database latency', min: 0, max: 5000, default: 20, unit: 'ms' },
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
        const gate = new Gate();
        const flush = flushSafely(worker, gate.pass);
        await gate.reached;
        gate.break(new Error('worker process killed'));
        await flush.catch(() => undefined);
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
