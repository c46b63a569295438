import { describe, expect, it } from 'vitest';
import type { PubSubPanel, RedisTrace } from '../../shared/model';
import type { PatternSession } from '../../electron/core/engine/pattern-session';
import { pubsub, pubsubMissed } from '../../electron/core/patterns/pubsub';
import { patternHarness } from '../helpers/pattern-harness';

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
    expect(JSON.parse(pub.args[1])).toMatchObject({ type: 'user_registered', user_id: 123, email: 'user123@example.com', timestamp: expect.any(String) });
    expect(pub.reply).toBe('(integer) 3');
    expect(published.trace.some((t) => t.kind === 'event' && t.actor === 'mailer' && /welcome e-mail to user123@example.com/.test(t.text))).toBe(true);

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
    expect(whileAway.outcome).toBe('lost');
    expect((whileAway.trace.find((t) => t.kind === 'redis' && t.command === 'PUBLISH') as RedisTrace).reply).toBe('(integer) 2');
    const back = await session.step();
    expect(back.narrative).toMatch(/gone for good/);
    expect(await h.check.pubsub('NUMSUB', 'ps:notifications')).toEqual(['ps:notifications', 2]);

    const view = await panel(session);
    expect(view.subscribers.map((s) => [s.actor, s.received, s.connected])).toEqual([
      ['subscriber', 2, true],
      ['subscriberB', 1, true],
      ['psubscriber', 2, true],
    ]);
    expect(view.log.filter((m) => m.direction === 'missed').map((m) => m.actor)).toEqual(['subscriberB']);
  });
});
