import source from './cache-aside.ts?raw';
import type { CountersPanel, UserRow } from '../../../shared/model';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { TTL_PARAM, dbLatencyParam } from './common-params';

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

const missNarrative = (userId: number, ttlSeconds: number, ms: string) => `Cache MISS for user ${userId}: read the database and cached it for ${ttlSeconds} s (${ms}).`;
const expiredMissNarrative = (userId: number, ttlSeconds: number, ms: string, agoSeconds: number) =>
  `Cache MISS for user ${userId}: the copy cached ${agoSeconds} s ago had expired (TTL ${ttlSeconds} s). Read the database again and cached it for ${ttlSeconds} s (${ms}).`;
const absentNarrative = (userId: number, ms: string) => `User ${userId} is not in the database; nothing was cached (${ms}).`;
const staleHitNarrative = (ms: string, cachedName: string, dbName: string) =>
  `Cache HIT in ${ms}, but stale: Redis serves "${cachedName}" while the database says "${dbName}". Cache-aside alone cannot notice.`;
const hitNarrative = (userId: number, ms: string) => `Cache HIT for user ${userId}: served from Redis in ${ms}, the database was not touched.`;

/** Runs one cache-aside read as the client and says what happened, with the measured time. */
async function readStep(ctx: StepContext<ReadTimes>) {
  const { userId, ttlSeconds } = ctx.params;
  const started = performance.now();
  const { user, hit } = await getUser(ctx.as('client'), userId);
  const elapsed = performance.now() - started;
  const ms = formatMs(elapsed);
  if (user) ctx.state[hit ? 'hitMs' : 'missMs'] = elapsed;
  if (!user) return { narrative: absentNarrative(userId, ms), outcome: 'miss' as const };
  if (!hit) {
    const cachedBefore = ctx.state.cachedAt;
    ctx.state.cachedAt = Date.now();
    const narrative = cachedBefore === undefined ? missNarrative(userId, ttlSeconds, ms) : expiredMissNarrative(userId, ttlSeconds, ms, Math.round((Date.now() - cachedBefore) / 1000));
    return { narrative, outcome: 'miss' as const };
  }
  const row = ctx.peekUser(userId);
  if (row && !sameUser(row, user)) return { narrative: staleHitNarrative(ms, user.name, row.name), outcome: 'stale' as const };
  return { narrative: hitNarrative(userId, ms), outcome: 'hit' as const };
}

/** After the database-only update: what the cache holds now, read from Redis rather than assumed. */
async function updateNarrative(ctx: StepContext<ReadTimes>, row: UserRow | null): Promise<string> {
  const { userId } = ctx.params;
  if (!row) return `User ${userId} does not exist in the database.`;
  const { value, ttl } = await ctx.peekKey(ctx.key(`user:${userId}`));
  if (!value) return `The row now says "${row.name}". Nothing is cached for user ${userId}, so the next read will get the new name.`;
  const cachedName = (JSON.parse(value) as UserRow).name;
  return `The row now says "${row.name}", but the cached copy still says "${cachedName}" for ${ttl} more second${ttl === 1 ? '' : 's'} (its TTL); nothing told the cache.`;
}

function sameUser(a: UserRow, b: UserRow): boolean {
  return a.id === b.id && a.name === b.name && a.email === b.email && a.updatedAt === b.updatedAt;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

export const cacheAside = definePattern<ReadTimes>({
  id: 'cache-aside',
  title: 'Cache-aside',
  group: 'Caching',
  summary: 'Read the cache first; on a miss read the slow database and cache the row with a TTL.',
  params: [
    { name: 'userId', label: 'User id', min: 1, max: 5, default: 1 },
    TTL_PARAM,
    dbLatencyParam(),
  ],
  actors: ['client', 'database', 'admin'],
  panels: ['keys', 'db'],
  createState: () => ({}),
  inspect: async ({ state }): Promise<CountersPanel[]> => {
    const { missMs, hitMs } = state;
    const speedup = missMs !== undefined && hitMs ? `${Math.round(missMs / hitMs)}× faster` : '—';
    return [
      {
        kind: 'counters',
        title: 'Measured reads',
        columns: [
          {
            title: 'cache MISS → database',
            tone: missMs === undefined ? 'neutral' : 'warn',
            items: [{ label: 'last read', value: missMs === undefined ? '—' : formatMs(missMs) }],
          },
          {
            title: 'cache HIT',
            tone: hitMs === undefined ? 'neutral' : 'ok',
            items: [
              { label: 'last read', value: hitMs === undefined ? '—' : formatMs(hitMs) },
              { label: 'versus the miss', value: speedup, tone: hitMs === undefined ? 'neutral' : 'ok' },
            ],
          },
        ],
      },
    ];
  },
  steps: [
    {
      title: (p) => `First read of user ${p.userId}`,
      code: getUserCode,
      actors: ['client', 'database'],
      run: readStep,
    },
    {
      title: (p) => `Read user ${p.userId} again`,
      code: getUserCode,
      actors: ['client'],
      run: readStep,
    },
    {
      title: (p) => `Update user ${p.userId} in the database only`,
      code: sourceRegion(source, 'update-row'),
      actors: ['admin', 'database'],
      run: async (ctx) => {
        const row = await renameInDatabase(ctx.as('admin'), ctx.params.userId);
        return { narrative: await updateNarrative(ctx, row), outcome: 'write' };
      },
    },
    {
      title: (p) => `Read user ${p.userId} once more`,
      code: getUserCode,
      actors: ['client'],
      run: readStep,
    },
  ],
});
