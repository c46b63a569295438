import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import { plainError } from '../../../shared/plain-errors';
import type { ConsoleCommands, ConsoleReply } from '../../../shared/server-console';
import { ApiError, call } from '../api/client';

/** What the console keeps in memory: lines typed (for ↑ ↓) and the log on screen. */
export const HISTORY_MAX = 200;
export const LOG_MAX = 200;

export interface ConsoleEntry {
  id: number;
  line: string;
  reply?: ConsoleReply;
  error?: AppErrorData;
}

interface ConsoleStore {
  history: string[];
  log: ConsoleEntry[];
  running: boolean;
  docs?: ConsoleCommands;
  docsError?: AppErrorData;
  /** Inside MULTI, as the server's replies say: its OK opened it, each QUEUED added one, EXEC or DISCARD ended it. */
  transaction?: { queued: number };
  loadDocs(): Promise<void>;
  run(line: string): Promise<void>;
  clearLog(): void;
  /** A new connection: another server's commands and history. */
  reset(): void;
}

let nextId = 1;

/** The transaction state after one line's reply: read from what Redis answered, never from what was typed alone. */
function transactionAfter(before: { queued: number } | undefined, line: string, reply: ConsoleReply | undefined): { queued: number } | undefined {
  if (!reply || reply.refused) return before;
  // The console's connection ended: a transaction on it ended with it.
  if (reply.connectionReset) return undefined;
  const command = line.trim().split(/\s+/, 1)[0].toUpperCase();
  if (command === 'MULTI') return !reply.error && reply.text === 'OK' ? { queued: 0 } : before;
  if (!before) return undefined;
  if (command === 'EXEC' || command === 'DISCARD' || /EXECABORT/.test(reply.text)) return undefined;
  return reply.text === 'QUEUED' ? { queued: before.queued + 1 } : before;
}
/** Lines run one after another, in the order typed, even when typed faster than replies come. */
let queue: Promise<void> = Promise.resolve();

export const useConsoleStore = create<ConsoleStore>((set, get) => ({
  history: [],
  log: [],
  running: false,
  async loadDocs() {
    if (get().docs) return;
    try {
      set({ docs: await call('console.commands', {}), docsError: undefined });
    } catch (err) {
      set({ docsError: plainError(err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message }) });
    }
  },
  run(line) {
    if (!line.trim()) return queue;
    const history = get().history;
    const nextHistory = history[history.length - 1] === line ? history : [...history, line].slice(-HISTORY_MAX);
    const entry: ConsoleEntry = { id: nextId++, line };
    set((s) => ({ running: true, history: nextHistory, log: [...s.log, entry].slice(-LOG_MAX) }));
    queue = queue.then(async () => {
      let done: ConsoleEntry;
      try {
        done = { ...entry, reply: await call('console.run', { line }) };
      } catch (err) {
        done = { ...entry, error: plainError(err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message }) };
      }
      set((s) => ({
        running: s.log[s.log.length - 1]?.id !== entry.id,
        log: s.log.map((e) => (e.id === entry.id ? done : e)),
        transaction: transactionAfter(s.transaction, line, done.reply),
      }));
    });
    return queue;
  },
  clearLog() {
    set({ log: [] });
  },
  reset() {
    set({ history: [], log: [], docs: undefined, docsError: undefined, running: false, transaction: undefined });
  },
}));
