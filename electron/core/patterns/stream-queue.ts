import source from './stream-queue.ts?raw';
import type { ActorId, CountersPanel } from '../../../shared/model';
import { listOf, msg, type Message } from '../../../shared/i18n/message';
import { holdAtGate } from '../engine/gate';
import { definePattern, sourceRegion, type ActorContext, type InspectContext, type StepContext } from '../engine/pattern';
import { readStreamPanel } from './stream-panel';

export const STREAM = 'jobs';
export const DONE = 'jobs:done';
export const GROUP = 'workers';
/** Consumer names in the group; worker lane 0 is worker-1, lane 1 is worker-2. */
export const CONSUMERS = ['worker-1', 'worker-2'] as const;

export interface Job {
  id: string;
  job: string;
}

type StreamEntry = [string, string[]];

/** Entries as XREADGROUP / XAUTOCLAIM reply them, as jobs. */
export function jobsOf(entries: StreamEntry[]): Job[] {
  return entries.map(([id, fields]) => ({ id, job: fields[fields.indexOf('job') + 1] }));
}

// #region group
/** One consumer group for every worker: each job goes to one of them. MKSTREAM creates the stream if it is not there yet. */
export async function createGroup({ redis, key }: ActorContext) {
  return redis.call('XGROUP', 'CREATE', key(STREAM), GROUP, '$', 'MKSTREAM');
}
// #endregion

// #region add
/** The producer appends a job; Redis replies with its id (milliseconds-sequence) and keeps it. */
export async function addJob({ redis, key }: ActorContext, job: number) {
  return (await redis.call('XADD', key(STREAM), '*', 'job', job, 'task', 'resize-image')) as string;
}
// #endregion

// #region read
/** '>' asks for entries never delivered to anyone in the group; Redis records each in the group's pending entries list (PEL) under this consumer. */
export async function readJobs({ redis, key }: ActorContext, consumer: string, count: number): Promise<Job[]> {
  const reply = (await redis.call('XREADGROUP', 'GROUP', GROUP, consumer, 'COUNT', count, 'STREAMS', key(STREAM), '>')) as [string, StreamEntry[]][] | null;
  return jobsOf(reply?.[0]?.[1] ?? []);
}
// #endregion

// #region finish
/**
 * The job's work (here: counting it done) and its XACK in one MULTI/EXEC:
 * a worker that dies before EXEC leaves the job pending, never done
 * without its acknowledgement (which a reclaim would do a second time).
 */
export async function finishJob({ redis, key }: ActorContext, id: string) {
  await redis.call('MULTI');
  await redis.call('HINCRBY', key(DONE), id, 1);
  await redis.call('XACK', key(STREAM), GROUP, id);
  const [times, acked] = (await redis.call('EXEC')) as [number, number];
  return { times, acked };
}

/** A worker finishes the jobs it holds, one by one; it can die before any of them (`beforeEach`). */
export async function finishAll(worker: ActorContext, jobs: Job[], beforeEach = async () => {}) {
  let acked = 0;
  for (const job of jobs) {
    await beforeEach();
    acked += (await finishJob(worker, job.id)).acked;
  }
  return acked;
}
// #endregion

// #region loop
/** A worker's loop: read what is new, finish it, until '>' has nothing more. Pending entries of others are never handed out by '>'. */
export async function workLoop(worker: ActorContext, consumer: string, count: number) {
  const done: Job[] = [];
  for (;;) {
    const jobs = await readJobs(worker, consumer, count);
    if (jobs.length === 0) return done;
    await finishAll(worker, jobs);
    done.push(...jobs);
  }
}
// #endregion

// #region pending
/** The pending entries list: the summary (count, per consumer), then each entry with its owner, idle time and delivery count. */
export async function pendingEntries({ redis, key }: ActorContext) {
  const [count, , , perConsumer] = (await redis.call('XPENDING', key(STREAM), GROUP)) as [number, string | null, string | null, [string, string][] | null];
  const entries = (await redis.call('XPENDING', key(STREAM), GROUP, '-', '+', 100)) as [string, string, number, number][];
  return {
    count: Number(count),
    perConsumer: (perConsumer ?? []).map(([consumer, n]) => ({ consumer, count: Number(n) })),
    entries: entries.map(([id, consumer, idleMs, deliveries]) => ({ id, consumer, idleMs: Number(idleMs), deliveries: Number(deliveries) })),
  };
}
// #endregion

// #region recover
/**
 * The fix: a live worker claims every entry idle longer than min-idle-time
 * (its owner has stopped: crashed, killed, partitioned), then finishes it.
 * XAUTOCLAIM needs Redis 6.2+; one page (COUNT 100) covers this queue.
 */
export async function recoverStuck(worker: ActorContext, consumer: string, minIdleMs: number) {
  const [, claimed] = (await worker.redis.call('XAUTOCLAIM', worker.key(STREAM), GROUP, consumer, minIdleMs, '0-0', 'COUNT', 100)) as [string, StreamEntry[], string[]?];
  const jobs = jobsOf(claimed);
  await finishAll(worker, jobs);
  return jobs;
}
// #endregion

// #region offline
/** A worker's process stops: its connection closes, and it reads nothing until it is back. */
function goOffline({ connection }: ActorContext) {
  connection.disconnect();
}

/** Back: a new connection, and the same loop reads on from where the group stopped. */
async function comeBack(worker: ActorContext, consumer: string, count: number) {
  await worker.connection.connect().catch(() => undefined);
  return workLoop(worker, consumer, count);
}
// #endregion

export interface StreamQueueState {
  /** Ids XADD replied, in order. */
  added: string[];
  /** What each consumer holds from its last read, by its own reply. */
  holding: Record<string, Job[]>;
  /** Ids added while worker 2 was offline, by XADD's replies. */
  whileAway: string[];
  offline: boolean;
}

const worker = (ctx: StepContext<StreamQueueState>, n: 0 | 1) => ctx.as('worker', n);
const ids = (jobs: { id: string }[]) => (jobs.length ? listOf(jobs.map((j) => j.id)) : msg('common.nothing'));

/** The actor behind a consumer name, for the panel's colours. */
const actorOf = (consumer: string): { actor: ActorId; lane: number } | undefined => {
  const lane = (CONSUMERS as readonly string[]).indexOf(consumer);
  return lane < 0 ? undefined : { actor: 'worker', lane };
};

/** Each consumer's pending count, from XPENDING's summary, as a phrase. */
function perConsumerText(p: Awaited<ReturnType<typeof pendingEntries>>): Message {
  if (p.perConsumer.length === 0) return msg('streamQueue.pel.empty');
  return msg('streamQueue.pel.some', { count: p.count, list: listOf(p.perConsumer.map((c) => msg('streamQueue.pel.consumer', { consumer: c.consumer, n: c.count }))) });
}

/** How many times each job was done, from HGETALL on the done hash (the inspector's read). */
async function doneCounts(ctx: StepContext<StreamQueueState>) {
  const done = await ctx.peekHash(ctx.key(DONE));
  const times = ctx.state.added.map((id) => Number(done[id] ?? 0));
  return { once: times.filter((t) => t === 1).length, twice: times.filter((t) => t > 1).length, never: times.filter((t) => t === 0).length };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inspect(ctx: InspectContext<StreamQueueState>) {
  const key = ctx.key(STREAM);
  const stream = await readStreamPanel(ctx.control, key, GROUP, { actorOf });
  const done = await ctx.control.hgetall(ctx.key(DONE));
  const added = ctx.state.added;
  const times = added.map((id) => Number(done[id] ?? 0));
  const counters: CountersPanel = {
    kind: 'counters',
    title: msg('streamQueue.panel.jobs'),
    columns: [
      {
        title: msg('streamQueue.panel.queue'),
        items: [
          { label: msg('streamQueue.panel.added'), value: added.length },
          { label: msg('streamQueue.panel.once'), value: times.filter((t) => t === 1).length, tone: 'ok' },
          { label: msg('streamQueue.panel.pending'), value: stream.group?.pending ?? 0, tone: (stream.group?.pending ?? 0) > 0 ? 'warn' : undefined },
          { label: msg('streamQueue.panel.twice'), value: times.filter((t) => t > 1).length, tone: times.some((t) => t > 1) ? 'bad' : undefined },
        ],
      },
    ],
  };
  return [stream, counters];
}

const params = [
  { name: 'jobs', label: msg('streamQueue.param.jobs'), min: 2, max: 12, default: 6 },
  { name: 'count', label: msg('streamQueue.param.count'), min: 1, max: 5, default: 2 },
  { name: 'later', label: msg('streamQueue.param.later'), min: 1, max: 5, default: 2 },
  { name: 'minIdleMs', label: msg('streamQueue.param.minIdle'), min: 0, max: 5000, default: 500, unit: msg('unit.ms') },
];

export const streamQueue = definePattern<StreamQueueState>({
  id: 'stream-queue',
  title: msg('streamQueue.title'),
  group: 'Queues',
  summary: msg('streamQueue.summary'),
  params,
  actors: ['client', 'worker', 'admin'],
  panels: ['keys'],
  requires: { major: 6, minor: 2, feature: msg('streamQueue.requires') },
  createState: () => ({ added: [], holding: {}, whileAway: [], offline: false }),
  dispose: async (state) => {
    state.holding = {};
  },
  inspect,
  steps: [
    {
      title: msg('streamQueue.step.group'),
      code: sourceRegion(source, 'group'),
      actors: ['worker'],
      run: async (ctx) => {
        const reply = await createGroup(worker(ctx, 0));
        return { narrative: msg('streamQueue.group', { reply: String(reply), stream: ctx.key(STREAM), group: GROUP }), outcome: 'write' };
      },
    },
    {
      title: (p) => msg('streamQueue.step.add', { jobs: p.jobs }),
      code: sourceRegion(source, 'add'),
      actors: ['client'],
      run: async (ctx) => {
        const client = ctx.as('client');
        for (let n = 1; n <= ctx.params.jobs; n++) ctx.state.added.push(await addJob(client, n));
        const len = Number(await client.redis.call('XLEN', ctx.key(STREAM)));
        return { narrative: msg('streamQueue.added', { n: ctx.state.added.length, first: ctx.state.added[0], last: ctx.state.added.at(-1)!, len }), outcome: 'write' };
      },
    },
    {
      title: (p) => msg('streamQueue.step.read', { count: p.count }),
      code: sourceRegion(source, 'read'),
      actors: ['worker'],
      run: async (ctx) => {
        for (const n of [0, 1] as const) ctx.state.holding[CONSUMERS[n]] = await readJobs(worker(ctx, n), CONSUMERS[n], ctx.params.count);
        const pel = await pendingEntries(ctx.as('admin'));
        const [one, two] = CONSUMERS.map((c) => ctx.state.holding[c]);
        return { narrative: msg('streamQueue.read', { one: ids(one), two: ids(two), pel: perConsumerText(pel) }), outcome: 'info' };
      },
    },
    {
      title: msg('streamQueue.step.ack'),
      code: sourceRegion(source, 'finish'),
      actors: ['worker'],
      run: async (ctx) => {
        const jobs = ctx.state.holding[CONSUMERS[0]] ?? [];
        const acked = await finishAll(worker(ctx, 0), jobs);
        ctx.state.holding[CONSUMERS[0]] = [];
        const pel = await pendingEntries(ctx.as('admin'));
        return { narrative: msg('streamQueue.acked', { acked, n: jobs.length, pel: perConsumerText(pel) }), outcome: 'write' };
      },
    },
    {
      title: msg('streamQueue.step.dies'),
      code: `${sourceRegion(source, 'finish')}\n\n${sourceRegion(source, 'pending')}`,
      actors: ['worker', 'admin'],
      run: async (ctx) => {
        const w2 = worker(ctx, 1);
        const jobs = ctx.state.holding[CONSUMERS[1]] ?? [];
        // Worker 2 starts on its jobs and is killed before its first EXEC: no XACK leaves it.
        if (jobs.length) {
          const held = await holdAtGate((gate) => finishAll(w2, jobs, gate));
          await held.break(new Error('worker process killed'));
        }
        goOffline(w2);
        ctx.state.offline = true;
        w2.note(msg('streamQueue.note.killed', { n: jobs.length }));
        const pel = await pendingEntries(ctx.as('admin'));
        const mine = pel.entries.filter((e) => e.consumer === CONSUMERS[1]);
        const idle = mine.length ? Math.min(...mine.map((e) => e.idleMs)) : 0;
        const deliveries = mine.length ? Math.max(...mine.map((e) => e.deliveries)) : 0;
        return { narrative: msg('streamQueue.died', { n: mine.length, consumer: CONSUMERS[1], idle, deliveries, pel: perConsumerText(pel) }), outcome: mine.length ? 'stuck' : 'info' };
      },
    },
    {
      title: msg('streamQueue.step.readsOn'),
      code: sourceRegion(source, 'loop'),
      actors: ['worker', 'admin'],
      run: async (ctx) => {
        const done = await workLoop(worker(ctx, 0), CONSUMERS[0], ctx.params.count);
        const pel = await pendingEntries(ctx.as('admin'));
        const stuck = pel.entries.filter((e) => e.consumer !== CONSUMERS[0]).length;
        return { narrative: msg('streamQueue.readsOn', { n: done.length, list: ids(done), stuck, pel: perConsumerText(pel) }), outcome: stuck > 0 ? 'stuck' : 'info' };
      },
    },
    {
      title: (p) => msg('streamQueue.step.recover', { minIdle: p.minIdleMs }),
      code: sourceRegion(source, 'recover'),
      actors: ['worker', 'admin'],
      run: async (ctx) => {
        const minIdle = ctx.params.minIdleMs;
        const before = await pendingEntries(ctx.as('admin'));
        const idle = before.entries.length ? Math.min(...before.entries.map((e) => e.idleMs)) : minIdle;
        // Idle time is real time: the step waits until every stuck entry has been idle min-idle-time, and says so.
        const wait = idle < minIdle ? minIdle - idle + 10 : 0;
        let waited = 0;
        if (before.entries.length && wait > 0) {
          ctx.as('admin').note(msg('streamQueue.note.wait', { wait, minIdle }));
          const start = Date.now();
          await sleep(wait);
          waited = Date.now() - start;
        }
        const claimed = await recoverStuck(worker(ctx, 0), CONSUMERS[0], minIdle);
        const after = await pendingEntries(ctx.as('admin'));
        const d = await doneCounts(ctx);
        const ok = after.count === 0 && d.twice === 0;
        return {
          narrative: msg('streamQueue.recovered', { claimed: claimed.length, list: ids(claimed), minIdle, idle, wait: waited, pending: after.count, once: d.once, added: ctx.state.added.length, twice: d.twice }),
          outcome: ok ? 'safe' : 'stuck',
        };
      },
    },
    {
      title: (p) => msg('streamQueue.step.away', { later: p.later }),
      code: `${sourceRegion(source, 'offline')}\n\n${sourceRegion(source, 'add')}`,
      actors: ['client', 'admin'],
      run: async (ctx) => {
        const client = ctx.as('client');
        ctx.state.whileAway = [];
        for (let n = 1; n <= ctx.params.later; n++) {
          const id = await addJob(client, ctx.state.added.length + 1);
          ctx.state.added.push(id);
          ctx.state.whileAway.push(id);
        }
        const groups = (await ctx.as('admin').redis.call('XINFO', 'GROUPS', ctx.key(STREAM))) as string[][];
        const info = groups.find((g) => g[g.indexOf('name') + 1] === GROUP) ?? [];
        const lastDelivered = String(info[info.indexOf('last-delivered-id') + 1]);
        // Entries after the group's last-delivered id: kept, and handed to no one yet.
        const waiting = ((await ctx.as('admin').redis.call('XRANGE', ctx.key(STREAM), `(${lastDelivered}`, '+')) as StreamEntry[]).length;
        return { narrative: msg('streamQueue.away', { n: ctx.state.whileAway.length, list: listOf(ctx.state.whileAway), consumer: CONSUMERS[1], waiting, lastDelivered }), outcome: 'write' };
      },
    },
    {
      title: msg('streamQueue.step.back'),
      code: `${sourceRegion(source, 'offline')}\n\n${sourceRegion(source, 'loop')}`,
      actors: ['worker', 'admin'],
      run: async (ctx) => {
        const back = await comeBack(worker(ctx, 1), CONSUMERS[1], ctx.params.count);
        ctx.state.offline = false;
        const kept = ctx.state.whileAway.filter((id) => back.some((j) => j.id === id)).length;
        const pel = await pendingEntries(ctx.as('admin'));
        const missed = ctx.state.whileAway.length - kept;
        return {
          narrative: msg('streamQueue.back', { consumer: CONSUMERS[1], read: back.length, list: ids(back), kept, added: ctx.state.whileAway.length, pending: pel.count }),
          outcome: missed > 0 ? 'missed' : pel.count > 0 ? 'stuck' : 'safe',
        };
      },
    },
  ],
});
