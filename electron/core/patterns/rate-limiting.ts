import source from './rate-limiting.ts?raw';
import type { ActorId, RequestsPanel, StepOutcome, Tone } from '../../../shared/model';
import { outcomeTone } from '../../../shared/outcomes';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';

/**
 * Every limiter here gets the request's time as an argument (`now`, in
 * ms) instead of reading a clock: the pattern drives a virtual clock, so
 * a burst lands exactly at the window's edge however slowly the user
 * steps, and the explorer's schedules decide order, never wall time.
 * In production pass Date.now() — or read Redis' TIME inside the script,
 * which gives every client one clock (no skew between app servers); the
 * argument is chosen here for the virtual clock.
 *
 * Keys are kept for KEEP_SECONDS of real time: the TTL only cleans up
 * (the windows themselves are computed from `now`), and it is long enough
 * that nothing a later step needs expires while the user reads.
 */
export const KEEP_SECONDS = 3600;

export type Algorithm = 'fixed' | 'sliding' | 'token';
export const ALGORITHMS: readonly Algorithm[] = ['fixed', 'sliding', 'token'];

export interface Verdict {
  allowed: boolean;
  /** What Redis replied that decided it: the INCR count, the ZCARD before adding, the tokens left. */
  seen: number;
}

// #region fixed
/** Fixed window: one counter per user and window; allowed while INCR replies at most `limit`. */
export async function fixedWindow({ redis, key }: ActorContext, user: string, now: number, limit: number, windowMs: number): Promise<Verdict> {
  const counter = key(`ratelimit:fixed:${user}:${Math.floor(now / windowMs)}`);
  const count = Number(await redis.call('INCR', counter));
  if (count === 1) await redis.call('EXPIRE', counter, KEEP_SECONDS);
  return { allowed: count <= limit, seen: count };
}
// #endregion

// #region sliding
/** Sliding log: a sorted set of the allowed requests' times; trim what left the window, count, add if below the limit. */
export const SLIDING_LOG = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local count = redis.call('ZCARD', KEYS[1])
if count >= tonumber(ARGV[3]) then return {0, count} end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return {1, count}`;

/** One script, so no other client's request can run between the ZCARD and the ZADD. */
export async function slidingLog({ redis, key }: ActorContext, user: string, now: number, limit: number, windowMs: number, requestId: string): Promise<Verdict> {
  const [ok, count] = (await runScript(redis, SLIDING_LOG, [key(`ratelimit:log:${user}`)], [now, windowMs, limit, requestId, KEEP_SECONDS])) as [number, number];
  return { allowed: ok === 1, seen: count };
}
// #endregion

// #region token
/** Token bucket: holds up to `limit` tokens, refilled at `limit` per window; a request takes one. */
export const TOKEN_BUCKET = `
local capacity, windowMs, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(state[1]) or capacity, tonumber(state[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * capacity / windowMs)
  at = now
end
local allowed = 0
if tokens >= 1 then tokens, allowed = tokens - 1, 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', at)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return {allowed, tostring(tokens)}`;

export async function tokenBucket({ redis, key }: ActorContext, user: string, now: number, limit: number, windowMs: number): Promise<Verdict> {
  const [ok, tokens] = (await runScript(redis, TOKEN_BUCKET, [key(`ratelimit:bucket:${user}`)], [limit, windowMs, now, KEEP_SECONDS])) as [number, string];
  return { allowed: ok === 1, seen: Number(tokens) };
}
// #endregion

// #region burst
/** A request is checked by each limiter in turn, at the same (virtual) time, so the three can be compared. */
export async function request(client: ActorContext, user: string, now: number, requestId: string) {
  const { limit, windowSeconds } = client.params;
  const windowMs = windowSeconds * 1000;
  return {
    fixed: await fixedWindow(client, user, now, limit, windowMs),
    sliding: await slidingLog(client, user, now, limit, windowMs, requestId),
    token: await tokenBucket(client, user, now, limit, windowMs),
  };
}

/** The burst: `burst` requests at the given times, shared round-robin among `clients` connections sending at once. */
export async function burst(clients: ActorContext[], user: string, times: number[]) {
  const lanes = clients.map((client, lane) =>
    (async () => {
      const mine = [];
      for (let i = lane; i < times.length; i += clients.length) mine.push({ i, lane, at: times[i], ...(await request(client, user, times[i], `${times[i]}-${i}`)) });
      return mine;
    })(),
  );
  return (await Promise.all(lanes)).flat().sort((a, b) => a.at - b.at || a.i - b.i);
}
// #endregion

/** Virtual ms between two requests of a burst. */
export const GAP_MS = 20;
export const USER = 'alice';

/** The three bursts of the scenario, in virtual ms: just before the edge of window 0, just after it, half a window later. */
export function burstTimes(params: Readonly<Record<string, number>>, which: 0 | 1 | 2): number[] {
  const { burst: n, windowSeconds } = params;
  const edge = windowSeconds * 1000;
  const start = which === 0 ? edge - n * GAP_MS : which === 1 ? edge : edge + edge / 2;
  return Array.from({ length: n }, (_, i) => start + i * GAP_MS);
}

/**
 * The most allowed requests within any span of `windowMs` (two times share
 * a window when they are less than `windowMs` apart), counted from the
 * limiters' replies: the number a limit of "`limit` per window" promises
 * to keep at or under `limit`.
 */
export function mostInAnyWindow(allowedAt: number[], windowMs: number): { most: number; from: number; to: number } {
  const times = [...allowedAt].sort((a, b) => a - b);
  let best = { most: 0, from: 0, to: 0 };
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j] <= times[i] - windowMs) j++;
    if (i - j + 1 > best.most) best = { most: i - j + 1, from: times[j], to: times[i] };
  }
  return best;
}

interface Mark {
  at: number;
  lane: number;
  allowed: boolean;
  seen: number;
}

export interface RateState {
  marks: Record<Algorithm, Mark[]>;
  bursts: number;
}

const ALGO_NAME: Record<Algorithm, Message> = { fixed: msg('rate.algo.fixed'), sliding: msg('rate.algo.sliding'), token: msg('rate.algo.token') };
const algoName = (a: Algorithm) => ALGO_NAME[a];
/** What decided a verdict, in the reply's own terms. */
const SEEN: Record<Algorithm, (seen: number) => Message> = {
  fixed: (seen) => msg('rate.seen.fixed', { seen }),
  sliding: (seen) => msg('rate.seen.sliding', { seen }),
  token: (seen) => msg('rate.seen.token', { seen }),
};
const seconds = (ms: number) => Math.round(ms) / 1000;

async function runBurst(ctx: StepContext<RateState>, which: 0 | 1 | 2) {
  const clients = Array.from({ length: ctx.params.clients }, (_, lane) => ctx.as('client', lane));
  await Promise.all(clients.map((c) => c.ready()));
  const times = burstTimes(ctx.params, which);
  const results = await burst(clients, USER, times);
  const counts = {} as Record<Algorithm, { allowed: number; denied: number; last: Verdict }>;
  for (const a of ALGORITHMS) {
    for (const r of results) ctx.state.marks[a].push({ at: r.at, lane: r.lane, allowed: r[a].allowed, seen: r[a].seen });
    const allowed = results.filter((r) => r[a].allowed).length;
    counts[a] = { allowed, denied: results.length - allowed, last: results[results.length - 1][a] };
  }
  ctx.state.bursts = which + 1;
  const windowMs = ctx.params.windowSeconds * 1000;
  const most = Object.fromEntries(
    ALGORITHMS.map((a) => [a, mostInAnyWindow(ctx.state.marks[a].filter((m) => m.allowed).map((m) => m.at), windowMs)]),
  ) as Record<Algorithm, ReturnType<typeof mostInAnyWindow>>;
  return { times, counts, most };
}

function burstOutcome(most: Record<Algorithm, { most: number }>, limit: number): StepOutcome {
  return ALGORITHMS.some((a) => most[a].most > limit) ? 'over-limit' : 'safe';
}

const common = (p: Readonly<Record<string, number>>) => ({ burst: p.burst, clients: p.clients, limit: p.limit, window: p.windowSeconds });

/** "fixed window 5, sliding log 5, token bucket 5" as the replies counted them. */
function allowedPhrase(counts: Record<Algorithm, { allowed: number }>): Message {
  return msg('rate.allowed', { fixed: counts.fixed.allowed, sliding: counts.sliding.allowed, token: counts.token.allowed });
}

function mostPhrase(a: Algorithm, m: { most: number; from: number; to: number }, limit: number, windowSeconds: number): Message {
  return msg(m.most > limit ? 'rate.most.over' : 'rate.most.within', { name: algoName(a), most: m.most, limit, window: windowSeconds, from: seconds(m.from), to: seconds(m.to) });
}

export const rateLimiting = definePattern<RateState>({
  id: 'rate-limiting',
  title: msg('rate.title'),
  group: 'Rate limiting',
  summary: msg('rate.summary'),
  params: [
    { name: 'limit', label: msg('rate.param.limit'), min: 1, max: 20, default: 5 },
    { name: 'windowSeconds', label: msg('rate.param.window'), min: 2, max: 60, default: 10, unit: msg('unit.s') },
    { name: 'burst', label: msg('rate.param.burst'), min: 1, max: 50, default: 10 },
    { name: 'clients', label: msg('rate.param.clients'), min: 1, max: 10, default: 3 },
  ],
  actors: ['client'],
  panels: ['keys'],
  createState: () => ({ marks: { fixed: [], sliding: [], token: [] }, bursts: 0 }),
  steps: [
    {
      title: (p) => msg('rate.step.before', { ...common(p), at: seconds(burstTimes(p, 0)[0]) }),
      code: [sourceRegion(source, 'burst'), sourceRegion(source, 'fixed'), sourceRegion(source, 'sliding'), sourceRegion(source, 'token')].join('\n\n'),
      actors: ['client'],
      run: async (ctx) => {
        const { counts, most } = await runBurst(ctx, 0);
        return {
          narrative: msg('rate.before', { ...common(ctx.params), allowed: allowedPhrase(counts), tokens: counts.token.last.seen }),
          outcome: burstOutcome(most, ctx.params.limit),
        };
      },
    },
    {
      title: (p) => msg('rate.step.after', { ...common(p), at: seconds(burstTimes(p, 1)[0]) }),
      code: [sourceRegion(source, 'burst'), sourceRegion(source, 'fixed'), sourceRegion(source, 'sliding'), sourceRegion(source, 'token')].join('\n\n'),
      actors: ['client'],
      run: async (ctx) => {
        const { counts, most } = await runBurst(ctx, 1);
        const { limit, windowSeconds } = ctx.params;
        const firstCount = ctx.state.marks.fixed.find((m) => m.at >= windowSeconds * 1000)?.seen ?? 0;
        const fixed = most.fixed;
        return {
          narrative: msg('rate.after', {
            ...common(ctx.params),
            allowed: allowedPhrase(counts),
            firstCount,
            fixedMost: fixed.most,
            span: seconds(fixed.to - fixed.from),
            times: Math.round((fixed.most / limit) * 10) / 10,
            sliding: mostPhrase('sliding', most.sliding, limit, windowSeconds),
            token: mostPhrase('token', most.token, limit, windowSeconds),
          }),
          outcome: burstOutcome(most, limit),
        };
      },
    },
    {
      title: (p) => msg('rate.step.later', { ...common(p), at: seconds(burstTimes(p, 2)[0]) }),
      code: [sourceRegion(source, 'burst'), sourceRegion(source, 'sliding'), sourceRegion(source, 'token')].join('\n\n'),
      actors: ['client'],
      run: async (ctx) => {
        const { counts, most } = await runBurst(ctx, 2);
        const { limit, windowSeconds } = ctx.params;
        return {
          narrative: msg('rate.later', {
            ...common(ctx.params),
            allowed: allowedPhrase(counts),
            sliding: mostPhrase('sliding', most.sliding, limit, windowSeconds),
            token: mostPhrase('token', most.token, limit, windowSeconds),
            bound: 2 * limit,
          }),
          outcome: burstOutcome(most, limit),
        };
      },
    },
  ],
  inspect: ({ state, params }) => Promise.resolve([requestsPanel(state, params)]),
});

/** The timeline: one row per limiter, every request a mark at its virtual time, counts per fixed window. */
export function requestsPanel(state: RateState, params: Readonly<Record<string, number>>): RequestsPanel {
  const windowMs = params.windowSeconds * 1000;
  const all = ALGORITHMS.flatMap((a) => state.marks[a].map((m) => m.at));
  const from = all.length ? Math.floor((Math.min(...all) - windowMs / 10) / 100) * 100 : windowMs - windowMs / 5;
  const to = all.length ? Math.ceil((Math.max(...all) + windowMs / 10) / 100) * 100 : windowMs + windowMs / 5;
  const firstWindow = Math.floor(from / windowMs);
  const lastWindow = Math.floor(to / windowMs);
  const boundaries = [];
  for (let w = firstWindow + 1; w <= lastWindow; w++) boundaries.push(w * windowMs);
  return {
    kind: 'requests',
    title: msg('rate.panel.title', { limit: params.limit, window: params.windowSeconds }),
    from,
    to,
    boundaries,
    rows: ALGORITHMS.map((a) => {
      const marks = state.marks[a];
      const allowed = marks.filter((m) => m.allowed);
      const most = mostInAnyWindow(
        allowed.map((m) => m.at),
        windowMs,
      );
      const over = most.most > params.limit;
      const tone: Tone = marks.length === 0 ? 'neutral' : outcomeTone(over ? 'over-limit' : 'safe');
      const windows = [];
      for (let w = firstWindow; w <= lastWindow; w++) {
        const inside = marks.filter((m) => Math.floor(m.at / windowMs) === w);
        if (inside.length) windows.push({ from: w * windowMs, to: (w + 1) * windowMs, allowed: inside.filter((m) => m.allowed).length, denied: inside.filter((m) => !m.allowed).length });
      }
      return {
        label: algoName(a),
        tone,
        requests: marks.map((m) => ({ at: m.at, allowed: m.allowed, actor: 'client' as ActorId, lane: m.lane, detail: SEEN[a](m.seen) })),
        windows,
        figures: [
          { label: msg('rate.panel.allowed'), value: allowed.length },
          { label: msg('rate.panel.denied'), value: marks.length - allowed.length },
          { label: msg('rate.panel.most', { window: params.windowSeconds }), value: most.most, tone: over ? outcomeTone('over-limit') : 'neutral' },
        ],
      };
    }),
  };
}
