import { msg } from '../../../shared/i18n/message';
import type { ActionDef, StepContext } from '../engine/pattern';
import { assertInNamespace } from '../redis/namespace';
import { countPublished, logEntry, losses, settle, type PubSubState } from './pubsub-state';

/** PUBLISHes per pipeline, and pipelines awaiting their replies at once: fast, with bounded memory on both sides. */
const BATCH = 1000;
const IN_FLIGHT = 4;
export const FLOOD_MAX = 1_000_000;

/**
 * Publishes `messages` as fast as the connection takes them, counting every
 * PUBLISH reply (how many subscribers Redis handed each message to). The
 * commands go out in pipelines and are not traced one by one: the trace
 * gets one line per flood, the log ring one line per pipeline.
 */
export async function flood(ctx: StepContext<PubSubState>, messages: number): Promise<{ published: number; failed: number; ms: number }> {
  const { state } = ctx;
  const client = ctx.as('client');
  const channel = client.key('notifications');
  // Pipelined on the raw connection, so check the channel against the namespace here, once.
  assertInNamespace(ctx.key(''), 'PUBLISH', [channel, '']);
  const start = performance.now();
  let sent = 0;
  let published = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  while (sent < messages) {
    const first = sent;
    const n = Math.min(BATCH, messages - sent);
    sent += n;
    const pipe = client.connection.pipeline();
    for (let seq = first; seq < first + n; seq++) pipe.publish(channel, `{"type":"flood","seq":${seq}}`);
    const done = pipe.exec().then(
      (replies) => {
        let ok = 0;
        let receivers = 0;
        for (const [err, reply] of replies ?? []) {
          if (err) continue;
          ok++;
          receivers += Number(reply);
        }
        published += ok;
        failed += n - ok;
        countPublished(state, ok, receivers);
        logEntry(state, 'client', 'published', msg('pubsub.flood.log', { first, last: first + n - 1, receivers, failed: n - ok }));
      },
      () => {
        failed += n;
      },
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { published, failed, ms: performance.now() - start };
}

export const floodAction: ActionDef<PubSubState> = {
  id: 'flood',
  label: msg('pubsub.action.flood'),
  fields: [{ name: 'messages', label: msg('pubsub.action.messages'), kind: 'number', min: 1, max: FLOOD_MAX, placeholder: msg('pubsub.action.messages.placeholder') }],
  run: async (ctx, values) => {
    const messages = Number(values.messages);
    const before = losses(ctx.state);
    const result = await flood(ctx, messages);
    await settle(ctx.state);
    const after = losses(ctx.state);
    const subs = [...ctx.state.subscribers.values()];
    const disconnects = subs.reduce((t, s) => t + s.disconnects, 0);
    const resubscribes = subs.reduce((t, s) => t + s.resubscribes, 0);
    const unsubscribed = after.unsubscribed - before.unsubscribed;
    const inTransit = after.inTransit - before.inTransit;
    const rate = Math.round(result.published / (result.ms / 1000));
    ctx.as('client').note(msg('pubsub.flood.note', { published: result.published, batch: BATCH, rate }));
    const lost = unsubscribed + inTransit;
    return {
      title: msg('pubsub.flood.title', { messages }),
      narrative: msg('pubsub.flood', { published: result.published, rate, failed: result.failed, lost, unsubscribed, inTransit, disconnects, resubscribes }),
      outcome: lost ? 'missed' : 'info',
    };
  },
};
