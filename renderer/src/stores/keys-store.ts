import { create } from 'zustand';
import type { KeyRef, KeysDelta, KeysSnapshot, KeysSummary, KeysUpdate } from '../../../shared/model';

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

export interface KeysState {
  /** The count line: namespace, keys beyond the panel, when read. The same object while none of it changed. */
  summary?: KeysSummary;
  /** The live feed's update this state includes; undefined until a full snapshot came. */
  seq?: number;
  /** Row ids in display order; the same array while no key comes, goes or moves. */
  order: readonly string[];
  /**
   * Rows by id. A full snapshot builds a new map; a delta updates this one in
   * place (copying 1,000 entries per update is what deltas avoid) and bumps
   * `version`, which is what views subscribe to.
   */
  rows: ReadonlyMap<string, KeyRow>;
  version: number;
  /** A delta came that does not follow the last update: a full snapshot has been asked for. */
  resyncing: boolean;
  /** How many times a gap in the updates made the store ask for a full snapshot. */
  resyncs: number;
  apply(update: KeysSnapshot | KeysUpdate): void;
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

function sameSummary(a: KeysSummary | undefined, b: KeysSummary): boolean {
  return !!a && a.namespace === b.namespace && a.truncated === b.truncated && a.more === b.more && a.moreIsLowerBound === b.moreIsLowerBound;
}

/** A row's identity: a long name is shown cut, so its full length tells two with the same start apart. */
export const rowKey = (k: KeyRef) => (k.keyBytes === undefined ? k.key : `${k.key}|${k.keyBytes}`);

const NO_ROWS: ReadonlyMap<string, KeyRow> = new Map();

/** How long a changed row flashes (the flash animation in keys-panel.css). */
export const FLASH_MS = 1200;

/** The row for `info`: the old object when nothing it shows changed; a flash only for a change in content. */
function nextRow(id: string, info: Key, old: KeyRow | undefined, at: number): KeyRow {
  if (old && sameRow(old.info, info)) return old;
  // A change while the row still flashes from the last one keeps that flash: under a flood a row
  // is not remounted (and its flash restarted) for every update.
  const flashing = old?.changedAt !== undefined && at - old.changedAt < FLASH_MS;
  const changedAt = old && (sameContent(old.info, info) || flashing) ? old.changedAt : at;
  return { id, info, full: Math.max(old?.full ?? 0, info.pttl), changedAt };
}

/** The order with each new id at its index (final positions, as the host sorted them): one pass, however many came. */
function mergeAt(order: readonly string[], added: { index: number; id: string }[]): string[] {
  added.sort((a, b) => a.index - b.index);
  const next = new Array<string>(order.length + added.length);
  let old = 0;
  let neu = 0;
  for (let pos = 0; pos < next.length; pos++) {
    next[pos] = neu < added.length && (added[neu].index <= pos || old >= order.length) ? added[neu++].id : order[old++];
  }
  return next;
}

const summaryOf = ({ namespace, truncated, more, moreIsLowerBound, at }: KeysSummary): KeysSummary => ({ namespace, truncated, more, moreIsLowerBound, at });

const isDelta = (update: KeysSnapshot | KeysUpdate): update is KeysDelta => 'kind' in update && update.kind === 'delta';

/**
 * The Keys panel's rows as main last told them. A full snapshot rebuilds the
 * rows (keeping every unchanged row object); a delta touches only the rows
 * it names: the work per update follows the changes, not the panel's 1,000
 * rows. A delta that does not follow the last update (one was missed) asks
 * `resync` for a full snapshot and is not applied.
 */
export function createKeysStore(resync: () => Promise<KeysSnapshot>) {
  return create<KeysState>((set, get) => {
    let asked: Promise<void> | undefined;

    function askForSnapshot() {
      if (asked) return;
      set({ resyncing: true, resyncs: get().resyncs + 1 });
      asked = resync()
        .then((snapshot) => applyFull(snapshot, false))
        .catch(() => undefined)
        .finally(() => {
          asked = undefined;
          set({ resyncing: false });
        });
    }

    /**
     * A pushed full snapshot (the feed's first update, or after a walk) always applies: it may come from a
     * new feed (another connection) whose numbers start again. An asked-for one (a resync, a reloaded
     * window) is skipped if a pushed one newer than it came meanwhile: it would go back in time.
     */
    function applyFull(snapshot: KeysSnapshot, pushed: boolean) {
      const before = get();
      if (!pushed && snapshot.seq !== undefined && before.seq !== undefined && snapshot.seq < before.seq && snapshot.namespace === before.summary?.namespace) return;
      const rows = new Map<string, KeyRow>();
      const order: string[] = new Array<string>(snapshot.keys.length);
      let moved = before.order.length !== snapshot.keys.length;
      for (let i = 0; i < snapshot.keys.length; i++) {
        const info = snapshot.keys[i];
        const id = rowKey(info);
        order[i] = id;
        if (!moved && before.order[i] !== id) moved = true;
        rows.set(id, nextRow(id, info, before.rows.get(id), snapshot.at));
      }
      set({
        summary: sameSummary(before.summary, snapshot) ? before.summary : summaryOf(snapshot),
        seq: snapshot.seq,
        order: moved ? order : before.order,
        rows,
        version: before.version + 1,
      });
    }

    function applyDelta(delta: KeysDelta) {
      const before = get();
      if (before.seq !== undefined && delta.seq <= before.seq) return; // already included (a snapshot read after it)
      if (before.seq === undefined || delta.seq !== before.seq + 1 || delta.namespace !== before.summary?.namespace) {
        askForSnapshot();
        return;
      }
      // After clear() the rows are the shared empty map, never written to.
      const rows = before.rows === NO_ROWS ? new Map<string, KeyRow>() : (before.rows as Map<string, KeyRow>);
      let unplaced = false;
      let order = before.order;
      if (delta.removed.length > 0) {
        const gone = new Set<string>();
        for (const ref of delta.removed) if (rows.delete(rowKey(ref))) gone.add(rowKey(ref));
        if (gone.size > 0) order = order.filter((id) => !gone.has(id));
      }
      const added: { index: number; id: string }[] = [];
      for (const { info, index } of delta.changed) {
        const id = rowKey(info);
        const old = rows.get(id);
        // A key the renderer already has (from a snapshot read meanwhile) stays where it is.
        if (!old && index !== undefined) added.push({ index, id });
        else if (!old) unplaced = true;
        rows.set(id, nextRow(id, info, old, delta.at));
      }
      if (added.length > 0) order = mergeAt(order, added);
      set({
        summary: sameSummary(before.summary, delta) ? before.summary : summaryOf(delta),
        seq: delta.seq,
        order,
        rows,
        version: before.version + 1,
      });
      // A changed key this store never had and no place given for it: the two sides disagree; start over.
      if (unplaced) askForSnapshot();
    }

    return {
      order: [],
      rows: NO_ROWS,
      version: 0,
      resyncing: false,
      resyncs: 0,
      apply(update) {
        if (isDelta(update)) applyDelta(update);
        else applyFull(update, 'kind' in update);
      },
      clear: () => set({ summary: undefined, seq: undefined, order: [], rows: NO_ROWS, version: get().version + 1 }),
    };
  });
}

/** The live Keys panel's store: a missed delta is repaired by asking main for the panel as it is now. */
export const useKeysStore = createKeysStore(() => import('../api/client').then(({ call }) => call('keys.snapshot', {})));
