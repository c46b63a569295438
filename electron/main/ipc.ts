import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { AppEvent } from '../../shared/contract';
import { IPC_EVENTS, IPC_INVOKE } from '../../shared/ipc-channels';
import type { MenuCommand } from '../../shared/menu-commands';
import type { AppCore } from '../core/app-core';
import { dispatch } from '../core/transport/dispatch';
import { isTrustedRendererUrl } from './app-origin';

/** Only the app's own window, showing the app's own page (app://renderer, or the dev server in dev), may call in. */
function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow, devOrigin: string | undefined): boolean {
  if (event.sender.id !== win.webContents.id) return false;
  return isTrustedRendererUrl(event.senderFrame?.url ?? '', devOrigin);
}

/** The only place ipcMain is touched: one invoke channel dispatching through the contract, one event channel. */
export function registerIpc(core: AppCore, win: BrowserWindow, devOrigin?: string): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, envelope: unknown) => {
    if (!isTrustedSender(event, win, devOrigin)) return { ok: false, error: { code: 'invalid_input', message: 'Untrusted sender' } };
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

/** A menu command reaches the renderer as one more event on the same channel; it is the user's, so it is not batched. */
export function sendMenuCommand(win: BrowserWindow | undefined, command: MenuCommand): void {
  if (!win || win.isDestroyed()) return;
  const batch: AppEvent[] = [{ type: 'menu', payload: command }];
  win.webContents.send(IPC_EVENTS, batch);
}
