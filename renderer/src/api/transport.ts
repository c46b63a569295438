import type { AppEvent } from '../../../shared/contract';
import type { BridgeApi } from '../../../shared/bridge';
import type { AppErrorData, Result } from '../../../shared/errors';
import { msg } from '../../../shared/i18n/message';
import { MAX_MESSAGE_BYTES } from '../../../shared/transport-limits';
import { useHostStore, type HostState } from '../stores/host-store';

declare global {
  interface Window {
    rpi?: BridgeApi;
  }
}

type Pending = (result: Result<unknown>) => void;

/**
 * The heartbeat: a ping every half second, and a host that has not answered
 * one within a second is reported as not answering, so a stopped host is
 * named within 2 s. A killed host closes the socket, which is seen at once.
 * The socket is kept meanwhile: a host that resumes answers what was sent.
 */
const TICK_MS = 250;
const PING_EVERY_MS = 500;
const PING_TIMEOUT_MS = 1000;
/** A host that accepts the connection but never completes the upgrade (stopped) is given up on after this. */
const OPEN_TIMEOUT_MS = 4000;
/** Waits before each new attempt after a loss, capped at the last one. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 5000];

function hostError(host: HostState): AppErrorData {
  if (host.state === 'token') return { code: 'invalid_input', message: 'This page was opened without the inspector’s access token. Open the exact address the inspector printed when it started.', msg: msg('errors.transport.noToken') };
  return { code: 'internal', message: 'The inspector host cannot be reached. The app keeps trying and picks up where it was once the host is back.', msg: msg('errors.transport.hostAway') };
}

/**
 * Asks the host, over plain HTTP, why the socket failed: the browser hides
 * an upgrade's status from scripts. 401: the token is wrong or missing;
 * any other answer: the host is up; no answer: it is gone.
 */
async function probe(token: string): Promise<'unauthorized' | 'up' | 'down'> {
  try {
    const res = await fetch(`/ws?token=${encodeURIComponent(token)}`, { cache: 'no-store', signal: AbortSignal.timeout(2000) });
    return res.status === 401 ? 'unauthorized' : 'up';
  } catch {
    return 'down';
  }
}

/**
 * Web mode: the same contract over a WebSocket to the host that served this
 * page. Requests wait for the first socket; a dropped socket fails the
 * requests in flight with a typed error and is reopened with backoff, and
 * the host store tells the UI all along.
 */
function webSocketTransport(token: string): BridgeApi {
  const listeners = new Set<(batch: AppEvent[]) => void>();
  const pending = new Map<number, Pending>();
  /** invoke() calls made before the first socket opened or failed. */
  const waiting = new Set<() => void>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let everOpened = false;
  let attempt = 0;

  const hostState = () => useHostStore.getState().host;
  function setHost(host: HostState) {
    useHostStore.getState().set(host);
    if (host.state !== 'connecting') for (const wake of waiting) wake();
    waiting.clear();
  }

  function failPending() {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'internal', message: 'Lost the connection to the inspector host before it answered.', msg: msg('errors.transport.lostBeforeAnswer') } });
    pending.clear();
  }

  function open() {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`);
    socket = ws;
    const openTimer = setTimeout(() => ws.close(), OPEN_TIMEOUT_MS);
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let awaitingPong = false;
    let pingSentAt = 0;
    let pingSeq = 0;

    ws.addEventListener('open', () => {
      clearTimeout(openTimer);
      attempt = 0;
      if (everOpened) useHostStore.getState().reconnected();
      else setHost({ state: 'online' });
      everOpened = true;
      heartbeat = setInterval(() => {
        const now = Date.now();
        if (awaitingPong && now - pingSentAt > PING_TIMEOUT_MS && hostState().state === 'online') setHost({ state: 'unresponsive', since: pingSentAt });
        if (!awaitingPong && now - pingSentAt >= PING_EVERY_MS && ws.readyState === WebSocket.OPEN) {
          awaitingPong = true;
          pingSentAt = now;
          ws.send(JSON.stringify({ ping: pingSeq++ }));
        }
      }, TICK_MS);
    });
    ws.addEventListener('message', (event) => {
      // Any message shows the host is alive, not only a pong.
      awaitingPong = false;
      if (hostState().state === 'unresponsive') setHost({ state: 'online' });
      let message: { id?: unknown; result?: Result<unknown>; events?: AppEvent[]; pong?: number };
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (message.events) for (const listener of listeners) listener(message.events);
      else if (typeof message.id === 'number' && message.result) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
    ws.addEventListener('close', () => {
      clearTimeout(openTimer);
      clearInterval(heartbeat);
      if (socket !== ws) return;
      socket = undefined;
      failPending();
      void retry();
    });
  }

  async function retry() {
    attempt++;
    const retryAt = Date.now() + RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1];
    // Said at once: the status bar must not keep showing "connected" while the probe runs.
    if (everOpened) setHost({ state: 'lost', attempt, retryAt });
    if ((await probe(token)) === 'unauthorized') return setHost({ state: 'token', problem: token ? 'wrong' : 'missing' });
    setHost({ state: 'lost', attempt, retryAt });
    setTimeout(open, Math.max(0, retryAt - Date.now()));
  }

  setHost({ state: 'connecting' });
  open();

  return {
    async invoke(channel, input) {
      if (hostState().state === 'connecting') await new Promise<void>((resolve) => waiting.add(resolve));
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN) return { ok: false, error: hostError(hostState()) };
      const id = nextId++;
      const text = JSON.stringify({ id, channel, input });
      // Measured only when it could be too big (a UTF-8 character is at most 3 bytes per UTF-16 unit).
      const bytes = text.length * 3 > MAX_MESSAGE_BYTES ? new TextEncoder().encode(text).length : 0;
      if (bytes > MAX_MESSAGE_BYTES) {
        // The host would close the socket (1009) and every request in flight would fail with it: refused here, nothing sent.
        return { ok: false, error: { code: 'invalid_input', message: `The request is ${bytes} bytes; one request carries at most ${MAX_MESSAGE_BYTES}. Nothing was sent.`, msg: msg('errors.transport.tooBig', { bytes, max: MAX_MESSAGE_BYTES }) } };
      }
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(text);
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
