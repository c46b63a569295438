import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, RequestEnvelope } from '../../../shared/contract';
import type { AppCore } from '../app-core';
import { WEB_CSP as CSP } from './csp';
import { dispatch } from './dispatch';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reject(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Web mode: serves the built renderer and the contract over a WebSocket on
 * 127.0.0.1 only. A random per-launch token is required on connect, and the
 * Host and Origin headers must name this very server, so neither another
 * site in the browser nor a DNS-rebound name can drive the user's Redis.
 */
export async function startWebHost(core: AppCore, opts: { rendererDir: string; port?: number }): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const root = path.resolve(opts.rendererDir);
  let allowedHosts: Set<string> = new Set();

  const server = http.createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rel = decodeURIComponent(url.pathname) === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const host = req.headers.host ?? '';
    const origin = req.headers.origin ?? '';
    if (url.pathname !== '/ws') return reject(socket as Socket, 404, 'Not Found');
    if (!allowedHosts.has(host)) return reject(socket as Socket, 421, 'Misdirected Request');
    if (!allowedHosts.has(origin.replace(/^http:\/\//, '')) || !origin.startsWith('http://')) return reject(socket as Socket, 403, 'Forbidden');
    if (!sameToken(url.searchParams.get('token'), token)) return reject(socket as Socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', async (data, isBinary) => {
      let id: number | null = null;
      try {
        if (isBinary) throw new Error('binary frames are not part of the protocol');
        const envelope = RequestEnvelope.parse(JSON.parse(data.toString()));
        id = envelope.id;
        const result = await dispatch(core.handlers, envelope.channel, envelope.input);
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
      } catch (err) {
        const message = `Malformed request: ${(err as Error).message.slice(0, 200)}`;
        ws.send(JSON.stringify({ id, result: { ok: false, error: { code: 'invalid_input', message } } }));
      }
    });
  });

  const unsubscribe = core.events.subscribe((batch) => {
    const message = JSON.stringify({ events: batch });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
