import source from './pubsub.ts?raw';
import type { ActorId, PubSubPanel } from '../../../shared/model';
import { listOf, msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { globEscape } from '../redis/namespace';
import { floodAction } from './pubsub-flood';
import { addSubscriber, allowNotes, countPublished, createState, logEntry, panel, received, watchConnection, type PubSubState, type Subscriber } from './pubsub-state';

// #region publish
/** As in the article: fire and forget. PUBLISH replies with how many subscribers got it, right now. */
export async function publishNotification({ redis, key }: ActorContext, userId: number, email: string) {
  const message = JSON.stringify({ type: 'user_registered', user_id: userId, email, timestamp: new Date().toISOString() });
  return redis.publish(key('notifications'), message);
}
// #endregion

// #region subscribe
/** A subscriber's connection does nothing but listen; the handler reacts to each message. */
export async function subscribeNotifications({ redis, key, connection }: ActorContext, onMessage: (data: { type: string; email: string }) => void) {
  connection.on('message', (_channel: string, message: string) => onMessage(parseMessage(message)));
  await redis.call('SUBSCRIBE', key('notifications'));
}

/** A pattern subscription catches every channel that matches, e.g. notifications and notifications:admin. */
async function psubscribeNotifications({ redis, key, connection }: ActorContext, onMessage: (channel: string, data: unknown) => void) {
  connection.on('pmessage', (_pattern: string, channel: string, message: string) => onMessage(channel, parseMessage(message)));
  await redis.call('PSUBSCRIBE', `${globEscape(key('notif'))}*`);
}

/** Anyone can publish anything: a message that is not JSON is reported, not thrown inside ioredis' reader. */
function parseMessage(message: string): { type: string; email: string } {
  try {
    return JSON.parse(message);
  } catch {
    return { type: 'not JSON', email: '' };
  }
}
// #endregion

// #region disconnect
/** The network drops or the process restarts: the subscription dies with the connection. */
function loseConnection({ connection }: ActorContext) {
  connection.disconnect();
}
// #endregion

// #region reconnect
/** Reconnecting is all it takes: ioredis re-sends the connection's SUBSCRIBE by itself (autoResubscribe). */
async function reconnect({ connection }: ActorContext) {
  await connection.connect();
}
// #endregion

// #region welcome-mail
/** The article's handler: a new user gets a welcome e-mail. */
function sendWelcomeEmail(mailer: ActorContext, email: string) {
  mailer.note(msg('pubsub.note.welcome', { email }));
}
// #endregion

async function connectSubscribers(ctx: StepContext<PubSubState>) {
  const { state } = ctx;
  const mailer = ctx.as('mailer');
  const add = (actor: ActorId, name: Message, subscription: string) => {
    addSubscriber(state, actor, name, subscription);
    watchConnection(state, actor, ctx.as(actor).connection);
  };
  add('subscriber', msg('pubsub.sub.a'), `SUBSCRIBE ${ctx.key('notifications')}`);
  add('subscriberB', msg('pubsub.sub.b'), `SUBSCRIBE ${ctx.key('notifications')}`);
  add('psubscriber', msg('pubsub.sub.pattern'), `PSUBSCRIBE ${globEscape(ctx.key('notif'))}*`);
  // Past a few per publish, deliveries are only counted: a flood must not grow the step's trace.
  await subscribeNotifications(ctx.as('subscriber'), (data) => {
    if (!received(state, 'subscriber', msg('pubsub.log.received', { type: data.type }))) return;
    ctx.as('subscriber').note(msg('pubsub.note.received', { type: data.type, email: data.email }));
    if (data.type === 'user_registered') sendWelcomeEmail(mailer, data.email);
  });
  await subscribeNotifications(ctx.as('subscriberB'), (data) => {
    if (received(state, 'subscriberB', msg('pubsub.log.received', { type: data.type }))) ctx.as('subscriberB').note(msg('pubsub.note.received', { type: data.type, email: data.email }));
  });
  await psubscribeNotifications(ctx.as('psubscriber'), (channel) => {
    if (received(state, 'psubscriber', msg('pubsub.log.receivedOn', { channel }))) ctx.as('psubscriber').note(msg('pubsub.note.receivedOn', { channel }));
  });
}

/** Waits until every connected subscriber has what was published, or a short timeout: delivery is asynchronous. */
async function deliveries(state: PubSubState, expected: number) {
  const total = () => [...state.subscribers.values()].reduce((t, s) => t + s.received, 0);
  const deadline = Date.now() + 2000;
  while (total() < expected && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      state.onDelivery.add(resolve);
      setTimeout(resolve, 50);
    });
    state.onDelivery.clear();
  }
}

/** Each subscriber's receipt count, to tell afterwards who a message reached. */
const receipts = (state: PubSubState) => new Map([...state.subscribers.values()].map((s) => [s.actor, s.received]));

async function publish(ctx: StepContext<PubSubState>, userId: number) {
  const { state } = ctx;
  // The article's notification: user 123 is newuser@example.com.
  const email = userId === 123 ? 'newuser@example.com' : `user${userId}@example.com`;
  const before = receipts(state);
  const total = [...before.values()].reduce((t, n) => t + n, 0);
  allowNotes(state);
  const receivers = await publishNotification(ctx.as('client'), userId, email);
  countPublished(state, 1, receivers);
  logEntry(state, 'client', 'published', msg('pubsub.log.published', { email, receivers }));
  await deliveries(state, total + receivers);
  // Who got it is read from the receipts, not from whether a connection looked up.
  const subs = [...state.subscribers.values()];
  const reached = subs.filter((s) => s.received > (before.get(s.actor) ?? 0));
  const missed = subs.filter((s) => !reached.includes(s));
  for (const sub of missed) logEntry(state, sub.actor, 'missed', msg('pubsub.log.missed', { email }));
  return { receivers, email, reached, missed };
}

function publishNarrative(receivers: number, email: string, reached: Subscriber[], missed: Subscriber[]): Message {
  const mail = reached.some((s) => s.actor === 'subscriber') ? msg('pubsub.mail.sent', { email }) : msg('pubsub.mail.none', { email });
  if (missed.length === 0) return msg('pubsub.publish.all', { receivers, reached: reached.length, mail });
  const names = listOf(missed.map((s) => s.name));
  const got = reached.length ? msg('pubsub.publish.got', { names: listOf(reached.map((s) => s.name)) }) : msg('pubsub.publish.gotNone');
  return msg('pubsub.publish.some', { receivers, total: reached.length + missed.length, got, names, mail });
}

/** Asks the server how many connections subscribe to the channel, until `settled` holds or a second has passed: it learns of closes and re-subscriptions a moment later. */
async function channelSubscribers(ctx: StepContext<PubSubState>, settled: (count: number) => boolean): Promise<number> {
  let count = 0;
  for (let i = 0; i < 40; i++) {
    const reply = (await ctx.as('client').redis.call('PUBSUB', 'NUMSUB', ctx.key('notifications'))) as [string, number];
    count = Number(reply[1]);
    if (settled(count)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return count;
}

function backNarrative(state: PubSubState, count: number, b: Subscriber): Message {
  const counts = listOf([...state.subscribers.values()].map((s) => msg('pubsub.count', { name: s.name, received: s.received, published: state.published })));
  return msg('pubsub.back', { count, missed: Math.max(0, b.expected - b.received), counts });
}

const subscribeStep = {
  title: msg('pubsub.step.subscribe'),
  code: sourceRegion(source, 'subscribe'),
  actors: ['subscriber', 'subscriberB', 'psubscriber'] as ActorId[],
  run: async (ctx: StepContext<PubSubState>) => {
    await connectSubscribers(ctx);
    return { narrative: msg('pubsub.subscribed'), outcome: 'info' as const };
  },
};

const publishStep = (userId: number, title: Message = msg('pubsub.step.publish', { userId })) => ({
  title,
  code: `${sourceRegion(source, 'publish')}\n\n${sourceRegion(source, 'welcome-mail')}`,
  actors: ['client', 'subscriber', 'mailer'] as ActorId[],
  run: async (ctx: StepContext<PubSubState>) => {
    const { receivers, email, reached, missed } = await publish(ctx, userId);
    return { narrative: publishNarrative(receivers, email, reached, missed), outcome: missed.length ? ('missed' as const) : ('info' as const) };
  },
});

async function inspect({ state, key }: { state: PubSubState; key(name: string): string }): Promise<PubSubPanel[]> {
  return [panel(state, key('notifications'))];
}

const common = {
  group: 'Messaging' as const,
  actors: ['client', 'subscriber', 'subscriberB', 'psubscriber', 'mailer'] as ActorId[],
  panels: [] as [],
  params: [],
  createState,
  inspect,
  actions: [floodAction],
};

export const pubsub = definePattern<PubSubState>({
  ...common,
  id: 'pubsub',
  title: msg('pubsub.title'),
  summary: msg('pubsub.summary'),
  steps: [subscribeStep, publishStep(123), publishStep(124, msg('pubsub.step.publishAnother'))],
});

export const pubsubMissed = definePattern<PubSubState>({
  ...common,
  id: 'pubsub-missed',
  title: msg('pubsubMissed.title'),
  summary: msg('pubsubMissed.summary'),
  steps: [
    subscribeStep,
    publishStep(123),
    {
      title: msg('pubsub.step.bLoses'),
      code: sourceRegion(source, 'disconnect'),
      actors: ['subscriberB'],
      run: async (ctx) => {
        // Marked first: the close this causes is the pattern's doing, not a fault for ioredis to repair.
        ctx.state.subscribers.get('subscriberB')!.away = true;
        loseConnection(ctx.as('subscriberB'));
        ctx.state.subscribers.get('subscriberB')!.connected = false;
        ctx.as('subscriberB').note(msg('pubsub.note.disconnected'));
        // The server notices the closed socket a moment later; ask it until it has.
        const count = await channelSubscribers(ctx, (n) => n < 2);
        return { narrative: msg('pubsub.gone', { count }), outcome: 'info' };
      },
    },
    publishStep(124, msg('pubsub.step.publishAway')),
    {
      title: msg('pubsub.step.bReconnects'),
      code: sourceRegion(source, 'reconnect'),
      actors: ['subscriberB'],
      run: async (ctx) => {
        const b = ctx.as('subscriberB');
        await reconnect(b);
        const count = await channelSubscribers(ctx, (n) => n >= 2);
        const sub = ctx.state.subscribers.get('subscriberB')!;
        const resubscribed = count >= 2;
        if (resubscribed) {
          // ioredis sent this SUBSCRIBE on its own connection, outside the traced client: say so rather than pose it as the step's command.
          b.note(msg('pubsub.note.resent', { channel: ctx.key('notifications') }));
          logEntry(ctx.state, 'subscriberB', 'resubscribed', msg('pubsub.log.resentByStep'));
          sub.resubscribes++;
        }
        Object.assign(sub, { connected: true, away: false, state: resubscribed ? 'resubscribed' : 'disconnected' });
        return { narrative: backNarrative(ctx.state, count, sub), outcome: sub.expected > sub.received ? 'missed' : 'info' };
      },
    },
  ],
});
