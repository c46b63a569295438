import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { BrowserKey, KeyInfo, KeyValueView, RedisType } from '../../../shared/model';
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
  loading: boolean;
  error?: AppErrorData;
  details: Record<string, KeyInfo>;
  /** The key whose value the value pane shows. */
  selected?: string;
  value?: KeyValueView | null;
  scan(match: string, type?: RedisType): Promise<void>;
  more(): Promise<void>;
  loadDetails(ids: string[]): Promise<void>;
  select(id: string): Promise<void>;
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
  async scan(match, type) {
    seen = new Set();
    generation++;
    set({ match, type, keys: [], cursor: '0', started: true, done: false, total: undefined, error: undefined, details: {}, loading: false, selected: undefined, value: undefined });
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
      set({ keys: [...get().keys, ...fresh], cursor: page.cursor, done: page.cursor === '0', total: page.total, loading: false });
    } catch (err) {
      if (mine === generation) set({ error: errorData(err), loading: false });
    }
  },
  async select(id) {
    set({ selected: id, value: undefined });
    try {
      const value = await call('browser.value', { id });
      if (get().selected === id) set({ value });
    } catch (err) {
      if (get().selected === id) set({ error: errorData(err) });
    }
  },
  async loadDetails(ids) {
    const missing = ids.filter((id) => !get().details[id]);
    if (missing.length === 0) return;
    const infos = await call('browser.details', { ids: missing }).catch(() => []);
    const details = { ...get().details };
    for (const info of infos) details[info.id] = info;
    set({ details });
  },
}));
