import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { CreateKeyInput, EditEntry, EditOp, EditResult, PagePosition, StreamGroups, StringView, ValuePage, ValueRow, Writable } from '../../../shared/key-editor-contract';
import { ApiError, call } from '../api/client';
import { useConnectionStore } from './connection-store';
import { useBrowserStore } from './browser-store';

interface KeyEditorStore {
  /** The key the page below belongs to. */
  id?: string;
  /** The page shown; null when the key is gone. */
  page?: ValuePage | null;
  /** The page's rows, without the ones a SCAN cursor returned a second time. */
  rows: ValueRow[];
  /** Rows a hash or set walk dropped so far because an earlier page already showed them (SCAN may repeat). */
  repeats: number;
  /** 1 for the first page of a walk; a jump starts a new walk. */
  pageNumber: number;
  /** Where the earlier pages of this walk started, for Previous (a SCAN cursor cannot go back by itself). */
  back: PagePosition[];
  view: StringView;
  count: number;
  loading: boolean;
  error?: AppErrorData;
  groups?: StreamGroups;
  groupsError?: AppErrorData;
  history: EditEntry[];
  historyError?: AppErrorData;
  load(id: string | undefined): Promise<void>;
  next(): Promise<void>;
  prev(): Promise<void>;
  jump(at: PagePosition): Promise<void>;
  setView(view: StringView): Promise<void>;
  setCount(count: number): Promise<void>;
  reload(): Promise<void>;
  loadGroups(group?: string): Promise<void>;
  loadHistory(): Promise<void>;
  /** Whether keys under the namespace may be edited at all on this connection, as the host found out (undefined until asked, or when it could not say). */
  rights?: Writable;
  loadRights(): Promise<void>;
  /** Makes one edit of the shown key; resolves with the error to show in the dialog, or undefined when done. */
  edit(op: EditOp): Promise<AppErrorData | undefined>;
  create(input: CreateKeyInput): Promise<AppErrorData | undefined>;
  undo(entry: number, force: boolean): Promise<AppErrorData | undefined>;
}

const errorData = (err: unknown): AppErrorData => (err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });

/** What identifies a hash field or set member across pages: its bytes as they travelled. */
const identity = (row: ValueRow) => `${row.cells[0]?.enc ?? ''}:${row.cells[0]?.bytes ?? ''}:${row.cells[0]?.text}`;
const scanned = (type: string | undefined) => type === 'hash' || type === 'set';

/** Identities seen by this walk, and per page of `back` (and the current one) the identities it added, so Previous can take them out again. */
let seen = new Set<string>();
let added: string[][] = [];
let request = 0;

/**
 * The value side of the key browser: one page of the selected key at a
 * time, paged forward and back, with the stream's groups and the edit
 * history. It follows the list's selection (browser-store) and tells the
 * list what an edit changed through its actions; the list never reads this
 * store, so the stores stay acyclic.
 */
export const useKeyEditorStore = create<KeyEditorStore>((set, get) => {
  /** Reads the page at `at` for the current key; `walk` says how the page relates to the one shown. */
  async function read(at: PagePosition | undefined, walk: 'new' | 'forward' | 'back' | 'same', after: Partial<KeyEditorStore> = {}): Promise<void> {
    const { id, view, count } = get();
    if (id === undefined) return;
    const mine = ++request;
    set({ loading: true });
    try {
      const page = await call('keyEditor.page', { id, at, count, view });
      if (mine !== request || get().id !== id) return;
      if (walk === 'new') {
        seen = new Set();
        added = [];
      } else if (walk === 'back' || walk === 'same') {
        for (const k of added.pop() ?? []) seen.delete(k);
      }
      let rows = page?.rows ?? [];
      let repeats = walk === 'new' ? 0 : get().repeats;
      if (page && scanned(page.type)) {
        const mineNow: string[] = [];
        rows = rows.filter((row) => {
          const k = identity(row);
          if (seen.has(k)) {
            if (walk === 'forward') repeats++;
            return false;
          }
          seen.add(k);
          mineNow.push(k);
          return true;
        });
        added.push(mineNow);
      }
      // The page, its rows and where it lies in the walk change together: the pager never shows one page's number over another's rows.
      set({ page, rows, repeats, loading: false, error: undefined, ...after });
      if (page?.type === 'stream' && (walk === 'new' || !get().groups)) void get().loadGroups();
    } catch (err) {
      if (mine === request && get().id === id) set({ error: errorData(err), loading: false });
    }
  }

  /** After an edit: the list hears what changed, the page and history are read again. */
  function afterEdit(result: EditResult, op: EditOp['op'] | 'create'): void {
    const browser = useBrowserStore.getState();
    const id = get().id;
    if (op === 'create' && result.key) {
      browser.keyAdded(result.key);
      browser.select(result.key.id);
    } else if (op === 'delete' && id) {
      browser.keyRemoved(id);
    } else if (op === 'rename' && id && result.key) {
      browser.keyRemoved(id);
      browser.keyAdded(result.key);
      browser.select(result.key.id);
    } else if (id) {
      browser.keyChanged(id);
      void read(get().page?.at, 'same');
    }
    void get().loadHistory();
  }

  return {
    rows: [],
    repeats: 0,
    pageNumber: 1,
    back: [],
    view: 'auto',
    count: 100,
    loading: false,
    history: [],
    async load(id) {
      request++;
      set({ id, page: undefined, rows: [], repeats: 0, pageNumber: 1, back: [], error: undefined, groups: undefined, groupsError: undefined, view: 'auto', loading: false });
      if (id === undefined) return;
      await read(undefined, 'new');
    },
    async next() {
      const { page, back, pageNumber, loading } = get();
      if (!page?.next || loading) return;
      await read(page.next, 'forward', { back: [...back, page.at], pageNumber: pageNumber + 1 });
    },
    async prev() {
      const { page, back, pageNumber, loading } = get();
      if (loading) return;
      const earlier = back.at(-1);
      if (earlier) {
        // The page shown leaves the walk; the earlier one is read again with what came before it.
        for (const k of added.pop() ?? []) seen.delete(k);
        await read(earlier, 'same', { back: back.slice(0, -1), pageNumber: Math.max(1, pageNumber - 1) });
      } else if (page?.prev) {
        await read(page.prev, 'new', { back: [], pageNumber: 1 });
      }
    },
    async jump(at) {
      await read(at, 'new', { back: [], pageNumber: 1 });
    },
    async setView(view) {
      set({ view });
      await read(undefined, 'new', { back: [], pageNumber: 1 });
    },
    async setCount(count) {
      set({ count });
      await read(undefined, 'new', { back: [], pageNumber: 1 });
    },
    async reload() {
      await read(get().page?.at, 'same');
    },
    async loadGroups(group) {
      const { id } = get();
      if (id === undefined) return;
      try {
        const groups = await call('keyEditor.groups', { id, group });
        if (get().id === id) set({ groups, groupsError: undefined });
      } catch (err) {
        if (get().id === id) set({ groupsError: errorData(err) });
      }
    },
    async loadRights() {
      set({ rights: undefined });
      try {
        set({ rights: await call('keyEditor.rights', {}) });
      } catch {
        // Not known: edits stay offered, and the first refusal names what is missing.
      }
    },
    async loadHistory() {
      try {
        set({ history: await call('keyEditor.history', {}), historyError: undefined });
      } catch (err) {
        set({ historyError: errorData(err) });
      }
    },
    async edit(op) {
      const { id } = get();
      if (id === undefined) return undefined;
      try {
        afterEdit(await call('keyEditor.edit', { id, edit: op }), op.op);
        return undefined;
      } catch (err) {
        // A refused edit is in the history too.
        void get().loadHistory();
        return errorData(err);
      }
    },
    async create(input) {
      try {
        afterEdit(await call('keyEditor.create', input), 'create');
        return undefined;
      } catch (err) {
        void get().loadHistory();
        return errorData(err);
      }
    },
    async undo(entry, force) {
      try {
        const result = await call('keyEditor.undo', { entry, force });
        const browser = useBrowserStore.getState();
        for (const id of result.removed) browser.keyRemoved(id);
        // A restored key may be in the list already (its value put back): its row's size and preview are read again too.
        for (const key of result.restored) {
          browser.keyAdded(key);
          browser.keyChanged(key.id);
        }
        const id = get().id;
        if (id !== undefined && result.restored.some((k) => k.id === id)) void read(get().page?.at, 'same');
        else if (id === undefined && result.restored[0]) browser.select(result.restored[0].id);
        void get().loadHistory();
        return undefined;
      } catch (err) {
        void get().loadHistory();
        return errorData(err);
      }
    },
  };
});

useBrowserStore.subscribe((state, previous) => {
  if (state.selected !== previous.selected) void useKeyEditorStore.getState().load(state.selected);
});

// Another connection's edits are not this one's: the History tab's count went on saying (5) after a disconnect
// until it was opened (found by the independent tester).
useConnectionStore.subscribe((state, previous) => {
  if (state.status.state === 'disconnected' && previous.status.state !== 'disconnected') useKeyEditorStore.setState({ history: [], historyError: undefined });
});
