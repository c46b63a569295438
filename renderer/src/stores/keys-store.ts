import { create } from 'zustand';
import type { KeysSnapshot } from '../../../shared/model';

interface KeysStore {
  snapshot?: KeysSnapshot;
  /** Keys whose value or TTL changed in the newest snapshot, with when, so rows can flash. */
  changedAt: Record<string, number>;
  apply(snapshot: KeysSnapshot): void;
  clear(): void;
}

function fingerprint(k: KeysSnapshot['keys'][number]): string {
  return `${k.type}|${k.size}|${k.preview}|${k.pttl < 0 ? k.pttl : 'ttl'}`;
}

/** The keys under the namespace as main last read them. */
export const useKeysStore = create<KeysStore>((set, get) => ({
  changedAt: {},
  apply(snapshot) {
    const before = new Map((get().snapshot?.keys ?? []).map((k) => [k.key, fingerprint(k)]));
    const changedAt = { ...get().changedAt };
    for (const key of snapshot.keys) {
      if (before.get(key.key) !== fingerprint(key)) changedAt[key.key] = snapshot.at;
    }
    set({ snapshot, changedAt });
  },
  clear: () => set({ snapshot: undefined, changedAt: {} }),
}));
