import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppError } from '../../electron/core/app-error';
import { findRedisServer, installHint } from '../../electron/core/redis/redis-server-binary';
import { pidfileName, reapStaleSandboxes, startSandbox } from '../../electron/core/redis/sandbox-server';
import { freePort } from '../../electron/core/redis/free-port';
import { eventually } from '../helpers/redis-server';
import { startWebHostProcess } from '../helpers/web-host-process';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `rpi-${name}-`));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pidfile an app process wrote for its sandbox, if any. */
function sandboxPidfile(dataDir: string, appPid: number): string | undefined {
  const name = readdirSync(dataDir).find((n) => n.startsWith(`sandbox-redis-${appPid}-`));
  return name && path.join(dataDir, name);
}

describe('the sandbox redis-server', () => {
  it('runs on loopback with no persistence and stops cleanly', async () => {
    const dataDir = tmp('sandbox');
    const sandbox = await startSandbox({ dataDir });
    const client = new Redis({ host: '127.0.0.1', port: sandbox.port });
    expect(await client.ping()).toBe('PONG');
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    const pidfile = path.join(dataDir, pidfileName(process.pid, sandbox.port));
    expect(Number(readFileSync(pidfile, 'utf8'))).toBe(sandbox.pid);
    client.disconnect();
    await sandbox.stop();
    expect(alive(sandbox.pid)).toBe(false);
    expect(existsSync(pidfile)).toBe(false);
  });

  it('says how to install redis-server when it is missing', async () => {
    expect((await findRedisServer('/nonexistent')).found).toBe(false);
    const err = await startSandbox({ dataDir: tmp('missing'), searchPath: '/nonexistent' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('redis_missing');
    expect(err.hint).toMatch(/apt(-get)? install redis-server/);
    expect(installHint('darwin')).toMatch(/brew install redis/);
    expect(installHint('win32')).toMatch(/WSL/);
  });

  it('reaps a server left behind by an earlier launch', async () => {
    const dataDir = tmp('stale');
    const port = await freePort();
    const orphan = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no'], { stdio: 'ignore', detached: true });
    await eventually(async () => {
      const c = new Redis({ port, lazyConnect: true, retryStrategy: () => null });
      c.on('error', () => {});
      await c.connect();
      c.disconnect();
    });
    // A live app's sandbox is left alone, even by another instance.
    const liveApp = spawn('sleep', ['30']);
    writeFileSync(path.join(dataDir, pidfileName(liveApp.pid!, port)), String(orphan.pid));
    expect(reapStaleSandboxes(dataDir)).toEqual([]);
    expect(alive(orphan.pid!)).toBe(true);
    // Once that app is gone, its server is reaped.
    liveApp.kill('SIGKILL');
    await eventually(() => expect(alive(liveApp.pid!)).toBe(false));
    expect(reapStaleSandboxes(dataDir)).toEqual([orphan.pid]);
    await eventually(() => expect(alive(orphan.pid!)).toBe(false));
    // A pid that is not a redis-server is never killed.
    const deadApp = spawn('true');
    await new Promise((resolve) => deadApp.once('exit', resolve));
    writeFileSync(path.join(dataDir, pidfileName(deadApp.pid!, port)), String(process.pid));
    expect(reapStaleSandboxes(dataDir)).toEqual([]);
  });

  it.each(['setpriv', 'watchdog'])('dies with the app, even when the app is killed with SIGKILL (%s)', async (tether) => {
    const host = await startWebHostProcess({ RPI_SANDBOX_TETHER: tether });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = await new Promise<{ result: { ok: boolean; value: { label: string } } }>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.id === 1) resolve(message);
      });
      ws.send(JSON.stringify({ id: 1, channel: 'connection.connect', input: { kind: 'sandbox' } }));
    });
    expect(reply.result.ok).toBe(true);
    expect(reply.result.value.label).toMatch(/^sandbox 127\.0\.0\.1:\d+$/);
    const pid = Number(readFileSync(sandboxPidfile(host.dataDir, host.child.pid!)!, 'utf8'));
    expect(alive(pid)).toBe(true);
    ws.terminate();

    host.child.kill('SIGKILL');
    await eventually(() => expect(alive(pid)).toBe(false), 10_000);
  });

  it('is stopped on a normal quit', async () => {
    const host = await startWebHostProcess();
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => JSON.parse(data.toString()).id === 1 && resolve());
      ws.send(JSON.stringify({ id: 1, channel: 'connection.connect', input: { kind: 'sandbox' } }));
    });
    const pid = Number(readFileSync(sandboxPidfile(host.dataDir, host.child.pid!)!, 'utf8'));
    ws.terminate();
    await host.stop();
    expect(alive(pid)).toBe(false);
    expect(sandboxPidfile(host.dataDir, host.child.pid!)).toBeUndefined();
  });
});
