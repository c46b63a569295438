import source from './distributed-lock.ts?raw';
import { randomBytes } from 'node:crypto';
import type { ActorId, CountersPanel, Tone, UserRow } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';
import { holdAtGate, type HeldActor } from '../engine/gate';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { dbLatencyParam } from './common-params';
import { LaneLog } from './lanes';
import { integerReply, lastReply, scriptReply, stringReply } from './replies';

// A real wait: expireLock waits on Redis's clock (PEXPIRE 1), which a virtual sleep would not move.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// #region acquire
/** SET … NX PX: only one client gets OK; its random token says whose lock it is. */
export async function acquire({ redis, key, params }: ActorContext, resource: string): Promise<string | null> {
  const token = randomBytes(8).toString('hex');
  const reply = await redis.set(key(`lock:${resource}`), token, 'NX', 'PX', params.lockTtlMs);
  return reply === 'OK' ? token : null;
}
// #endregion

// #region critical
/** The critical section counts who is inside: INCR replies how many are in right now (1 is the lock doing its job). */
export const enter = ({ redis, key }: ActorContext, resource: string) => redis.incrby(key(`inside:${resource}`), 1);
export const leave = ({ redis, key }: ActorContext, resource: string) => redis.decrby(key(`inside:${resource}`), 1);
// #endregion

// #region release-del
/** The naive release: delete the lock, whoever's it is now. */
export const releaseWithDel = ({ redis, key }: ActorContext, resource: string) => redis.del(key(`lock:${resource}`));
// #endregion

// #region release-script
/** The fix: delete the lock only if it still holds our token, in one step on the server. */
export const RELEASE_IF_OURS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export async function releaseIfOurs({ redis, key }: ActorContext, resource: string, token: string) {
  return Number(await runScript(redis, RELEASE_IF_OURS, [key(`lock:${resource}`)], [token]));
}
// #endregion

// #region expire
/** The lock's TTL running out, made a step: the admin expires it now and waits until PTTL says it is gone. */
export async function expireLock({ redis, key }: ActorContext, resource: string) {
  const lock = key(`lock:${resource}`);
  const expired = Number(await redis.call('PEXPIRE', lock, 1));
  const started = performance.now();
  let pttl = await redis.pttl(lock);
  while (pttl !== -2 && performance.now() - started < 1000) {
    await sleep(1);
    pttl = await redis.pttl(lock);
  }
  return { expired, pttl, waitedMs: performance.now() - started };
}
// #endregion

// #region job
/** One client's job: take the lock, do the protected work, finish up, release. */
export async function runJob(actor: ActorContext, resource: string, release: 'del' | 'script', finishUp = async () => {}) {
  const token = await acquire(actor, resource);
  if (!token) return { token };
  const inside = await enter(actor, resource);
  await leave(actor, resource);
  await finishUp(); // the job goes on after its protected work: the lock's TTL may run out here
  const released = release === 'del' ? await releaseWithDel(actor, resource) : await releaseIfOurs(actor, resource, token);
  return { token, inside, released };
}
// #endregion

// #region write-under-lock
/** A lock around a database write, released with the token check, but no fence. */
export async function writeUnderLock(actor: ActorContext, userId: number, name: string, pause = async () => {}) {
  const token = await acquire(actor, `user:${userId}`);
  if (!token) return { token, row: null };
  await pause(); // a GC pause, a slow disk, a retry: the lock's TTL keeps running
  const row = await actor.db.updateUser(userId, { name });
  const released = await releaseIfOurs(actor, `user:${userId}`, token);
  return { token, row, released };
}
// #endregion

// #region fenced
/** Lock and fence in one step: the fence (INCR) grows with every acquisition, so a newer holder always has a bigger one. */
export const ACQUIRE_WITH_FENCE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

export async function writeFenced(actor: ActorContext, userId: number, name: string, pause = async () => {}) {
  const { redis, key, params, db } = actor;
  const token = randomBytes(8).toString('hex');
  const fence = await runScript(redis, ACQUIRE_WITH_FENCE, [key(`lock:user:${userId}`), key(`fence:user:${userId}`)], [token, params.lockTtlMs]);
  if (fence === null) return { token: null, fence: null, accepted: false, row: null, highest: 0 };
  await pause();
  // The database checks the fence: a write older than one it already took is refused.
  const write = await db.updateUserFenced(userId, { name }, Number(fence));
  const released = await releaseIfOurs(actor, `user:${userId}`, token);
  return { token, fence: Number(fence), ...write, released };
}
// #endregion

const LOCK_TTL_PARAM = { name: 'lockTtlMs', label: msg('lock.param.ttl'), min: 1000, max: 600_000, default: 30_000, unit: msg('unit.ms') };

const NAIVE = 'job:1';
const SAFE = 'job:2';
const short = (token: string) => token.slice(0, 6);
const ACTOR_NAMES: Partial<Record<ActorId, Message>> = { clientA: msg('ui.actor.clientA'), clientB: msg('ui.actor.clientB'), clientC: msg('ui.actor.clientC') };
const who = (actor: ActorId): Message => ACTOR_NAMES[actor] ?? msg('ui.actor.admin');

interface ResourceLog {
  lanes: LaneLog;
  /** Whose token is in the lock right now, as the steps' replies told. */
  tokens: Map<string, ActorId>;
  /** Locks deleted by a client whose token they did not hold. */
  wrongDeletes: number;
  /** Releases the token check refused. */
  refusedReleases: number;
}

export interface LockState {
  naive: ResourceLog;
  safe: ResourceLog;
  /** The explorer's race: client A's token, taken in its setup, for its release. */
  raceToken?: string;
}

const LANE_ACTORS = (actors: ActorId[]) => actors.map((actor) => ({ actor, name: who(actor) }));

function resourceLog(actors: ActorId[]): ResourceLog {
  return { lanes: new LaneLog(LANE_ACTORS(actors)), tokens: new Map(), wrongDeletes: 0, refusedReleases: 0 };
}

/** Who holds the lock, as the inspector reads it (untraced): the actor whose token it holds. */
async function holder(ctx: StepContext<unknown>, log: ResourceLog, resource: string): Promise<ActorId | null> {
  const { value } = await ctx.peekKey(ctx.key(`lock:${resource}`));
  return value ? (log.tokens.get(value) ?? null) : null;
}

/** Takes the lock as `actor` and, when it gets it, enters; every moment drawn from the replies. */
async function takeAndEnter(ctx: StepContext<unknown>, log: ResourceLog, actor: ActorId, resource: string) {
  const as = ctx.as(actor);
  const token = await acquire(as, resource);
  log.lanes.moment(msg('lock.moment.set', { actor: who(actor), reply: token ? 'OK' : 'nil' }));
  if (!token) {
    log.lanes.mark(actor, msg('lock.mark.refused'), 'warn');
    return { token, inside: 0 };
  }
  log.tokens.set(token, actor);
  log.lanes.open(actor, 'outline', msg('lock.span.holds', { token: short(token) }));
  const inside = await enter(as, resource);
  log.lanes.moment(msg('lock.moment.incr', { actor: who(actor), inside }));
  log.lanes.open(actor, 'solid', msg('lock.span.inside'), inside > 1 ? 'bad' : 'ok');
  return { token, inside };
}

/** The admin expires the lock; the narrative part says what PEXPIRE and PTTL replied. */
async function expireStep(ctx: StepContext<unknown>, log: ResourceLog, resource: string): Promise<Message> {
  const owner = await holder(ctx, log, resource);
  const { expired, pttl, waitedMs } = await expireLock(ctx.as('admin'), resource);
  log.lanes.moment(msg('lock.moment.expire', { pttl }));
  if (owner && pttl === -2) {
    log.lanes.close(owner, 'outline');
    log.lanes.mark(owner, msg('lock.mark.expired'), 'warn');
  }
  return msg('lock.expired', { expired, pttl, ms: Math.round(waitedMs), key: `lock:${resource}`, owner: owner ? who(owner) : msg('common.nobody') });
}

function column(title: Message, log: ResourceLog, tone: Tone): CountersPanel['columns'][number] {
  const peak = log.lanes.peak();
  return {
    title,
    tone,
    items: [
      { label: msg('lock.counter.peak'), value: peak, tone: peak > 1 ? 'bad' : 'ok' },
      { label: msg('lock.counter.wrongDeletes'), value: log.wrongDeletes, tone: log.wrongDeletes > 0 ? 'bad' : 'ok' },
      { label: msg('lock.counter.refusedReleases'), value: log.refusedReleases },
    ],
  };
}

const LEGEND = { solid: msg('lock.legend.inside'), outline: msg('lock.legend.holds') };
const overlapLabel = (count: number) => msg('lock.overlap', { count });

export const distributedLock = definePattern<LockState>({
  id: 'distributed-lock',
  title: msg('lock.title'),
  group: 'Locks',
  summary: msg('lock.summary'),
  params: [LOCK_TTL_PARAM],
  actors: ['clientA', 'clientB', 'clientC', 'admin'],
  panels: ['keys'],
  createState: () => ({ naive: resourceLog(['clientA', 'clientB', 'clientC']), safe: resourceLog(['clientA', 'clientB', 'clientC']) }),
  steps: [
    {
      title: (p) => msg('lock.step.aTakes', { key: `lock:${NAIVE}`, ttl: p.lockTtlMs }),
      code: sourceRegion(source, 'acquire'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { token, inside } = await takeAndEnter(ctx, ctx.state.naive, 'clientA', NAIVE);
        return {
          narrative: token ? msg('lock.taken', { actor: who('clientA'), key: `lock:${NAIVE}`, token: short(token), ttl: ctx.params.lockTtlMs, inside }) : msg('lock.notTaken', { actor: who('clientA'), key: `lock:${NAIVE}` }),
          outcome: token ? 'write' : 'info',
        };
      },
    },
    {
      title: msg('lock.step.bTries'),
      code: sourceRegion(source, 'acquire'),
      actors: ['clientB'],
      run: async (ctx) => {
        const owner = await holder(ctx, ctx.state.naive, NAIVE);
        const { token, inside } = await takeAndEnter(ctx, ctx.state.naive, 'clientB', NAIVE);
        return {
          narrative: token
            ? msg('lock.taken', { actor: who('clientB'), key: `lock:${NAIVE}`, token: short(token), ttl: ctx.params.lockTtlMs, inside })
            : msg('lock.refused', { actor: who('clientB'), key: `lock:${NAIVE}`, owner: owner ? who(owner) : msg('common.nobody') }),
          outcome: token ? 'write' : 'info',
        };
      },
    },
    {
      title: msg('lock.step.aOutlives'),
      code: sourceRegion(source, 'expire'),
      actors: ['clientA', 'admin'],
      run: async (ctx) => {
        const log = ctx.state.naive;
        const inside = await leave(ctx.as('clientA'), NAIVE);
        log.lanes.moment(msg('lock.moment.decr', { actor: who('clientA'), inside }));
        log.lanes.close('clientA', 'solid');
        const expiry = await expireStep(ctx, log, NAIVE);
        return { narrative: msg('lock.outlives', { inside, expiry }), outcome: 'info' };
      },
    },
    {
      title: msg('lock.step.bTakes'),
      code: sourceRegion(source, 'acquire'),
      actors: ['clientB'],
      run: async (ctx) => {
        const { token, inside } = await takeAndEnter(ctx, ctx.state.naive, 'clientB', NAIVE);
        return {
          narrative: token ? msg('lock.taken', { actor: who('clientB'), key: `lock:${NAIVE}`, token: short(token), ttl: ctx.params.lockTtlMs, inside }) : msg('lock.notTaken', { actor: who('clientB'), key: `lock:${NAIVE}` }),
          outcome: token ? 'write' : 'info',
        };
      },
    },
    {
      title: msg('lock.step.aDel'),
      code: sourceRegion(source, 'release-del'),
      actors: ['clientA'],
      run: async (ctx) => {
        const log = ctx.state.naive;
        const owner = await holder(ctx, log, NAIVE);
        const removed = await releaseWithDel(ctx.as('clientA'), NAIVE);
        log.lanes.moment(msg('lock.moment.del', { actor: who('clientA'), removed }));
        const wrong = removed === 1 && owner !== null && owner !== 'clientA';
        if (removed === 1 && owner) log.lanes.close(owner, 'outline');
        if (wrong) {
          log.wrongDeletes++;
          log.lanes.mark('clientA', msg('lock.mark.deletedOthers', { owner: who(owner) }), 'bad');
        }
        return {
          narrative: wrong
            ? msg('lock.del.others', { removed, owner: who(owner), key: `lock:${NAIVE}` })
            : msg('lock.del.own', { removed, key: `lock:${NAIVE}` }),
          outcome: wrong ? 'wrong-release' : 'write',
        };
      },
    },
    {
      title: msg('lock.step.cTakes'),
      code: sourceRegion(source, 'critical'),
      actors: ['clientC'],
      run: async (ctx) => {
        const owner = await holder(ctx, ctx.state.naive, NAIVE);
        const { token, inside } = await takeAndEnter(ctx, ctx.state.naive, 'clientC', NAIVE);
        if (!token) return { narrative: msg('lock.refused', { actor: who('clientC'), key: `lock:${NAIVE}`, owner: owner ? who(owner) : msg('common.nobody') }), outcome: 'safe' };
        return {
          narrative: inside > 1 ? msg('lock.twoInside', { actor: who('clientC'), inside, others: inside - 1 }) : msg('lock.taken', { actor: who('clientC'), key: `lock:${NAIVE}`, token: short(token), ttl: ctx.params.lockTtlMs, inside }),
          outcome: inside > 1 ? 'two-holders' : 'write',
        };
      },
    },
    {
      title: msg('lock.step.safeA', { key: `lock:${SAFE}` }),
      code: sourceRegion(source, 'job'),
      actors: ['clientA', 'admin'],
      run: async (ctx) => {
        const log = ctx.state.safe;
        const { token, inside } = await takeAndEnter(ctx, log, 'clientA', SAFE);
        if (!token) return { narrative: msg('lock.notTaken', { actor: who('clientA'), key: `lock:${SAFE}` }), outcome: 'info' };
        const left = await leave(ctx.as('clientA'), SAFE);
        log.lanes.moment(msg('lock.moment.decr', { actor: who('clientA'), inside: left }));
        log.lanes.close('clientA', 'solid');
        const expiry = await expireStep(ctx, log, SAFE);
        return { narrative: msg('lock.safeA', { token: short(token), inside, left, expiry }), outcome: 'info' };
      },
    },
    {
      title: msg('lock.step.safeB'),
      code: sourceRegion(source, 'acquire'),
      actors: ['clientB'],
      run: async (ctx) => {
        const { token, inside } = await takeAndEnter(ctx, ctx.state.safe, 'clientB', SAFE);
        return {
          narrative: token ? msg('lock.taken', { actor: who('clientB'), key: `lock:${SAFE}`, token: short(token), ttl: ctx.params.lockTtlMs, inside }) : msg('lock.notTaken', { actor: who('clientB'), key: `lock:${SAFE}` }),
          outcome: token ? 'write' : 'info',
        };
      },
    },
    {
      title: msg('lock.step.safeRelease'),
      code: sourceRegion(source, 'release-script'),
      actors: ['clientA'],
      run: async (ctx) => {
        const log = ctx.state.safe;
        const mine = [...log.tokens].find(([, actor]) => actor === 'clientA')?.[0] ?? '';
        const owner = await holder(ctx, log, SAFE);
        const removed = await releaseIfOurs(ctx.as('clientA'), SAFE, mine);
        log.lanes.moment(msg('lock.moment.script', { actor: who('clientA'), removed }));
        if (removed === 1 && owner) log.lanes.close(owner, 'outline');
        if (removed === 0) {
          log.refusedReleases++;
          log.lanes.mark('clientA', msg('lock.mark.releaseRefused'), 'ok');
        } else if (owner && owner !== 'clientA') log.wrongDeletes++;
        return {
          narrative:
            removed === 0
              ? msg('lock.script.refused', { owner: owner ? who(owner) : msg('common.nobody'), mine: short(mine), key: `lock:${SAFE}` })
              : msg('lock.script.deleted', { removed, key: `lock:${SAFE}` }),
          outcome: removed === 0 ? 'safe' : 'write',
        };
      },
    },
    {
      title: msg('lock.step.safeC'),
      code: sourceRegion(source, 'acquire'),
      actors: ['clientC'],
      run: async (ctx) => {
        const log = ctx.state.safe;
        const owner = await holder(ctx, log, SAFE);
        const { token, inside } = await takeAndEnter(ctx, log, 'clientC', SAFE);
        const { value } = await ctx.peekKey(ctx.key(`inside:${SAFE}`));
        if (!token) return { narrative: msg('lock.safeC.refused', { owner: owner ? who(owner) : msg('common.nobody'), inside: Number(value ?? 0) }), outcome: 'safe' };
        return {
          narrative: inside > 1 ? msg('lock.twoInside', { actor: who('clientC'), inside, others: inside - 1 }) : msg('lock.taken', { actor: who('clientC'), key: `lock:${SAFE}`, token: short(token), ttl: ctx.params.lockTtlMs, inside }),
          outcome: inside > 1 ? 'two-holders' : 'safe',
        };
      },
    },
  ],
  inspect: ({ state }) =>
    Promise.resolve([
      state.naive.lanes.panel(msg('lock.panel.naive', { key: `lock:${NAIVE}` }), LEGEND, overlapLabel),
      state.safe.lanes.panel(msg('lock.panel.safe', { key: `lock:${SAFE}` }), LEGEND, overlapLabel),
      {
        kind: 'counters',
        title: msg('lock.panel.counters'),
        columns: [column(msg('lock.panel.del'), state.naive, state.naive.lanes.peak() > 1 ? 'bad' : 'neutral'), column(msg('lock.panel.script'), state.safe, 'ok')],
      },
    ]),
});

/* ------------------------------------------------------------------ */
/* A pause longer than the lock's TTL, and fencing tokens as the fix. */

interface FenceLog {
  lanes: LaneLog;
  held?: HeldActor<unknown>;
  /** Writes the database accepted and refused, with the fence each carried (null: none). */
  accepted: { actor: ActorId; fence: number | null }[];
  refused: { actor: ActorId; fence: number; highest: number }[];
  /** Writes accepted from a client whose lock had expired and been taken by another. */
  staleAccepted: number;
}

interface FenceState {
  naive: FenceLog;
  fenced: FenceLog;
}

const fenceLog = (): FenceLog => ({ lanes: new LaneLog(LANE_ACTORS(['clientA', 'clientB'])), accepted: [], refused: [], staleAccepted: 0 });

/** The moment an acquisition happened, from the step's own SET (or script) reply. */
function acquired(log: FenceLog, actor: ActorId, fence: number | null, ok: boolean) {
  log.lanes.moment(fence === null ? msg('lock.moment.set', { actor: who(actor), reply: ok ? 'OK' : 'nil' }) : msg('fence.moment.acquire', { actor: who(actor), fence }));
  if (!ok) return log.lanes.mark(actor, msg('lock.mark.refused'), 'warn');
  log.lanes.open(actor, 'outline', fence === null ? msg('fence.span.lock') : msg('fence.span.fence', { fence }));
  log.lanes.open(actor, 'solid', msg('fence.span.believes'));
}

function wrote(log: FenceLog, actor: ActorId, accepted: boolean, fence: number | null, highest: number) {
  log.lanes.moment(accepted ? msg('fence.moment.accepted', { actor: who(actor) }) : msg('fence.moment.refused', { actor: who(actor), fence: fence ?? 0, highest }));
  if (accepted) {
    // Stale: another client took the lock after this one and already wrote.
    const stale = log.accepted.some((w) => w.actor !== actor) && log.lanes.isOpen(actor, 'solid') && !log.lanes.isOpen(actor, 'outline');
    if (stale) log.staleAccepted++;
    log.accepted.push({ actor, fence });
    log.lanes.mark(actor, fence === null ? msg('fence.mark.accepted') : msg('fence.mark.acceptedFence', { fence }), stale ? 'bad' : 'ok');
  } else {
    log.refused.push({ actor, fence: fence ?? 0, highest });
    log.lanes.mark(actor, msg('fence.mark.refused', { fence: fence ?? 0, highest }), 'ok');
  }
}

function released(log: FenceLog, actor: ActorId, removed: number | undefined) {
  if (removed === 1) log.lanes.close(actor, 'outline');
  log.lanes.close(actor, 'solid');
}

const rowName = (row: UserRow | null) => String(row?.name);
const FENCE_LEGEND = { solid: msg('fence.legend.believes'), outline: msg('fence.legend.holds') };
const fenceOverlap = (count: number) => msg('fence.overlap', { count });

export const distributedLockFencing = definePattern<FenceState>({
  id: 'distributed-lock-fencing',
  title: msg('fence.title'),
  group: 'Locks',
  summary: msg('fence.summary'),
  params: [LOCK_TTL_PARAM, dbLatencyParam(20)],
  actors: ['clientA', 'clientB', 'admin', 'database'],
  panels: ['db', 'keys'],
  createState: () => ({ naive: fenceLog(), fenced: fenceLog() }),
  dispose: async (state) => {
    await state.naive.held?.break(new Error('reset'));
    await state.fenced.held?.break(new Error('reset'));
  },
  steps: [
    {
      title: (p) => msg('fence.step.aPauses', { ttl: p.lockTtlMs }),
      code: sourceRegion(source, 'write-under-lock'),
      actors: ['clientA'],
      run: async (ctx) => {
        const log = ctx.state.naive;
        log.held = await holdAtGate((gate) => writeUnderLock(ctx.as('clientA'), 1, 'Written by A', gate));
        const ok = stringReply(lastReply(ctx.trace(), 'SET', 'clientA')) === 'OK';
        acquired(log, 'clientA', null, ok);
        return { narrative: ok ? msg('fence.aPauses', { ttl: ctx.params.lockTtlMs }) : msg('lock.notTaken', { actor: who('clientA'), key: 'lock:user:1' }), outcome: ok ? 'write' : 'info' };
      },
    },
    {
      title: msg('fence.step.expires'),
      code: sourceRegion(source, 'expire'),
      actors: ['admin'],
      run: async (ctx) => {
        const { expired, pttl, waitedMs } = await expireLock(ctx.as('admin'), 'user:1');
        ctx.state.naive.lanes.moment(msg('lock.moment.expire', { pttl }));
        if (pttl === -2) ctx.state.naive.lanes.close('clientA', 'outline');
        ctx.state.naive.lanes.mark('clientA', msg('fence.mark.paused'), 'warn');
        return { narrative: msg('fence.expired', { expiry: msg('lock.expired', { expired, pttl, ms: Math.round(waitedMs), key: 'lock:user:1', owner: who('clientA') }) }), outcome: 'info' };
      },
    },
    {
      title: msg('fence.step.bWrites'),
      code: sourceRegion(source, 'write-under-lock'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        const log = ctx.state.naive;
        const { token, row, released: removed } = await writeUnderLock(ctx.as('clientB'), 1, 'Written by B');
        acquired(log, 'clientB', null, !!token);
        if (!token) return { narrative: msg('lock.notTaken', { actor: who('clientB'), key: 'lock:user:1' }), outcome: 'info' };
        wrote(log, 'clientB', !!row, null, 0);
        log.lanes.moment(msg('lock.moment.script', { actor: who('clientB'), removed: removed ?? 0 }));
        released(log, 'clientB', removed);
        return { narrative: msg('fence.bWrote', { name: rowName(row), version: row?.version ?? 0, removed: removed ?? 0 }), outcome: 'write' };
      },
    },
    {
      title: msg('fence.step.aResumes'),
      code: sourceRegion(source, 'write-under-lock'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        const log = ctx.state.naive;
        const result = (await log.held?.resume()) as { row: UserRow | null; released?: number } | undefined;
        log.held = undefined;
        wrote(log, 'clientA', !!result?.row, null, 0);
        log.lanes.moment(msg('lock.moment.script', { actor: who('clientA'), removed: result?.released ?? 0 }));
        released(log, 'clientA', result?.released);
        const now = ctx.peekUser(1);
        const stale = log.staleAccepted > 0;
        return {
          narrative: stale ? msg('fence.aOverwrote', { name: rowName(now), released: result?.released ?? 0 }) : msg('fence.aWrote', { name: rowName(now) }),
          outcome: stale ? 'stale-write' : 'write',
        };
      },
    },
    {
      title: msg('fence.step.fencedA'),
      code: sourceRegion(source, 'fenced'),
      actors: ['clientA'],
      run: async (ctx) => {
        const log = ctx.state.fenced;
        log.held = await holdAtGate((gate) => writeFenced(ctx.as('clientA'), 2, 'Written by A', gate));
        const fence = integerReply(scriptReply(ctx.trace(), 'clientA'));
        acquired(log, 'clientA', fence ?? null, fence !== undefined);
        return { narrative: fence !== undefined ? msg('fence.fencedA', { fence }) : msg('lock.notTaken', { actor: who('clientA'), key: 'lock:user:2' }), outcome: fence !== undefined ? 'write' : 'info' };
      },
    },
    {
      title: msg('fence.step.fencedExpires'),
      code: sourceRegion(source, 'expire'),
      actors: ['admin'],
      run: async (ctx) => {
        const { expired, pttl, waitedMs } = await expireLock(ctx.as('admin'), 'user:2');
        ctx.state.fenced.lanes.moment(msg('lock.moment.expire', { pttl }));
        if (pttl === -2) ctx.state.fenced.lanes.close('clientA', 'outline');
        ctx.state.fenced.lanes.mark('clientA', msg('fence.mark.paused'), 'warn');
        return { narrative: msg('fence.expired', { expiry: msg('lock.expired', { expired, pttl, ms: Math.round(waitedMs), key: 'lock:user:2', owner: who('clientA') }) }), outcome: 'info' };
      },
    },
    {
      title: msg('fence.step.fencedB'),
      code: sourceRegion(source, 'fenced'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        const log = ctx.state.fenced;
        const result = await writeFenced(ctx.as('clientB'), 2, 'Written by B');
        acquired(log, 'clientB', result.fence, result.fence !== null);
        if (result.fence === null) return { narrative: msg('lock.notTaken', { actor: who('clientB'), key: 'lock:user:2' }), outcome: 'info' };
        wrote(log, 'clientB', result.accepted, result.fence, result.highest);
        log.lanes.moment(msg('lock.moment.script', { actor: who('clientB'), removed: result.released ?? 0 }));
        released(log, 'clientB', result.released);
        return { narrative: msg('fence.fencedB', { fence: result.fence, accepted: result.accepted ? 'yes' : 'no', name: rowName(result.row) }), outcome: 'write' };
      },
    },
    {
      title: msg('fence.step.fencedResume'),
      code: sourceRegion(source, 'fenced'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        const log = ctx.state.fenced;
        const result = (await log.held?.resume()) as Awaited<ReturnType<typeof writeFenced>> | undefined;
        log.held = undefined;
        if (!result || result.fence === null) return { narrative: msg('lock.notTaken', { actor: who('clientA'), key: 'lock:user:2' }), outcome: 'info' };
        wrote(log, 'clientA', result.accepted, result.fence, result.highest);
        log.lanes.moment(msg('lock.moment.script', { actor: who('clientA'), removed: result.released ?? 0 }));
        released(log, 'clientA', result.released);
        const now = ctx.peekUser(2);
        return {
          narrative: result.accepted
            ? msg('fence.fencedAccepted', { fence: result.fence, name: rowName(now) })
            : msg('fence.fencedRefused', { fence: result.fence, highest: result.highest, name: rowName(now) }),
          outcome: result.accepted && log.staleAccepted > 0 ? 'stale-write' : 'safe',
        };
      },
    },
  ],
  inspect: ({ state }) =>
    Promise.resolve([
      state.naive.lanes.panel(msg('fence.panel.naive'), FENCE_LEGEND, fenceOverlap),
      state.fenced.lanes.panel(msg('fence.panel.fenced'), FENCE_LEGEND, fenceOverlap),
      {
        kind: 'counters',
        title: msg('fence.panel.counters'),
        columns: [
          {
            title: msg('fence.panel.noFence'),
            tone: state.naive.staleAccepted > 0 ? 'bad' : 'neutral',
            items: [
              { label: msg('fence.counter.accepted'), value: state.naive.accepted.length },
              { label: msg('fence.counter.stale'), value: state.naive.staleAccepted, tone: state.naive.staleAccepted > 0 ? 'bad' : 'ok' },
              { label: msg('fence.counter.refused'), value: state.naive.refused.length },
            ],
          },
          {
            title: msg('fence.panel.withFence'),
            tone: 'ok',
            items: [
              { label: msg('fence.counter.accepted'), value: state.fenced.accepted.length },
              { label: msg('fence.counter.stale'), value: state.fenced.staleAccepted, tone: state.fenced.staleAccepted > 0 ? 'bad' : 'ok' },
              { label: msg('fence.counter.refused'), value: state.fenced.refused.length, tone: state.fenced.refused.length > 0 ? 'ok' : undefined },
            ],
          },
        ],
      },
    ]),
});
