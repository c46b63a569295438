import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeysFeed, PANEL_LIMIT } from '../../electron/core/feed/keys-feed';
import { walkNamespace, FEED_WALK_KEEP } from '../../electron/core/feed/namespace-walk';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { keysPanelModel } from '../helpers/keys-updates';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

/** Keys outside the namespace: SCAN MATCH must walk past them, so a rescan is never free. */
const BACKGROUND_KEYS = 50_000;

/** How many times Redis ran a command, from INFO commandstats: the server's count, not ours. */
async function calls(client: Redis, command: string): Promise<number> {
  const info = await client.info('commandstats');
  const line = info.split('\n').find((l) => l.startsWith(`cmdstat_${command}:`));
  return line ? Number(/calls=(\d+)/.exec(line)![1]) : 0;
}

describe('keys feed at scale: updates from notifications, walks only when it must', () => {
  let redis: TestRedis;
  let admin: Redis;
  let ns = '';
  const open: { feed: KeysFeed; connection: LiveConnection }[] = [];
  let run = 0;

  async function openFeed(opts: { pollIntervalMs?: number; username?: string; password?: string } = {}) {
    const connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: ns, username: opts.username, password: opts.password }, { dataDir: '/tmp' });
    const panel = keysPanelModel(() => feed.read());
    const feed: KeysFeed = new KeysFeed(connection, panel.push, { pollIntervalMs: opts.pollIntervalMs });
    open.push({ feed, connection });
    return { connection, feed, panel, latest: panel.latest };
  }

  beforeAll(async () => {
    // DEBUG is allowed on this server only because the test started it itself.
    redis = await startTestRedis(['--enable-debug-command', 'yes']);
    admin = redis.client();
    await admin.call('DEBUG', 'POPULATE', BACKGROUND_KEYS, 'bg');
    await admin.call('ACL', 'SETUSER', 'viewer', 'on', '>viewer-pw', '~*', '&*', '+@all', '-config');
  });
  afterEach(async () => {
    for (const { feed, connection } of open.splice(0)) {
      await feed.stop();
      await connection.close();
    }
  });
  afterAll(() => redis.stop());

  // A fresh namespace per test: the counts below are of this test's keys only.
  const fill = async (n: number) => {
    ns = `scale${++run}:`;
    const pipe = admin.pipeline();
    for (let i = 0; i < n; i++) pipe.set(`${ns}k:${String(i).padStart(5, '0')}`, `v${i}`);
    await pipe.exec();
  };

  it('applies a stream of changes from notified key names with no SCAN at all', async () => {
    await fill(100);
    const { feed, latest } = await openFeed();
    await feed.start();
    expect(feed.mode).toBe('notifications');
    expect(latest().keys).toHaveLength(100);

    const scansBefore = await calls(admin, 'scan');
    const walksBefore = feed.stats.walks;
    const writes = 200;
    for (let i = 0; i < writes; i++) {
      await admin.set(`${ns}k:${String(i % 100).padStart(5, '0')}`, `w${i}`);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await admin.hset(`${ns}new:hash`, 'field', 'value');
    await eventually(() => {
      expect(latest().keys.find((k) => k.key === `${ns}new:hash`)).toMatchObject({ type: 'hash', size: 1 });
      expect(latest().keys.find((k) => k.key === `${ns}k:00099`)).toMatchObject({ preview: 'w199' });
    });
    const scansAfter = await calls(admin, 'scan');
    expect(feed.stats.notifications).toBeGreaterThanOrEqual(writes + 1);
    expect(scansAfter - scansBefore).toBe(0);
    expect(feed.stats.walks).toBe(walksBefore);
    // Coalesced: far fewer reads and snapshots than notifications.
    expect(feed.stats.snapshots).toBeLessThan(feed.stats.notifications);
  });

  it('removes deleted, unlinked, expired and renamed-away keys', async () => {
    await fill(10);
    const { feed, latest } = await openFeed();
    await feed.start();
    const has = (key: string) => latest().keys.some((k) => k.key === key);
    await admin.set(`${ns}short`, 'x', 'PX', 150);
    await eventually(() => expect(has(`${ns}short`)).toBe(true));
    expect(latest().keys.find((k) => k.key === `${ns}short`)!.pttl).toBeLessThanOrEqual(150);
    // Expiry is noticed by Redis when the key is touched or by its active cycle; the feed hears `expired`.
    await eventually(() => expect(has(`${ns}short`)).toBe(false), 5000);

    await admin.del(`${ns}k:00000`);
    await admin.unlink(`${ns}k:00001`);
    await admin.rename(`${ns}k:00002`, `${ns}renamed`);
    await eventually(() => {
      expect(has(`${ns}k:00000`)).toBe(false);
      expect(has(`${ns}k:00001`)).toBe(false);
      expect(has(`${ns}k:00002`)).toBe(false);
      expect(has(`${ns}renamed`)).toBe(true);
    });
    expect(latest().keys).toHaveLength(8);
  });

  it('rewalks after its subscriber was killed, and finds what changed meanwhile', async () => {
    await fill(10);
    const { feed, latest } = await openFeed();
    await feed.start();
    const walksBefore = feed.stats.walks;
    const scansBefore = await calls(admin, 'scan');
    // Kill the feed's subscriber and write in the same round trip: ioredis waits ≥ 50 ms before
    // reconnecting, so the write's notification goes to nobody.
    const [[, killed]] = (await admin.multi().call('CLIENT', 'KILL', 'TYPE', 'pubsub').set(`${ns}while-away`, 'unseen').exec()) as [[null, number]];
    expect(killed).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(latest().keys.some((k) => k.key === `${ns}while-away`)).toBe(true));
    expect(feed.stats.lostTrack).toBeGreaterThanOrEqual(1);
    expect(feed.stats.walks).toBeGreaterThan(walksBefore);
    expect(await calls(admin, 'scan')).toBeGreaterThan(scansBefore);
    // And notifications flow again after ioredis re-subscribed.
    const walksAfter = feed.stats.walks;
    await admin.set(`${ns}after`, 'seen');
    await eventually(() => expect(latest().keys.some((k) => k.key === `${ns}after`)).toBe(true));
    expect(feed.stats.walks).toBe(walksAfter);
  });

  it('after its control connection reconnects, turns notifications back on and rewalks', async () => {
    await fill(5);
    const { feed, latest } = await openFeed();
    await feed.start();
    const walksBefore = feed.stats.walks;
    // As a restarted server would: the control connection drops and the setting is gone.
    await admin.multi().call('CLIENT', 'KILL', 'USER', 'default', 'SKIPME', 'yes').config('SET', 'notify-keyspace-events', '').exec();
    await eventually(async () => expect(((await admin.config('GET', 'notify-keyspace-events')) as string[])[1]).toMatch(/K/));
    await eventually(() => expect(feed.stats.walks).toBeGreaterThan(walksBefore));
    await admin.set(`${ns}after-reconnect`, 'seen');
    await eventually(() => expect(latest().keys.some((k) => k.key === `${ns}after-reconnect`)).toBe(true));
  });

  it('rewalks when more keys change at once than it will track one by one', async () => {
    await fill(10);
    const { feed, latest } = await openFeed();
    await feed.start();
    const walksBefore = feed.stats.walks;
    const pipe = admin.pipeline();
    for (let i = 0; i < 30_000; i++) pipe.set(`${ns}burst:${i}`, i);
    await pipe.exec();
    await eventually(() => expect(latest().keys.length + (latest().more ?? 0)).toBe(30_010), 15_000);
    expect(feed.stats.lostTrack).toBeGreaterThanOrEqual(1);
    expect(feed.stats.walks).toBeGreaterThan(walksBefore);
    expect(latest().keys).toHaveLength(PANEL_LIMIT);
  });

  it('connecting walks the namespace once: the consent count and the feed share one walk', async () => {
    await fill(30);
    const before = await calls(admin, 'scan');
    const { feed, connection, latest } = await openFeed();
    await feed.start();
    const used = (await calls(admin, 'scan')) - before;
    expect(connection.status().existingKeys).toBe(30);
    expect(latest().keys).toHaveLength(30);
    expect(feed.stats.walks).toBe(0);
    // What one walk of this keyspace costs, measured the same way right after.
    const one = await calls(admin, 'scan');
    await walkNamespace(admin, ns, 0);
    expect(used).toBe((await calls(admin, 'scan')) - one);
  });

  it('a change made while the feed starts from the connect-time walk shows up', async () => {
    await fill(3);
    const { feed, connection, latest } = await openFeed();
    const walk = await walkNamespace(connection.control, ns, FEED_WALK_KEEP);
    // The write lands once the feed has subscribed, while it may still be applying the earlier walk.
    const starting = feed.start(walk);
    await eventually(async () => expect(await admin.pubsub('NUMPAT')).toBeGreaterThanOrEqual(1));
    await admin.set(`${ns}during-start`, 'kept');
    await starting;
    await eventually(() => expect(latest().keys.some((k) => k.key === `${ns}during-start`)).toBe(true));
    expect(feed.stats.walks).toBe(0);
  });

  it('starting from a walk made at connect costs no SCAN', async () => {
    await fill(20);
    const { feed, connection, latest } = await openFeed();
    const walk = await walkNamespace(connection.control, ns, FEED_WALK_KEEP);
    expect(walk.count).toBe(20);
    // One walk goes round the whole keyspace: the background keys are why it costs many SCANs.
    expect(walk.scans).toBeGreaterThan(10);
    const before = await calls(admin, 'scan');
    await feed.start(walk);
    expect(await calls(admin, 'scan')).toBe(before);
    expect(latest().keys).toHaveLength(20);
    expect(feed.stats.walks).toBe(0);
  });

  it('polling: shows the first keys with a count of the rest, and rereads only what is on screen', async () => {
    await fill(PANEL_LIMIT + 250);
    const { feed, latest } = await openFeed({ username: 'viewer', password: 'viewer-pw', pollIntervalMs: 150 });
    await feed.start();
    expect(feed.mode).toBe('polling');
    expect(latest().keys).toHaveLength(PANEL_LIMIT);
    expect(latest()).toMatchObject({ more: 250, truncated: true, moreIsLowerBound: false });

    // A key the panel shows: which 1,000 of the 1,250 those are follows SCAN's order, which Redis seeds per process.
    const onScreen = latest().keys[3].key;
    await admin.set(onScreen, 'changed');
    await eventually(() => expect(latest().keys.find((k) => k.key === onScreen)?.preview).toBe('changed'));

    // Rereads touch only the keys on screen: Redis' own idle clock (OBJECT IDLETIME, whole seconds) shows
    // the shown keys read during the window and the hidden ones untouched since they were written, before it.
    // A shown key idle 3 s here was the feed gone silent: a run with nothing to await left it thinking a
    // run was still under way, so no reread or walk ever started again.
    const scansBefore = await calls(admin, 'scan');
    const walkMsBefore = feed.stats.walkMs;
    const windowStart = performance.now();
    await new Promise((r) => setTimeout(r, 3600));
    const windowMs = performance.now() - windowStart;
    const scans = (await calls(admin, 'scan')) - scansBefore;
    const shown = new Set(latest().keys.map((k) => k.key));
    const all = Array.from({ length: PANEL_LIMIT + 250 }, (_, i) => `${ns}k:${String(i).padStart(5, '0')}`);
    const hidden = all.filter((k) => !shown.has(k));
    expect(hidden).toHaveLength(250);
    const idle = async (keys: string[]) => Promise.all(keys.map(async (k) => Number(await admin.object('IDLETIME', k))));
    expect(Math.max(...(await idle([...shown].slice(0, 50))))).toBeLessThanOrEqual(2);
    expect(Math.min(...(await idle(hidden)))).toBeGreaterThanOrEqual(3);

    // Walks are spaced by what one costs: after a walk of `ms` the next waits ms / 5 %, so the window's
    // walks spend at most 5 % of it scanning, plus the walk under way at each end. (A bound from one
    // walk timed here instead was noisy: the feed's own walks of this keyspace took 19 to 31 ms.)
    const walks = scans / (await walkNamespace(admin, ns, 0)).scans;
    const walkMs = feed.stats.walkMs - walkMsBefore;
    expect(walkMs).toBeLessThanOrEqual(windowMs * 0.05 + (2 * walkMs) / Math.max(1, walks));
    // And with a 150 ms poll interval, an unadaptive poller would have walked ~17 times.
    expect(walks).toBeLessThan(windowMs / 150);
  });
});
