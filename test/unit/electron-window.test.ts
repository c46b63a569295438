/** The main window's guards, with Electron faked at the boundary (its binary cannot run here). */
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  const state = {
    options: undefined as unknown as { webPreferences: Record<string, unknown> },
    openHandler: undefined as unknown as (details: { url: string }) => { action: string },
    listeners,
    loaded: [] as string[],
    opened: [] as string[],
  };
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (fn: typeof state.openHandler) => (state.openHandler = fn),
      on: (name: string, fn: (event: { preventDefault(): void }) => void) => listeners.set(name, fn),
    };
    constructor(options: typeof state.options) {
      state.options = options;
    }
    once() {}
    show() {}
    loadFile(file: string) {
      state.loaded.push(file);
      return Promise.resolve();
    }
    loadURL(url: string) {
      state.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { state, BrowserWindow, shell: { openExternal: (url: string) => (state.opened.push(url), Promise.resolve()) } };
});

vi.mock('electron', () => ({ BrowserWindow: fake.BrowserWindow, shell: fake.shell }));

const { createMainWindow } = await import('../../electron/main/window');

describe('the main window', () => {
  createMainWindow('/app/out/main');
  const { state } = fake;

  it('loads the built renderer with the hardened preferences and the sandboxed preload', () => {
    expect(state.loaded).toEqual(['/app/out/renderer/index.html']);
    expect(state.options.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('denies every new window; https links open in the browser, nothing else does', () => {
    expect(state.openHandler({ url: 'https://redis.io/docs' })).toEqual({ action: 'deny' });
    expect(state.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://redis.io/docs']);
  });

  it('refuses navigation away from the app and webviews', () => {
    for (const name of ['will-navigate', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      state.listeners.get(name)!(event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });
});
