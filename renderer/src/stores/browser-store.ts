import { create } from 'zustand';
import type { ListProgress, ListRow, ListView, RowMemory, RowMeta } from '../../../shared/browser-list';
import type { AppErrorData } from '../../../shared/errors';
import type { BrowserDetails, BrowserKey, RedisType } from '../../../shared/model';
import { ApiError, call, onEvents } from '../api/client';

/**
 * The key browser's list. The host holds the scanned keys; this store holds
 * only the scan's progress, how the user looks at it (view, delimiter, open
 * folders, text filter) and the window of rows on screen with their
 * details — never the whole keyspace, so a million keys cost the renderer
 * what a screenful does.
 */
interface BrowserStore {
  match: string;
  type?: RedisType;
  progress?: ListProgress;
  /** A new scan is being started (its first page read). */
  starting: boolean;
  error?: AppErrorData;

  view: ListView;
  delimiter: string;
  text: string;
  /** Ids of the open folders. */
  expanded: string[];

  /** Rows in the view now, and how many keys pass the text filter. */
  total: number;
  matching: number;
  /** The host's tree is still taking in scanned keys: its counts are so far. */
  building: boolean;
  /** The view, delimiter or text filter changed and the rows (and total) of the new one have not come yet. */
  renumbering: boolean;
  /** The loaded window: rows[i] is the row at position rowsStart + i. */
  rowsStart: number;
  rows: ListRow[];

  /** Per row id on screen: type and TTL (one pipeline), then size and preview, and on demand memory. */
  meta: Record<string, RowMeta>;
  details: Record<string, BrowserDetails>;
  memory: Record<string, RowMemory>;
  failed: Record<string, AppErrorData>;
  showMemory: boolean;
  autoRefresh: boolean;

  /** The keyboard cursor: a position in the view. */
  active: number;
  /** The key whose value the value pane shows (key-editor-store follows it). */
  selected?: string;

  /** Picks up the host's scan (a reopened tab), or starts one. */
  resume(): Promise<void>;
  scan(match: string, type?: RedisType): Promise<void>;
  /** One more page (scrolling near the end) or everything left, in the background. */
  more(toEnd: boolean): Promise<void>;
  stop(): Promise<void>;
  applyProgress(progress: ListProgress): void;
  setView(view: ListView): void;
  setDelimiter(delimiter: string): void;
  setText(text: string): void;
  toggle(folderId: string, open?: boolean): void;
  /** The rows the list shows (with some margin); loads them if they are not loaded. */
  want(start: number, count: number): void;
  /**
   * Type and TTL (one pipeline), then size and preview, for key rows on
   * screen; `again` re-reads what is already known: 'meta' type and TTL
   * only (auto-refresh), 'all' everything (Refresh).
   */
  loadDetails(ids: string[], again?: 'meta' | 'all'): Promise<void>;
  loadMemory(ids: string[]): Promise<void>;
  setShowMemory(on: boolean): void;
  setAutoRefresh(on: boolean): void;
  setActive(position: number): void;
  select(id: string | undefined): void;
  reset(): void;
  /**
   * For the value side after an edit (it must not edit this store): a key's
   * value, type or TTL changed, so its row reads its details again…
   */
  keyChanged(id: string): void;
  /** …a key was deleted (or renamed away): its row goes, and the selection with it… */
  keyRemoved(id: string): void;
  /** …a key was created (or renamed to): it joins the scanned keys once. */
  keyAdded(key: BrowserKey): void;
}

const errorData = (err: unknown): AppErrorData => (err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });

/** The window asked for last, and whether a request for it is out: at most one rows request in flight. */
let wanted = { start: 0, count: 0 };
let inFlight = false;
let again = false;

const initial = {
  match: '*',
  type: undefined,
  progress: undefined,
  starting: false,
  error: undefined,
  total: 0,
  matching: 0,
  building: false,
  renumbering: false,
  rowsStart: 0,
  rows: [] as ListRow[],
  meta: {},
  details: {},
  memory: {},
  failed: {},
  active: 0,
  selected: undefined,
};

/** Keeps only the entries of ids on screen: what was read for rows scrolled away is dropped. */
function onlyFor<T>(record: Record<string, T>, ids: Set<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id of ids) if (record[id]) out[id] = record[id];
  return out;
}

export const useBrowserStore = create<BrowserStore>((set, get) => {
  /** Scans asked for so far: only the latest one's answer (or refusal) is kept, the host refuses the ones it overtook. */
  let scansAsked = 0;
  async function loadRows(): Promise<void> {
    const { progress } = get();
    if (!progress) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    again = false;
    const { view, delimiter, expanded, text } = get();
    const asked = { ...wanted };
    try {
      const win = await call('browser.list.rows', { scanId: progress.scanId, view, start: asked.start, count: Math.max(1, Math.min(200, asked.count)), delimiter, expanded, text });
      if (get().progress?.scanId !== win.scanId) return set({ building: false });
      const ids = new Set(win.rows.flatMap((r) => (r.kind === 'key' ? [r.id] : [])));
      const s = get();
      set({
        // These rows are of the view asked for only if nothing changed since.
        renumbering: s.view !== view || s.delimiter !== delimiter || s.text !== text,
        rows: win.rows,
        rowsStart: win.start,
        total: win.total,
        matching: win.matching,
        building: !!win.building,
        progress: win.progress.scanId === s.progress?.scanId && win.progress.calls < (s.progress?.calls ?? 0) ? s.progress : win.progress,
        meta: onlyFor(s.meta, ids),
        details: onlyFor(s.details, ids),
        memory: onlyFor(s.memory, ids),
        failed: onlyFor(s.failed, ids),
        active: Math.min(s.active, Math.max(0, win.total - 1)),
        error: undefined,
      });
    } catch (err) {
      // The error is said; a Go meanwhile is judged against the rows still shown rather than waiting for none.
      set({ error: errorData(err), building: false, renumbering: false });
    } finally {
      inFlight = false;
      // A tree still being built asks again at once: each request takes in a step of the keys.
      if (again || get().building) void loadRows();
    }
  }

  return {
    ...initial,
    view: 'flat',
    delimiter: ':',
    text: '',
    expanded: [],
    showMemory: false,
    autoRefresh: false,

    async resume() {
      try {
        const progress = await call('browser.list.progress', {});
        if (progress) {
          set({ progress, match: progress.match, type: progress.type });
          void loadRows();
        } else if (!get().starting) await get().scan(get().match, get().type);
      } catch (err) {
        set({ error: errorData(err) });
      }
    },

    async scan(match, type) {
      const mine = ++scansAsked;
      set({ ...initial, match, type, starting: true, expanded: [], selected: get().selected });
      try {
        const progress = await call('browser.list.start', { match, type });
        if (mine !== scansAsked) return;
        set({ progress, starting: false });
        void loadRows();
      } catch (err) {
        if (mine !== scansAsked) return;
        set({ error: errorData(err), starting: false });
      }
    },

    async more(toEnd) {
      const { progress } = get();
      if (!progress || progress.done || (progress.running && !toEnd)) return;
      try {
        get().applyProgress(await call('browser.list.more', { scanId: progress.scanId, toEnd }));
      } catch (err) {
        set({ error: errorData(err) });
      }
    },

    async stop() {
      const { progress } = get();
      if (!progress) return;
      try {
        get().applyProgress(await call('browser.list.stop', { scanId: progress.scanId }));
      } catch (err) {
        set({ error: errorData(err) });
      }
    },

    applyProgress(progress) {
      const now = get().progress;
      if (!now || now.scanId !== progress.scanId) return;
      // Events and replies can cross: never step back to an older reading.
      if (progress.calls < now.calls || (progress.calls === now.calls && progress.running && !now.running && now.keys === progress.keys)) return;
      set({ progress });
      // The counts and the rows on screen follow what the scan found.
      if (progress.keys !== now.keys || progress.done !== now.done) void loadRows();
    },

    setView(view) {
      if (view === get().view) return;
      set({ view, active: 0, renumbering: true });
      void loadRows();
    },
    setDelimiter(delimiter) {
      if (!delimiter) return;
      set({ delimiter, expanded: [], active: 0, renumbering: delimiter !== get().delimiter || get().renumbering });
      void loadRows();
    },
    setText(text) {
      set({ text, active: 0, renumbering: text !== get().text || get().renumbering });
      void loadRows();
    },
    toggle(folderId, open) {
      const { expanded } = get();
      const isOpen = expanded.includes(folderId);
      const next = open ?? !isOpen;
      if (next === isOpen) return;
      set({ expanded: next ? [...expanded, folderId] : expanded.filter((id) => id !== folderId) });
      void loadRows();
    },

    want(start, count) {
      const { rowsStart, rows } = get();
      wanted = { start, count };
      if (start >= rowsStart && start + count <= rowsStart + rows.length) return;
      void loadRows();
    },

    async loadDetails(ids, again) {
      if (ids.length === 0) return;
      const scanId = get().progress?.scanId;
      const needMeta = again ? ids : ids.filter((id) => !get().meta[id] && !get().failed[id]);
      try {
        if (needMeta.length) {
          const rows = await call('browser.list.meta', { ids: needMeta });
          if (get().progress?.scanId !== scanId) return;
          const meta = { ...get().meta };
          for (const row of rows) meta[row.id] = row;
          set({ meta });
        }
        const needDetails = again === 'all' ? ids : ids.filter((id) => !get().details[id] && !get().failed[id]);
        if (needDetails.length) {
          const infos = await call('browser.details', { ids: needDetails });
          if (get().progress?.scanId !== scanId) return;
          const details = { ...get().details };
          for (const info of infos) details[info.id] = info;
          set({ details });
        }
        if (get().showMemory) await get().loadMemory(again ? ids : ids.filter((id) => !get().memory[id]));
      } catch (err) {
        // Said on each row it concerns, so no row waits on "reading…" for an answer that will not come.
        const failed = { ...get().failed };
        for (const id of ids) failed[id] = errorData(err);
        set({ failed });
      }
    },

    async loadMemory(ids) {
      if (ids.length === 0) return;
      try {
        const rows = await call('browser.list.memory', { ids });
        const memory = { ...get().memory };
        for (const row of rows) memory[row.id] = row;
        set({ memory });
      } catch (err) {
        const failed = { ...get().failed };
        for (const id of ids) failed[id] = errorData(err);
        set({ failed });
      }
    },

    setShowMemory(on) {
      set({ showMemory: on });
      if (on) void get().loadMemory(get().rows.flatMap((r) => (r.kind === 'key' ? [r.id] : [])));
    },
    setAutoRefresh(on) {
      set({ autoRefresh: on });
    },
    setActive(position) {
      set({ active: Math.max(0, Math.min(position, get().total - 1)) });
    },
    select(id) {
      set({ selected: id });
    },
    reset() {
      wanted = { start: 0, count: 0 };
      set({ ...initial });
    },

    keyChanged(id) {
      void get().loadDetails([id], 'all');
    },
    keyRemoved(id) {
      void call('browser.list.forget', { id })
        .then(() => loadRows())
        .catch(() => undefined);
      if (get().selected === id) set({ selected: undefined });
    },
    keyAdded(key) {
      void call('browser.list.learn', { id: key.id })
        .then(() => loadRows())
        .catch(() => undefined);
    },
  };
});

// The host streams its scan's progress (at most once per frame); a closed connection forgets the list.
onEvents((batch) => {
  for (const event of batch) {
    if (event.type === 'browserList') useBrowserStore.getState().applyProgress(event.payload);
    // Another connection (or none) means another keyspace: the old scan's rows must not stay on screen.
    else if (event.type === 'connection' && (event.payload.state === 'disconnected' || event.payload.state === 'connecting')) useBrowserStore.getState().reset();
  }
});
