import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENTS, IPC_INVOKE } from '../../shared/ipc-channels';
import type { AppCore } from '../core/app-core';
import { dispatch } from '../core/transport/dispatch';

/** Only the app's own window, showing the app's own page, may call in. */
function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  if (event.sender.id !== win.webContents.id) return false;
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('file://') || (!!process.env.ELECTRON_RENDERER_URL && url.startsWith(process.env.ELECTRON_RENDERER_URL));
}

/** The only place ipcMain is touched: one invoke channel dispatching through the contract, one event channel. */
export function registerIpc(core: AppCore, win: BrowserWindow): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, envelope: unknown) => {
    if (!isTrustedSender(event, win)) return { ok: false, error: { code: 'invalid_input', message: 'Untrusted sender' } };
    const { channel, input } = (envelope ?? {}) as { channel?: unknown; input?: unknown };
    return dispatch(core.handlers, channel, input);
  });
  const unsubscribe = core.events.subscribe((batch) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENTS, batch);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
