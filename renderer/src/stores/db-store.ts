import { create } from 'zustand';
import type { DbRowView } from '../../../shared/model';
import { call } from '../api/client';

interface DbStore {
  rows: DbRowView[];
  refresh(): Promise<void>;
}

let inFlight: Promise<void> | undefined;

/** The database rows beside their cached values. */
export const useDbStore = create<DbStore>((set) => ({
  rows: [],
  refresh() {
    inFlight ??= call('db.rows', {})
      .then((rows) => set({ rows }))
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  },
}));
