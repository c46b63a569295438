import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/app-error';
import { classifyConnectError } from '../../electron/core/redis/connection-errors';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { endpointFromOptions } from '../../electron/core/redis/open-client';
import { freePort } from '../../electron/core/redis/free-port';
import { ExistingConnectInput } from '../../shared/contract';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

async function connectError(input: Record<string, unknown>): Promise<AppError> {
  try {
    const c = await LiveConnection.open({ kind: 'existing', ...input } as never, { dataDir: '/tmp' });
    await c.close();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('connected, but an error was expected');
}

/** A TCP server on loopback that behaves as told: answers garbage, or never answers. */
async function fakeServer(onSocket: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

describe('connecting to an existing Redis: each failure has its own clear message', () => {
  let secured: TestRedis;

  beforeAll(async () => {
    secured = await startTestRedis(['--requirepass', 's3cret']);
  });
  afterAll(() => secured.stop());

  it('connects with the right password and reports version and role', async () => {
    const c = await LiveConnection.open({ kind: 'existing', port: secured.port, password: 's3cret', namespace: 'ok:' }, { dataDir: '/tmp' });
    expect(c.status()).toMatchObject({ state: 'connected', kind: 'existing', role: 'master', namespace: 'ok:', existingKeys: 0 });
    expect(c.status().version).toMatch(/^\d+\.\d+/);
    await c.close();
  });

  it('wrong password', async () => {
    const err = await connectError({ port: secured.port, password: 'nope' });
    expect(err.code).toBe('auth_failed');
    expect(err.field).toBe('password');
    expect(err.message).toMatch(/refused the username or password/);
  });

  it('password missing', async () => {
    const err = await connectError({ port: secured.port });
    expect(err.code).toBe('auth_failed');
    expect(err.message).toMatch(/requires a password/);
  });

  it('wrong password in a redis:// URL', async () => {
    const err = await connectError({ url: `redis://:bad@127.0.0.1:${secured.port}/0` });
    expect(err.code).toBe('auth_failed');
  });

  it('nothing listening on the port', async () => {
    const port = await freePort();
    const err = await connectError({ port });
    expect(err.code).toBe('connection_refused');
    expect(err.field).toBe('port');
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('a port that is not Redis', async () => {
    const http = await fakeServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const err = await connectError({ port: http.port });
    expect(err.code).toBe('not_redis');
    await http.close();
  });

  it('a server that accepts and never answers times out', async () => {
    const silent = await fakeServer(() => {});
    const started = Date.now();
    const err = await connectError({ port: silent.port, timeoutMs: 300 });
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await silent.close();
  });

  it('TLS against a plain-text Redis fails with a TLS message', async () => {
    const err = await connectError({ port: secured.port, password: 's3cret', tls: true, timeoutMs: 1000 });
    expect(err.code).toBe('tls_failed');
    expect(err.field).toBe('tls');
  });

  it('names an unresolvable host without a network lookup (classification)', () => {
    const err = classifyConnectError(Object.assign(new Error('getaddrinfo ENOTFOUND nohost'), { code: 'ENOTFOUND' }), 'nohost:6379/0');
    expect(err.code).toBe('host_not_found');
    expect(err.field).toBe('host');
  });

  it('reads redis:// and rediss:// URLs into the form fields', () => {
    const opts = ExistingConnectInput.parse({ kind: 'existing', url: 'rediss://alice:p%40ss@cache.local:6380/3' });
    expect(endpointFromOptions(opts)).toMatchObject({ host: 'cache.local', port: 6380, db: 3, username: 'alice', password: 'p@ss', tls: true });
    const bad = ExistingConnectInput.parse({ kind: 'existing', url: 'redis://localhost/99999' });
    expect(() => endpointFromOptions(bad)).toThrow(/not a database number/);
  });
});

describe('TLS with a self-signed certificate', () => {
  let redis: TestRedis;
  let tlsPort: number;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rpi-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    tlsPort = await freePort();
    redis = await startTestRedis([
      '--port', '0',
      '--tls-port', String(tlsPort),
      '--tls-cert-file', path.join(dir, 'cert.pem'),
      '--tls-key-file', path.join(dir, 'key.pem'),
      '--tls-auth-clients', 'no',
    ]);
  });
  afterAll(() => redis.stop());

  it('is refused while verifying, with a hint, and connects when the user turns verification off', async () => {
    const err = await connectError({ port: tlsPort, tls: true });
    expect(err.code).toBe('tls_failed');
    expect(err.message).toMatch(/not trusted by this machine/);
    expect(err.hint).toMatch(/Verify certificate/);

    const c = await LiveConnection.open({ kind: 'existing', port: tlsPort, tls: true, verifyCertificate: false, namespace: 'tls:' }, { dataDir: '/tmp' });
    expect(c.status()).toMatchObject({ state: 'connected', label: `127.0.0.1:${tlsPort}/0` });
    expect(await c.control.ping()).toBe('PONG');
    await c.close();
  });

  it('reads rediss:// as TLS', async () => {
    const c = await LiveConnection.open({ kind: 'existing', url: `rediss://127.0.0.1:${tlsPort}/0`, verifyCertificate: false, namespace: 'tls:' }, { dataDir: '/tmp' });
    expect(await c.control.ping()).toBe('PONG');
    await c.close();
  });
});
