import source from './rate-limiting-ttl.ts?raw';
import type { CountersPanel } from '../../../shared/model';
import { outcomeTone } from '../../../shared/outcomes';
import { msg, type Message } from '../../../shared/i18n/message';
import { holdAtGate, type HeldActor } from '../engine/gate';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';

export interface Verdict {
  allowed: boolean;
  count: number;
}

// #region split
/** The classic counter: INCR, and the first request of a window sets its EXPIRE — two commands. */
export async function limitSplit({ redis, key, params }: ActorContext, user: string, dies = async () => {}): Promise<Verdict> {
  const counter = key(`ratelimit:split:${user}`);
  const count = Number(await redis.call('INCR', counter));
  await dies(); // a client can die here: a crash, a deploy, a timeout
  if (count === 1) await redis.call('EXPIRE', counter, params.windowSeconds);
  return { allowed: count <= params.limit, count };
}
// #endregion

// #region atomic
/**
 * The fix: INCR and the EXPIRE in one script, so no client can die between
 * them. It sets the TTL whenever the counter has none (PTTL -1), not only
 * on the first request. (SET key 0 NX EX + INCR is the other fix; it
 * still leaves a key without TTL if the key expires between the two.)
 */
export const INCR_WITH_TTL = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count`;

export async function limitAtomic({ redis, key, params }: ActorContext, user: string, dies = async () => {}): Promise<Verdict> {
  const counter = key(`ratelimit:atomic:${user}`);
  const count = Number(await runScript(redis, INCR_WITH_TTL, [counter], [params.windowSeconds]));
  await dies(); // dying here leaves a counter that expires: the TTL came with the INCR
  return { allowed: count <= params.limit, count };
}
// #endregion

// #region pttl
/** What the operator sees: PTTL -1 is "no expiry", -2 "no such key". */
export async function inspectCounter({ redis, key }: ActorContext, name: string) {
  return { pttl: await redis.pttl(key(name)), exists: Number(await redis.call('EXISTS', key(name))) };
}
// #endregion

// #region wait
/** The window's TTL runs out in real time: wait for it, then look again. */
export async function waitOut(admin: ActorContext, name: string) {
  const { pttl } = await inspectCounter(admin, name);
  if (pttl > 0) await new Promise((resolve) => setTimeout(resolve, pttl + 50));
  return inspectCounter(admin, name);
}
// #endregion

export const USER = 'alice';
export const SPLIT_KEY = `ratelimit:split:${USER}`;
export const ATOMIC_KEY = `ratelimit:atomic:${USER}`;

type Way = 'split' | 'atomic';

interface Tally {
  allowed: number;
  denied: number;
  count: number | null;
  pttl: number | null;
  died: boolean;
}

export interface TtlState {
  split: Tally;
  atomic: Tally;
  held?: HeldActor<Verdict>;
}

const fresh = (): Tally => ({ allowed: 0, denied: 0, count: null, pttl: null, died: false });
const crashed = () => new Error('client process died');

const LIMITERS: Record<Way, (client: ActorContext, user: string, dies?: () => Promise<void>) => Promise<Verdict>> = { split: limitSplit, atomic: limitAtomic };
const KEYS: Record<Way, string> = { split: SPLIT_KEY, atomic: ATOMIC_KEY };

/** A client sends one request and dies at its gate; the command it had sent is done, nothing after it runs. */
async function dieMidRequest(ctx: StepContext<TtlState>, way: Way) {
  const held = await holdAtGate((gate) => LIMITERS[way](ctx.as('client'), USER, gate));
  ctx.state.held = held;
  await held.break(crashed());
  ctx.state.held = undefined;
  ctx.as('client').note(msg('rateTtl.event.died'));
  const { pttl } = await inspectCounter(ctx.as('admin'), KEYS[way]);
  const count = Number((await ctx.peekKey(ctx.key(KEYS[way]))).value ?? 0);
  Object.assign(ctx.state[way], { count, pttl, died: true });
  return { count, pttl };
}

/** The user's requests, one after another; each verdict counted from INCR's reply. */
async function requests(ctx: StepContext<TtlState>, way: Way) {
  const client = ctx.as('client');
  let allowed = 0;
  let count = 0;
  for (let i = 0; i < ctx.params.requests; i++) {
    const v = await LIMITERS[way](client, USER);
    if (v.allowed) allowed++;
    count = v.count;
  }
  const denied = ctx.params.requests - allowed;
  const { pttl } = await inspectCounter(ctx.as('admin'), KEYS[way]);
  const t = ctx.state[way];
  Object.assign(t, { allowed: t.allowed + allowed, denied: t.denied + denied, count, pttl });
  return { allowed, denied, count, pttl };
}

function pttlPhrase(pttl: number): Message {
  return pttl === -1 ? msg('rateTtl.pttl.none') : pttl === -2 ? msg('rateTtl.pttl.gone') : msg('rateTtl.pttl.left', { ms: pttl });
}

function column(title: Message, t: Tally): CountersPanel['columns'][number] {
  const noTtl = t.pttl === -1;
  const tone = t.pttl === null ? 'neutral' : outcomeTone(noTtl ? 'no-ttl' : 'safe');
  return {
    title,
    tone,
    items: [
      { label: msg('rateTtl.panel.count'), value: t.count },
      { label: msg('rateTtl.panel.pttl'), value: t.pttl === null ? null : pttlPhrase(t.pttl), tone },
      { label: msg('rateTtl.panel.allowed'), value: t.pttl === null ? null : t.allowed },
      { label: msg('rateTtl.panel.denied'), value: t.pttl === null ? null : t.denied, tone: noTtl && t.denied > 0 ? outcomeTone('no-ttl') : 'neutral' },
    ],
  };
}

const code = (...regions: string[]) => regions.map((r) => sourceRegion(source, r)).join('\n\n');

export const rateLimitingTtl = definePattern<TtlState>({
  id: 'rate-limiting-ttl',
  title: msg('rateTtl.title'),
  group: 'Rate limiting',
  summary: msg('rateTtl.summary'),
  params: [
    { name: 'limit', label: msg('rate.param.limit'), min: 1, max: 20, default: 5 },
    { name: 'windowSeconds', label: msg('rate.param.window'), min: 1, max: 10, default: 2, unit: msg('unit.s') },
    { name: 'requests', label: msg('rateTtl.param.requests'), min: 1, max: 50, default: 8 },
  ],
  actors: ['client', 'admin'],
  panels: ['keys'],
  createState: () => ({ split: fresh(), atomic: fresh() }),
  dispose: (state) => state.held?.break(new Error('reset')),
  steps: [
    {
      title: msg('rateTtl.step.splitDies'),
      code: code('split', 'pttl'),
      actors: ['client', 'admin'],
      run: async (ctx) => {
        const { count, pttl } = await dieMidRequest(ctx, 'split');
        return { narrative: msg('rateTtl.splitDies', { count, pttl: pttlPhrase(pttl) }), outcome: pttl === -1 ? 'no-ttl' : 'write' };
      },
    },
    {
      title: (p) => msg('rateTtl.step.requests', { requests: p.requests, way: msg('rateTtl.way.split') }),
      code: code('split', 'pttl'),
      actors: ['client', 'admin'],
      run: async (ctx) => {
        const r = await requests(ctx, 'split');
        return {
          narrative: msg('rateTtl.requests', { ...r, limit: ctx.params.limit, pttl: pttlPhrase(r.pttl), stuck: r.pttl === -1 ? 'yes' : 'no' }),
          outcome: r.pttl === -1 ? 'no-ttl' : 'info',
        };
      },
    },
    {
      title: msg('rateTtl.step.atomicDies'),
      code: code('atomic', 'pttl'),
      actors: ['client', 'admin'],
      run: async (ctx) => {
        const { count, pttl } = await dieMidRequest(ctx, 'atomic');
        return { narrative: msg('rateTtl.atomicDies', { count, pttl: pttlPhrase(pttl) }), outcome: pttl === -1 ? 'no-ttl' : 'safe' };
      },
    },
    {
      title: (p) => msg('rateTtl.step.requests', { requests: p.requests, way: msg('rateTtl.way.atomic') }),
      code: code('atomic', 'pttl'),
      actors: ['client', 'admin'],
      run: async (ctx) => {
        const r = await requests(ctx, 'atomic');
        return {
          narrative: msg('rateTtl.requests', { ...r, limit: ctx.params.limit, pttl: pttlPhrase(r.pttl), stuck: r.pttl === -1 ? 'yes' : 'no' }),
          outcome: r.pttl === -1 ? 'no-ttl' : 'safe',
        };
      },
    },
    {
      title: (p) => msg('rateTtl.step.wait', { window: p.windowSeconds }),
      code: code('wait', 'pttl'),
      actors: ['admin'],
      run: async (ctx) => {
        const admin = ctx.as('admin');
        const atomic = await waitOut(admin, ATOMIC_KEY);
        const split = await inspectCounter(admin, SPLIT_KEY);
        ctx.state.atomic.pttl = atomic.pttl;
        ctx.state.split.pttl = split.pttl;
        return {
          narrative: msg('rateTtl.wait', { atomicExists: atomic.exists, atomicPttl: pttlPhrase(atomic.pttl), splitExists: split.exists, splitPttl: pttlPhrase(split.pttl) }),
          outcome: split.pttl === -1 ? 'no-ttl' : 'safe',
        };
      },
    },
    {
      title: (p) => msg('rateTtl.step.again', { requests: p.requests }),
      code: code('split', 'atomic'),
      actors: ['client', 'admin'],
      run: async (ctx) => {
        const split = await requests(ctx, 'split');
        const atomic = await requests(ctx, 'atomic');
        return {
          narrative: msg('rateTtl.again', {
            requests: ctx.params.requests,
            splitAllowed: split.allowed,
            splitCount: split.count,
            splitPttl: pttlPhrase(split.pttl),
            atomicAllowed: atomic.allowed,
            atomicPttl: pttlPhrase(atomic.pttl),
          }),
          outcome: split.pttl === -1 && split.allowed === 0 ? 'no-ttl' : 'safe',
        };
      },
    },
  ],
  inspect: ({ state }) =>
    Promise.resolve([
      {
        kind: 'counters',
        title: msg('rateTtl.panel.title'),
        columns: [column(msg('rateTtl.way.split'), state.split), column(msg('rateTtl.way.atomic'), state.atomic)],
      },
    ]),
});
