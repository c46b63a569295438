import { beforeEach, describe, expect, it } from 'vitest';
import type { KeysDelta, KeysSnapshot } from '../../shared/model';
import { createKeysStore, useKeysStore } from '../../renderer/src/stores/keys-store';

type Key = KeysSnapshot['keys'][number];

const key = (i: number, over: Partial<Key> = {}): Key => ({ key: `rpi:k:${String(i).padStart(4, '0')}`, type: 'string', preview: `v${i}`, size: 2, pttl: 60_000, readAt: 1_000, ...over });
const snapshot = (keys: Key[], at: number): KeysSnapshot => ({ namespace: 'rpi:', keys, truncated: false, at });

describe('the Keys store keeps what did not change', () => {
  beforeEach(() => useKeysStore.getState().clear());

  it('a snapshot with one key changed among 1,000 keeps the other 999 row objects and the order array', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => key(i));
    useKeysStore.getState().apply(snapshot(keys, 10));
    const before = useKeysStore.getState();
    const next = keys.map((k, i) => (i === 500 ? { ...k, preview: 'changed' } : { ...k }));
    useKeysStore.getState().apply(snapshot(next, 5_000));
    const after = useKeysStore.getState();
    expect(after.order).toBe(before.order);
    let same = 0;
    for (const id of after.order) if (after.rows.get(id) === before.rows.get(id)) same++;
    expect(same).toBe(999);
    const changed = after.rows.get('rpi:k:0500')!;
    expect(changed.info.preview).toBe('changed');
    expect(changed.changedAt).toBe(5_000);
  });

  it('a new TTL reading gives the row its reading without a flash; the bar keeps the longest TTL seen', () => {
    useKeysStore.getState().apply(snapshot([key(1)], 10));
    useKeysStore.getState().apply(snapshot([key(1, { pttl: 30_000, readAt: 31_000 })], 5_000));
    const row = useKeysStore.getState().rows.get('rpi:k:0001')!;
    expect(row.info.pttl).toBe(30_000);
    expect(row.changedAt).toBe(10);
    expect(row.full).toBe(60_000);
  });

  it('a key that comes or goes gives a new order; a row changed again while it flashes keeps its flash', () => {
    useKeysStore.getState().apply(snapshot([key(1), key(2)], 10));
    const order = useKeysStore.getState().order;
    useKeysStore.getState().apply(snapshot([key(1, { preview: 'a' })], 500));
    expect(useKeysStore.getState().order).not.toBe(order);
    expect(useKeysStore.getState().order).toEqual(['rpi:k:0001']);
    // 500 ms after the last flash began: still flashing, so not restarted.
    expect(useKeysStore.getState().rows.get('rpi:k:0001')!.changedAt).toBe(10);
    useKeysStore.getState().apply(snapshot([key(1, { preview: 'b' })], 5_000));
    expect(useKeysStore.getState().rows.get('rpi:k:0001')!.changedAt).toBe(5_000);
  });
});

describe('the Keys store applies deltas in O(changes)', () => {
  const full = (keys: Key[], seq: number, at = 10) => ({ ...snapshot(keys, at), kind: 'full' as const, seq });
  const delta = (seq: number, over: Partial<KeysDelta>): KeysDelta => ({ kind: 'delta', seq, namespace: 'rpi:', truncated: false, at: 5_000, changed: [], removed: [], ...over });

  it('a delta changing one key among 1,000 touches that row only: same order array, same 999 row objects', () => {
    const store = createKeysStore(() => Promise.reject(new Error('not expected')));
    store.getState().apply(full(Array.from({ length: 1000 }, (_, i) => key(i)), 1));
    const { order, rows, version } = store.getState();
    const copy = new Map(rows);
    store.getState().apply(delta(2, { changed: [{ info: key(500, { preview: 'changed' }) }] }));
    const after = store.getState();
    expect(after.order).toBe(order);
    expect(after.version).toBe(version + 1);
    expect(after.order.filter((id) => after.rows.get(id) !== copy.get(id))).toEqual(['rpi:k:0500']);
    expect(after.rows.get('rpi:k:0500')).toMatchObject({ info: { preview: 'changed' }, changedAt: 5_000 });
  });

  it('removes rows by label and puts new ones at their index, removals first, indexes ascending', () => {
    const store = createKeysStore(() => Promise.reject(new Error('not expected')));
    store.getState().apply(full([key(1), key(3), key(5), key(7)], 1));
    // Final order: 0, 1, 4, 5, 7, 8 (3 removed; 0, 4 and 8 new).
    store.getState().apply(
      delta(2, {
        removed: [{ key: 'rpi:k:0003' }, { key: 'rpi:k:0999' }],
        changed: [{ info: key(8), index: 5 }, { info: key(5, { preview: 'x' }) }, { info: key(0), index: 0 }, { info: key(4), index: 2 }],
        more: 2,
        truncated: true,
      }),
    );
    const { order, rows, summary } = store.getState();
    expect(order).toEqual(['rpi:k:0000', 'rpi:k:0001', 'rpi:k:0004', 'rpi:k:0005', 'rpi:k:0007', 'rpi:k:0008']);
    expect([...rows.keys()].sort()).toEqual([...order].sort());
    expect(summary).toMatchObject({ more: 2, truncated: true });
  });

  it('a delta that skips a number is not applied: the store asks for a snapshot once, then follows it', async () => {
    let asked = 0;
    let answer: (s: KeysSnapshot) => void = () => {};
    const store = createKeysStore(() => {
      asked++;
      return new Promise<KeysSnapshot>((resolve) => (answer = resolve));
    });
    store.getState().apply(full([key(1)], 1));
    store.getState().apply(delta(3, { changed: [{ info: key(2), index: 1 }] }));
    store.getState().apply(delta(4, { changed: [{ info: key(3), index: 2 }] }));
    expect(store.getState().order).toEqual(['rpi:k:0001']);
    expect(store.getState()).toMatchObject({ resyncing: true, resyncs: 1 });
    expect(asked).toBe(1);
    answer({ ...snapshot([key(1), key(2), key(3)], 6_000), seq: 4 });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ resyncing: false, seq: 4, order: ['rpi:k:0001', 'rpi:k:0002', 'rpi:k:0003'] });
    // A delta the snapshot already included is skipped; the next one applies.
    store.getState().apply(delta(4, { removed: [{ key: 'rpi:k:0001' }] }));
    store.getState().apply(delta(5, { removed: [{ key: 'rpi:k:0002' }] }));
    expect(store.getState().order).toEqual(['rpi:k:0001', 'rpi:k:0003']);
    expect(asked).toBe(1);
  });

  it('a pushed full snapshot from a new feed applies even though its numbers start again; deltas follow it', () => {
    const store = createKeysStore(() => Promise.reject(new Error('not expected')));
    store.getState().apply(full([key(1), key(2)], 57));
    // Another connection: its feed counts from 1 again, and its first update is the whole panel.
    store.getState().apply(full([key(9)], 1, 20));
    expect(store.getState()).toMatchObject({ seq: 1, order: ['rpi:k:0009'] });
    store.getState().apply(delta(2, { changed: [{ info: key(8), index: 0 }] }));
    expect(store.getState().order).toEqual(['rpi:k:0008', 'rpi:k:0009']);
    // An asked-for snapshot older than what a push brought is not applied.
    store.getState().apply({ ...snapshot([key(1)], 30), seq: 1 });
    expect(store.getState().order).toEqual(['rpi:k:0008', 'rpi:k:0009']);
  });
});
