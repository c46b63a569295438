import source from './cache-aside.ts?raw';
import type { CountersPanel, UserRow } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { TTL_PARAM, dbLatencyParam } from './common-params';
import { duration } from './phrases';

// #region get-user
/** Cache-aside read, as in the article: the cache first, the database only on a miss. */
async function getUser({ redis, db, key, params }: ActorContext, userId: number) {
  const cacheKey = key(`user:${userId}`);
  const cached = await redis.get(cacheKey);
  if (cached) return { user: JSON.parse(cached) as UserRow, hit: true };

  const user = await db.fetchUser(userId); // the slow query
  if (user) await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user));
  return { user, hit: false };
}
// #endregion

// #region update-row
/** Someone updates the row directly; nothing tells the cache. */
async function renameInDatabase({ db }: ActorContext, userId: number) {
  return db.updateUser(userId, { name: `User ${userId} (renamed)` });
}
// #endregion

const getUserCode = sourceRegion(source, 'get-user');

/** The last measured read of each kind, for the side-by-side panel, and when this run last cached the row. */
interface ReadTimes {
  missMs?: number;
  hitMs?: number;
  /** When a read of this run cached the row (epoch ms): a later miss means the copy expired meanwhile. */
  cachedAt?: number;
}

const missNarrative = (userId: number, ttl: number, time: Message) => msg('cacheAside.miss', { userId, ttl, time });
const expiredMissNarrative = (userId: number, ttl: number, time: Message, ago: number) => msg('cacheAside.expiredMiss', { userId, ttl, time, ago });
const goneMissNarrative = (userId: number, ttl: number, time: Message, ago: number) => msg('cacheAside.goneMiss', { userId, ttl, time, ago });
const absentNarrative = (userId: number, time: Message) => msg('cacheAside.absent', { userId, time });
const staleHitNarrative = (time: Message, cachedName: string, dbName: string) => msg('cacheAside.staleHit', { time, cachedName, dbName });
const hitNarrative = (userId: number, time: Message) => msg('cacheAside.hit', { userId, time });

/** Runs one cache-aside read as the client and says what happened, with the measured time. */
async function readStep(ctx: StepContext<ReadTimes>) {
  const { userId, ttlSeconds } = ctx.params;
  // Taken before the read: the SETEX comes after it, so an age measured from here is never shorter than the copy's own.
  const startedAt = Date.now();
  const started = performance.now();
  const { user, hit } = await getUser(ctx.as('client'), userId);
  const elapsed = performance.now() - started;
  const ms = duration(elapsed);
  if (user) ctx.state[hit ? 'hitMs' : 'missMs'] = elapsed;
  if (!user) return { narrative: absentNarrative(userId, ms), outcome: 'miss' as const };
  if (!hit) {
    const cachedBefore = ctx.state.cachedAt;
    ctx.state.cachedAt = startedAt;
    // A miss after this run cached the row is an expiry only once the TTL has run out; before that the copy was deleted,
    // evicted or lost with a restart of Redis, and the narrative says so instead of claiming an expiry it did not see.
    const agoMs = cachedBefore === undefined ? undefined : Date.now() - cachedBefore;
    const narrative =
      agoMs === undefined ? missNarrative(userId, ttlSeconds, ms) : (agoMs >= ttlSeconds * 1000 ? expiredMissNarrative : goneMissNarrative)(userId, ttlSeconds, ms, Math.round(agoMs / 1000));
    return { narrative, outcome: 'miss' as const };
  }
  const row = ctx.peekUser(userId);
  if (row && !sameUser(row, user)) return { narrative: staleHitNarrative(ms, user.name, row.name), outcome: 'stale' as const };
  return { narrative: hitNarrative(userId, ms), outcome: 'hit' as const };
}

/** After the database-only update: what the cache holds now, read from Redis rather than assumed. */
async function updateNarrative(ctx: StepContext<ReadTimes>, row: UserRow | null): Promise<Message> {
  const { userId } = ctx.params;
  if (!row) return msg('cacheAside.update.noRow', { userId });
  const { value, ttl } = await ctx.peekKey(ctx.key(`user:${userId}`));
  if (!value) return msg('cacheAside.update.notCached', { name: row.name, userId });
  const cachedName = (JSON.parse(value) as UserRow).name;
  return msg('cacheAside.update.stale', { name: row.name, cachedName, ttl });
}

function sameUser(a: UserRow, b: UserRow): boolean {
  return a.id === b.id && a.name === b.name && a.email === b.email && a.updatedAt === b.updatedAt;
}

export const cacheAside = definePattern<ReadTimes>({
  id: 'cache-aside',
  title: msg('cacheAside.title'),
  group: 'Caching',
  summary: msg('cacheAside.summary'),
  params: [
    { name: 'userId', label: msg('param.userId'), min: 1, max: 5, default: 1 },
    TTL_PARAM,
    dbLatencyParam(),
  ],
  actors: ['client', 'database', 'admin'],
  panels: ['keys', 'db'],
  createState: () => ({}),
  inspect: async ({ state }): Promise<CountersPanel[]> => {
    const { missMs, hitMs } = state;
    const speedup = missMs !== undefined && hitMs ? msg('cacheAside.panel.faster', { times: Math.round(missMs / hitMs) }) : null;
    return [
      {
        kind: 'counters',
        title: msg('cacheAside.panel.title'),
        columns: [
          {
            title: msg('cacheAside.panel.miss'),
            tone: missMs === undefined ? 'neutral' : 'warn',
            items: [{ label: msg('cacheAside.panel.lastRead'), value: missMs === undefined ? null : duration(missMs) }],
          },
          {
            title: msg('cacheAside.panel.hit'),
            tone: hitMs === undefined ? 'neutral' : 'ok',
            items: [
              { label: msg('cacheAside.panel.lastRead'), value: hitMs === undefined ? null : duration(hitMs) },
              { label: msg('cacheAside.panel.versus'), value: speedup, tone: hitMs === undefined ? 'neutral' : 'ok' },
            ],
          },
        ],
      },
    ];
  },
  steps: [
    {
      title: (p) => msg('cacheAside.step.first', { userId: p.userId }),
      code: getUserCode,
      actors: ['client', 'database'],
      run: readStep,
    },
    {
      title: (p) => msg('cacheAside.step.again', { userId: p.userId }),
      code: getUserCode,
      actors: ['client'],
      run: readStep,
    },
    {
      title: (p) => msg('cacheAside.step.update', { userId: p.userId }),
      code: sourceRegion(source, 'update-row'),
      actors: ['admin', 'database'],
      run: async (ctx) => {
        const row = await renameInDatabase(ctx.as('admin'), ctx.params.userId);
        return { narrative: await updateNarrative(ctx, row), outcome: 'write' };
      },
    },
    {
      title: (p) => msg('cacheAside.step.onceMore', { userId: p.userId }),
      code: getUserCode,
      actors: ['client'],
      run: readStep,
    },
  ],
});
