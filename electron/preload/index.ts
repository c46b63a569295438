import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent } from '../../shared/contract';
import { IPC_EVENTS, IPC_INVOKE } from '../../shared/ipc-channels';
import type { BridgeApi } from '../../shared/bridge';

/** The one object the renderer gets; it never sees ipcRenderer itself. */
const api: BridgeApi = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, { channel, input }),
  onEvents: (listener) => {
    const handler = (_event: unknown, batch: AppEvent[]) => listener(batch);
    ipcRenderer.on(IPC_EVENTS, handler);
    return () => ipcRenderer.removeListener(IPC_EVENTS, handler);
  },
};

contextBridge.exposeInMainWorld('rpi', api);
