import source from './cache-aside-stampede.ts?raw';
import { randomUUID } from 'node:crypto';
import type { CountersPanel, UserRow } from '../../../shared/model';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';

// #region read
/** Plain cache-aside: every reader that misses goes to the database. */
async function getUser({ redis, db, key, params }: ActorContext, userId: number) {
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
  await redis.call('PEXPIRE', key(`user:${userId}`), 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
// #endregion

// #region locked-read
/** Releases the lock only if it is still ours: it may have expired and been taken by another rebuilder. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One rebuilder: the reader that wins SET NX PX reads the database and
 * refills; the others wait a little and read the cache again.
 */
async function getUserWithLock({ redis, db, key, params }: ActorContext, userId: number) {
  const cacheKey = key(`user:${userId}`);
  const lockKey = key(`lock:user:${userId}`);
  for (let attempt = 0; attempt < 100; attempt++) {
    const cached = await redis.get(cacheKey);
    if (cached) return JSON.parse(cached) as UserRow;
    const token = randomUUID();
    if ((await redis.set(lockKey, token, 'NX', 'PX', 2000)) === 'OK') {
      try {
        const user = await db.fetchUser(userId);
        if (user) await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user));
        return user;
      } finally {
        await runScript(redis, RELEASE, [lockKey], [token]);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 25)); // someone else is rebuilding
  }
  return db.fetchUser(userId); // the rebuilder is stuck: fall back rather than fail
}
// #endregion

interface Run {
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
    dbReads: reads.length,
    dbMs: reads.reduce((total, t) => total + (t.kind === 'db' ? t.durationMs : 0), 0),
    wallMs: performance.now() - started,
    commands: entries.filter((t) => t.kind === 'redis').length,
  };
}

function column(title: string, run: Run | undefined, tone: 'bad' | 'ok'): CountersPanel['columns'][number] {
  const f = (v: number | undefined, unit = '') => (v === undefined ? '—' : `${Math.round(v)}${unit}`);
  return {
    title,
    tone: run ? tone : 'neutral',
    items: [
      { label: 'database reads', value: f(run?.dbReads), tone: run ? tone : 'neutral' },
      { label: 'database time, summed', value: f(run?.dbMs, ' ms') },
      { label: 'until every reader had it', value: f(run?.wallMs, ' ms') },
      { label: 'Redis commands', value: f(run?.commands) },
    ],
  };
}

export const cacheAsideStampede = definePattern<StampedeState>({
  id: 'cache-aside-stampede',
  title: 'Cache-aside: the stampede',
  group: 'Caching',
  summary: 'A hot key expires under load and every reader hits the database at once; a short lock lets one rebuild.',
  params: [
    { name: 'readers', label: 'Concurrent readers', min: 2, max: 100, default: 20 },
    TTL_PARAM,
    dbLatencyParam(),
  ],
  actors: ['client', 'database'],
  panels: ['keys'],
  createState: () => ({}),
  steps: [
    {
      title: 'Warm the hot key',
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        await getUser(ctx.as('client'), 1);
        return { narrative: 'user:1 is cached; every reader is served from Redis.', outcome: 'miss' };
      },
    },
    {
      title: 'The hot key expires',
      code: sourceRegion(source, 'expire'),
      actors: ['client'],
      run: async (ctx) => {
        await expireNow(ctx.as('client'), 1);
        return { narrative: 'user:1 is gone.', outcome: 'info' };
      },
    },
    {
      title: (p) => `${p.readers} readers ask at once`,
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const run = await crowd(ctx, (r) => getUser(r, 1));
        ctx.state.naive = run;
        return {
          narrative: `All ${ctx.params.readers} missed and all went to the database: ${run.dbReads} identical reads, ${Math.round(run.dbMs)} ms of database time for one row.`,
          outcome: 'lost',
        };
      },
    },
    {
      title: 'The hot key expires again',
      code: sourceRegion(source, 'expire'),
      actors: ['client'],
      run: async (ctx) => {
        await expireNow(ctx.as('client'), 1);
        return { narrative: 'user:1 is gone again; now the readers use a lock.', outcome: 'info' };
      },
    },
    {
      title: (p) => `${p.readers} readers ask at once, with a lock`,
      code: sourceRegion(source, 'locked-read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const run = await crowd(ctx, (r) => getUserWithLock(r, 1));
        ctx.state.locked = run;
        return {
          narrative: `One reader won SET NX PX and read the database (${run.dbReads} read); the other ${ctx.params.readers - 1} waited and read the rebuilt value from Redis.`,
          outcome: 'safe',
        };
      },
    },
  ],
  inspect: async ({ state }) => [
    { kind: 'counters', title: 'One expiry, two ways', columns: [column('no protection', state.naive, 'bad'), column('SET NX PX lock', state.locked, 'ok')] },
  ],
});
