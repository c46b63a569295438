import source from './pubsub.ts?raw';
import type { ActorId, PubSubPanel } from '../../../shared/model';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { globEscape } from '../redis/namespace';
import { floodAction } from './pubsub-flood';
import { addSubscriber, allowNotes, countPublished, createState, logEntry, panel, received, watchConnection, type PubSubState, type Subscriber } from './pubsub-state';

// #region publish
/** As in the article: fire and forget. PUBLISH replies with how many subscribers got it, right now. */
async function publishNotification({ redis, key }: ActorContext, userId: number, email: string) {
  const message = JSON.stringify({ type: 'user_registered', user_id: userId, email, timestamp: new Date().toISOString() });
  return redis.publish(key('notifications'), message);
}
// #endregion

// #region subscribe
/** A subscriber's connection does nothing but listen; the handler reacts to each message. */
async function subscribeNotifications({ redis, key, connection }: ActorContext, onMessage: (data: { type: string; email: string }) => void) {
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
  mailer.note(`sends a welcome e-mail to ${email}`);
}
// #endregion

async function connectSubscribers(ctx: StepContext<PubSubState>) {
  const { state } = ctx;
  const mailer = ctx.as('mailer');
  const add = (actor: ActorId, name: string, subscription: string) => {
    addSubscriber(state, actor, name, subscription);
    watchConnection(state, actor, ctx.as(actor).connection);
  };
  add('subscriber', 'subscriber A (mailer)', `SUBSCRIBE ${ctx.key('notifications')}`);
  add('subscriberB', 'subscriber B', `SUBSCRIBE ${ctx.key('notifications')}`);
  add('psubscriber', 'pattern subscriber', `PSUBSCRIBE ${globEscape(ctx.key('notif'))}*`);
  // Past a few per publish, deliveries are only counted: a flood must not grow the step's trace.
  await subscribeNotifications(ctx.as('subscriber'), (data) => {
    if (!received(state, 'subscriber', data.type)) return;
    ctx.as('subscriber').note(`received ${data.type} for ${data.email}`);
    if (data.type === 'user_registered') sendWelcomeEmail(mailer, data.email);
  });
  await subscribeNotifications(ctx.as('subscriberB'), (data) => {
    if (received(state, 'subscriberB', data.type)) ctx.as('subscriberB').note(`received ${data.type} for ${data.email}`);
  });
  await psubscribeNotifications(ctx.as('psubscriber'), (channel) => {
    if (received(state, 'psubscriber', `on ${channel}`)) ctx.as('psubscriber').note(`received a message on ${channel}`);
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
  const email = `user${userId}@example.com`;
  const before = receipts(state);
  const total = [...before.values()].reduce((t, n) => t + n, 0);
  allowNotes(state);
  const receivers = await publishNotification(ctx.as('client'), userId, email);
  countPublished(state, 1, receivers);
  logEntry(state, 'client', 'published', `user_registered ${email} → ${receivers} receivers`);
  await deliveries(state, total + receivers);
  // Who got it is read from the receipts, not from whether a connection looked up.
  const subs = [...state.subscribers.values()];
  const reached = subs.filter((s) => s.received > (before.get(s.actor) ?? 0));
  const missed = subs.filter((s) => !reached.includes(s));
  for (const sub of missed) logEntry(state, sub.actor, 'missed', `user_registered ${email}: not received`);
  return { receivers, email, reached, missed };
}

function publishNarrative(receivers: number, email: string, reached: Subscriber[], missed: Subscriber[]): string {
  const mail = reached.some((s) => s.actor === 'subscriber') ? `subscriber A's handler sent the welcome e-mail to ${email}` : `no welcome e-mail went to ${email}: subscriber A did not get the message`;
  if (missed.length === 0) return `PUBLISH replied ${receivers}: all ${reached.length} subscribers received it, and ${mail}.`;
  const names = missed.map((s) => s.name).join(', ');
  const got = reached.length ? `${reached.map((s) => s.name).join(', ')} received it; ` : 'no subscriber received it; ';
  return `PUBLISH replied ${receivers} with ${reached.length + missed.length} subscribers in this run: ${got}${names} did not, and never will: Redis keeps no copy. So ${mail}.`;
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

function backNarrative(state: PubSubState, count: number, b: Subscriber): string {
  const counts = [...state.subscribers.values()].map((s) => `${s.name} ${s.received}/${state.published}`).join(', ');
  const back =
    count >= 2
      ? `PUBSUB NUMSUB counts ${count}: ioredis re-subscribed B by itself on reconnect, with no SUBSCRIBE from the app.`
      : `PUBSUB NUMSUB still counts ${count}: B is not subscribed again.`;
  const missed = b.expected - b.received;
  const lost = missed > 0 ? ` The ${missed} message${missed === 1 ? '' : 's'} B missed ${missed === 1 ? 'is' : 'are'} gone for good: ${counts}.` : ` B missed nothing: ${counts}.`;
  return `${back}${lost} Need delivery to consumers that were away? Use a Stream with consumer groups.`;
}

const subscribeStep = {
  title: 'Three subscribers connect',
  code: sourceRegion(source, 'subscribe'),
  actors: ['subscriber', 'subscriberB', 'psubscriber'] as ActorId[],
  run: async (ctx: StepContext<PubSubState>) => {
    await connectSubscribers(ctx);
    return { narrative: 'A and B subscribe to the channel; the third subscribes to a pattern. Each needs a connection of its own.', outcome: 'info' as const };
  },
};

const publishStep = (userId: number, title = `Publish: user ${userId} registered`) => ({
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
  title: 'Pub/Sub',
  summary: 'PUBLISH a JSON event; every connected subscriber — by channel or by pattern — reacts at once.',
  steps: [subscribeStep, publishStep(123), publishStep(124, 'Publish: another user registered')],
});

export const pubsubMissed = definePattern<PubSubState>({
  ...common,
  id: 'pubsub-missed',
  title: 'Pub/Sub: the missed message',
  summary: 'Fire and forget: a subscriber that is not connected when a message is published never gets it.',
  steps: [
    subscribeStep,
    publishStep(123),
    {
      title: 'Subscriber B loses its connection',
      code: sourceRegion(source, 'disconnect'),
      actors: ['subscriberB'],
      run: async (ctx) => {
        // Marked first: the close this causes is the pattern's doing, not a fault for ioredis to repair.
        ctx.state.subscribers.get('subscriberB')!.away = true;
        loseConnection(ctx.as('subscriberB'));
        ctx.state.subscribers.get('subscriberB')!.connected = false;
        ctx.as('subscriberB').note('disconnected');
        // The server notices the closed socket a moment later; ask it until it has.
        const count = await channelSubscribers(ctx, (n) => n < 2);
        return { narrative: `B is gone: PUBSUB NUMSUB counts ${count} channel subscriber. Nothing in Redis remembers that B wanted these messages.`, outcome: 'info' };
      },
    },
    publishStep(124, 'Publish while B is away'),
    {
      title: 'Subscriber B reconnects; ioredis subscribes it again',
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
          b.note(`ioredis re-sent SUBSCRIBE ${ctx.key('notifications')} by itself on reconnect (autoResubscribe)`);
          logEntry(ctx.state, 'subscriberB', 'resubscribed', 'ioredis reconnected and re-sent the subscription by itself');
          sub.resubscribes++;
        }
        Object.assign(sub, { connected: true, away: false, state: resubscribed ? 'resubscribed' : 'disconnected' });
        return { narrative: backNarrative(ctx.state, count, sub), outcome: sub.expected > sub.received ? 'missed' : 'info' };
      },
    },
  ],
});
