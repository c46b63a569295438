import source from './write-through.ts?raw';
import type { UserRow } from '../../../shared/model';
import { holdAtGate, type HeldActor } from '../engine/gate';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';

// #region update
/** As in the article: write the database, then put the new row in the cache. */
async function updateUser({ redis, db, key, params }: ActorContext, userId: number, name: string, slowWriter = async () => {}) {
  const row = await db.updateUser(userId, { name });
  await slowWriter(); // a writer can stall here: GC pause, network, a retry
  if (row) await redis.setex(key(`user:${userId}`), params.ttlSeconds, JSON.stringify(row));
  return row;
}
// #endregion

// #region delete
/** As in the article: delete from the database, then from the cache. */
async function deleteUser({ redis, db, key }: ActorContext, userId: number) {
  await db.deleteUser(userId);
  await redis.del(key(`user:${userId}`));
}
// #endregion

// #region read
async function getUser({ redis, db, key, params }: ActorContext, userId: number) {
  const cached = await redis.get(key(`user:${userId}`));
  if (cached) return { user: JSON.parse(cached) as UserRow, hit: true };
  const user = await db.fetchUser(userId);
  if (user) await redis.setex(key(`user:${userId}`), params.ttlSeconds, JSON.stringify(user));
  return { user, hit: false };
}
// #endregion

// #region versioned
/**
 * The fix: every row carries a version the database bumps on each write,
 * and the cache only accepts a row newer than the one it holds.
 */
const SET_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).version >= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1`;

async function updateUserVersioned({ redis, db, key, params }: ActorContext, userId: number, name: string, slowWriter = async () => {}) {
  const row = await db.updateUser(userId, { name });
  await slowWriter();
  if (!row) return { row, cached: false };
  const stored = await runScript(redis, SET_IF_NEWER, [key(`user:${userId}`)], [JSON.stringify(row), row.version, params.ttlSeconds]);
  return { row, cached: stored === 1 };
}
// #endregion

interface RaceState {
  held?: HeldActor<unknown>;
}

async function compare(ctx: StepContext<RaceState>, userId: number) {
  const { value: cached } = await ctx.peekKey(ctx.key(`user:${userId}`));
  const row = ctx.peekUser(userId);
  const copy = cached ? (JSON.parse(cached) as UserRow) : null;
  if (!copy || !row) return { stale: false, text: 'nothing cached' };
  return copy.name === row.name
    ? { stale: false, text: `cache and database both say "${row.name}" (version ${row.version})` }
    : { stale: true, text: `the cache says "${copy.name}" (v${copy.version}), the database "${row.name}" (v${row.version})` };
}

const params = [
  { name: 'userId', label: 'User id', min: 1, max: 5, default: 1 },
  TTL_PARAM,
  dbLatencyParam(50),
];

export const writeThrough = definePattern({
  id: 'write-through',
  title: 'Write-through',
  group: 'Caching',
  summary: 'Every write goes to the database and then to the cache, so reads after a write are fresh hits.',
  params,
  actors: ['client', 'database'],
  panels: ['db', 'keys'],
  steps: [
    {
      title: (p) => `Update user ${p.userId}`,
      code: sourceRegion(source, 'update'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const row = await updateUser(ctx.as('client'), ctx.params.userId, `User ${ctx.params.userId} (updated)`);
        return { narrative: `The database and the cache both have "${row?.name}" (version ${row?.version}).`, outcome: 'write' };
      },
    },
    {
      title: (p) => `Read user ${p.userId}`,
      code: sourceRegion(source, 'read'),
      actors: ['client'],
      run: async (ctx) => {
        const { user, hit } = await getUser(ctx.as('client'), ctx.params.userId);
        return { narrative: hit ? `HIT: "${user?.name}", written by the update, no database read.` : `MISS: read "${user?.name}" from the database.`, outcome: hit ? 'hit' : 'miss' };
      },
    },
    {
      title: (p) => `Delete user ${p.userId}`,
      code: sourceRegion(source, 'delete'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        await deleteUser(ctx.as('client'), ctx.params.userId);
        return { narrative: `The row and the key are gone.`, outcome: 'write' };
      },
    },
    {
      title: (p) => `Read user ${p.userId} after the delete`,
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const { user } = await getUser(ctx.as('client'), ctx.params.userId);
        return { narrative: user ? `Unexpected: found "${user.name}".` : 'MISS, and the database has no such row: nothing is cached.', outcome: 'miss' };
      },
    },
  ],
});

export const writeThroughRace = definePattern<RaceState>({
  id: 'write-through-race',
  title: 'Write-through: racing writers',
  group: 'Caching',
  summary: 'Two writers interleave; the slower one caches an older row over a newer one. A versioned set refuses it.',
  params: params.filter((p) => p.name !== 'userId'),
  actors: ['clientA', 'clientB', 'database'],
  panels: ['db', 'keys'],
  createState: () => ({}),
  dispose: (state) => state.held?.break(new Error('reset')),
  steps: [
    {
      title: 'Writer A updates user 1 in the database, then stalls',
      code: sourceRegion(source, 'update'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => updateUser(ctx.as('clientA'), 1, 'Written by A', gate));
        return { narrative: 'The database says "Written by A" (version 2). A has not set the cache yet.', outcome: 'write' };
      },
    },
    {
      title: 'Writer B updates user 1 and sets the cache',
      code: sourceRegion(source, 'update'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        await updateUser(ctx.as('clientB'), 1, 'Written by B');
        const { text } = await compare(ctx, 1);
        return { narrative: `B finished first: ${text}.`, outcome: 'write' };
      },
    },
    {
      title: 'Writer A resumes and sets the cache',
      code: sourceRegion(source, 'update'),
      actors: ['clientA'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        const { stale, text } = await compare(ctx, 1);
        return { narrative: `A's SETEX overwrote B's newer row: ${text}. It stays wrong until the TTL ends or the next write.`, outcome: stale ? 'stale' : 'info' };
      },
    },
    {
      title: 'Same race with a versioned set: A updates user 2, stalls',
      code: sourceRegion(source, 'versioned'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => updateUserVersioned(ctx.as('clientA'), 2, 'Written by A', gate));
        return { narrative: 'The database has A\'s row at version 2; A stalls before the cache.', outcome: 'write' };
      },
    },
    {
      title: 'Writer B updates user 2, versioned set',
      code: sourceRegion(source, 'versioned'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        await updateUserVersioned(ctx.as('clientB'), 2, 'Written by B');
        return { narrative: 'B cached its row at version 3.', outcome: 'write' };
      },
    },
    {
      title: 'Writer A resumes: the older version is refused',
      code: sourceRegion(source, 'versioned'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { cached } = (await ctx.state.held?.resume()) as { cached: boolean };
        const { stale, text } = await compare(ctx, 2);
        return {
          narrative: `${cached ? 'The cache took A\'s row' : 'The script refused version 2 over version 3'}: ${text}.`,
          outcome: stale ? 'stale' : 'safe',
        };
      },
    },
  ],
});
