/** The Electron lifecycle with Electron faked at the boundary: the single-instance lock, the window's return, the log. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    calls: [] as string[],
    appListeners: new Map<string, Listener>(),
    userData: '',
    cores: 0,
    menu: undefined as unknown,
    aboutOptions: undefined as unknown,
    opened: [] as string[],
    windowOptions: undefined as unknown,
    ready: Promise.resolve(),
    win: undefined as undefined | ReturnType<typeof makeWindow>,
    permissionRequest: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: undefined as undefined | (() => boolean),
    coreListener: undefined as undefined | ((batch: unknown[]) => void),
    coreOptions: undefined as undefined | { onLanguage?: (locale: 'en' | 'ko') => void },
    systemLocale: 'en-US',
    isReady: false,
    menusSet: 0,
  };
  function makeWindow() {
    const listeners = new Map<string, Listener>();
    return {
      minimized: true,
      calls: [] as string[],
      listeners,
      webContents: { id: 1, on: (name: string, fn: Listener) => listeners.set(`contents:${name}`, fn), send: () => undefined },
      on: (name: string, fn: Listener) => listeners.set(name, fn),
      isDestroyed: () => false,
      isMinimized() {
        return this.minimized;
      },
      restore() {
        this.calls.push('restore');
        this.minimized = false;
      },
      show() {
        this.calls.push('show');
      },
      focus() {
        this.calls.push('focus');
      },
    };
  }
  const app = {
    enableSandbox: () => state.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (state.calls.push('requestSingleInstanceLock'), state.lock),
    quit: () => state.calls.push('quit'),
    on: (name: string, fn: Listener) => state.appListeners.set(name, fn),
    whenReady: () => state.ready.then(() => void (state.isReady = true)),
    isReady: () => state.isReady,
    getLocale: () => state.systemLocale,
    getPath: (name: string) => (name === 'userData' ? state.userData : '/nowhere'),
    isPackaged: true,
    setAboutPanelOptions: (options: unknown) => (state.aboutOptions = options),
  };
  return { state, app, makeWindow };
});

vi.mock('electron', () => ({
  app: fake.app,
  protocol: {
    registerSchemesAsPrivileged: () => fake.state.calls.push('registerSchemesAsPrivileged'),
    handle: (scheme: string) => fake.state.calls.push(`handle:${scheme}`),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: typeof fake.state.permissionRequest) => (fake.state.permissionRequest = fn),
      setPermissionCheckHandler: (fn: typeof fake.state.permissionCheck) => (fake.state.permissionCheck = fn),
    },
  },
  Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => ((fake.state.menu = menu), fake.state.menusSet++) },
  shell: { openPath: (p: string) => (fake.state.opened.push(p), Promise.resolve('')) },
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
}));

vi.mock('../../electron/core/app-core', () => ({
  AppCore: class {
    events = { subscribe: (fn: (batch: unknown[]) => void) => ((fake.state.coreListener = fn), () => undefined) };
    handlers = {};
    constructor(options: typeof fake.state.coreOptions) {
      fake.state.coreOptions = options;
      fake.state.cores++;
      fake.state.calls.push('new AppCore');
    }
    shutdown() {
      return Promise.resolve();
    }
  },
}));

vi.mock('../../electron/main/window', () => ({
  createMainWindow: (options: unknown) => {
    fake.state.windowOptions = options;
    fake.state.win = fake.makeWindow();
    return fake.state.win;
  },
}));

const { startDesktopApp } = await import('../../electron/main/desktop-app');

describe('the desktop app lifecycle', () => {
  beforeEach(() => {
    Object.assign(fake.state, { lock: true, calls: [], appListeners: new Map(), cores: 0, menu: undefined, opened: [], win: undefined, windowOptions: undefined, systemLocale: 'en-US', isReady: false, menusSet: 0 });
    fake.state.userData = mkdtempSync(path.join(tmpdir(), 'rpi-userdata-'));
  });

  it('a second launch quits before building anything: no AppCore, no sandbox, no window, no log', async () => {
    fake.state.lock = false;
    expect(startDesktopApp({ mainDir: '/app/out/main' })).toBe(false);
    await fake.state.ready;
    expect(fake.state.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'quit']);
    expect(fake.state.cores).toBe(0);
    expect(fake.state.appListeners.size).toBe(0);
  });

  it('the first launch takes the lock before building the core, and registers app:// before ready', async () => {
    expect(startDesktopApp({ mainDir: '/app/out/main' })).toBe(true);
    const order = fake.state.calls;
    expect(order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('requestSingleInstanceLock'));
    expect(order.indexOf('requestSingleInstanceLock')).toBeLessThan(order.indexOf('new AppCore'));
    expect(fake.state.cores).toBe(1);
    await fake.state.ready;
    await Promise.resolve();
    expect(order).toContain('handle:app');
    expect(fake.state.windowOptions).toEqual({
      preloadPath: '/app/out/preload/index.cjs',
      entryUrl: 'app://renderer/index.html',
      stateFile: path.join(fake.state.userData, 'window-state.json'),
    });
    expect(fake.state.aboutOptions).toMatchObject({ applicationName: 'Redis Pattern Inspector', applicationVersion: 'test' });
    expect(fake.state.menu).toBeInstanceOf(Array);
  });

  it('when another launch arrives, restores and focuses the existing window, building nothing new', async () => {
    startDesktopApp({ mainDir: '/app/out/main' });
    await fake.state.ready;
    await Promise.resolve();
    fake.state.appListeners.get('second-instance')!({}, ['rpi']);
    expect(fake.state.win!.calls).toEqual(['restore', 'show', 'focus']);
    fake.state.appListeners.get('second-instance')!({}, ['rpi']);
    expect(fake.state.win!.calls).toEqual(['restore', 'show', 'focus', 'show', 'focus']);
    expect(fake.state.cores).toBe(1);
  });

  it('logs the lifecycle to userData/logs/main.log, and Open logs folder opens that folder', async () => {
    startDesktopApp({ mainDir: '/app/out/main' });
    await fake.state.ready;
    await Promise.resolve();
    fake.state.appListeners.get('second-instance')!({}, []);
    const before = { preventDefault: vi.fn() };
    fake.state.appListeners.get('before-quit')!(before);
    expect(before.preventDefault).toHaveBeenCalled();
    const logDir = path.join(fake.state.userData, 'logs');
    const text = readFileSync(path.join(logDir, 'main.log'), 'utf8');
    expect(text).toMatch(/INFO app\.start version="test"/);
    expect(text).toContain('INFO window.created source="app-protocol"');
    expect(text).toContain('INFO app.second-instance');
    expect(text).toContain('INFO app.quit');

    const help = (fake.state.menu as { role?: string; submenu?: { id?: string; click?: () => void }[] }[]).find((m) => m.role === 'help')!;
    help.submenu!.find((i) => i.id === 'open-logs')!.click!();
    expect(fake.state.opened).toEqual([logDir]);
  });

  it('denies every permission request and check (checklist item 5)', async () => {
    startDesktopApp({ mainDir: '/app/out/main' });
    await fake.state.ready;
    await Promise.resolve();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      fake.state.permissionRequest!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    expect(fake.state.permissionCheck!()).toBe(false);
  });

  it('logs connection changes by kind and server, once per state', () => {
    startDesktopApp({ mainDir: '/app/out/main' });
    const status = { state: 'connected', kind: 'existing', label: 'redis.local:6379/0', namespace: 'rpi:' };
    fake.state.coreListener!([{ type: 'connection', payload: status }]);
    fake.state.coreListener!([{ type: 'keys', payload: {} }, { type: 'connection', payload: status }]);
    const lines = readFileSync(path.join(fake.state.userData, 'logs', 'main.log'), 'utf8').split('\n').filter((l) => l.includes('connection'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('INFO connection state="connected" kind="existing" server="redis.local:6379/0"');
  });

  it('draws its menu in the system language until the renderer says which one it shows, then in that one', async () => {
    type Item = { label?: string; id?: string; submenu?: Item[] };
    const labels = () => (fake.state.menu as Item[]).flatMap((m) => (m.label ? [m.label] : []));
    fake.state.systemLocale = 'ko-KR';
    startDesktopApp({ mainDir: '/app/out/main' });
    await fake.state.ready;
    await Promise.resolve();
    expect(labels()).toEqual(['보기', '실행']);
    // What the core's app.language handler calls: the menu is rebuilt once per change of language.
    fake.state.coreOptions!.onLanguage!('en');
    expect(labels()).toEqual(['View', 'Run']);
    const set = fake.state.menusSet;
    fake.state.coreOptions!.onLanguage!('en');
    expect(fake.state.menusSet).toBe(set);
    fake.state.coreOptions!.onLanguage!('ko');
    expect(labels()).toEqual(['보기', '실행']);
  });
});
