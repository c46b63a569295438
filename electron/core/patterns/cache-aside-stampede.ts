import source from './cache-aside-stampede.ts?raw';
import { randomUUID } from 'node:crypto';
import type { CountersPanel, StepOutcome, TraceEntry, UserRow } from '../../../shared/model';
import { outcomeTone } from '../../../shared/outcomes';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';
import { commandsNamed, lastReply } from './replies';

// #region read
/** Plain cache-aside: every reader that misses goes to the database. */
export async function getUser({ redis, db, key, params }: ActorContext, userId: number) {
  const cacheKey = key(`user:${userId}`);
  const cached = await redis.get(cacheKey);
  if (cached) return JSON.parse(cached) as UserRow;
  const user = await db.fetchUser(userId);
  if (user) await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user));
  return user;
}
// #endregion

// #region expire
/** The hot key's TTL runs out (shortened here so it happens now). */
async function expireNow({ redis, key }: ActorContext, userId: number) {
  const set = await redis.call('PEXPIRE', key(`user:${userId}`), 1); // 1: the key existed and now expires in 1 ms
  await new Promise((resolve) => setTimeout(resolve, 5)); // Redis's clock, not ours: a real wait, never a virtual sleep
  return set === 1;
}
// #endregion

// #region locked-read
/** Releases the lock only if it is still ours: it may have expired and been taken by another rebuilder. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One rebuilder: the reader that wins SET NX PX looks at the cache once
 * more, then reads the database and refills; the others wait a little and
 * read the cache again.
 */
export async function getUserWithLock({ redis, db, key, params, sleep }: ActorContext, userId: number) {
  const cacheKey = key(`user:${userId}`);
  const lockKey = key(`lock:user:${userId}`);
  for (let attempt = 0; attempt < 100; attempt++) {
    const cached = await redis.get(cacheKey);
    if (cached) return JSON.parse(cached) as UserRow;
    const token = randomUUID();
    if ((await redis.set(lockKey, token, 'NX', 'PX', 2000)) === 'OK') {
      try {
        // Look again once the lock is ours: a rebuilder may have refilled and released it since our GET.
        // Without this second look a late reader rebuilds again (the explorer found that order).
        const refilled = await redis.get(cacheKey);
        if (refilled) return JSON.parse(refilled) as UserRow;
        const user = await db.fetchUser(userId);
        if (user) await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user));
        return user;
      } finally {
        await runScript(redis, RELEASE, [lockKey], [token]);
      }
    }
    await sleep(25); // someone else is rebuilding
  }
  return db.fetchUser(userId); // the rebuilder is stuck: fall back rather than fail
}
// #endregion

interface Run {
  /** Readers whose first GET replied nil. */
  misses: number;
  /** SET NX replies of OK: readers that became the rebuilder (the lock variant only). */
  lockWins: number;
  dbReads: number;
  dbMs: number;
  wallMs: number;
  commands: number;
}

interface StampedeState {
  naive?: Run;
  locked?: Run;
}

async function crowd(ctx: StepContext<StampedeState>, read: (reader: ActorContext) => Promise<unknown>) {
  const readers = Array.from({ length: ctx.params.readers }, (_, lane) => ctx.as('client', lane));
  // Every reader is connected before the crowd asks, as in a running service.
  await Promise.all(readers.map((r) => r.ready()));
  const before = ctx.trace().length;
  const started = performance.now();
  await Promise.all(readers.map(read));
  const entries = ctx.trace().slice(before);
  const reads = entries.filter((t) => t.kind === 'db');
  return {
    misses: firstGetMisses(entries),
    lockWins: commandsNamed(entries, 'SET').filter((t) => t.reply === '"OK"').length,
    dbReads: reads.length,
    dbMs: reads.reduce((total, t) => total + (t.kind === 'db' ? t.durationMs : 0), 0),
    wallMs: performance.now() - started,
    commands: entries.filter((t) => t.kind === 'redis').length,
  };
}

/** Each reader's first GET: how many of them found the key gone. A lane's later GETs (waiting on the lock) are not misses of the expiry. */
function firstGetMisses(entries: readonly TraceEntry[]): number {
  const firstByLane = new Map<number | undefined, string>();
  for (const t of commandsNamed(entries, 'GET')) if (!firstByLane.has(t.lane)) firstByLane.set(t.lane, t.reply);
  return [...firstByLane.values()].filter((reply) => reply === '(nil)').length;
}

/** One row, read more than once, is the stampede's cost; one read is what a cache miss needs. */
const readsOutcome = (run: Run): StepOutcome => (run.dbReads > 1 ? 'extra-db-reads' : run.misses > 0 ? 'miss' : 'hit');

function crowdNarrative(readers: number, run: Run): Message {
  if (run.misses === 0) return msg('stampede.crowd.allHit', { readers });
  return msg('stampede.crowd.missed', { misses: run.misses, readers, dbReads: run.dbReads, dbMs: Math.round(run.dbMs) });
}

function lockedCrowdNarrative(readers: number, run: Run): Message {
  return msg('stampede.locked', { misses: run.misses, readers, lockWins: run.lockWins, dbReads: run.dbReads, others: readers - run.lockWins });
}

const expiredNarrative = (expired: boolean, again: boolean) => !expired ? msg('stampede.notExpired') : again ? msg('stampede.expiredAgain') : msg('stampede.expired');

async function warmNarrative(ctx: StepContext<StampedeState>): Promise<Message> {
  const { value, ttl } = await ctx.peekKey(ctx.key('user:1'));
  return value ? msg('stampede.warm.cached', { ttl }) : msg('stampede.warm.absent');
}

function column(title: Message, run: Run | undefined): CountersPanel['columns'][number] {
  const f = (v: number | undefined) => (v === undefined ? null : Math.round(v));
  const ms = (v: number | undefined) => (v === undefined ? null : msg('common.ms', { ms: Math.round(v) }));
  // Coloured as the step's outcome tag is: extra database reads are bad, one read is a plain miss.
  const tone = run ? outcomeTone(readsOutcome(run)) : 'neutral';
  return {
    title,
    tone,
    items: [
      { label: msg('stampede.panel.dbReads'), value: f(run?.dbReads), tone },
      { label: msg('stampede.panel.dbTime'), value: ms(run?.dbMs) },
      { label: msg('stampede.panel.wall'), value: ms(run?.wallMs) },
      { label: msg('stampede.panel.commands'), value: f(run?.commands) },
    ],
  };
}

export const cacheAsideStampede = definePattern<StampedeState>({
  id: 'cache-aside-stampede',
  title: msg('stampede.title'),
  group: 'Caching',
  summary: msg('stampede.summary'),
  params: [
    { name: 'readers', label: msg('stampede.param.readers'), min: 2, max: 100, default: 20 },
    TTL_PARAM,
    dbLatencyParam(),
  ],
  actors: ['client', 'database'],
  panels: ['keys'],
  createState: () => ({}),
  steps: [
    {
      title: msg('stampede.step.warm'),
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        await getUser(ctx.as('client'), 1);
        const hit = lastReply(ctx.trace(), 'GET') !== '(nil)';
        return { narrative: await warmNarrative(ctx), outcome: hit ? 'hit' : 'miss' };
      },
    },
    {
      title: msg('stampede.step.expire'),
      code: sourceRegion(source, 'expire'),
      actors: ['client'],
      run: async (ctx) => {
        return { narrative: expiredNarrative(await expireNow(ctx.as('client'), 1), false), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('stampede.step.crowd', { readers: p.readers }),
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const run = await crowd(ctx, (r) => getUser(r, 1));
        ctx.state.naive = run;
        return { narrative: crowdNarrative(ctx.params.readers, run), outcome: readsOutcome(run) };
      },
    },
    {
      title: msg('stampede.step.expireAgain'),
      code: sourceRegion(source, 'expire'),
      actors: ['client'],
      run: async (ctx) => {
        return { narrative: expiredNarrative(await expireNow(ctx.as('client'), 1), true), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('stampede.step.lockedCrowd', { readers: p.readers }),
      code: sourceRegion(source, 'locked-read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const run = await crowd(ctx, (r) => getUserWithLock(r, 1));
        ctx.state.locked = run;
        return { narrative: lockedCrowdNarrative(ctx.params.readers, run), outcome: run.dbReads > 1 ? 'extra-db-reads' : 'safe' };
      },
    },
  ],
  inspect: async ({ state }) => [
    { kind: 'counters', title: msg('stampede.panel.title'), columns: [column(msg('stampede.panel.naive'), state.naive), column(msg('stampede.panel.locked'), state.locked)] },
  ],
});
