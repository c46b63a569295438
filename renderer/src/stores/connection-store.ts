import { create } from 'zustand';
import type { ConnectInputT } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import type { AppInfo, ConnectionStatus } from '../../../shared/model';
import { ApiError, call } from '../api/client';
import { useDbStore } from './db-store';
import { useKeysStore } from './keys-store';
import { useSessionStore } from './session-store';

interface ConnectionStore {
  status: ConnectionStatus;
  info?: AppInfo;
  busy: boolean;
  error?: AppErrorData;
  loadInfo(): Promise<void>;
  connect(input: ConnectInputT): Promise<boolean>;
  disconnect(): Promise<void>;
  setStatus(status: ConnectionStatus): void;
}

function errorData(err: unknown): AppErrorData {
  return err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message };
}

/** The connection to Redis: its status, the form's last error, and the app facts. */
export const useConnectionStore = create<ConnectionStore>((set) => ({
  status: { state: 'disconnected' },
  busy: false,
  async loadInfo() {
    const [info, status] = await Promise.all([call('app.info', {}), call('connection.status', {})]);
    set({ info, status });
    // A reloaded window finds main still connected: pick up the keys and the open run.
    if (status.state !== 'disconnected') {
      const [keys, session] = await Promise.all([call('keys.snapshot', {}), call('session.current', {})]);
      useKeysStore.getState().apply(keys);
      void useDbStore.getState().refresh();
      if (session) await useSessionStore.getState().resume(session);
    }
  },
  async connect(input) {
    set({ busy: true, error: undefined });
    try {
      const status = await call('connection.connect', input);
      set({ status, busy: false });
      return true;
    } catch (err) {
      const error = errorData(err);
      // The user cancelled it themselves: nothing to report.
      set({ busy: false, error: error.code === 'cancelled' ? undefined : error, status: { state: 'disconnected' } });
      return false;
    }
  },
  /** Also cancels a connect still in flight: the host closes whatever it was opening. */
  async disconnect() {
    const status = await call('connection.disconnect', {});
    set({ status, error: undefined });
  },
  setStatus: (status) => set({ status }),
}));
