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
  const deleted = await db.deleteUser(userId);
  const removed = await redis.del(key(`user:${userId}`));
  return { deleted, removed };
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

async function compare(ctx: StepContext<unknown>, userId: number) {
  const { value: cached } = await ctx.peekKey(ctx.key(`user:${userId}`));
  const row = ctx.peekUser(userId);
  const copy = cached ? (JSON.parse(cached) as UserRow) : null;
  if (!copy || !row) return { stale: false, text: 'nothing cached' };
  return copy.name === row.name
    ? { stale: false, text: `cache and database both say "${row.name}" (version ${row.version})` }
    : { stale: true, text: `the cache says "${copy.name}" (v${copy.version}), the database "${row.name}" (v${row.version})` };
}

const updateNarrative = (text: string) => `Database first, then SETEX: ${text}.`;
const readNarrative = (hit: boolean, name: string | undefined) => (hit ? `HIT: "${name}", written by the update, no database read.` : `MISS: read "${name}" from the database.`);

function deleteNarrative(userId: number, deleted: boolean, removed: number): string {
  const row = deleted ? `the row of user ${userId} is deleted` : `the database had no user ${userId}`;
  return `${row}; DEL replied ${removed}: ${removed ? 'the cached copy is gone' : 'nothing was cached'}.`;
}

const readAfterDeleteNarrative = (name: string | undefined) => (name ? `Unexpected: found "${name}".` : 'MISS, and the database has no such row: nothing is cached.');
const heldWriterNarrative = (row: UserRow | null) => `The database says "${row?.name}" (version ${row?.version}). A has not set the cache yet.`;
const raceFirstNarrative = (text: string) => `B finished first: ${text}.`;
const overwriteNarrative = (stale: boolean, text: string) =>
  stale ? `A's SETEX overwrote B's newer row: ${text}. It stays wrong until the TTL ends or the next write.` : `A's SETEX landed and nothing is wrong: ${text}.`;
const heldVersionedNarrative = (row: UserRow | null) => `The database has A's row at version ${row?.version}; A stalls before the cache.`;
const versionedSetNarrative = (cached: boolean, version: number | undefined) =>
  cached ? `The script replied 1: B cached its row at version ${version}.` : `The script replied 0: the cache already held a newer version than B's ${version}.`;

function versionedRaceNarrative(cached: boolean, aVersion: number | undefined, text: string): string {
  return cached ? `The script replied 1 and cached A's version ${aVersion}: ${text}.` : `The script replied 0: it refused A's version ${aVersion} over the newer one in the cache: ${text}.`;
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
        await updateUser(ctx.as('client'), ctx.params.userId, `User ${ctx.params.userId} (updated)`);
        const { stale, text } = await compare(ctx, ctx.params.userId);
        return { narrative: updateNarrative(text), outcome: stale ? 'stale' : 'write' };
      },
    },
    {
      title: (p) => `Read user ${p.userId}`,
      code: sourceRegion(source, 'read'),
      actors: ['client'],
      run: async (ctx) => {
        const { user, hit } = await getUser(ctx.as('client'), ctx.params.userId);
        return { narrative: readNarrative(hit, user?.name), outcome: hit ? 'hit' : 'miss' };
      },
    },
    {
      title: (p) => `Delete user ${p.userId}`,
      code: sourceRegion(source, 'delete'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const { deleted, removed } = await deleteUser(ctx.as('client'), ctx.params.userId);
        return { narrative: deleteNarrative(ctx.params.userId, deleted, removed), outcome: 'write' };
      },
    },
    {
      title: (p) => `Read user ${p.userId} after the delete`,
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const { user, hit } = await getUser(ctx.as('client'), ctx.params.userId);
        return { narrative: readAfterDeleteNarrative(user?.name), outcome: hit ? 'hit' : 'miss' };
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
        return { narrative: heldWriterNarrative(ctx.peekUser(1)), outcome: 'write' };
      },
    },
    {
      title: 'Writer B updates user 1 and sets the cache',
      code: sourceRegion(source, 'update'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        await updateUser(ctx.as('clientB'), 1, 'Written by B');
        const { text } = await compare(ctx, 1);
        return { narrative: raceFirstNarrative(text), outcome: 'write' };
      },
    },
    {
      title: 'Writer A resumes and sets the cache',
      code: sourceRegion(source, 'update'),
      actors: ['clientA'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        const { stale, text } = await compare(ctx, 1);
        return { narrative: overwriteNarrative(stale, text), outcome: stale ? 'stale' : 'info' };
      },
    },
    {
      title: 'Same race with a versioned set: A updates user 2, stalls',
      code: sourceRegion(source, 'versioned'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => updateUserVersioned(ctx.as('clientA'), 2, 'Written by A', gate));
        return { narrative: heldVersionedNarrative(ctx.peekUser(2)), outcome: 'write' };
      },
    },
    {
      title: 'Writer B updates user 2, versioned set',
      code: sourceRegion(source, 'versioned'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        const { row, cached } = await updateUserVersioned(ctx.as('clientB'), 2, 'Written by B');
        return { narrative: versionedSetNarrative(cached, row?.version), outcome: 'write' };
      },
    },
    {
      title: 'Writer A resumes: the older version is refused',
      code: sourceRegion(source, 'versioned'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { row, cached } = (await ctx.state.held?.resume()) as { row: UserRow | null; cached: boolean };
        const { stale, text } = await compare(ctx, 2);
        return { narrative: versionedRaceNarrative(cached, row?.version, text), outcome: stale ? 'stale' : 'safe' };
      },
    },
  ],
});
