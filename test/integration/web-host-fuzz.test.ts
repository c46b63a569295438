/**
 * The web host against hostile input, as a real process (out/main/web.js,
 * built by `npm run build`): a crash is then a process that exits, which an
 * in-process host would hide inside the test runner, and the memory figures
 * are the host's own (VmRSS from /proc), not the test's plus the host's.
 * Cases are seeded: a failure names its seed, index and family.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import { httpCase, prng, wsCase, type WsCase } from '../helpers/fuzz-inputs';
import { closeCode, encodeFrame, rawExchange, RawWebSocket, upgradeRequest } from '../helpers/raw-socket';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

const SEED = Number(process.env.FUZZ_SEED ?? 20240608);
const HTTP_CASES = 2400;
const WS_CASES = 2400;
const NO_TOKEN_CASES = 300;
const CONCURRENCY = 16;
/** The host may grow by this much over the whole run; it must not grow with the bytes sent (≈ 100 MB). */
const RSS_GROWTH_BOUND_MB = 64;
const HEAP_CAP_MB = 64;

/** Resident and peak memory of a process, in MB, from /proc (Linux, as the test suite's redis-server is). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Runs fn over 0..count-1 with at most `concurrency` at once. */
async function pool(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await fn(next++);
  }));
}

function tally(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Clients that open a connection and never finish their request: the host must drop each one by itself. */
function slowClients(port: number): Promise<{ kind: string; closedAfterMs: number }[]> {
  const start = Date.now();
  const kinds = [
    ...Array(8).fill('trickled header'),
    ...Array(4).fill('silent'),
    ...Array(4).fill('trickled upgrade'),
    ...Array(4).fill('trickled body'),
  ] as string[];
  return Promise.all(
    kinds.map(
      (kind) =>
        new Promise<{ kind: string; closedAfterMs: number }>((resolve) => {
          const socket = net.connect(port, '127.0.0.1');
          let drip: ReturnType<typeof setInterval> | undefined;
          socket.on('connect', () => {
            if (kind === 'trickled header') socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
            if (kind === 'trickled upgrade') socket.write(upgradeRequest({ port, token: 'x' }).slice(0, -2));
            if (kind === 'trickled body') socket.write(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 100000\r\n\r\n`);
            if (kind !== 'silent') drip = setInterval(() => socket.writable && socket.write('a'), 200);
          });
          socket.on('error', () => undefined);
          // Read, so that the host's 408 and close are seen even by a client that never writes.
          socket.resume();
          socket.on('close', () => {
            clearInterval(drip);
            resolve({ kind, closedAfterMs: Date.now() - start });
          });
          // Never left behind if the host fails to drop it: the assertion below then says so.
          setTimeout(() => socket.destroy(), 20_000).unref();
        }),
    ),
  );
}

/** Waits for what a case must get back; returns a description of the mismatch, or null. */
async function awaitAnswer(ws: RawWebSocket, c: WsCase): Promise<string | null> {
  for (;;) {
    const frame = await ws.next(5000);
    if (!frame) return `no answer (connection ${ws.closed ? 'closed' : 'silent'})`;
    const { expect: want } = c;
    if (want.kind === 'close') {
      if (frame.opcode !== 0x8) continue; // replies to earlier frames may still be on the way
      const code = closeCode(frame);
      return code !== null && want.codes.includes(code) ? null : `closed with ${code}, wanted ${want.codes.join('/')}`;
    }
    if (frame.opcode === 0x8) return `closed with ${closeCode(frame)}`;
    if (want.kind === 'pong-frame') {
      if (frame.opcode !== 0xa) continue;
      return frame.payload.equals(want.payload) ? null : 'pong with another payload';
    }
    if (frame.opcode !== 0x1) return `unexpected opcode ${frame.opcode}`;
    const message = JSON.parse(frame.payload.toString()) as { id?: unknown; pong?: unknown; events?: unknown; result?: { ok: boolean; error?: { code: string; message: string } } };
    if (message.events) continue;
    if (want.kind === 'pong') return typeof message.pong === 'number' ? null : `wanted a pong, got ${frame.payload.toString().slice(0, 100)}`;
    if (message.id !== want.id) return `reply id ${String(message.id)}, wanted ${want.id}`;
    if (!message.result || message.result.ok !== want.ok) return `ok=${message.result?.ok}, wanted ${want.ok}: ${JSON.stringify(message.result).slice(0, 200)}`;
    const error = message.result.error;
    if (error && (!(ERROR_CODES as readonly string[]).includes(error.code) || typeof error.message !== 'string' || error.message.length > 400)) {
      return `untyped or oversized error: ${JSON.stringify(error).slice(0, 200)}`;
    }
    return null;
  }
}

describe(`web host fuzz (seed ${SEED}): no request, header or frame crashes or hangs it`, () => {
  let host: WebHostProcess;
  let baseline: { rss: number; peak: number };
  const figures: string[] = [];

  beforeAll(async () => {
    // The host's V8 heap is capped: whatever of the traffic it kept would end it, and the alive checks would say so.
    host = await startWebHostProcess({ NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` });
    // Warm up (code paths compiled, buffers allocated) before the memory baseline.
    for (let i = 0; i < 50; i++) await rawExchange(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    const ws = await RawWebSocket.open({ port: host.port, token: host.token });
    for (let i = 0; i < 50; i++) {
      ws.send({ opcode: 1, payload: JSON.stringify({ id: i, channel: 'app.info', input: {} }) });
      await ws.next();
    }
    ws.close();
    baseline = memoryOf(host.child.pid!);
  });
  afterAll(async () => {
    console.log(`web host fuzz figures:\n  ${figures.join('\n  ')}`);
    await host?.stop();
  });

  it(`answers ${HTTP_CASES} generated HTTP requests and upgrades, and drops slow clients`, async () => {
    const rng = prng(SEED);
    const cases = Array.from({ length: HTTP_CASES }, () => httpCase(rng, host.port, host.token));
    const slow = slowClients(host.port);
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    const started = Date.now();
    await pool(cases.length, CONCURRENCY, async (i) => {
      const c = cases[i];
      const answer = await rawExchange(host.port, c.bytes);
      tally(statuses, String(answer.status));
      const wrong =
        answer.status === null ? `no status (${answer.end})`
        : answer.status >= 500 ? `server error ${answer.status}`
        : answer.status === 101 && !c.mayUpgrade ? 'upgraded without everything right'
        : answer.status < 300 && answer.status !== 101 && !c.maySucceed ? `${answer.status} without GET/HEAD and the right Host`
        : c.expect !== undefined && answer.status !== c.expect ? `${answer.status}, wanted ${c.expect}`
        : null;
      if (wrong) failures.push(`#${i} ${c.family}: ${wrong} — ${JSON.stringify(c.bytes.slice(0, 120))}`);
    });
    figures.push(`HTTP: ${cases.length} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(host.child.exitCode).toBeNull();

    // Every request family the generator knows was actually sent.
    const families = new Set(cases.map((c) => c.family.split('+')[0]));
    expect([...families].sort()).toEqual(['http/bad', 'http/file', 'http/long', 'http/odd', 'http/ws', 'upgrade/bad', 'upgrade/file', 'upgrade/long', 'upgrade/odd', 'upgrade/ws']);
    expect(statuses.get('101')).toBeGreaterThan(0);
    expect(statuses.get('200')).toBeGreaterThan(0);

    // Headers must be done within 5 s (checked every second); a body the host never asked for within 10 s.
    const dropped = await slow;
    figures.push(`slow clients dropped after (ms): ${dropped.map((d) => `${d.kind} ${d.closedAfterMs}`).join(', ')}`);
    for (const d of dropped) expect(d.closedAfterMs, d.kind).toBeLessThan(d.kind === 'trickled body' ? 12_500 : 7_500);
  }, 60_000);

  it(`answers ${WS_CASES} malformed WebSocket messages and frames with the token, and none without it`, async () => {
    const rng = prng(SEED + 1);
    const cases = Array.from({ length: WS_CASES }, (_, i) => wsCase(rng, 1000 + i));
    const failures: string[] = [];
    const families = new Map<string, number>();
    let connections = 0;
    let bytesSent = 0;
    const started = Date.now();
    // Each worker keeps one socket for as long as the host keeps it open: a
    // protocol error closes it, and the next case opens a fresh one.
    const workers = Array.from({ length: CONCURRENCY }, () => ({ ws: undefined as RawWebSocket | undefined }));
    let next = 0;
    await Promise.all(
      workers.map(async (worker) => {
        while (next < cases.length) {
          const i = next++;
          const c = cases[i];
          tally(families, c.family);
          if (!worker.ws || worker.ws.closed) {
            worker.ws = await RawWebSocket.open({ port: host.port, token: host.token });
            connections++;
          }
          for (const frame of c.frames) {
            worker.ws.send(frame);
            bytesSent += frame.length;
          }
          const wrong = await awaitAnswer(worker.ws, c);
          if (wrong) failures.push(`#${i} ${c.family}: ${wrong}`);
          if (c.expect.kind === 'close' || wrong) {
            worker.ws.close();
            worker.ws = undefined;
          }
        }
        worker.ws?.close();
      }),
    );
    figures.push(`WebSocket: ${cases.length} cases (${(bytesSent / 1e6).toFixed(1)} MB) on ${connections} connections in ${Date.now() - started} ms; ${JSON.stringify(Object.fromEntries([...families].sort()))}`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(families.size).toBeGreaterThanOrEqual(30);

    // Without a valid token: the upgrade is refused and whatever frames came with it are never read.
    const noToken = prng(SEED + 2);
    const refused = new Map<string, number>();
    await pool(NO_TOKEN_CASES, CONCURRENCY, async (i) => {
      const token = noToken.pick([undefined, '', 'wrong', `${host.token}x`, `${host.token}&token=${host.token}`]);
      const frames = wsCase(noToken, i).frames;
      const request = Buffer.concat([Buffer.from(upgradeRequest({ port: host.port, token })), ...frames, encodeFrame({ opcode: 1, payload: JSON.stringify({ id: i, channel: 'app.info', input: {} }) })]);
      const answer = await rawExchange(host.port, request, 5000, true);
      tally(refused, `${answer.status}/${answer.end}`);
      const head = answer.bytes.indexOf('\r\n\r\n') + 4;
      if (answer.status !== 401 || answer.end !== 'closed' || answer.bytes.length !== head) failures.push(`no-token #${i}: ${answer.status} ${answer.end} ${answer.bytes.length - head} bytes after the head`);
    });
    figures.push(`WebSocket without a valid token: ${NO_TOKEN_CASES} upgrades with frames attached: ${JSON.stringify(Object.fromEntries(refused))}`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(host.child.exitCode).toBeNull();
  }, 60_000);

  it('is still serving afterwards, within its memory bound', async () => {
    const page = await rawExchange(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(page.status).toBe(200);
    const ws = await RawWebSocket.open({ port: host.port, token: host.token });
    ws.send({ opcode: 1, payload: JSON.stringify({ id: 1, channel: 'app.info', input: {} }) });
    expect(await awaitAnswer(ws, { frames: [], family: 'final', expect: { kind: 'reply', id: 1, ok: true } })).toBeNull();
    ws.close();

    // Let the last sockets' buffers go before reading the figure.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = memoryOf(host.child.pid!);
    figures.push(`host memory: RSS ${baseline.rss.toFixed(1)} MB before, ${after.rss.toFixed(1)} MB after, peak ${after.peak.toFixed(1)} MB (bound: +${RSS_GROWTH_BOUND_MB} MB; V8 heap capped at ${HEAP_CAP_MB} MB)`);
    expect(after.rss - baseline.rss).toBeLessThan(RSS_GROWTH_BOUND_MB);
    expect(host.child.exitCode).toBeNull();
  });
});
