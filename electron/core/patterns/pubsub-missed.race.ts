import type { Redis } from 'ioredis';
import { msg } from '../../../shared/i18n/message';
import type { ActorContext, StepContext } from '../engine/pattern';
import type { ExploreDef, InvariantResult, RacingActor } from '../explorer/race';
import type { TracedClient } from '../redis/traced-client';
import { publishNotification, subscribeNotifications } from './pubsub';
import type { PubSubState } from './pubsub-state';

/** The users whose registration is published, one message each. */
const USERS = [123, 124];
const emailOf = (userId: number) => `user${userId}@example.com`;

type Who = 'A' | 'B';

/** What one schedule published and what each subscriber received, by e-mail. */
interface Deliveries {
  got: Record<Who, Set<string>>;
}

const deliveries = new WeakMap<PubSubState, Deliveries>();
const tally = (state: PubSubState) => {
  let d = deliveries.get(state);
  if (!d) deliveries.set(state, (d = { got: { A: new Set(), B: new Set() } }));
  return d;
};

/** Listeners a schedule added to the shared actor connections, removed before the next schedule. */
const listeners = new Map<Redis, ((...args: unknown[]) => void)[]>();
/** B's second connection, when a schedule left it subscribed. */
const subscribed = new Set<Redis>();

/**
 * Subscribes with the pattern's own code, and remembers the listener it
 * added so the next schedule starts from clean connections.
 */
async function subscribe(actor: ActorContext, onMessage: (email: string) => void) {
  const before = new Set(actor.connection.listeners('message'));
  await subscribeNotifications(actor, (data) => onMessage(data.email));
  const added = actor.connection.listeners('message').filter((l) => !before.has(l)) as ((...args: unknown[]) => void)[];
  listeners.set(actor.connection, [...(listeners.get(actor.connection) ?? []), ...added]);
  subscribed.add(actor.connection);
}

/**
 * The connections as a reset would leave them: no listener of an earlier
 * schedule, B's first connection up again (it QUIT last time; ioredis
 * subscribes it again by itself), B's second connection not subscribed.
 */
async function freshConnections(ctx: StepContext<PubSubState>) {
  for (const [connection, added] of listeners) for (const l of added) connection.off('message', l);
  listeners.clear();
  const b = ctx.as('subscriberB');
  if (b.connection.status === 'end') await b.connection.connect();
  const back = ctx.as('subscriberB', 1);
  await back.ready();
  if (subscribed.delete(back.connection)) await back.connection.unsubscribe();
}

/** B's connection drops: QUIT, so the server forgets B's subscription at a point the scheduler picks. */
const dropB = (ctx: StepContext<PubSubState>): RacingActor => ({ actor: 'subscriberB', run: () => ctx.as('subscriberB').redis.call('QUIT') });

/** Waits for every delivery in flight: a PING's reply comes after every message pushed before it on that connection. */
async function settle(connections: Redis[]) {
  await Promise.all(connections.filter((c) => c.status === 'ready').map((c) => c.ping()));
}

/** Every subscriber should have every message: the missed deliveries are counted. */
function missed(state: PubSubState): InvariantResult {
  const { got } = tally(state);
  let missing = 0;
  for (const who of ['A', 'B'] as const) for (const userId of USERS) if (!got[who].has(emailOf(userId))) missing++;
  return { ok: missing === 0, measure: missing };
}

// A Stream with one consumer group per subscriber: what Pub/Sub's narrative recommends for consumers that may be away.
const STREAM = 'notifications:stream';

async function readGroup(redis: TracedClient, stream: string, group: Who, into: Set<string>) {
  const reply = (await redis.call('XREADGROUP', 'GROUP', group, group.toLowerCase(), 'COUNT', 100, 'STREAMS', stream, '>')) as [string, [string, string[]][]][] | null;
  const entries = reply?.[0]?.[1] ?? [];
  for (const [, fields] of entries) into.add(fields[fields.indexOf('email') + 1]);
  if (entries.length) await redis.call('XACK', stream, group, ...entries.map(([id]) => id));
}

/**
 * The missed message, explored. The subscribers block waiting for
 * messages, so they are observers, not scheduled: A and B are subscribed
 * before the race. The racing actors are the publisher (two messages),
 * B's connection dropping (QUIT) and B coming back on a new connection
 * (subscriberB#1) that subscribes again. Invariant: every subscriber
 * receives every message.
 */
export const pubsubMissedRace: ExploreDef<PubSubState> = {
  invariant: msg('explore.pubsubMissed.invariant'),
  measure: msg('explore.pubsubMissed.measure'),
  variants: [
    {
      id: 'article',
      label: msg('explore.pubsubMissed.article'),
      setup: async (ctx) => {
        await freshConnections(ctx);
        const { got } = tally(ctx.state);
        await subscribe(ctx.as('subscriber'), (email) => got.A.add(email));
        await subscribe(ctx.as('subscriberB'), (email) => got.B.add(email));
      },
      actors: (ctx) => {
        const { got } = tally(ctx.state);
        return [
          {
            actor: 'client',
            run: async () => {
              for (const userId of USERS) await publishNotification(ctx.as('client'), userId, emailOf(userId));
            },
          },
          dropB(ctx),
          { actor: 'subscriberB', lane: 1, run: () => subscribe(ctx.as('subscriberB', 1), (email) => got.B.add(email)) },
        ];
      },
      check: async (ctx) => {
        await settle([ctx.as('subscriber').connection, ctx.as('subscriberB', 1).connection]);
        return missed(ctx.state);
      },
    },
    {
      id: 'stream',
      label: msg('explore.pubsubMissed.stream'),
      setup: async (ctx) => {
        await freshConnections(ctx);
        const { redis } = ctx.as('admin');
        for (const group of ['A', 'B']) await redis.call('XGROUP', 'CREATE', ctx.key(STREAM), group, '$', 'MKSTREAM');
      },
      actors: (ctx) => {
        const { got } = tally(ctx.state);
        const stream = ctx.key(STREAM);
        return [
          {
            actor: 'client',
            run: async () => {
              for (const userId of USERS) await ctx.as('client').redis.call('XADD', stream, '*', 'type', 'user_registered', 'user_id', userId, 'email', emailOf(userId));
            },
          },
          dropB(ctx),
          { actor: 'subscriberB', lane: 1, run: () => readGroup(ctx.as('subscriberB', 1).redis, stream, 'B', got.B) },
        ];
      },
      // The consumers read on after the race, as their loops would: each from where its group stopped.
      check: async (ctx) => {
        const { got } = tally(ctx.state);
        await readGroup(ctx.as('subscriber', 1).redis, ctx.key(STREAM), 'A', got.A);
        await readGroup(ctx.as('subscriberB', 1).redis, ctx.key(STREAM), 'B', got.B);
        return missed(ctx.state);
      },
    },
  ],
};
