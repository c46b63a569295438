import source from './eviction.ts?raw';
import type { CountersPanel, PanelData, SeriesPanel } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { seededRandom } from '../explorer/prng';
import { TTL_PARAM, dbLatencyParam } from './common-params';
import { pushPoint } from './series-ring';

/** The policies the pattern compares, in the order of its `policy` parameter. */
export const POLICIES = ['allkeys-lru', 'allkeys-lfu', 'volatile-ttl', 'noeviction'] as const;
export type Policy = (typeof POLICIES)[number];

/** How many of the hottest and of the coldest users the survivors step checks with EXISTS. */
export const SAMPLE = 10;
const MB = 1024 * 1024;

// #region read
/**
 * Cache-aside as in the article (GET, on a miss the database and SETEX),
 * on many users. Under noeviction a full Redis refuses the SETEX with
 * "OOM command not allowed when used memory > 'maxmemory'": the read still
 * serves the row from the database, and the refusal is counted.
 */
export async function readUser({ redis, db, key, params }: ActorContext, userId: number) {
  const cacheKey = key(`user:${userId}`);
  const cached = await redis.get(cacheKey);
  if (cached !== null) return { hit: true, oom: null };

  const user = await db.fetchUser(userId); // the slow query
  if (!user) return { hit: false, oom: null };
  // The cached entry: the row and its rendered profile (valueBytes long), what fills the memory.
  const value = JSON.stringify({ ...user, profile: 'x'.repeat(params.valueBytes) });
  try {
    await redis.setex(cacheKey, params.ttlSeconds, value);
    return { hit: false, oom: null };
  } catch (err) {
    const message = (err as Error).message;
    if (!message.startsWith('OOM')) throw err;
    return { hit: false, oom: message };
  }
}
// #endregion

// #region configure
/** The admin reads what the server had, then sets a small maxmemory and the policy to watch. */
async function configure({ redis }: ActorContext, maxmemoryBytes: number, policy: Policy) {
  const [, previousMax] = (await redis.call('CONFIG', 'GET', 'maxmemory')) as string[];
  const [, previousPolicy] = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
  const used = infoField(String(await redis.call('INFO', 'memory')), 'used_memory');
  if (used >= maxmemoryBytes * 0.9) return { previousMax, previousPolicy, used, set: false };
  await redis.call('CONFIG', 'SET', 'maxmemory', maxmemoryBytes);
  await redis.call('CONFIG', 'SET', 'maxmemory-policy', policy);
  return { previousMax, previousPolicy, used, set: true };
}

/** On Restore, Reset, another pattern or disconnect: what the server had before. */
async function restore({ redis }: ActorContext, previous: { maxmemory: string; policy: string }) {
  await redis.call('CONFIG', 'SET', 'maxmemory', previous.maxmemory);
  await redis.call('CONFIG', 'SET', 'maxmemory-policy', previous.policy);
}
// #endregion

// #region survivors
/** Which of the sampled users' entries Redis still holds: one EXISTS each, so the reply names the key. */
async function stillCached({ redis, key }: ActorContext, userIds: number[]) {
  const cached: number[] = [];
  for (const id of userIds) if ((await redis.call('EXISTS', key(`user:${id}`))) === 1) cached.push(id);
  return cached;
}
// #endregion

/** A number field of an INFO section ("evicted_keys:12"), 0 when absent. */
export function infoField(info: string, field: string): number {
  const match = new RegExp(`^${field}:(\\d+)`, 'm').exec(info);
  return match ? Number(match[1]) : 0;
}

/**
 * A Zipf sampler over users 1..n: user k is read with weight 1/k^s, so user 1
 * is the hottest; s = 0 reads every user alike. Inverse CDF by binary search.
 */
export function zipfSampler(n: number, s: number): (random: () => number) => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = total += 1 / Math.pow(k, s);
  return (random) => {
    const u = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

type Series = SeriesPanel['series'][number];

/** One policy's run of the seeded workload: what the app counted from replies and what INFO said. */
interface PolicyRun {
  policy: Policy;
  random: () => number;
  reads: number;
  hits: number;
  misses: number;
  oom: number;
  /** The first OOM error as Redis worded it. */
  oomText?: string;
  evictedAtStart: number;
  evicted: number;
  /** Reads per user in this run and the read number of the last one, to pick cold users that were read. */
  perUser: Map<number, { n: number; last: number }>;
  hitRate: Series;
  evictions: Series;
  refusals: Series;
  /** Hottest and cold users still cached when the survivors step looked. */
  survivors?: { hot: number; cold: number };
}

interface EvictionState {
  /** The admin's context, kept so dispose can restore the server's settings. */
  admin?: ActorContext;
  previous?: { maxmemory: string; policy: string };
  runs: PolicyRun[];
  usedMb?: number;
  /** Every user any run read: what the compare step deletes before each policy starts again. */
  read: Set<number>;
  sampler?: (random: () => number) => number;
}

const policyOf = (params: Readonly<Record<string, number>>): Policy => POLICIES[params.policy] ?? 'allkeys-lru';
const zipfS = (params: Readonly<Record<string, number>>) => params.zipf / 100;
const bucketOf = (params: Readonly<Record<string, number>>) => Math.max(10, Math.round(params.reads / 10));
const mb = (bytes: number) => Math.round((bytes / MB) * 100) / 100;

function newRun(policy: Policy, seed: number, evictedAtStart: number): PolicyRun {
  const color = POLICIES.indexOf(policy);
  const name = msg('eviction.series.policy', { policy });
  return {
    policy,
    random: seededRandom(seed),
    reads: 0,
    hits: 0,
    misses: 0,
    oom: 0,
    evictedAtStart,
    evicted: 0,
    perUser: new Map(),
    hitRate: { name, color, points: [], dropped: 0 },
    evictions: { name, color, points: [], dropped: 0 },
    refusals: { name: msg('eviction.series.oom', { policy }), color, points: [], dropped: 0 },
  };
}

async function evictedKeys(admin: ActorContext): Promise<number> {
  return infoField(String(await admin.redis.call('INFO', 'stats')), 'evicted_keys');
}

/**
 * Runs `count` cache-aside reads of the run's seeded Zipf sequence as the
 * client. Every bucket of reads adds a point: the bucket's hit rate (the
 * app's own HIT/MISS, from the GET replies) and the keys evicted so far
 * (INFO stats evicted_keys minus its value when the run started).
 */
async function readRound(ctx: StepContext<EvictionState>, run: PolicyRun, count: number) {
  const { state, params } = ctx;
  const client = ctx.as('client');
  const admin = ctx.as('admin');
  state.sampler ??= zipfSampler(params.users, zipfS(params));
  const bucket = bucketOf(params);
  const before = { hits: run.hits, misses: run.misses, oom: run.oom, evicted: run.evicted };
  let bucketHits = 0;
  let bucketReads = 0;
  for (let i = 0; i < count; i++) {
    const userId = state.sampler(run.random);
    const { hit, oom } = await readUser(client, userId);
    run.reads++;
    run.perUser.set(userId, { n: (run.perUser.get(userId)?.n ?? 0) + 1, last: run.reads });
    state.read.add(userId);
    bucketReads++;
    if (hit) {
      run.hits++;
      bucketHits++;
    } else run.misses++;
    if (oom) {
      run.oom++;
      run.oomText ??= oom;
    }
    if (bucketReads === bucket || i === count - 1) {
      run.evicted = (await evictedKeys(admin)) - run.evictedAtStart;
      pushPoint(run.hitRate, run.reads, Math.round((bucketHits / bucketReads) * 1000) / 10);
      pushPoint(run.evictions, run.reads, run.evicted);
      pushPoint(run.refusals, run.reads, run.oom);
      bucketHits = 0;
      bucketReads = 0;
    }
  }
  const used = infoField(String(await admin.redis.call('INFO', 'memory')), 'used_memory');
  state.usedMb = mb(used);
  return { hits: run.hits - before.hits, misses: run.misses - before.misses, oom: run.oom - before.oom, evicted: run.evicted - before.evicted, usedMb: mb(used) };
}

function requireRun(state: EvictionState): PolicyRun {
  const run = state.runs[0];
  if (!run) throw new AppError('busy', msg('eviction.error.notConfigured'));
  return run;
}

const rate = (hits: number, reads: number) => (reads === 0 ? 0 : Math.round((hits / reads) * 1000) / 10);

async function roundStep(ctx: StepContext<EvictionState>) {
  const run = requireRun(ctx.state);
  const r = await readRound(ctx, run, ctx.params.reads);
  const reads = r.hits + r.misses;
  const values = { reads, policy: run.policy, hits: r.hits, misses: r.misses, rate: rate(r.hits, reads), evicted: r.evicted, oom: r.oom, used: r.usedMb, max: ctx.params.maxmemoryMb };
  const narrative =
    r.oom > 0 ? msg('eviction.round.oom', { ...values, error: run.oomText ?? '' }) : msg('eviction.round', values);
  return { narrative, outcome: r.oom > 0 ? ('oom' as const) : r.hits >= r.misses ? ('hit' as const) : ('miss' as const) };
}

/** The hottest users (1..SAMPLE) and SAMPLE cold ones: read once by the run, longest ago first. */
function samples(run: PolicyRun): { hot: number[]; cold: number[] } {
  const hot = Array.from({ length: SAMPLE }, (_, i) => i + 1);
  const cold = [...run.perUser.entries()]
    .filter(([id, r]) => id > SAMPLE && r.n === 1)
    .sort((a, b) => a[1].last - b[1].last)
    .slice(0, SAMPLE)
    .map(([id]) => id);
  return { hot, cold };
}

const params = [
  { name: 'maxmemoryMb', label: msg('eviction.param.maxmemory'), min: 2, max: 16, default: 3, unit: msg('eviction.unit.mb') },
  { name: 'policy', label: msg('eviction.param.policy'), min: 0, max: 3, default: 0 },
  { name: 'zipf', label: msg('eviction.param.zipf'), min: 0, max: 300, default: 100 },
  { name: 'users', label: msg('eviction.param.users'), min: 100, max: 20_000, default: 2000 },
  { name: 'reads', label: msg('eviction.param.reads'), min: 50, max: 5000, default: 400 },
  { name: 'valueBytes', label: msg('eviction.param.valueBytes'), min: 100, max: 65_536, default: 8192, unit: msg('eviction.unit.bytes') },
  { name: 'seed', label: msg('eviction.param.seed'), min: 1, max: 1_000_000, default: 1 },
  { name: 'allowConfig', label: msg('eviction.param.allowConfig'), min: 0, max: 1, default: 0 },
  TTL_PARAM,
  dbLatencyParam(0),
];

async function restoreNow(state: EvictionState, admin = state.admin): Promise<{ maxmemory: string; policy: string } | null> {
  const previous = state.previous;
  if (!previous || !admin) return null;
  state.previous = undefined;
  await restore(admin, previous);
  return previous;
}

/** A series as it is now: a step's snapshot must not grow with the run's later points. */
const copy = (s: Series): Series => ({ ...s, points: s.points.map(([x, y]) => [x, y]) });

function panels(state: EvictionState, p: Readonly<Record<string, number>>): PanelData[] {
  const runs = state.runs;
  const hitRate: SeriesPanel = {
    kind: 'series',
    title: msg('eviction.panel.hitRate', { bucket: bucketOf(p) }),
    xLabel: msg('eviction.panel.reads'),
    yLabel: msg('eviction.panel.hitPercent'),
    yRange: [0, 100],
    series: runs.map((r) => copy(r.hitRate)),
    caption: msg('eviction.panel.hitRate.caption', { s: zipfS(p), users: p.users, seed: p.seed }),
  };
  const pressure: SeriesPanel = {
    kind: 'series',
    title: msg('eviction.panel.pressure'),
    xLabel: msg('eviction.panel.reads'),
    yLabel: msg('eviction.panel.keys'),
    // noeviction evicts nothing by definition: its line here is its OOM refusals.
    series: [...runs.filter((r) => r.policy !== 'noeviction').map((r) => copy(r.evictions)), ...runs.filter((r) => r.oom > 0 || r.policy === 'noeviction').map((r) => copy(r.refusals))],
    caption: msg('eviction.panel.pressure.caption'),
  };
  const counters: CountersPanel = {
    kind: 'counters',
    title: msg('eviction.panel.counters', { max: p.maxmemoryMb }),
    columns: runs.map((r) => ({
      title: msg('eviction.series.policy', { policy: r.policy }),
      tone: r.oom > 0 ? 'bad' : r.reads > 0 ? 'ok' : 'neutral',
      items: [
        { label: msg('eviction.counter.reads'), value: r.reads },
        { label: msg('eviction.counter.hitRate'), value: r.reads ? msg('eviction.percent', { value: rate(r.hits, r.reads) }) : null },
        { label: msg('eviction.counter.evicted'), value: r.evicted, tone: r.evicted > 0 ? 'warn' : 'neutral' },
        { label: msg('eviction.counter.oom'), value: r.oom, tone: r.oom > 0 ? 'bad' : 'neutral' },
        { label: msg('eviction.counter.hot'), value: r.survivors ? msg('eviction.ofSample', { n: r.survivors.hot, of: SAMPLE }) : null },
        { label: msg('eviction.counter.cold'), value: r.survivors ? msg('eviction.ofSample', { n: r.survivors.cold, of: SAMPLE }) : null },
      ],
    })),
  };
  return [hitRate, pressure, counters];
}

/**
 * No explorer race: what this pattern shows is a policy, not an
 * interleaving. Which key Redis evicts depends on its own sampling and the
 * access history, not on the order two actors' commands interleave; two
 * readers refilling under noeviction both get OOM whatever the order. So
 * nothing is registered in races.ts; the compare step runs the same seeded
 * reads under every policy instead.
 */
export const eviction = definePattern<EvictionState>({
  id: 'eviction',
  title: msg('eviction.title'),
  group: 'Memory',
  summary: msg('eviction.summary'),
  params,
  actors: ['client', 'database', 'admin'],
  panels: [],
  createState: () => ({ runs: [], read: new Set() }),
  // Reset, another pattern or a disconnect: the server gets its maxmemory and policy back.
  dispose: async (state) => {
    await restoreNow(state).catch(() => undefined);
  },
  inspect: async ({ state, params: p }) => panels(state, p),
  steps: [
    {
      title: (p) => msg('eviction.step.configure', { max: p.maxmemoryMb, policy: policyOf(p), users: p.users }),
      code: sourceRegion(source, 'configure'),
      actors: ['admin', 'database'],
      run: async (ctx) => {
        const { params: p, state } = ctx;
        if (ctx.connectionKind === 'existing' && p.allowConfig !== 1) throw new AppError('unsupported', msg('eviction.error.consent'));
        const admin = ctx.as('admin');
        const policy = policyOf(p);
        const result = await configure(admin, p.maxmemoryMb * MB, policy);
        if (!result.set) throw new AppError('unsupported', msg('eviction.error.tooFull', { used: mb(result.used), max: p.maxmemoryMb }));
        state.admin = admin;
        state.previous ??= { maxmemory: result.previousMax, policy: result.previousPolicy };
        const added = await admin.db.addUsers(p.users);
        state.runs = [newRun(policy, p.seed, await evictedKeys(admin))];
        const [, nowMax] = (await admin.redis.call('CONFIG', 'GET', 'maxmemory')) as string[];
        const [, nowPolicy] = (await admin.redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
        state.usedMb = mb(result.used);
        return {
          narrative: msg('eviction.configured', {
            previousMax: Number(state.previous.maxmemory),
            previousPolicy: state.previous.policy,
            used: mb(result.used),
            max: mb(Number(nowMax)),
            policy: nowPolicy,
            users: p.users,
            added,
          }),
          outcome: 'write',
        };
      },
    },
    {
      title: (p) => msg('eviction.step.round1', { reads: p.reads, s: zipfS(p), seed: p.seed, policy: policyOf(p) }),
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database', 'admin'],
      run: roundStep,
    },
    {
      title: (p) => msg('eviction.step.round2', { reads: p.reads, policy: policyOf(p) }),
      code: sourceRegion(source, 'read'),
      actors: ['client', 'database', 'admin'],
      run: roundStep,
    },
    {
      title: msg('eviction.step.survivors', { n: SAMPLE }),
      code: sourceRegion(source, 'survivors'),
      actors: ['admin'],
      run: async (ctx) => {
        const run = requireRun(ctx.state);
        const { hot, cold } = samples(run);
        const admin = ctx.as('admin');
        const hotCached = await stillCached(admin, hot);
        const coldCached = await stillCached(admin, cold);
        run.survivors = { hot: hotCached.length, cold: coldCached.length };
        const hotReads = hot.reduce((t, id) => t + (run.perUser.get(id)?.n ?? 0), 0);
        return {
          narrative: msg('eviction.survivors', {
            policy: run.policy,
            n: SAMPLE,
            hot: hotCached.length,
            hotReads,
            reads: run.reads,
            cold: coldCached.length,
            coldSampled: cold.length,
            evicted: run.evicted,
          }),
          outcome: 'info',
        };
      },
    },
    {
      title: (p) => msg('eviction.step.compare', { reads: p.reads * 2, policy: policyOf(p) }),
      code: sourceRegion(source, 'read'),
      actors: ['admin', 'client', 'database'],
      run: async (ctx) => {
        const { state, params: p } = ctx;
        const chosen = requireRun(state);
        const admin = ctx.as('admin');
        for (const policy of POLICIES) {
          if (policy === chosen.policy) continue;
          // Each policy starts from an empty cache: the admin deletes what earlier runs cached.
          const ids = [...state.read];
          for (let i = 0; i < ids.length; i += 500) await admin.redis.del(...ids.slice(i, i + 500).map((id) => ctx.key(`user:${id}`)));
          await admin.redis.call('CONFIG', 'SET', 'maxmemory-policy', policy);
          const run = newRun(policy, p.seed, await evictedKeys(admin));
          state.runs.push(run);
          await readRound(ctx, run, p.reads * 2);
        }
        await admin.redis.call('CONFIG', 'SET', 'maxmemory-policy', chosen.policy);
        const byPolicy = POLICIES.map((policy) => state.runs.find((r) => r.policy === policy)!);
        const lines = byPolicy.map((r) => msg('eviction.compare.line', { policy: r.policy, rate: rate(r.hits, r.reads), evicted: r.evicted, oom: r.oom }));
        const lru = byPolicy[0];
        const none = byPolicy[3];
        const fixed = none.oom > 0 && lru.oom === 0;
        return {
          narrative: msg(fixed ? 'eviction.compare.fixed' : 'eviction.compare', {
            reads: p.reads * 2,
            a: lines[0],
            b: lines[1],
            c: lines[2],
            d: lines[3],
            oom: none.oom,
            evicted: lru.evicted,
            lruRate: rate(lru.hits, lru.reads),
            noneRate: rate(none.hits, none.reads),
          }),
          outcome: fixed ? 'safe' : 'info',
        };
      },
    },
    {
      title: msg('eviction.step.restore'),
      code: sourceRegion(source, 'configure'),
      actors: ['admin'],
      run: async (ctx) => {
        const admin = ctx.as('admin');
        const previous = await restoreNow(ctx.state, admin);
        const [, nowMax] = (await admin.redis.call('CONFIG', 'GET', 'maxmemory')) as string[];
        const [, nowPolicy] = (await admin.redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
        const narrative: Message = previous ? msg('eviction.restored', { max: Number(nowMax), policy: nowPolicy }) : msg('eviction.restored.nothing', { max: Number(nowMax), policy: nowPolicy });
        return { narrative, outcome: 'info' };
      },
    },
  ],
});
