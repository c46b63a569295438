import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { BrowserDetails, BrowserKey, RedisType, ScanPage } from '../../../shared/model';
import { ApiError, call } from '../api/client';

interface BrowserStore {
  match: string;
  type?: RedisType;
  keys: BrowserKey[];
  /** Where the next page starts. */
  cursor: string;
  started: boolean;
  /** The scan went round the whole keyspace. */
  done: boolean;
  total?: number;
  /** Why the total is unknown (DBSIZE refused). */
  totalDenied?: ScanPage['totalDenied'];
  loading: boolean;
  error?: AppErrorData;
  /** Per row id: its details, or why it has none. */
  details: Record<string, BrowserDetails>;
  /** Rows whose details request failed, with the reason, so they never sit on "reading…". */
  failed: Record<string, AppErrorData>;
  /** The key whose value the value pane shows (key-editor-store follows it). */
  selected?: string;
  scan(match: string, type?: RedisType): Promise<void>;
  more(): Promise<void>;
  loadDetails(ids: string[]): Promise<void>;
  select(id: string): void;
  /**
   * For the value side after an edit (it must not edit this store): a key's
   * value, type or TTL changed, so its row reads its details again…
   */
  keyChanged(id: string): void;
  /** …a key was deleted (or renamed away): its row goes, and the selection with it… */
  keyRemoved(id: string): void;
  /** …a key was created (or renamed to): it joins the scanned keys once, with its label. */
  keyAdded(key: BrowserKey): void;
}

let seen = new Set<string>();
let generation = 0;

const errorData = (err: unknown): AppErrorData => (err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });

/** The key browser: pages of SCAN as the user scrolls, details only for the rows on screen. */
export const useBrowserStore = create<BrowserStore>((set, get) => ({
  match: '*',
  keys: [],
  cursor: '0',
  started: false,
  done: false,
  loading: false,
  details: {},
  failed: {},
  async scan(match, type) {
    seen = new Set();
    generation++;
    set({ match, type, keys: [], cursor: '0', started: true, done: false, total: undefined, totalDenied: undefined, error: undefined, details: {}, failed: {}, loading: false, selected: undefined });
    await get().more();
  },
  async more() {
    const { loading, done, cursor, match, type } = get();
    if (loading || done) return;
    const mine = generation;
    set({ loading: true });
    try {
      const page = await call('browser.scan', { cursor, match, type });
      if (mine !== generation) return;
      // SCAN may return a key twice; show it once.
      const fresh = page.keys.filter((k) => !seen.has(k.id));
      for (const k of fresh) seen.add(k.id);
      set({ keys: [...get().keys, ...fresh], cursor: page.cursor, done: page.cursor === '0', total: page.total, totalDenied: page.totalDenied, loading: false });
    } catch (err) {
      if (mine === generation) set({ error: errorData(err), loading: false });
    }
  },
  select(id) {
    set({ selected: id });
  },
  keyChanged(id) {
    const { [id]: _old, ...details } = get().details;
    const { [id]: _failed, ...failed } = get().failed;
    set({ details, failed });
  },
  keyRemoved(id) {
    seen.delete(id);
    const { [id]: _old, ...details } = get().details;
    set({ keys: get().keys.filter((k) => k.id !== id), details, selected: get().selected === id ? undefined : get().selected });
  },
  keyAdded(key) {
    if (seen.has(key.id)) return get().keyChanged(key.id);
    seen.add(key.id);
    set({ keys: [key, ...get().keys] });
  },
  async loadDetails(ids) {
    const { details, failed } = get();
    const missing = ids.filter((id) => !details[id] && !failed[id]);
    if (missing.length === 0) return;
    const mine = generation;
    try {
      const infos = await call('browser.details', { ids: missing });
      if (mine !== generation) return;
      const next = { ...get().details };
      for (const info of infos) next[info.id] = info;
      set({ details: next });
    } catch (err) {
      // Said on each row it concerns, so no row waits on "reading…" for an answer that will not come.
      if (mine !== generation) return;
      const next = { ...get().failed };
      for (const id of missing) next[id] = errorData(err);
      set({ failed: next });
    }
  },
}));
