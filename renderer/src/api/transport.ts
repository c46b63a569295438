import type { AppEvent } from '../../../shared/contract';
import type { BridgeApi } from '../../../shared/bridge';
import type { Result } from '../../../shared/errors';

declare global {
  interface Window {
    rpi?: BridgeApi;
  }
}

type Pending = (result: Result<unknown>) => void;

/**
 * Web mode: the same contract over a WebSocket to the host that served this
 * page. Requests wait for the socket; a dropped socket fails them with a
 * typed error and is reopened.
 */
function webSocketTransport(token: string): BridgeApi {
  const listeners = new Set<(batch: AppEvent[]) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket;
  let opened: Promise<void>;

  function open() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(url);
    opened = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('The inspector host is not reachable.')), { once: true });
    });
    opened.catch(() => undefined);
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: Result<unknown>; events?: AppEvent[] };
      if (message.events) for (const listener of listeners) listener(message.events);
      else if (message.id != null && message.result) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
    socket.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message: 'Lost the connection to the inspector host.' } });
      pending.clear();
      setTimeout(open, 1000);
    });
  }
  open();

  return {
    async invoke(channel, input) {
      try {
        await opened;
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: (err as Error).message } };
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Electron's preload bridge when present, the WebSocket otherwise. */
export function createTransport(): BridgeApi {
  if (window.rpi) return window.rpi;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return webSocketTransport(token);
}
