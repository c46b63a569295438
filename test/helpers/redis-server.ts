import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../electron/core/redis/free-port';

export interface TestRedis {
  port: number;
  pid: number;
  /** A plain ioredis client for arranging and checking state, outside the app's code. */
  client(options?: { username?: string; password?: string }): Redis;
  stop(): Promise<void>;
}

/**
 * Starts a private redis-server on a free loopback port for one test file:
 * no persistence, extra config lines as given (requirepass, ACL users…).
 */
export async function startTestRedis(extraArgs: string[] = [], opts: { port?: number } = {}): Promise<TestRedis> {
  for (let attempt = 0; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitReady(child);
    } catch (err) {
      child.kill('SIGKILL');
      if (attempt >= 2) throw err;
      continue;
    }
    child.stdout?.resume();
    const clients: Redis[] = [];
    return {
      port,
      pid: child.pid!,
      client(options = {}) {
        const c = new Redis({ host: '127.0.0.1', port, ...options, maxRetriesPerRequest: 1 });
        c.on('error', () => {});
        clients.push(c);
        return c;
      },
      async stop() {
        for (const c of clients) c.disconnect();
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
      },
    };
  }
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out}`));
    });
  });
}

/** Polls until the check passes or the time is up; for waiting on asynchronous feeds, never for timing. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<T> {
  // The monotonic clock: a wall-clock step (this VM's clock is adjusted under it) once ended a 5 s wait after 86 ms.
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  while (performance.now() < deadline) {
    try {
      return await check();
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw lastError;
}
