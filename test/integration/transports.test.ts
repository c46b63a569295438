import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startWebHost, type WebHost } from '../../electron/core/transport/web-host';
import { rawExchange, upgradeRequest } from '../helpers/raw-socket';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, payload: unknown): Promise<{ id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if ('events' in message) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  });
}

describe('one contract, two transports: malformed input gets a typed error, never a crash', () => {
  let redis: TestRedis;
  let core: AppCore;
  let host: WebHost;
  let origin: string;
  let wsUrl: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-transport-'));
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    core = new AppCore({ dataDir, transport: 'web', version: 'test' });
    host = await startWebHost(core, { rendererDir });
    origin = `http://127.0.0.1:${host.port}`;
    wsUrl = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
  });
  afterAll(async () => {
    await host.close();
    await core.shutdown();
    await redis.stop();
  });

  it('dispatch: unknown channel, bad input shapes and calls out of order', async () => {
    expect(await dispatch(core.handlers, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch(core.handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch(core.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    // String() throws on this one (a structured clone can carry it over IPC): dispatch must still answer.
    expect(await dispatch(core.handlers, { toString: 1 }, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel', message: 'Unknown request of type object' } });
    const badPort = await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: '6379' });
    expect(badPort).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'port' } });
    const extra = await dispatch(core.handlers, 'app.info', { evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const globNs = await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: '*' });
    expect(globNs).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'namespace' } });
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: false, error: { code: 'no_session' } });
    expect(await dispatch(core.handlers, 'db.rows', {})).toMatchObject({ ok: false, error: { code: 'not_connected' } });
    expect(await dispatch(core.handlers, 'session.open', { patternId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('web socket: refuses a missing or wrong token, a foreign Origin and a foreign Host', async () => {
    await expect(open(`ws://127.0.0.1:${host.port}/ws`, { Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(open(`ws://127.0.0.1:${host.port}/ws?token=wrong`, { Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(open(wsUrl, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open(wsUrl)).rejects.toThrow('HTTP 403');
    await expect(open(wsUrl, { Origin: origin, Host: `rebound.example:${host.port}` })).rejects.toThrow('HTTP 421');
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`http://127.0.0.1:${host.port}/../../etc/passwd`)).status).toBe(404);
    // Exactly one token: a second one, even the right one twice, is refused.
    await expect(open(`${wsUrl}&token=${host.token}`, { Origin: origin })).rejects.toThrow('HTTP 401');
  });

  it('static files: the requests that used to end the process, traversal, HEAD and other methods', async () => {
    const raw = (target: string, method = 'GET', headers = '') =>
      rawExchange(host.port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${headers}Connection: close\r\n\r\n`);
    // Each of these threw URIError / Invalid URL from a handler and killed the host.
    expect((await raw('/%')).status).toBe(400);
    expect((await raw('/%E0%A4%A')).status).toBe(400);
    expect((await raw('//[')).status).toBe(404);
    const upgrade = await rawExchange(host.port, upgradeRequest({ port: host.port }).replace('GET /ws ', 'GET //[/ws '));
    expect(upgrade.status).toBe(404);
    // Encoded traversal, NUL and backslashes never leave the renderer directory.
    for (const target of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/index.html%00.png', '/..%5c..%5cetc%5cpasswd', '/./index.html']) {
      expect((await raw(target)).status, target).toBeGreaterThanOrEqual(400);
    }
    const head = await raw('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.bytes.toString()).toMatch(/Content-Length: \d+/);
    const post = await raw('/', 'POST', 'Content-Length: 0\r\n');
    expect(post.status).toBe(405);
    expect(post.bytes.toString()).toContain('Allow: GET, HEAD');
    expect((await raw('/', 'GET', `X-Big: ${'x'.repeat(20_000)}\r\n`)).status).toBe(431);
    // The page's probe for its token: 426 (use a WebSocket) with the right one, 401 without.
    expect((await raw(`/ws?token=${host.token}`)).status).toBe(426);
    expect((await raw('/ws')).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
  });

  it('pages: a fresh style nonce per load, in the header and the page, and no unsafe-inline', async () => {
    const load = async () => {
      const res = await fetch(`http://127.0.0.1:${host.port}/`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const body = await res.text();
      return { csp, nonce: /'nonce-([^']+)'/.exec(csp)?.[1], meta: /<meta property="csp-nonce" nonce="([^"]+)"/.exec(body)?.[1] };
    };
    const [a, b] = [await load(), await load()];
    expect(a.csp).toMatch(/style-src 'self' 'nonce-[^']+'/);
    expect(a.csp).not.toContain('unsafe-inline');
    expect(a.csp).toContain("frame-ancestors 'none'");
    expect(a.meta).toBe(a.nonce);
    expect(b.nonce).not.toBe(a.nonce);
  });

  it('web socket: malformed frames get typed errors and the socket stays usable', async () => {
    const ws = await open(wsUrl, { Origin: origin });
    expect(await request(ws, 'not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, { id: 'x', channel: 'app.info' })).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    // Envelope-level errors carry the request id whenever it can be read, even from broken JSON.
    expect(await request(ws, { id: 7, channel: 5, input: {} })).toMatchObject({ id: 7, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, '{"id":8,"channel":"app.info","input":{')).toMatchObject({ id: 8, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, { ping: 9 })).toEqual({ pong: 9 });
    expect(await request(ws, { id: 1, channel: 'nope', input: {} })).toMatchObject({ id: 1, result: { ok: false, error: { code: 'unknown_channel' } } });
    expect(await request(ws, { id: 2, channel: 'connection.connect', input: { kind: 'existing', port: 70000 } })).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'invalid_input', field: 'port' } },
    });
    const info = await request(ws, { id: 3, channel: 'app.info', input: {} });
    expect(info).toMatchObject({ id: 3, result: { ok: true, value: { transport: 'web', version: 'test' } } });
    ws.close();
  });

  it('web socket: an oversized message closes that socket only', async () => {
    const ws = await open(wsUrl, { Origin: origin });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const again = await open(wsUrl, { Origin: origin });
    expect(await request(again, { id: 1, channel: 'connection.status', input: {} })).toMatchObject({ result: { ok: true } });
    again.close();
  });

  it('web socket: connects, steps a pattern and streams keys events', async () => {
    const ws = await open(wsUrl, { Origin: origin });
    const events: { type: string; payload: unknown }[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.events) events.push(...message.events);
    });
    const connected = await request(ws, { id: 1, channel: 'connection.connect', input: { kind: 'existing', port: redis.port, namespace: 'ws:' } });
    expect(connected.result).toMatchObject({ ok: true, value: { state: 'connected', keyspaceFeed: 'notifications' } });
    await request(ws, { id: 2, channel: 'session.open', input: { patternId: 'cache-aside', params: { dbLatencyMs: 0 } } });
    const step = await request(ws, { id: 3, channel: 'session.step', input: {} });
    expect(step.result).toMatchObject({ ok: true, value: { outcome: 'miss' } });
    await expect.poll(() => events.some((e) => e.type === 'keys' && JSON.stringify(e.payload).includes('ws:user:1'))).toBe(true);
    const rows = await request(ws, { id: 4, channel: 'db.rows', input: {} });
    expect((rows.result.value as { state: string }[])[0].state).toBe('fresh');
    await request(ws, { id: 5, channel: 'connection.disconnect', input: {} });
    ws.close();
  });
});
