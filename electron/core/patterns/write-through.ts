import source from './write-through.ts?raw';
import type { UserRow } from '../../../shared/model';
import { holdAtGate, nothingHeld, ranThrough, type HeldActor } from '../engine/gate';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';
import { TTL_PARAM, dbLatencyParam } from './common-params';

// #region update
/** As in the article: write the database, then put the new row in the cache. */
export async function updateUser({ redis, db, key, params }: ActorContext, userId: number, name: string, slowWriter = async () => {}) {
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
export const SET_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).version >= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1`;

export async function updateUserVersioned({ redis, db, key, params }: ActorContext, userId: number, name: string, slowWriter = async () => {}) {
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

async function compare(ctx: StepContext<unknown>, userId: number): Promise<{ stale: boolean; text: Message }> {
  const { value: cached } = await ctx.peekKey(ctx.key(`user:${userId}`));
  const row = ctx.peekUser(userId);
  const copy = cached ? (JSON.parse(cached) as UserRow) : null;
  if (!copy || !row) return { stale: false, text: msg('writeThrough.text.nothing') };
  return copy.name === row.name
    ? { stale: false, text: msg('writeThrough.text.same', { name: row.name, version: row.version }) }
    : { stale: true, text: msg('writeThrough.text.stale', { cachedName: copy.name, cachedVersion: copy.version, dbName: row.name, dbVersion: row.version }) };
}

/** A name as the narratives quote it; "undefined" when there was none, as before. */
const nameOf = (name: string | undefined) => String(name);

const updateNarrative = (text: Message) => msg('writeThrough.update', { text });
const readNarrative = (hit: boolean, name: string | undefined) => (hit ? msg('writeThrough.read.hit', { name: nameOf(name) }) : msg('writeThrough.read.miss', { name: nameOf(name) }));

function deleteNarrative(userId: number, deleted: boolean, removed: number): Message {
  return msg('writeThrough.delete', { userId, deleted: deleted ? 'yes' : 'no', removed });
}

const readAfterDeleteNarrative = (name: string | undefined) => (name ? msg('writeThrough.readAfterDelete.found', { name }) : msg('writeThrough.readAfterDelete.miss'));
const heldWriterNarrative = (row: UserRow | null) => msg('writeThroughRace.held', { name: nameOf(row?.name), version: String(row?.version) });
const raceFirstNarrative = (text: Message) => msg('writeThroughRace.first', { text });
const overwriteNarrative = (stale: boolean, text: Message) => (stale ? msg('writeThroughRace.overwrite.stale', { text }) : msg('writeThroughRace.overwrite.fine', { text }));
const heldVersionedNarrative = (row: UserRow | null) => msg('writeThroughRace.heldVersioned', { version: String(row?.version) });
const versionedSetNarrative = (cached: boolean, version: number | undefined) =>
  cached ? msg('writeThroughRace.versioned.cached', { version: String(version) }) : msg('writeThroughRace.versioned.refused', { version: String(version) });

function versionedRaceNarrative(cached: boolean, aVersion: number | undefined, text: Message): Message {
  return cached ? msg('writeThroughRace.race.cached', { version: String(aVersion), text }) : msg('writeThroughRace.race.refused', { version: String(aVersion), text });
}

const params = [
  { name: 'userId', label: msg('param.userId'), min: 1, max: 5, default: 1 },
  TTL_PARAM,
  dbLatencyParam(50),
];

export const writeThrough = definePattern({
  id: 'write-through',
  title: msg('writeThrough.title'),
  group: 'Caching',
  summary: msg('writeThrough.summary'),
  params,
  actors: ['client', 'database'],
  panels: ['db', 'keys'],
  steps: [
    {
      title: (p) => msg('writeThrough.step.update', { userId: p.userId }),
      code: sourceRegion(source, 'update'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        await updateUser(ctx.as('client'), ctx.params.userId, `User ${ctx.params.userId} (updated)`);
        const { stale, text } = await compare(ctx, ctx.params.userId);
        return { narrative: updateNarrative(text), outcome: stale ? 'stale' : 'write' };
      },
    },
    {
      title: (p) => msg('writeThrough.step.read', { userId: p.userId }),
      code: sourceRegion(source, 'read'),
      actors: ['client'],
      run: async (ctx) => {
        const { user, hit } = await getUser(ctx.as('client'), ctx.params.userId);
        return { narrative: readNarrative(hit, user?.name), outcome: hit ? 'hit' : 'miss' };
      },
    },
    {
      title: (p) => msg('writeThrough.step.delete', { userId: p.userId }),
      code: sourceRegion(source, 'delete'),
      actors: ['client', 'database'],
      run: async (ctx) => {
        const { deleted, removed } = await deleteUser(ctx.as('client'), ctx.params.userId);
        return { narrative: deleteNarrative(ctx.params.userId, deleted, removed), outcome: 'write' };
      },
    },
    {
      title: (p) => msg('writeThrough.step.readAfterDelete', { userId: p.userId }),
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
  title: msg('writeThroughRace.title'),
  group: 'Caching',
  summary: msg('writeThroughRace.summary'),
  params: params.filter((p) => p.name !== 'userId'),
  actors: ['clientA', 'clientB', 'database'],
  panels: ['db', 'keys'],
  createState: () => ({}),
  dispose: (state) => state.held?.break(new Error('reset')),
  steps: [
    {
      title: msg('writeThroughRace.step.aStalls'),
      code: sourceRegion(source, 'update'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => updateUser(ctx.as('clientA'), 1, 'Written by A', gate));
        if (!ctx.state.held.atGate) return { narrative: ranThrough('clientA'), outcome: 'info' };
        return { narrative: heldWriterNarrative(ctx.peekUser(1)), outcome: 'write' };
      },
    },
    {
      title: msg('writeThroughRace.step.bSets'),
      code: sourceRegion(source, 'update'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        await updateUser(ctx.as('clientB'), 1, 'Written by B');
        const { text } = await compare(ctx, 1);
        return { narrative: raceFirstNarrative(text), outcome: 'write' };
      },
    },
    {
      title: msg('writeThroughRace.step.aResumes'),
      code: sourceRegion(source, 'update'),
      actors: ['clientA'],
      run: async (ctx) => {
        await ctx.state.held?.resume();
        if (ctx.state.held && !ctx.state.held.atGate) return { narrative: nothingHeld('clientA'), outcome: 'info' };
        const { stale, text } = await compare(ctx, 1);
        return { narrative: overwriteNarrative(stale, text), outcome: stale ? 'stale' : 'info' };
      },
    },
    {
      title: msg('writeThroughRace.step.versionedA'),
      code: sourceRegion(source, 'versioned'),
      actors: ['clientA', 'database'],
      run: async (ctx) => {
        ctx.state.held = await holdAtGate((gate) => updateUserVersioned(ctx.as('clientA'), 2, 'Written by A', gate));
        if (!ctx.state.held.atGate) return { narrative: ranThrough('clientA'), outcome: 'info' };
        return { narrative: heldVersionedNarrative(ctx.peekUser(2)), outcome: 'write' };
      },
    },
    {
      title: msg('writeThroughRace.step.versionedB'),
      code: sourceRegion(source, 'versioned'),
      actors: ['clientB', 'database'],
      run: async (ctx) => {
        const { row, cached } = await updateUserVersioned(ctx.as('clientB'), 2, 'Written by B');
        return { narrative: versionedSetNarrative(cached, row?.version), outcome: 'write' };
      },
    },
    {
      title: msg('writeThroughRace.step.versionedResume'),
      code: sourceRegion(source, 'versioned'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { row, cached } = (await ctx.state.held?.resume()) as { row: UserRow | null; cached: boolean };
        if (ctx.state.held && !ctx.state.held.atGate) return { narrative: nothingHeld('clientA'), outcome: 'info' };
        const { stale, text } = await compare(ctx, 2);
        return { narrative: versionedRaceNarrative(cached, row?.version, text), outcome: stale ? 'stale' : 'safe' };
      },
    },
  ],
});
