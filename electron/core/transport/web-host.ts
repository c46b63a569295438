import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { AppCore } from '../app-core';
import { nonceCsp, WEB_CSP as CSP, withCspNonceMeta } from './csp';
import { checkHost, checkToken, checkUpgrade, type AccessRules, type Refusal } from './access';
import { dispatch } from './dispatch';
import { parseTarget } from './request-target';
import { answer, serveStatic } from './static-files';
import { readEnvelope } from './ws-envelope';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n/message';

/**
 * Limits for the HTTP side. A browser on loopback sends its headers in
 * microseconds, so a client still sending them after 5 s is holding a
 * connection open on purpose (slowloris) and is dropped; the host takes no
 * request bodies, so 10 s bounds a whole request.
 */
const HTTP_LIMITS = {
  headersTimeout: 5_000,
  requestTimeout: 10_000,
  keepAliveTimeout: 5_000,
  /** How often Node checks the two timeouts above; its default (30 s) would let them overrun. */
  connectionsCheckingInterval: 1_000,
  /** The renderer's requests carry a few hundred bytes of headers. */
  maxHeaderSize: 16 * 1024,
};
/** A socket that does not read its replies is dropped before they pile up in the host's memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Requests one socket may have running at once; more are answered `busy` straight away. */
const MAX_IN_FLIGHT = 32;

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Answers a refused upgrade on the raw socket, then closes it whether or not the client reads. */
function refuse(socket: Socket, { status, reason }: Refusal): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/** The status a client error deserves: Node's parser rejected the request before any handler saw it. */
function clientErrorStatus(err: NodeJS.ErrnoException): Refusal {
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'Request Header Fields Too Large' };
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'Request Timeout' };
  return { status: 400, reason: 'Bad Request' };
}

/** Sends one message if the socket is open and keeping up; a socket that is not is dropped. */
function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return void ws.terminate();
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (err) {
    const id = (message as { id?: unknown }).id ?? null;
    text = JSON.stringify({ id, result: { ok: false, error: new AppError('internal', msg('errors.replyNotSent', { detail: (err as Error).message.slice(0, 200) })).toData() } });
  }
  ws.send(text);
}

/** One connected page: every message gets exactly one reply, typed, with its request id when there is one. */
function serveSocket(ws: WebSocket, core: AppCore): void {
  let inFlight = 0;
  ws.on('message', (data: Buffer, isBinary) => {
    const read = readEnvelope(data, isBinary);
    if (read.kind === 'ping') return send(ws, { pong: read.ping });
    if (read.kind === 'malformed') return send(ws, { id: read.id, result: { ok: false, error: { code: 'invalid_input', message: read.message, msg: read.msg } } });
    const { id, channel, input } = read.envelope;
    if (inFlight >= MAX_IN_FLIGHT) {
      return send(ws, { id, result: { ok: false, error: new AppError('busy', msg('errors.tooManyRequests', { max: MAX_IN_FLIGHT })).toData() } });
    }
    inFlight++;
    void dispatch(core.handlers, channel, input).then((result: Result<unknown>) => {
      inFlight--;
      send(ws, { id, result });
    });
  });
  // ws has already sent the close frame that names a protocol error (1002,
  // 1007, 1009); give it a moment to leave before the socket is cut.
  ws.on('error', () => setTimeout(() => ws.terminate(), 1_000).unref());
}

/**
 * Web mode: serves the built renderer and the contract over a WebSocket on
 * 127.0.0.1 only. A random per-launch token is required on connect, and the
 * Host and Origin headers must name this very server, so neither another
 * site in the browser nor a DNS-rebound name can drive the user's Redis.
 * No request, header or frame can make a handler throw: each one is
 * answered with a status or a typed error.
 */
/** Each page load gets its own style nonce, as the desktop app's app:// handler does: no 'unsafe-inline' for styles. */
function stylesWithNonce(html: string): { body: string; headers: Record<string, string> } {
  const nonce = randomBytes(18).toString('base64');
  return { body: withCspNonceMeta(html, nonce), headers: { 'Content-Security-Policy': nonceCsp(nonce) } };
}

export async function startWebHost(core: AppCore, opts: { rendererDir: string; port?: number; token?: string }): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = path.resolve(opts.rendererDir);
  const rules: { hosts: Set<string>; token: string } & AccessRules = { hosts: new Set(), token };

  const server = http.createServer(HTTP_LIMITS, (req, res) => {
    const target = parseTarget(req.url);
    if (!target) return answer(res, 400, 'Bad request');
    const refusal = checkHost(req, rules);
    if (refusal) return answer(res, refusal.status, refusal.reason);
    // A plain GET on the socket's address lets the page ask, when its socket
    // fails, whether the host is up and its token is right: the browser hides
    // an upgrade's status from scripts. 426 means "right token, use a WebSocket".
    if (target.pathname === '/ws') {
      const badToken = checkToken(target, rules);
      return badToken ? answer(res, badToken.status, badToken.reason) : answer(res, 426, 'Upgrade required', { Upgrade: 'websocket' });
    }
    serveStatic(req, res, root, target.pathname, { 'Content-Security-Policy': CSP }, stylesWithNonce).catch(() => res.destroy());
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    refuse(socket, clientErrorStatus(err));
  });
  // Without a listener Node closes a CONNECT request's socket without a word.
  server.on('connect', (_req: http.IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    refuse(socket, { status: 405, reason: 'Method Not Allowed' });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    // Node drops its own error listener once a socket is handed over; without
    // this one a client resetting mid-refusal would end the process.
    socket.on('error', () => socket.destroy());
    const target = parseTarget(req.url);
    const refusal = target ? checkUpgrade(req, target, rules) : { status: 400, reason: 'Bad Request' };
    if (refusal) return refuse(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    serveSocket(ws, core);
  });

  const unsubscribe = core.events.subscribe((batch) => {
    for (const ws of sockets) send(ws, { events: batch });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  rules.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
