/**
 * Electron cannot run here, so its objects are faked at the boundary — the
 * only fake in the suite. What runs is the real IPC wrapper, the real
 * preload and the real core behind them.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { IPC_EVENTS, IPC_INVOKE } from '../../shared/ipc-channels';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, unknown>(),
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, unknown>(),
  invoked: [] as unknown[][],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: unknown) => electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    on: (channel: string, fn: unknown) => electron.rendererListeners.set(channel, fn),
    removeListener: (channel: string) => electron.rendererListeners.delete(channel),
  },
}));

const { registerIpc, sendMenuCommand } = await import('../../electron/main/ipc');

function fakeWindow(id: number) {
  const sent: unknown[][] = [];
  return { sent, win: { webContents: { id, send: (...args: unknown[]) => sent.push(args) }, isDestroyed: () => false } };
}

const event = (senderId: number, url: string) => ({ sender: { id: senderId }, senderFrame: { url } });

describe('the Electron boundary', () => {
  const core = new AppCore({ dataDir: '/tmp', transport: 'electron', version: 'test' });
  afterAll(() => core.shutdown());
  beforeEach(() => electron.handlers.clear());

  it('answers the app window through the contract and refuses anyone else', async () => {
    const { win } = fakeWindow(7);
    const unregister = registerIpc(core, win as never);
    const handle = electron.handlers.get(IPC_INVOKE) as Handler;
    expect(handle).toBeTypeOf('function');

    const ok = await handle(event(7, 'app://renderer/index.html'), { channel: 'app.info', input: {} });
    expect(ok).toMatchObject({ ok: true, value: { transport: 'electron' } });
    expect(await handle(event(8, 'app://renderer/index.html'), { channel: 'app.info', input: {} })).toMatchObject({ ok: false });
    expect(await handle(event(7, 'https://evil.example/'), { channel: 'app.info', input: {} })).toMatchObject({ ok: false });
    expect(await handle(event(7, 'app://renderer/'), null)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await handle(event(7, 'app://renderer/'), { channel: 'connection.connect', input: { kind: 'existing', port: -1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'port' },
    });

    unregister();
    expect(electron.handlers.has(IPC_INVOKE)).toBe(false);
  });

  it('trusts exactly the app:// origin, never a file:// page, and the dev server only when given', async () => {
    const { win } = fakeWindow(7);
    const untrusted = { ok: false, error: { message: 'Untrusted sender' } };
    const ask = (url: string) => handle(event(7, url), { channel: 'app.info', input: {} });
    let unregister = registerIpc(core, win as never);
    let handle = electron.handlers.get(IPC_INVOKE) as Handler;
    for (const url of [
      'file:///app/out/renderer/index.html',
      'file:///tmp/downloaded.html',
      'app://renderer.evil/index.html',
      'app://other/index.html',
      'app://user@renderer/index.html',
      'http://localhost:5173/',
      '',
      'about:blank',
    ])
      expect(await ask(url), url).toMatchObject(untrusted);
    unregister();

    unregister = registerIpc(core, win as never, 'http://localhost:5173');
    handle = electron.handlers.get(IPC_INVOKE) as Handler;
    expect(await ask('http://localhost:5173/index.html')).toMatchObject({ ok: true });
    // A prefix match would let these through; the origin comparison does not.
    expect(await ask('http://localhost:51730/')).toMatchObject(untrusted);
    expect(await ask('http://localhost:5173.evil.example/')).toMatchObject(untrusted);
    expect(await ask('https://localhost:5173/')).toMatchObject(untrusted);
    unregister();
  });

  it('sends a menu command to the window as one event on the event channel', () => {
    const { win, sent } = fakeWindow(7);
    sendMenuCommand(win as never, { command: 'show-view', view: 'browser' });
    sendMenuCommand(undefined, { command: 'step' });
    expect(sent).toEqual([[IPC_EVENTS, [{ type: 'menu', payload: { command: 'show-view', view: 'browser' } }]]]);
  });

  it('forwards event batches to the window, at most one message per frame', async () => {
    const { win, sent } = fakeWindow(7);
    const unregister = registerIpc(core, win as never);
    core.events.emit('connection', { state: 'connecting' });
    core.events.emit('connection', { state: 'disconnected' });
    core.events.flush();
    expect(sent).toEqual([[IPC_EVENTS, [{ type: 'connection', payload: { state: 'disconnected' } }]]]);
    unregister();
  });

  it('the preload exposes one object with invoke and onEvents, never ipcRenderer', async () => {
    await import('../../electron/preload/index');
    expect([...electron.exposed.keys()]).toEqual(['rpi']);
    const api = electron.exposed.get('rpi') as { invoke: (c: string, i: unknown) => Promise<unknown>; onEvents: (l: (b: unknown) => void) => () => void };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvents']);
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: 'from main' });
    expect(electron.invoked).toEqual([[IPC_INVOKE, { channel: 'app.info', input: {} }]]);

    const batches: unknown[] = [];
    const off = api.onEvents((b) => batches.push(b));
    (electron.rendererListeners.get(IPC_EVENTS) as (e: unknown, b: unknown) => void)({ sender: 'hidden' }, [{ type: 'keys' }]);
    expect(batches).toEqual([[{ type: 'keys' }]]);
    off();
    expect(electron.rendererListeners.has(IPC_EVENTS)).toBe(false);
  });
});
