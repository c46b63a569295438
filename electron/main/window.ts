import { BrowserWindow, screen, shell, type Event as ElectronEvent } from 'electron';
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState, type Rect } from './window-state';
import { secureWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://renderer/index.html, or the dev server in an unpackaged dev run. */
  entryUrl: string;
  /** Where the size, position and maximised state are remembered (userData/window-state.json). */
  stateFile: string;
}

/** Work areas of the attached displays, the primary first. */
function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/**
 * Every navigation the page itself starts is refused: the app is one page
 * and never needs to leave it. will-navigate covers the main frame,
 * will-frame-navigate any frame, will-redirect a server redirect mid-way;
 * will-attach-webview refuses a <webview> (none is used).
 */
export const REFUSED_NAVIGATION_EVENTS = ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'] as const;

/** Opens the main window where it was last left; navigation away and new windows are refused (https links go to the browser). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const place = placeWindow(readWindowState(options.stateFile), workAreas());
  const win = new BrowserWindow({
    x: place.x,
    y: place.y,
    width: place.width,
    height: place.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: '#0f1115',
    title: 'Redis Pattern Inspector',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });
  // Saved on close, not on every move: the normal bounds survive a maximised session.
  win.on('close', () => writeWindowState(options.stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  for (const name of REFUSED_NAVIGATION_EVENTS) {
    win.webContents.on(name as 'will-navigate', (event: ElectronEvent) => event.preventDefault());
  }
  void win.loadURL(options.entryUrl);
  return win;
}
