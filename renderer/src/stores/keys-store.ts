import { create } from 'zustand';
import type { KeysSnapshot } from '../../../shared/model';

type Key = KeysSnapshot['keys'][number];

/**
 * One row of the Keys panel. A row object is kept as long as what it shows is
 * the same, so a memoised row re-renders only when its own key changed.
 */
export interface KeyRow {
  id: string;
  info: Key;
  /** The longest TTL seen for this key: the bar's full width, so it drains rather than rescales. */
  full: number;
  /** When the value, type, size or expiry last changed (snapshot time), so the row can flash. */
  changedAt?: number;
}

interface KeysStore {
  snapshot?: KeysSnapshot;
  /** Row ids in display order; the same array while no key comes, goes or moves. */
  order: readonly string[];
  rows: ReadonlyMap<string, KeyRow>;
  apply(snapshot: KeysSnapshot): void;
  clear(): void;
}

/** No expiry (-1), gone (-2), or expiring: a key getting or losing a TTL flashes, a new reading does not. */
const expiry = (k: Key) => (k.pttl < 0 ? k.pttl : 1);

/** What makes a row flash: a new TTL reading alone does not. */
function sameContent(a: Key, b: Key): boolean {
  return a.type === b.type && a.size === b.size && a.preview === b.preview && expiry(a) === expiry(b) && sameDenials(a, b);
}

function sameDenials(a: Key, b: Key): boolean {
  if (!a.denied && !b.denied) return true;
  return JSON.stringify(a.denied ?? null) === JSON.stringify(b.denied ?? null);
}

/** Nothing a row shows differs: the row object is kept. */
function sameRow(a: Key, b: Key): boolean {
  return a.pttl === b.pttl && a.readAt === b.readAt && a.key === b.key && a.keyBytes === b.keyBytes && sameContent(a, b);
}

/** A row's identity: a long name is shown cut, so its full length tells two with the same start apart. */
export const rowKey = (k: Key) => (k.keyBytes === undefined ? k.key : `${k.key}|${k.keyBytes}`);

const NO_ROWS: ReadonlyMap<string, KeyRow> = new Map();

/** How long a changed row flashes (the flash animation in styles.css). */
export const FLASH_MS = 1200;

/**
 * The keys under the namespace as main last read them. Each snapshot keeps
 * every unchanged row object and the order array when nothing moved, so the
 * panel's rows re-render for what changed only, not for every snapshot.
 */
export const useKeysStore = create<KeysStore>((set, get) => ({
  order: [],
  rows: NO_ROWS,
  apply(snapshot) {
    const before = get();
    const rows = new Map<string, KeyRow>();
    const order: string[] = new Array<string>(snapshot.keys.length);
    let moved = before.order.length !== snapshot.keys.length;
    for (let i = 0; i < snapshot.keys.length; i++) {
      const info = snapshot.keys[i];
      const id = rowKey(info);
      order[i] = id;
      if (!moved && before.order[i] !== id) moved = true;
      const old = before.rows.get(id);
      if (old && sameRow(old.info, info)) {
        rows.set(id, old);
        continue;
      }
      // A change while the row still flashes from the last one keeps that flash: under a flood a row
      // is not remounted (and its flash restarted) for every snapshot.
      const flashing = old?.changedAt !== undefined && snapshot.at - old.changedAt < FLASH_MS;
      const changedAt = old && (sameContent(old.info, info) || flashing) ? old.changedAt : snapshot.at;
      rows.set(id, { id, info, full: Math.max(old?.full ?? 0, info.pttl), changedAt });
    }
    set({ snapshot, order: moved ? order : before.order, rows });
  },
  clear: () => set({ snapshot: undefined, order: [], rows: NO_ROWS }),
}));
