import { beforeEach, describe, expect, it } from 'vitest';
import type { KeysSnapshot } from '../../shared/model';
import { useKeysStore } from '../../renderer/src/stores/keys-store';

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
