import source from './sessions.ts?raw';
import { randomBytes } from 'node:crypto';
import type { CountersPanel } from '../../../shared/model';
import { outcomeTone } from '../../../shared/outcomes';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type InspectContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';

/** User 1 works on server A (TTL fixed at login), user 2 on server B (TTL slides with each request). */
export const FIXED_USER = 1;
export const SLIDING_USER = 2;
/** How many members of a token set the inspector checks with EXISTS: a bound, not a scan of everything. */
export const LIVE_CHECK_CAP = 200;

export const sessionKey = (token: string) => `session:${token}`;
export const tokensKey = (userId: number) => `user:${userId}:sessions`;
const newToken = () => randomBytes(6).toString('hex');

// #region login
/** Login: the session is a hash with its own TTL; the user's token set lets "log out everywhere" find it. */
export async function login({ redis, key, params }: ActorContext, userId: number, token = newToken()) {
  const now = Date.now();
  await redis.call('HSET', key(sessionKey(token)), 'user_id', userId, 'created', now, 'last_seen', now);
  await redis.call('PEXPIRE', key(sessionKey(token)), params.ttlSeconds * 1000);
  await redis.sadd(key(tokensKey(userId)), token);
  return token;
}
// #endregion

// #region fixed
/** As the TTL is often written: set once at login, never refreshed. Working does not keep you logged in. */
export async function requestFixed({ redis, key }: ActorContext, token: string) {
  const session = await redis.hgetall(key(sessionKey(token)));
  if (!session.user_id) return { found: false }; // HGETALL of a missing key: {} — logged out
  await redis.call('HSET', key(sessionKey(token)), 'last_seen', Date.now()); // HSET keeps the TTL it had
  return { found: true };
}
// #endregion

// #region sliding
/** The fix: every request that finds the session pushes its expiry out again (PEXPIRE), so only idleness ends it. */
export async function requestSliding({ redis, key, params }: ActorContext, token: string) {
  const session = await redis.hgetall(key(sessionKey(token)));
  if (!session.user_id) return { found: false };
  await redis.call('HSET', key(sessionKey(token)), 'last_seen', Date.now());
  await redis.call('PEXPIRE', key(sessionKey(token)), params.ttlSeconds * 1000);
  return { found: true };
}
// #endregion

// #region logout
/** Logout on one device: the session and its entry in the user's set. */
export async function logout({ redis, key }: ActorContext, userId: number, token: string) {
  const deleted = await redis.del(key(sessionKey(token)));
  const removed = await redis.srem(key(tokensKey(userId)), token);
  return { deleted, removed };
}
// #endregion

// #region cleanup
/**
 * The fix for a set that only grows: before adding a token, drop the
 * members whose session key no longer exists. The session's own TTL stays
 * the one truth about expiry, so a request still costs one PEXPIRE. (A
 * sorted set scored by expiry, trimmed with ZREMRANGEBYSCORE, avoids the
 * EXISTS calls, but then every request must also ZADD the new expiry, and
 * the score and the TTL can disagree.) A user has a handful of sessions;
 * logins are rare next to requests, so checking each one here is cheap.
 */
export async function loginWithCleanup(client: ActorContext, userId: number, token = newToken()) {
  const { redis, key } = client;
  const tokens = await redis.smembers(key(tokensKey(userId)));
  const dead: string[] = [];
  for (const t of tokens) if (Number(await redis.call('EXISTS', key(sessionKey(t)))) === 0) dead.push(t);
  const removed = dead.length ? Number(await redis.srem(key(tokensKey(userId)), ...dead)) : 0;
  await login(client, userId, token);
  return { token, checked: tokens.length, removed };
}
// #endregion

// #region everywhere
/**
 * "Log out everywhere", three commands: a login between SMEMBERS and the
 * last DEL adds a token this call never saw and then deletes the set that
 * listed it — a live session no later logout can find.
 */
export async function logoutEverywhereNaive({ redis, key }: ActorContext, userId: number) {
  const tokens = await redis.smembers(key(tokensKey(userId)));
  const deleted = tokens.length ? Number(await redis.del(...tokens.map((t) => key(sessionKey(t))))) : 0;
  await redis.del(key(tokensKey(userId)));
  return { listed: tokens.length, deleted };
}
// #endregion

// #region everywhere-script
/**
 * The fix: SMEMBERS, DEL and DEL in one script, so no login runs in
 * between. A login's SADD lands before it (and is logged out) or after
 * it (and stays listed). The session keys come from the set, not KEYS[]:
 * fine on one server; on a cluster put the user in a hash tag.
 */
export const LOGOUT_EVERYWHERE = `
local tokens = redis.call('SMEMBERS', KEYS[1])
local deleted = 0
for _, t in ipairs(tokens) do deleted = deleted + redis.call('DEL', ARGV[1] .. t) end
redis.call('DEL', KEYS[1])
return {#tokens, deleted}`;

export async function logoutEverywhere({ redis, key }: ActorContext, userId: number) {
  const [listed, deleted] = (await runScript(redis, LOGOUT_EVERYWHERE, [key(tokensKey(userId))], [key(sessionKey('')), userId])) as [number, number];
  return { listed, deleted };
}
// #endregion

// #region measure
/** The set's size against the sessions that still exist (EXISTS per member, at most LIVE_CHECK_CAP of them). */
export async function tokenSetVsLive({ redis, key }: ActorContext, userId: number) {
  const size = Number(await redis.call('SCARD', key(tokensKey(userId))));
  const sample = (await redis.call('SRANDMEMBER', key(tokensKey(userId)), LIVE_CHECK_CAP)) as string[];
  let live = 0;
  for (const t of sample) live += Number(await redis.call('EXISTS', key(sessionKey(t))));
  return { size, live, checked: sample.length };
}
// #endregion

interface Side {
  served: number;
  refused: number;
  /** The last PTTL read for its session: -2 once gone. */
  pttl: number | null;
}

export interface SessionsState {
  fixed: Side;
  sliding: Side;
  /** User 2's tokens from step 1 and 2, oldest first. */
  tokens: string[];
  /** Tokens the cleanup removed so far (SREM replies). */
  cleaned: number;
}

const fresh = (): Side => ({ served: 0, refused: 0, pttl: null });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const code = (...regions: string[]) => regions.map((r) => sourceRegion(source, r)).join('\n\n');

/** A PTTL reply as the narratives quote it. */
export function pttlPhrase(pttl: number): Message {
  return pttl === -2 ? msg('sessions.pttl.gone') : pttl === -1 ? msg('sessions.pttl.none') : msg('sessions.pttl.left', { ms: pttl });
}

/** Step 1: both users log in, then keep making requests, one every `intervalMs`; PTTL read by the admin after each. */
async function work(ctx: StepContext<SessionsState>) {
  const a = ctx.as('clientA');
  const b = ctx.as('clientB');
  const admin = ctx.as('admin');
  const { requests, intervalMs, ttlSeconds } = ctx.params;
  const tokenA = await login(a, FIXED_USER);
  const tokenB = await login(b, SLIDING_USER);
  ctx.state.tokens.push(tokenB);
  const started = Date.now();
  let lostAt: { n: number; at: number } | null = null;
  const pttlsB: number[] = [];
  for (let n = 1; n <= requests; n++) {
    await sleep(intervalMs);
    const fa = await requestFixed(a, tokenA);
    const fb = await requestSliding(b, tokenB);
    const pa = Number(await admin.redis.pttl(a.key(sessionKey(tokenA))));
    const pb = Number(await admin.redis.pttl(b.key(sessionKey(tokenB))));
    pttlsB.push(pb);
    const at = Date.now() - started;
    for (const [side, found, pttl] of [['fixed', fa.found, pa], ['sliding', fb.found, pb]] as const) {
      const s = ctx.state[side];
      if (found) s.served++;
      else s.refused++;
      s.pttl = pttl;
    }
    if (!fa.found && !lostAt) {
      lostAt = { n, at };
      a.note(msg('sessions.event.loggedOut', { n, s: (at / 1000).toFixed(1) }));
    }
    if (!fb.found) b.note(msg('sessions.event.loggedOut', { n, s: (at / 1000).toFixed(1) }));
  }
  const { fixed, sliding } = ctx.state;
  const values = { ttl: ttlSeconds, requests, interval: intervalMs, aServed: fixed.served, bServed: sliding.served, bPttls: pttlsB.join(', '), bPttl: pttlPhrase(sliding.pttl ?? -2) };
  const narrative = lostAt
    ? msg('sessions.work.lost', { ...values, n: lostAt.n, at: (lostAt.at / 1000).toFixed(1), aPttl: pttlPhrase(fixed.pttl ?? -2) })
    : msg('sessions.work.kept', { ...values, aPttl: pttlPhrase(fixed.pttl ?? -2) });
  return { narrative, outcome: fixed.refused + sliding.refused > 0 ? ('logged-out' as const) : ('safe' as const) };
}

/** Step 2: user 2 logs in on more devices, then out of the first of them; SCARD and live sessions after each. */
async function moreDevices(ctx: StepContext<SessionsState>) {
  const b = ctx.as('clientB');
  const sizes: number[] = [];
  const added: string[] = [];
  for (let i = 0; i < ctx.params.logins; i++) {
    added.push(await login(b, SLIDING_USER));
    sizes.push(Number(await ctx.as('admin').redis.call('SCARD', b.key(tokensKey(SLIDING_USER)))));
  }
  ctx.state.tokens.push(...added);
  const out = await logout(b, SLIDING_USER, added[0]);
  const m = await tokenSetVsLive(ctx.as('admin'), SLIDING_USER);
  return {
    narrative: msg('sessions.devices', { logins: ctx.params.logins, sizes: sizes.join(', '), deleted: out.deleted, removed: out.removed, size: m.size, live: m.live }),
    outcome: m.size > m.live ? ('dead-tokens' as const) : ('write' as const),
  };
}

/** Step 3: nobody uses them; the admin waits out the longest PTTL among the set's sessions, then measures. */
async function idle(ctx: StepContext<SessionsState>) {
  const admin = ctx.as('admin');
  const members = (await admin.redis.smembers(admin.key(tokensKey(SLIDING_USER)))).slice(0, LIVE_CHECK_CAP);
  let longest = 0;
  for (const t of members) longest = Math.max(longest, Number(await admin.redis.pttl(admin.key(sessionKey(t)))));
  if (longest > 0) await sleep(longest + 50);
  const m = await tokenSetVsLive(admin, SLIDING_USER);
  const fixedSet = Number(await admin.redis.call('SCARD', admin.key(tokensKey(FIXED_USER))));
  return {
    narrative: msg('sessions.idle', { waited: Math.max(0, longest), size: m.size, live: m.live, dead: m.size - m.live, fixedSet }),
    outcome: m.size > m.live ? ('dead-tokens' as const) : ('safe' as const),
  };
}

/** Step 4: two logins with the cleanup, then log out everywhere by the script; every figure from replies. */
async function cleanupAndLogoutEverywhere(ctx: StepContext<SessionsState>) {
  const b = ctx.as('clientB');
  const admin = ctx.as('admin');
  const first = await loginWithCleanup(b, SLIDING_USER);
  const second = await loginWithCleanup(b, SLIDING_USER);
  ctx.state.cleaned += first.removed + second.removed;
  const after = await tokenSetVsLive(admin, SLIDING_USER);
  const out = await logoutEverywhere(b, SLIDING_USER);
  const end = await tokenSetVsLive(admin, SLIDING_USER);
  const ok = after.size === after.live && end.size === 0;
  return {
    narrative: msg('sessions.cleanup', { checked: first.checked, removed: first.removed + second.removed, size: after.size, live: after.live, listed: out.listed, deleted: out.deleted, endSize: end.size }),
    outcome: ok ? ('safe' as const) : ('dead-tokens' as const),
  };
}

function sideColumn(title: Message, side: Side): CountersPanel['columns'][number] {
  const tone = side.pttl === null ? 'neutral' : outcomeTone(side.refused > 0 ? 'logged-out' : 'safe');
  return {
    title,
    tone,
    items: [
      { label: msg('sessions.panel.served'), value: side.pttl === null ? null : side.served },
      { label: msg('sessions.panel.refused'), value: side.pttl === null ? null : side.refused, tone: side.refused > 0 ? outcomeTone('logged-out') : undefined },
      { label: msg('sessions.panel.pttl'), value: side.pttl === null ? null : pttlPhrase(side.pttl) },
    ],
  };
}

/** The token set as the inspector reads it, untraced: SCARD, then EXISTS for at most LIVE_CHECK_CAP members. */
async function setColumn({ control, key }: InspectContext<SessionsState>, userId: number, cleaned: number): Promise<CountersPanel['columns'][number]> {
  const size = await control.scard(key(tokensKey(userId)));
  const sample = await control.srandmember(key(tokensKey(userId)), LIVE_CHECK_CAP);
  let live = 0;
  for (const t of sample) live += await control.exists(key(sessionKey(t)));
  const dead = sample.length - live;
  return {
    title: msg(userId === SLIDING_USER ? 'sessions.panel.setB' : 'sessions.panel.setA'),
    tone: dead > 0 ? outcomeTone('dead-tokens') : 'neutral',
    items: [
      { label: msg('sessions.panel.size'), value: size },
      { label: msg('sessions.panel.live'), value: live },
      { label: msg('sessions.panel.dead'), value: dead, tone: dead > 0 ? outcomeTone('dead-tokens') : undefined },
      { label: msg('sessions.panel.cleaned'), value: cleaned },
    ],
  };
}

export const sessions = definePattern<SessionsState>({
  id: 'sessions',
  title: msg('sessions.title'),
  group: 'Sessions',
  summary: msg('sessions.summary'),
  params: [
    { name: 'ttlSeconds', label: msg('param.ttl'), min: 1, max: 10, default: 3, unit: msg('unit.s') },
    { name: 'requests', label: msg('sessions.param.requests'), min: 1, max: 10, default: 5 },
    { name: 'intervalMs', label: msg('sessions.param.interval'), min: 200, max: 3000, default: 800, unit: msg('unit.ms') },
    { name: 'logins', label: msg('sessions.param.logins'), min: 1, max: 10, default: 4 },
  ],
  actors: ['clientA', 'clientB', 'admin'],
  panels: ['keys'],
  createState: () => ({ fixed: fresh(), sliding: fresh(), tokens: [], cleaned: 0 }),
  steps: [
    {
      title: (p) => msg('sessions.step.work', { requests: p.requests, interval: p.intervalMs, ttl: p.ttlSeconds }),
      code: code('login', 'fixed', 'sliding'),
      actors: ['clientA', 'clientB', 'admin'],
      run: work,
    },
    {
      title: (p) => msg('sessions.step.devices', { logins: p.logins }),
      code: code('login', 'logout', 'measure'),
      actors: ['clientB', 'admin'],
      run: moreDevices,
    },
    {
      title: (p) => msg('sessions.step.idle', { ttl: p.ttlSeconds }),
      code: code('measure'),
      actors: ['admin'],
      run: idle,
    },
    {
      title: msg('sessions.step.cleanup'),
      code: code('cleanup', 'everywhere-script'),
      actors: ['clientB', 'admin'],
      run: cleanupAndLogoutEverywhere,
    },
  ],
  inspect: async (ctx) => [
    {
      kind: 'counters',
      title: msg('sessions.panel.work', { ttl: ctx.params.ttlSeconds }),
      columns: [sideColumn(msg('sessions.way.fixed'), ctx.state.fixed), sideColumn(msg('sessions.way.sliding'), ctx.state.sliding)],
    },
    {
      kind: 'counters',
      title: msg('sessions.panel.sets'),
      columns: [await setColumn(ctx, SLIDING_USER, ctx.state.cleaned), await setColumn(ctx, FIXED_USER, 0)],
    },
  ],
});
