import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { KeyValueView } from '../../../shared/model';
import { ApiError, call } from '../api/client';
import { useBrowserStore } from './browser-store';

interface KeyEditorStore {
  /** The key the value below belongs to. */
  id?: string;
  value?: KeyValueView | null;
  /** Why the selected key's value could not be read. */
  error?: AppErrorData;
  load(id: string | undefined): Promise<void>;
}

const errorData = (err: unknown): AppErrorData => (err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });

/**
 * The value side of the key browser: what the selected key holds. It follows
 * the list's selection (browser-store) and never the other way round, so the
 * stores stay acyclic.
 */
export const useKeyEditorStore = create<KeyEditorStore>((set, get) => ({
  async load(id) {
    set({ id, value: undefined, error: undefined });
    if (!id) return;
    try {
      const value = await call('browser.value', { id });
      if (get().id === id) set({ value });
    } catch (err) {
      if (get().id === id) set({ error: errorData(err) });
    }
  },
}));

useBrowserStore.subscribe((state, previous) => {
  if (state.selected !== previous.selected) void useKeyEditorStore.getState().load(state.selected);
});
