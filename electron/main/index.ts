import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppCore } from '../core/app-core';
import { APP_VERSION } from '../core/version';
import { registerIpc } from './ipc';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

const core = new AppCore({ dataDir: app.getPath('userData'), transport: 'electron', version: APP_VERSION });

void app.whenReady().then(() => {
  // The app needs no camera, notifications, clipboard reads or any other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const win = createMainWindow(here);
  const unregister = registerIpc(core, win);
  win.on('closed', unregister);
});

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => app.quit());

let shuttingDown = false;
app.on('before-quit', (event) => {
  if (shuttingDown) return;
  // Stop the sandbox and restore server settings before the process goes.
  event.preventDefault();
  shuttingDown = true;
  void core.shutdown().finally(() => app.quit());
});
