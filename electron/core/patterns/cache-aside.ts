import source from './cache-aside.ts?raw';
import type { UserRow } from '../../../shared/model';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';

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

/** Runs one cache-aside read as the client and says what happened, with the measured time. */
async function readStep(ctx: StepContext) {
  const { userId, ttlSeconds } = ctx.params;
  const started = performance.now();
  const { user, hit } = await getUser(ctx.as('client'), userId);
  const ms = formatMs(performance.now() - started);
  if (!user) return { narrative: `User ${userId} is not in the database; nothing was cached (${ms}).`, outcome: 'miss' as const };
  if (!hit) {
    return { narrative: `Cache MISS for user ${userId}: read the database and cached it for ${ttlSeconds} s (${ms}).`, outcome: 'miss' as const };
  }
  const row = ctx.peekUser(userId);
  if (row && !sameUser(row, user)) {
    return {
      narrative: `Cache HIT in ${ms}, but stale: Redis serves "${user.name}" while the database says "${row.name}". Cache-aside alone cannot notice.`,
      outcome: 'stale' as const,
    };
  }
  return { narrative: `Cache HIT for user ${userId}: served from Redis in ${ms}, the database was not touched.`, outcome: 'hit' as const };
}

function sameUser(a: UserRow, b: UserRow): boolean {
  return a.id === b.id && a.name === b.name && a.email === b.email && a.updatedAt === b.updatedAt;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

export const cacheAside = definePattern({
  id: 'cache-aside',
  title: 'Cache-aside',
  group: 'Caching',
  summary: 'Read the cache first; on a miss read the slow database and cache the row with a TTL.',
  params: [
    { name: 'userId', label: 'User id', min: 1, max: 5, default: 1 },
    { name: 'ttlSeconds', label: 'TTL', min: 1, max: 86_400, default: 3600, unit: 's' },
    { name: 'dbLatencyMs', label: 'Database latency', min: 0, max: 5000, default: 100, unit: 'ms' },
  ],
  actors: ['client', 'database', 'admin'],
  panels: ['keys', 'db'],
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
        return {
          narrative: row
            ? `The row now says "${row.name}", but the cached copy still has the old name until its TTL runs out.`
            : `User ${ctx.params.userId} does not exist in the database.`,
          outcome: 'write',
        };
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
