/** The main window's options, guards and remembered placement, with Electron faked at the boundary (its binary cannot run here). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const state = {
    windows: [] as InstanceType<typeof BrowserWindow>[],
    opened: [] as string[],
    displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] as { id: number; workArea: { x: number; y: number; width: number; height: number } }[],
  };
  class BrowserWindow {
    options: Record<string, unknown>;
    onceListeners = new Map<string, Listener>();
    onListeners = new Map<string, Listener>();
    contentsListeners = new Map<string, Listener>();
    openHandler?: (details: { url: string }) => { action: string };
    loaded: string[] = [];
    maximized = false;
    shown = false;
    normalBounds = { x: 10, y: 20, width: 1300, height: 800 };
    webContents = {
      setWindowOpenHandler: (fn: BrowserWindow['openHandler']) => (this.openHandler = fn),
      on: (name: string, fn: Listener) => this.contentsListeners.set(name, fn),
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    once(name: string, fn: Listener) {
      this.onceListeners.set(name, fn);
    }
    on(name: string, fn: Listener) {
      this.onListeners.set(name, fn);
    }
    show() {
      this.shown = true;
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return this.normalBounds;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  const screen = {
    getPrimaryDisplay: () => state.displays[0],
    getAllDisplays: () => state.displays,
  };
  return { state, BrowserWindow, screen, shell: { openExternal: (url: string) => (state.opened.push(url), Promise.resolve()) } };
});

vi.mock('electron', () => ({ BrowserWindow: fake.BrowserWindow, screen: fake.screen, shell: fake.shell }));

const { createMainWindow, REFUSED_NAVIGATION_EVENTS } = await import('../../electron/main/window');

type Made = InstanceType<typeof fake.BrowserWindow>;
const dir = mkdtempSync(path.join(tmpdir(), 'rpi-window-'));

function open(stateFile = path.join(dir, `state-${Math.random()}.json`)) {
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', entryUrl: 'app://renderer/index.html', stateFile });
  return { win: fake.state.windows.at(-1) as Made, stateFile };
}

describe('the main window', () => {
  beforeEach(() => {
    fake.state.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  });

  it('loads the app:// entry with the hardened preferences and the sandboxed preload', () => {
    const { win } = open();
    expect(win.loaded).toEqual(['app://renderer/index.html']);
    expect(win.options).toMatchObject({ width: 1440, height: 900, minWidth: 1024, minHeight: 640, show: false });
    expect(win.options.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('denies every new window; https links open in the browser, nothing else does', () => {
    const { win } = open();
    fake.state.opened.length = 0;
    expect(win.openHandler!({ url: 'https://redis.io/docs' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'http://example.com' })).toEqual({ action: 'deny' });
    expect(fake.state.opened).toEqual(['https://redis.io/docs']);
  });

  it('refuses navigation, frame navigation, redirects and webviews alike', () => {
    const { win } = open();
    expect([...REFUSED_NAVIGATION_EVENTS].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    for (const name of REFUSED_NAVIGATION_EVENTS) {
      const event = { preventDefault: vi.fn() };
      win.contentsListeners.get(name)!(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('remembers its normal bounds and maximised state on close, and reopens there maximised', () => {
    const { win, stateFile } = open();
    win.normalBounds = { x: 100, y: 50, width: 1200, height: 700 };
    win.maximized = true;
    win.onListeners.get('close')!();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ bounds: { x: 100, y: 50, width: 1200, height: 700 }, maximized: true });

    const { win: again } = open(stateFile);
    expect(again.options).toMatchObject({ x: 100, y: 50, width: 1200, height: 700 });
    expect(again.shown).toBe(false);
    again.onceListeners.get('ready-to-show')!();
    expect(again.maximized).toBe(true);
    expect(again.shown).toBe(true);
  });

  it('brings a window saved on an unplugged display back onto the primary one', () => {
    const stateFile = path.join(dir, 'second-display.json');
    writeFileSync(stateFile, JSON.stringify({ bounds: { x: 2500, y: 100, width: 1400, height: 900 }, maximized: false }));
    fake.state.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1280, height: 800 } }];
    const { win } = open(stateFile);
    expect(win.options).toMatchObject({ x: undefined, y: undefined, width: 1280, height: 800 });
  });

  it('ignores a corrupt state file and opens at the default size', () => {
    const stateFile = path.join(dir, 'corrupt.json');
    writeFileSync(stateFile, '{"bounds":');
    const { win } = open(stateFile);
    expect(win.options).toMatchObject({ x: undefined, y: undefined, width: 1440, height: 900 });
  });
});
