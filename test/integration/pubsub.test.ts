import { describe, expect, it } from 'vitest';
import type { PubSubPanel, RedisTrace } from '../../shared/model';
import type { PatternSession } from '../../electron/core/engine/pattern-session';
import { pubsub, pubsubMissed } from '../../electron/core/patterns/pubsub';
import { patternHarness } from '../helpers/pattern-harness';
import { eventually } from '../helpers/redis-server';
import { fmt } from '../helpers/format-message';

describe('pub/sub on a real redis-server', () => {
  const h = patternHarness('ps:');

  const panel = async (s: PatternSession) => ((await s.inspect()) as [PubSubPanel])[0];

  it('every subscriber, by channel or by pattern, receives the JSON event; the mailer reacts', async () => {
    const session = await h.open(pubsub, {});
    const subscribed = await session.step();
    expect(subscribed.trace.map((t) => (t as RedisTrace).command)).toEqual(['SUBSCRIBE', 'SUBSCRIBE', 'PSUBSCRIBE']);
    expect(await h.check.pubsub('NUMSUB', 'ps:notifications')).toEqual(['ps:notifications', 2]);
    expect(await h.check.pubsub('NUMPAT')).toBe(1);

    const published = await session.step();
    const pub = published.trace.find((t) => t.kind === 'redis' && t.command === 'PUBLISH') as RedisTrace;
    expect(pub.args[0]).toBe('ps:notifications');
    expect(JSON.parse(pub.args[1])).toMatchObject({ type: 'user_registered', user_id: 123, email: 'newuser@example.com', timestamp: expect.any(String) });
    expect(pub.reply).toBe('(integer) 3');
    expect(published.trace.some((t) => t.kind === 'event' && t.actor === 'mailer' && /welcome e-mail to newuser@example.com/.test(fmt(t.text)))).toBe(true);

    await session.step();
    const view = await panel(session);
    expect(view.published).toBe(2);
    expect(view.subscribers.map((s) => [s.actor, s.received])).toEqual([
      ['subscriber', 2],
      ['subscriberB', 2],
      ['psubscriber', 2],
    ]);
    await session.reset();
    expect(await h.check.pubsub('NUMSUB', 'ps:notifications')).toEqual(['ps:notifications', 0]);
  });


  it('a subscriber that is disconnected while a message is published never receives it', async () => {
    const session = await h.open(pubsubMissed, {});
    await session.step();
    await session.step();
    await session.step();
    const whileAway = await session.step();
    expect(whileAway.outcome).toBe('missed');
    expect(fmt(whileAway.narrative)).toMatch(/^PUBLISH replied 2 with 3 subscribers in this run: subscriber A \(mailer\), pattern subscriber received it; subscriber B did not/);
    expect((whileAway.trace.find((t) => t.kind === 'redis' && t.command === 'PUBLISH') as RedisTrace).reply).toBe('(integer) 2');
    const back = await session.step();
    expect(back.outcome).toBe('missed');
    expect(fmt(back.narrative)).toMatch(/NUMSUB counts 2: ioredis re-subscribed B by itself/);
    expect(fmt(back.narrative)).toMatch(/The 1 message B missed is gone for good/);
    // The step sends no SUBSCRIBE of its own: the one the server got came from ioredis, and the trace says so.
    expect(back.trace.filter((t) => t.kind === 'redis' && t.command === 'SUBSCRIBE')).toEqual([]);
    expect(back.trace.some((t) => t.kind === 'event' && /re-sent SUBSCRIBE ps:notifications by itself/.test(fmt(t.text)))).toBe(true);
    expect(await h.check.pubsub('NUMSUB', 'ps:notifications')).toEqual(['ps:notifications', 2]);

    const view = await panel(session);
    expect(view.subscribers.map((s) => [s.actor, s.received, s.connected])).toEqual([
      ['subscriber', 2, true],
      ['subscriberB', 1, true],
      ['psubscriber', 2, true],
    ]);
    expect(view.log.filter((m) => m.direction === 'missed').map((m) => m.actor)).toEqual(['subscriberB']);
  });

  // Last in the file: it leaves the subscriber connections down.
  it('with every subscriber connection killed (CLIENT KILL), the publish step tells what PUBLISH replied', async () => {
    const session = await h.open(pubsub, {});
    await session.step();
    // ioredis would reconnect within 200 ms; hold it off so the publish meets the fault, not the repair.
    for (const actor of ['subscriber', 'subscriberB', 'psubscriber'] as const) h.connection.clientFor(actor).options.retryStrategy = () => 60_000;
    expect(await h.check.call('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(3);
    await eventually(async () => expect(await h.check.pubsub('NUMSUB', 'ps:notifications')).toEqual(['ps:notifications', 0]), 5000);

    const published = await session.step();
    expect((published.trace.find((t) => t.kind === 'redis' && t.command === 'PUBLISH') as RedisTrace).reply).toBe('(integer) 0');
    expect(published.outcome).toBe('missed');
    expect(fmt(published.narrative)).toMatch(/^PUBLISH replied 0 with 3 subscribers in this run: no subscriber received it; subscriber A \(mailer\), subscriber B, pattern subscriber did not/);
    expect(fmt(published.narrative)).toMatch(/no welcome e-mail went to newuser@example.com/);
    expect(fmt(published.narrative)).not.toMatch(/every subscriber|all \d+ subscribers received/);
    expect(published.trace.some((t) => t.kind === 'event' && t.actor === 'mailer')).toBe(false);
    const view = await panel(session);
    expect(view.subscribers.map((s) => [s.actor, s.received, s.missed])).toEqual([
      ['subscriber', 0, 1],
      ['subscriberB', 0, 1],
      ['psubscriber', 0, 1],
    ]);
  });
});
