import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../app-error';
import { freePort } from './free-port';
import { findRedisServer } from './redis-server-binary';
import { msg } from '../../../shared/i18n/message';

/**
 * One pidfile per running app, named after the app's pid, so a second
 * instance (say two `npm run web`) never mistakes the first one's live
 * sandbox for a stale one.
 */
export const pidfileName = (appPid: number, port: number) => `sandbox-redis-${appPid}-${port}.pid`;
const PIDFILE_PATTERN = /^sandbox-redis-(\d+)-\d+\.pid$/;

/**
 * Kills the server when the app's stdin pipe closes, i.e. when the app died,
 * however it died. Used where setpriv --pdeathsig is not available (macOS);
 * on Windows libuv's job object already does this. Plain sh, so it works
 * with Electron's RunAsNode fuse turned off.
 */
const WATCHDOG = 'cat >/dev/null; kill -TERM "$0" 2>/dev/null';

export interface SandboxServer {
  port: number;
  pid: number;
  version?: string;
  stop(): Promise<void>;
}

function hasSetpriv(): boolean {
  return process.platform === 'linux' && ['/usr/bin/setpriv', '/bin/setpriv'].some((p) => existsSync(p));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a pid is still a redis-server; pids get reused. Linux can tell, elsewhere it is assumed. */
function isRedisServer(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return false;
  }
}

/**
 * Kills sandboxes left by app instances that are gone without cleaning up
 * (power loss, SIGKILL where no tether caught it). Returns the pids killed.
 */
export function reapStaleSandboxes(dataDir: string): number[] {
  if (!existsSync(dataDir)) return [];
  const killed: number[] = [];
  for (const name of readdirSync(dataDir)) {
    const appPid = Number(PIDFILE_PATTERN.exec(name)?.[1]);
    if (!appPid || isAlive(appPid)) continue;
    const file = path.join(dataDir, name);
    const pid = Number(readFileSync(file, 'utf8').trim());
    rmSync(file, { force: true });
    if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid) || !isRedisServer(pid)) continue;
    process.kill(pid, 'SIGTERM');
    killed.push(pid);
  }
  return killed;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within ${timeoutMs} ms: ${output.slice(-500)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done();
    };
    const onExit = (code: number | null) => fail(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    }
    function done() {
      cleanup();
      resolve();
    }
    function fail(err: Error) {
      cleanup();
      reject(err);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * Starts a private redis-server on a free loopback port with no persistence,
 * tied to this process's life so that no orphan server is ever left behind.
 */
export interface SandboxOptions {
  dataDir: string;
  startTimeoutMs?: number;
  /** Where to look for redis-server instead of PATH and the usual dirs. */
  searchPath?: string;
  /** How the server is tied to this process's life; the default picks setpriv on Linux. */
  tether?: 'setpriv' | 'watchdog';
}

export async function startSandbox(opts: SandboxOptions): Promise<SandboxServer> {
  const binary = await findRedisServer(opts.searchPath);
  if (!binary.found || !binary.path) {
    throw new AppError('redis_missing', msg('errors.sandbox.missing'), {
      hint: binary.installHintMsg,
    });
  }
  mkdirSync(opts.dataDir, { recursive: true });
  reapStaleSandboxes(opts.dataDir);

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const pidfile = path.join(opts.dataDir, pidfileName(process.pid, port));
    const args = [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--protected-mode', 'yes',
      '--save', '',
      '--appendonly', 'no',
      '--daemonize', 'no',
      '--dir', opts.dataDir,
      '--pidfile', pidfile,
      '--loglevel', 'notice',
      '--logfile', '',
    ];
    const useSetpriv = (opts.tether ?? (hasSetpriv() ? 'setpriv' : 'watchdog')) === 'setpriv';
    const child = useSetpriv
      ? spawn('setpriv', ['--pdeathsig', 'SIGTERM', '--', binary.path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.resume();
    try {
      await waitForReady(child, opts.startTimeoutMs ?? 10_000);
    } catch (err) {
      lastError = err;
      child.kill('SIGKILL');
      continue;
    }
    child.stdout?.resume();
    const pid = child.pid!;
    let watchdog: ChildProcess | undefined;
    if (!useSetpriv && process.platform !== 'win32') {
      watchdog = spawn('/bin/sh', ['-c', WATCHDOG, String(pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      port,
      pid,
      version: binary.version,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        watchdog?.stdin?.end();
        rmSync(pidfile, { force: true });
      },
    };
  }
  throw new AppError('redis_missing', msg('errors.sandbox.noStart', { detail: String((lastError as Error)?.message) }));
}
