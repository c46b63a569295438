import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KeysDelta, KeysUpdate } from '../../shared/model';
import { KeysFeed, PANEL_LIMIT } from '../../electron/core/feed/keys-feed';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { keysPanelModel } from '../helpers/keys-updates';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

const deltas = (updates: KeysUpdate[]) => updates.filter((u): u is KeysDelta => u.kind === 'delta');
const names = (keys: { key: string }[]) => keys.map((k) => k.key);

describe('keys feed deltas: a full snapshot at start, then only what changed', () => {
  let redis: TestRedis;
  let admin: Redis;
  let ns = '';
  let run = 0;
  const open: { feed: KeysFeed; connection: LiveConnection }[] = [];

  /** A feed and the renderer's store it feeds; `drop` loses the updates it says, as a lossy transport would. */
  async function openFeed(drop: (update: KeysUpdate) => boolean = () => false) {
    const connection = await LiveConnection.open({ kind: 'existing', port: redis.port, namespace: ns }, { dataDir: '/tmp' });
    const panel = keysPanelModel(() => feed.read());
    const dropped: KeysUpdate[] = [];
    const feed: KeysFeed = new KeysFeed(connection, (update) => (drop(update) ? dropped.push(update) : panel.push(update)));
    open.push({ feed, connection });
    await feed.start();
    return { feed, panel, dropped };
  }

  /** The feed's own view equals what the store built from its updates. */
  async function expectSameAsFeed(feed: KeysFeed, panel: ReturnType<typeof keysPanelModel>) {
    const truth = await feed.read();
    const shown = panel.latest();
    expect(names(shown.keys)).toEqual(names(truth.keys));
    expect(shown.keys.map((k) => [k.preview, k.pttl > 0, k.type])).toEqual(truth.keys.map((k) => [k.preview, k.pttl > 0, k.type]));
    expect({ more: shown.more, truncated: shown.truncated }).toEqual({ more: truth.more, truncated: truth.truncated });
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
  });
  afterEach(async () => {
    for (const { feed, connection } of open.splice(0)) {
      await feed.stop();
      await connection.close();
    }
  });
  afterAll(() => redis.stop());

  it('sends one full snapshot, then deltas that name only the changed keys and build the same panel', async () => {
    ns = `d${++run}:`;
    const seed = admin.pipeline();
    for (let i = 0; i < 300; i++) seed.set(`${ns}k:${String(i).padStart(4, '0')}`, `v${i}`, 'EX', 600);
    await seed.exec();
    const { feed, panel } = await openFeed();
    await eventually(() => expect(panel.latest().keys).toHaveLength(300));
    expect(panel.updates[0]).toMatchObject({ kind: 'full', seq: 1 });
    expect(panel.updates[0].kind === 'full' && panel.updates[0].keys).toHaveLength(300);

    // 200 rewrites of 20 keys, and 10 new keys: every update after the first is a delta naming changed keys only.
    for (let round = 0; round < 10; round++) {
      const p = admin.pipeline();
      for (let i = 0; i < 20; i++) p.set(`${ns}k:${String(i * 7).padStart(4, '0')}`, `r${round}`, 'EX', 600);
      p.set(`${ns}new:${round}`, 'n');
      await p.exec();
    }
    await eventually(() => expect(panel.latest().keys.find((k) => k.key === `${ns}k:0133`)?.preview).toBe('r9'));
    await eventually(() => expect(panel.latest().keys).toHaveLength(310));
    expect(feed.stats.fullSnapshots).toBe(1);
    const sent = deltas(panel.updates);
    expect(sent.length).toBe(panel.updates.length - 1);
    expect(Math.max(...sent.map((d) => d.changed.length))).toBeLessThanOrEqual(30);
    // Numbered without a gap.
    expect(panel.updates.map((u) => u.seq)).toEqual(panel.updates.map((_, i) => i + 1));
    // New keys carry their place; rewritten ones do not.
    const added = sent.flatMap((d) => d.changed.filter((c) => c.index !== undefined).map((c) => c.info.key));
    expect(new Set(added)).toEqual(new Set(Array.from({ length: 10 }, (_, r) => `${ns}new:${r}`)));
    expect(panel.store.getState().resyncs).toBe(0);
    await expectSameAsFeed(feed, panel);
  });

  it('keeps the order in which changes were seen, and puts a new key in its sorted place', async () => {
    ns = `d${++run}:`;
    await admin.set(`${ns}b`, '1');
    await admin.set(`${ns}d`, '1');
    const { feed, panel } = await openFeed();
    await eventually(() => expect(names(panel.latest().keys)).toEqual([`${ns}b`, `${ns}d`]));
    const before = panel.updates.length;
    // One transaction: the notifications arrive together and the changes share one delta.
    await admin.multi().set(`${ns}e`, 'new').set(`${ns}b`, 'changed').set(`${ns}a`, 'new').set(`${ns}c`, 'new').exec();
    await eventually(() => expect(panel.latest().keys).toHaveLength(5));
    const changedInOrder = deltas(panel.updates.slice(before)).flatMap((d) => d.changed.map((c) => c.info.key));
    expect(changedInOrder).toEqual([`${ns}e`, `${ns}b`, `${ns}a`, `${ns}c`]);
    expect(names(panel.latest().keys)).toEqual([`${ns}a`, `${ns}b`, `${ns}c`, `${ns}d`, `${ns}e`]);
    expect(panel.latest().keys[1].preview).toBe('changed');
    await expectSameAsFeed(feed, panel);
  });

  it('removes a key on the panel by its label, keeps every other row object, and fills the room from the keys beyond', async () => {
    ns = `d${++run}:`;
    const seed = admin.pipeline();
    for (let i = 0; i < PANEL_LIMIT + 5; i++) seed.set(`${ns}k:${String(i).padStart(4, '0')}`, `v${i}`);
    await seed.exec();
    const { feed, panel } = await openFeed();
    await eventually(() => expect(panel.latest()).toMatchObject({ more: 5, truncated: true }));
    const onScreen = panel.latest().keys[10].key;
    const rowsBefore = new Map(panel.store.getState().rows);
    const before = panel.updates.length;
    await admin.del(onScreen);
    await eventually(() => expect(names(panel.latest().keys)).not.toContain(onScreen));
    const removal = deltas(panel.updates.slice(before)).find((d) => d.removed.length > 0)!;
    expect(removal.removed).toEqual([{ key: onScreen }]);
    // The other rows are the same objects: nothing else was rebuilt.
    const { rows, order } = panel.store.getState();
    expect(order.filter((id) => rows.get(id) !== rowsBefore.get(id))).toEqual(
      // only a key that came in from beyond the panel to take the free place
      order.filter((id) => !rowsBefore.has(id)),
    );
    // A key from beyond the panel takes the free place; the count of the rest goes down.
    await eventually(() => {
      expect(panel.latest()).toMatchObject({ more: 4 });
      expect(panel.latest().keys).toHaveLength(PANEL_LIMIT);
    });
    expect(feed.stats.fullSnapshots).toBe(1);
    await expectSameAsFeed(feed, panel);
  });

  it('a missed delta makes the store ask for the panel as it is, once, and go on with the deltas after it', async () => {
    ns = `d${++run}:`;
    await admin.set(`${ns}a`, '1');
    let dropNext = false;
    const { feed, panel, dropped } = await openFeed((update) => {
      if (!dropNext || update.kind !== 'delta') return false;
      dropNext = false;
      return true;
    });
    await eventually(() => expect(names(panel.latest().keys)).toEqual([`${ns}a`]));
    dropNext = true;
    await admin.set(`${ns}lost`, 'this delta never arrives');
    await eventually(() => expect(dropped).toHaveLength(1));
    expect(names(panel.latest().keys)).toEqual([`${ns}a`]);
    // The next delta does not follow the last one the store has: it asks for a snapshot instead of applying it.
    await admin.set(`${ns}after`, 'next');
    await eventually(() => expect(names(panel.latest().keys)).toEqual([`${ns}a`, `${ns}after`, `${ns}lost`]));
    expect(panel.store.getState().resyncs).toBe(1);
    // Then deltas apply again, without another resync.
    await admin.del(`${ns}a`);
    await eventually(() => expect(names(panel.latest().keys)).toEqual([`${ns}after`, `${ns}lost`]));
    expect(panel.store.getState().resyncs).toBe(1);
    await expectSameAsFeed(feed, panel);
  });
});
