import { create } from 'zustand';
import type { KeysSnapshot } from '../../../shared/model';

interface KeysStore {
  snapshot?: KeysSnapshot;
  /** Keys whose value or TTL changed in the newest snapshot, with when, so rows can flash. */
  changedAt: Record<string, number>;
  apply(snapshot: KeysSnapshot): void;
  clear(): void;
}

type Key = KeysSnapshot['keys'][number];

function fingerprint(k: Key): string {
  return `${k.type}|${k.size}|${k.preview}|${k.pttl < 0 ? k.pttl : 'ttl'}|${k.denied ? JSON.stringify(k.denied) : ''}`;
}

/** A row's identity: a long name is shown cut, so its full length tells two with the same start apart. */
export const rowKey = (k: Key) => (k.keyBytes === undefined ? k.key : `${k.key}|${k.keyBytes}`);

/** The keys under the namespace as main last read them. */
export const useKeysStore = create<KeysStore>((set, get) => ({
  changedAt: {},
  apply(snapshot) {
    const before = new Map((get().snapshot?.keys ?? []).map((k) => [rowKey(k), fingerprint(k)]));
    const changedAt = { ...get().changedAt };
    for (const key of snapshot.keys) {
      if (before.get(rowKey(key)) !== fingerprint(key)) changedAt[rowKey(key)] = snapshot.at;
    }
    set({ snapshot, changedAt });
  },
  clear: () => set({ snapshot: undefined, changedAt: {} }),
}));
