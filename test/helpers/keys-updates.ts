import type { KeysSnapshot, KeysUpdate } from '../../shared/model';
import { createKeysStore } from '../../renderer/src/stores/keys-store';

/**
 * What the Keys panel would show, fed by a real KeysFeed's updates through
 * the renderer's own store (full snapshots, then deltas). `resync` is what
 * the store calls when it sees a gap (the app asks keys.snapshot; a test
 * hands it the feed's read()).
 */
export function keysPanelModel(resync: () => Promise<KeysSnapshot> = () => Promise.reject(new Error('no resync in this test'))) {
  const store = createKeysStore(resync);
  const updates: KeysUpdate[] = [];
  return {
    store,
    updates,
    /** The feed's callback. */
    push: (update: KeysUpdate) => {
      updates.push(update);
      store.getState().apply(update);
    },
    /** The panel as a snapshot: its keys in display order and its count line. */
    latest(): KeysSnapshot {
      const { summary, order, rows, seq } = store.getState();
      if (!summary) throw new Error('no update yet');
      return { ...summary, seq, keys: order.map((id) => rows.get(id)!.info) };
    },
  };
}
