import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';
import type { ActorId, PubSubPanel } from '../../../shared/model';
import { RingBuffer } from '../feed/ring-buffer';

type LogEntry = PubSubPanel['log'][number];
type SubscriberView = PubSubPanel['subscribers'][number];

/** The message log keeps this many entries; older ones are dropped and counted. */
export const LOG_CAPACITY = 500;
/** Entries of the log sent with each panel: what the panel shows. */
const LOG_SHOWN = 50;
/** Messages a subscriber notes in the step's trace per publish; beyond that they are only counted. */
const NOTES_PER_PUBLISH = 5;

export interface Subscriber extends Omit<SubscriberView, 'missed'> {
  /** Messages published by the pattern since this subscriber first subscribed: what it should have. */
  expected: number;
  /** The pattern closed this connection on purpose (the missed-message story); not ioredis' business. */
  away: boolean;
  /** Trace notes left before deliveries are only counted (a flood must not grow the trace). */
  notesLeft: number;
}

export interface PubSubState {
  published: number;
  /** Sum of PUBLISH replies. */
  receivers: number;
  /** One per subscriber per message published. */
  expectedReceivers: number;
  subscribers: Map<ActorId, Subscriber>;
  log: RingBuffer<LogEntry>;
  /** Wakes steps waiting for deliveries. */
  onDelivery: Set<() => void>;
}

export const createState = (): PubSubState => ({
  published: 0,
  receivers: 0,
  expectedReceivers: 0,
  subscribers: new Map(),
  log: new RingBuffer<LogEntry>(LOG_CAPACITY),
  onDelivery: new Set(),
});

export function addSubscriber(state: PubSubState, actor: ActorId, name: Message, subscription: string): Subscriber {
  const sub: Subscriber = {
    actor,
    name,
    subscription,
    connected: true,
    received: 0,
    expected: 0,
    disconnects: 0,
    resubscribes: 0,
    state: 'subscribed',
    away: false,
    notesLeft: NOTES_PER_PUBLISH,
  };
  state.subscribers.set(actor, sub);
  return sub;
}

export function logEntry(state: PubSubState, actor: ActorId, direction: LogEntry['direction'], text: Message): void {
  state.log.push({ at: Date.now(), actor, direction, text });
}

/**
 * Counts a delivery. Returns whether the subscriber may still note it in the
 * trace: past a few per publish, deliveries are counted and logged in the
 * ring only, so a flood costs bounded memory.
 */
export function received(state: PubSubState, actor: ActorId, text: Message): boolean {
  const sub = state.subscribers.get(actor);
  if (sub) sub.received++;
  logEntry(state, actor, 'received', text);
  for (const wake of state.onDelivery) wake();
  if (!sub || sub.notesLeft <= 0) return false;
  sub.notesLeft--;
  return true;
}

/** A new publish step: each subscriber may note a few deliveries in its trace again. */
export function allowNotes(state: PubSubState): void {
  for (const sub of state.subscribers.values()) sub.notesLeft = NOTES_PER_PUBLISH;
}

/** Counts one pattern publish (or a batch of them) with the replies Redis gave: who should have it, who Redis gave it to. */
export function countPublished(state: PubSubState, messages: number, receivers: number): void {
  state.published += messages;
  state.receivers += receivers;
  for (const sub of state.subscribers.values()) sub.expected += messages;
  state.expectedReceivers += messages * state.subscribers.size;
}

/**
 * Watches a subscriber's connection: every close is counted whoever caused
 * it (Redis closing a slow subscriber at its output-buffer limit, CLIENT
 * KILL, a network drop). ioredis then reconnects and re-sends the
 * subscription by itself (autoResubscribe); that is shown as what it is.
 * Messages published meanwhile show in PUBLISH's smaller replies and in the
 * subscriber's receipt count.
 */
export function watchConnection(state: PubSubState, actor: ActorId, connection: Redis): void {
  let closed = false;
  connection.on('close', () => {
    const sub = state.subscribers.get(actor);
    if (!sub || closed) return;
    closed = true;
    sub.disconnects++;
    sub.connected = false;
    sub.state = sub.away ? 'disconnected' : 'reconnecting';
    logEntry(state, actor, 'disconnected', sub.away ? msg('pubsub.log.closedByPattern') : msg('pubsub.log.closed'));
  });
  connection.on('end', () => {
    const sub = state.subscribers.get(actor);
    if (sub) sub.state = 'disconnected';
  });
  connection.on('ready', () => {
    const sub = state.subscribers.get(actor);
    if (!sub || !closed) return;
    closed = false;
    sub.connected = true;
    if (sub.away) return; // the pattern's own step subscribes again and says so
    sub.resubscribes++;
    sub.state = 'resubscribed';
    logEntry(state, actor, 'resubscribed', msg('pubsub.log.resubscribed'));
  });
}

const totalReceived = (state: PubSubState) => [...state.subscribers.values()].reduce((t, s) => t + s.received, 0);

/** Losses from Redis' own replies and the subscribers' receipt counts, never assumed. */
export function losses(state: PubSubState) {
  const got = totalReceived(state);
  return {
    received: got,
    /** Published while a subscriber was not subscribed: PUBLISH counted fewer receivers than there are subscribers. */
    unsubscribed: state.expectedReceivers - state.receivers,
    /** Accepted by Redis for a subscriber that never got it: dropped with a closed connection (or still in flight). */
    inTransit: Math.max(0, state.receivers - got),
  };
}

/** Waits until every delivery Redis accepted has arrived, or deliveries stop coming for `quietMs`. */
export async function settle(state: PubSubState, quietMs = 500, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = totalReceived(state);
  let lastChange = Date.now();
  while (totalReceived(state) < state.receivers && Date.now() < deadline && Date.now() - lastChange < quietMs) {
    await new Promise((r) => setTimeout(r, 25));
    const now = totalReceived(state);
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
  }
}

export function panel(state: PubSubState, channel: string): PubSubPanel {
  return {
    kind: 'pubsub',
    channel,
    published: state.published,
    receivers: state.receivers,
    expectedReceivers: state.expectedReceivers,
    subscribers: [...state.subscribers.values()].map((s) => ({
      actor: s.actor,
      name: s.name,
      subscription: s.subscription,
      connected: s.connected,
      received: s.received,
      missed: Math.max(0, s.expected - s.received),
      disconnects: s.disconnects,
      resubscribes: s.resubscribes,
      state: s.state,
    })),
    log: state.log.last(LOG_SHOWN),
    logDropped: state.log.dropped,
    logCapacity: state.log.capacity,
  };
}
