import { app, Menu, session, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { localeFor, type Locale } from '../../shared/i18n/locales';
import type { ConnectionStatus } from '../../shared/model';
import { AppCore } from '../core/app-core';
import { createRotatingLog } from '../core/log/rotating-log';
import { APP_VERSION } from '../core/version';
import { APP_ENTRY_URL, devServerOrigin } from './app-origin';
import { appMenuTemplate } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc, sendMenuCommand } from './ipc';
import { createMainWindow } from './window';

export const APP_NAME = 'Redis Pattern Inspector';

/** The directory of the built main bundle (out/main); the preload and renderer are its siblings. */
export interface DesktopAppOptions {
  mainDir: string;
}

/**
 * The Electron lifecycle. The single-instance lock is taken before anything
 * else is built: a second launch hands over to the first and quits without
 * constructing an AppCore, so it never reaps or starts a sandbox server.
 * Returns false when this process is that second launch.
 */
export function startDesktopApp({ mainDir }: DesktopAppOptions): boolean {
  app.enableSandbox();
  // Privileged schemes can only be registered before 'ready'.
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }

  const log = createRotatingLog({ dir: path.join(app.getPath('userData'), 'logs') });
  log.info('app.start', { version: APP_VERSION, electron: process.versions.electron, platform: process.platform, arch: process.arch, packaged: app.isPackaged });
  let win: BrowserWindow | undefined;
  // The system's language until the renderer says which one it shows (it does once its words are loaded, and on every switch).
  let menuLocale: Locale | undefined;
  const setMenu = (locale: Locale) => {
    menuLocale = locale;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          appName: APP_NAME,
          isPackaged: app.isPackaged,
          locale,
          actions: {
            send: (command) => sendMenuCommand(win, command),
            openLogsFolder: () => void shell.openPath(log.dir),
          },
        }),
      ),
    );
  };
  const core = new AppCore({
    dataDir: app.getPath('userData'),
    transport: 'electron',
    version: APP_VERSION,
    onLanguage: (locale) => {
      if (locale === menuLocale) return;
      if (app.isReady()) setMenu(locale);
      else menuLocale = locale;
    },
  });
  const devOrigin = devServerOrigin(process.env, app.isPackaged);

  app.on('second-instance', () => {
    log.info('app.second-instance');
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  let lastConnection: string | undefined;
  core.events.subscribe((batch) => {
    for (const event of batch) {
      if (event.type !== 'connection') continue;
      const status: ConnectionStatus = event.payload;
      if (status.state === lastConnection) continue;
      lastConnection = status.state;
      // kind and host:port only; the redactor would strip credentials, but none are passed.
      log.info('connection', { state: status.state, kind: status.kind, server: status.label });
    }
  });

  void app.whenReady().then(() => {
    // The app needs no camera, notifications, clipboard reads or any other permission.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    serveRenderer(path.join(mainDir, '../renderer'));
    app.setAboutPanelOptions({
      applicationName: APP_NAME,
      applicationVersion: APP_VERSION,
      version: `Electron ${process.versions.electron}`,
      copyright: 'Copyright © 2026 Redis Pattern Inspector authors',
    });
    setMenu(menuLocale ?? localeFor(app.getLocale()));
    win = createMainWindow({
      preloadPath: path.join(mainDir, '../preload/index.cjs'),
      entryUrl: devOrigin ? process.env.ELECTRON_RENDERER_URL! : APP_ENTRY_URL,
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
    });
    const unregister = registerIpc(core, win, devOrigin);
    win.webContents.on('render-process-gone', (_event, details) => log.error('renderer.gone', { reason: details.reason, exitCode: details.exitCode }));
    win.on('unresponsive', () => log.warn('window.unresponsive'));
    win.on('closed', unregister);
    log.info('window.created', { source: devOrigin ? 'dev-server' : 'app-protocol' });
  });

  app.on('window-all-closed', () => app.quit());

  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown) return;
    // Stop the sandbox and restore server settings before the process goes.
    event.preventDefault();
    shuttingDown = true;
    log.info('app.quit');
    void core
      .shutdown()
      .catch((err: unknown) => log.error('shutdown.failed', { code: (err as { code?: string }).code ?? (err as Error).name }))
      .finally(() => app.quit());
  });
  return true;
}
