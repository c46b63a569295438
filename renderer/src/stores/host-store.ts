import { create } from 'zustand';
import type { MessageId } from '../../../shared/i18n/catalog';

/**
 * Whether the process serving the app (the web host) can be reached. In
 * Electron the main process cannot go away under the window, so this stays
 * `online`; in web mode the WebSocket transport keeps it up to date.
 */
export type HostState =
  | { state: 'online' }
  /** The first socket is opening. */
  | { state: 'connecting' }
  /** The socket is open but the host stopped answering its heartbeat. */
  | { state: 'unresponsive'; since: number }
  /** The socket closed; the transport retries at retryAt (attempt counts from 1). */
  | { state: 'lost'; attempt: number; retryAt: number }
  /** The host refused the page's token: retrying cannot help. */
  | { state: 'token'; problem: 'missing' | 'wrong' };

interface HostStore {
  host: HostState;
  /** Counts sockets reopened after a loss: each one means events may have been missed. */
  reconnects: number;
  set(host: HostState): void;
  reconnected(): void;
}

export const useHostStore = create<HostStore>((set) => ({
  host: { state: 'online' },
  reconnects: 0,
  set: (host) => set({ host }),
  reconnected: () => set((s) => ({ host: { state: 'online' }, reconnects: s.reconnects + 1 })),
}));

/** What to tell the user about the host, as a message to format in the user's language; null when all is well. */
export function describeHost(host: HostState, now: number): { id: MessageId; values?: Record<string, number> } | null {
  switch (host.state) {
    case 'online':
    case 'connecting':
      return null;
    case 'unresponsive':
      return { id: 'ui.host.unresponsive' };
    case 'lost': {
      const seconds = Math.ceil((host.retryAt - now) / 1000);
      return seconds > 0 ? { id: 'ui.host.lostRetry', values: { seconds, attempt: host.attempt } } : { id: 'ui.host.lostNow' };
    }
    case 'token':
      return { id: host.problem === 'missing' ? 'ui.host.tokenMissing' : 'ui.host.tokenWrong' };
  }
}
