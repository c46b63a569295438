import { msg, type Message } from '../../../shared/i18n/message';
import type { ActorContext, StepContext } from '../engine/pattern';
import type { ExploreDef, RaceVariant, RacingActor } from '../explorer/race';
import { preloadScripts } from './cache-aside-stale-refill.race';
import { burstTimes, fixedWindow, mostInAnyWindow, slidingLog, SLIDING_LOG, TOKEN_BUCKET, tokenBucket, USER, type Algorithm, type RateState, type Verdict } from './rate-limiting';
import { ATOMIC_KEY, INCR_WITH_TTL, limitAtomic, limitSplit, SPLIT_KEY, USER as TTL_USER } from './rate-limiting-ttl';

type Limiter = (client: ActorContext, now: number, requestId: string) => Promise<Verdict>;

const LIMITERS: Record<Algorithm, Limiter> = {
  fixed: (c, now) => fixedWindow(c, USER, now, c.params.limit, c.params.windowSeconds * 1000),
  sliding: (c, now, id) => slidingLog(c, USER, now, c.params.limit, c.params.windowSeconds * 1000, id),
  token: (c, now) => tokenBucket(c, USER, now, c.params.limit, c.params.windowSeconds * 1000),
};

/**
 * The two bursts of the pattern's first two steps (just before and just
 * after the edge of window 0), at the same virtual times, shared
 * round-robin among `clients` lanes; the scheduler decides which lane's
 * command runs next. Each verdict is recorded from the limiter's reply.
 */
function burstVariant(algorithm: Algorithm, label: Message): RaceVariant<RateState> {
  return {
    id: algorithm,
    label,
    setup: (ctx) => preloadScripts(ctx as StepContext<unknown>, SLIDING_LOG, TOKEN_BUCKET),
    actors: (ctx) => {
      const times = [...burstTimes(ctx.params, 0), ...burstTimes(ctx.params, 1)];
      const lanes = Math.min(ctx.params.clients, times.length);
      return Array.from(
        { length: lanes },
        (_, lane): RacingActor => ({
          actor: 'client',
          lane,
          run: async () => {
            const client = ctx.as('client', lane);
            for (let i = lane; i < times.length; i += lanes) {
              const v = await LIMITERS[algorithm](client, times[i], `${times[i]}-${i}`);
              ctx.state.marks[algorithm].push({ at: times[i], lane, allowed: v.allowed, seen: v.seen });
            }
          },
        }),
      );
    },
    check: (ctx) => {
      const allowed = ctx.state.marks[algorithm].filter((m) => m.allowed).map((m) => m.at);
      const { most } = mostInAnyWindow(allowed, ctx.params.windowSeconds * 1000);
      return Promise.resolve({ ok: most <= ctx.params.limit, measure: most });
    },
  };
}

/**
 * The limiters on one double burst, explored. Invariant: no window of
 * length W holds more than `limit` allowed requests. The fixed window
 * breaks it in every order (its windows are aligned, the burst straddles
 * an edge); the sliding log keeps it in every order. The token bucket
 * keeps it while its refill during the burst stays under one token (a
 * burst shorter than W / limit, as with the defaults); a longer burst
 * refills it mid-way and it allows more — its promise is `limit` at
 * once plus `limit` per W, not `limit` per any W.
 */
export const rateLimitingRace: ExploreDef<RateState> = {
  invariant: msg('explore.rate.invariant'),
  measure: msg('explore.rate.measure'),
  variants: [
    burstVariant('fixed', msg('explore.rate.fixed')),
    burstVariant('sliding', msg('explore.rate.sliding')),
    burstVariant('token', msg('explore.rate.token')),
  ],
};

interface Life {
  killed: boolean;
}

const killedError = () => new Error('client process killed');

/**
 * The client as a process that can be killed (as write-behind-crash's
 * worker): each command first checks it is alive, and once its reply is
 * back it dies if it was killed meanwhile. Under the scheduler the kill
 * lands while the client waits at its gate, so the command it was
 * sending still reaches the server and nothing after it runs: "after
 * INCR, before EXPIRE" is one of the reachable points.
 */
function killable(client: ActorContext, life: Life): ActorContext {
  const redis = new Proxy(client.redis, {
    get(target, prop) {
      const member = (target as unknown as Record<string | symbol, unknown>)[prop];
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]) => {
        if (life.killed) throw killedError();
        const reply: unknown = await (member as (...a: unknown[]) => Promise<unknown>)(...args);
        if (life.killed) throw killedError();
        return reply;
      };
    },
  });
  return { ...client, redis };
}

/** Counters under the namespace that exist with no TTL (PTTL -1), read untraced as the inspector reads. */
async function countersWithoutTtl(ctx: StepContext<unknown>, key: string) {
  const { value, ttl } = await ctx.peekKey(ctx.key(key));
  const stuck = value !== null && ttl === -1 ? 1 : 0;
  return { ok: stuck === 0, measure: stuck };
}

function ttlVariant(id: string, label: Message, limiter: typeof limitSplit, key: string, setup?: (ctx: StepContext<unknown>) => Promise<void>): RaceVariant<unknown> {
  return {
    id,
    label,
    setup,
    actors: (ctx) => {
      const client = ctx.as('client');
      const admin = ctx.as('admin');
      const life: Life = { killed: false };
      return [
        {
          actor: 'client',
          run: async () => {
            const alive = killable(client, life);
            await limiter(alive, TTL_USER);
            await limiter(alive, TTL_USER);
          },
        },
        {
          actor: 'admin',
          run: async () => {
            await admin.redis.call('ECHO', 'kill -9 client');
            life.killed = true;
            client.note(msg('rateTtl.event.died'));
          },
        },
      ];
    },
    check: (ctx) => countersWithoutTtl(ctx, key),
  };
}

/**
 * A client killed at any point of two requests, explored. Invariant:
 * every counter that exists has a TTL. INCR then EXPIRE breaks it when
 * the kill lands between them; the script (INCR and EXPIRE in one step)
 * keeps it in every order.
 */
export const rateLimitingTtlRace: ExploreDef<unknown> = {
  invariant: msg('explore.rateTtl.invariant'),
  measure: msg('explore.rateTtl.measure'),
  variants: [
    ttlVariant('split', msg('explore.rateTtl.split'), limitSplit, SPLIT_KEY),
    ttlVariant('atomic', msg('explore.rateTtl.atomic'), limitAtomic, ATOMIC_KEY, (ctx) => preloadScripts(ctx, INCR_WITH_TTL)),
  ],
};
