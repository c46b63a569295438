import { BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { secureWebPreferences } from './web-preferences';

/** Opens the main window; navigation away and new windows are refused (https links go to the browser). */
export function createMainWindow(dir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0f1115',
    title: 'Redis Pattern Inspector',
    webPreferences: secureWebPreferences(path.join(dir, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(dir, '../renderer/index.html'));
  return win;
}
