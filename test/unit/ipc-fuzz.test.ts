/**
 * The Electron IPC handler against every wrong shape of envelope. Electron is
 * faked at the boundary as in electron-boundary.test.ts; what runs is the
 * real registerIpc, the real dispatch and a real AppCore. Each envelope goes
 * through structuredClone first, because that is what Electron delivers:
 * any cloneable value (Map, Date, BigInt, cycles, typed arrays), never a
 * function or a getter.
 */
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { requests } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/errors';
import { IPC_INVOKE } from '../../shared/ipc-channels';
import { prng, type Rng } from '../helpers/fuzz-inputs';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

const electron = vi.hoisted(() => ({ handlers: new Map<string, unknown>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: unknown) => electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));
const { registerIpc } = await import('../../electron/main/ipc');

const CASES = 2400;
const TRUSTED = { sender: { id: 7 }, senderFrame: { url: 'app://renderer/index.html' } };
const UNTRUSTED = [
  { sender: { id: 8 }, senderFrame: { url: 'app://renderer/index.html' } },
  { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } },
  { sender: { id: 7 }, senderFrame: { url: 'app://renderer@evil/' } },
  { sender: { id: 7 }, senderFrame: { url: 'app://renderer:1/' } },
  { sender: { id: 7 }, senderFrame: null },
  { sender: { id: 7 }, senderFrame: { url: '%' } },
];
const HARMLESS = ['app.info', 'connection.status', 'patterns.list', 'session.current'];

function cyclic(): unknown {
  const a: Record<string, unknown> = { channel: 'app.info' };
  a.input = a;
  return a;
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Any structured-cloneable value, awkward on purpose. */
function anyValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => undefined,
    () => null,
    () => rng.chance(0.5),
    () => rng.pick([0, -0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, Number.MAX_VALUE, 6379]),
    () => BigInt(rng.int(1e9)) * 10n ** 30n,
    () => rng.pick(['', 'app.info', '__proto__', 'constructor', '\ud800', 'x'.repeat(100_000), 'é'.repeat(70)]),
    () => new Date(rng.int(2 ** 40)),
    () => /re(g)ex/gi,
    () => new Map<unknown, unknown>([['channel', 'app.info'], [{}, 1]]),
    () => new Set([1, 'a', null]),
    () => new Uint8Array(rng.int(1024)),
    () => new ArrayBuffer(16),
    () => new Error('boom'),
    () => [1, , 3], // eslint-disable-line no-sparse-arrays
    () => nested(1 + rng.int(500)),
    () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    () => ({ toString: 1, valueOf: {} }),
    () => Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
    cyclic,
  ])();
}

function envelope(rng: Rng): { value: unknown; mayWork: boolean } {
  const roll = rng.int(10);
  if (roll === 0) return { value: anyValue(rng), mayWork: false };
  if (roll === 1) return { value: { channel: anyValue(rng), input: anyValue(rng) }, mayWork: false };
  if (roll === 2) return { value: { channel: rng.pick(HARMLESS), input: rng.pick([{}, null, undefined]) }, mayWork: true };
  // A real channel with a value for an input: the schema decides; nothing may throw.
  return { value: { channel: rng.pick(Object.keys(requests)), input: anyValue(rng), extra: anyValue(rng) }, mayWork: true };
}

/** The heap after a full collection, in MB: vitest does not expose gc, so it is switched on here. */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('Electron IPC: every wrong shape of envelope gets a typed answer', () => {
  const core = new AppCore({ dataDir: '/tmp', transport: 'electron', version: 'test' });
  afterAll(() => core.shutdown());

  it(`answers ${CASES} generated envelopes, from the app's window and from strangers`, async () => {
    const win = { webContents: { id: 7, send: () => undefined }, isDestroyed: () => false };
    const unregister = registerIpc(core, win as never);
    const handle = electron.handlers.get(IPC_INVOKE) as Handler;
    const rng = prng(20240609);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const heapBefore = heapAfterGc();
    const failures: string[] = [];
    const codes = new Map<string, number>();

    for (let i = 0; i < CASES; i++) {
      const { value, mayWork } = envelope(rng);
      const stranger = rng.chance(0.1) ? rng.pick(UNTRUSTED) : undefined;
      const cloned = structuredClone(value);
      let result: { ok?: unknown; error?: { code?: unknown; message?: unknown } };
      try {
        result = (await handle(stranger ?? TRUSTED, cloned)) as typeof result;
      } catch (err) {
        failures.push(`#${i} threw ${(err as Error).message}`);
        continue;
      }
      const key = result.ok === true ? 'ok' : String(result.error?.code);
      codes.set(key, (codes.get(key) ?? 0) + 1);
      const typed =
        result.ok === true
          ? mayWork && !stranger
          : result.ok === false && (ERROR_CODES as readonly unknown[]).includes(result.error?.code) && typeof result.error?.message === 'string' && result.error.message.length <= 400;
      if (!typed) failures.push(`#${i}${stranger ? ' (stranger)' : ''}: ${JSON.stringify(result).slice(0, 200)}`);
      if (stranger && result.ok !== false) failures.push(`#${i}: a stranger was answered`);
    }

    const heapAfter = heapAfterGc();
    console.log(`IPC fuzz: ${CASES} envelopes; answers ${JSON.stringify(Object.fromEntries(codes))}; heap ${heapBefore.toFixed(1)} MB before, ${heapAfter.toFixed(1)} MB after`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(codes.get('ok')).toBeGreaterThan(0);
    expect(codes.get('invalid_input')).toBeGreaterThan(0);
    expect(codes.get('unknown_channel')).toBeGreaterThan(0);
    // No envelope reached Object.prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // Nothing of what was sent is kept.
    expect(heapAfter - heapBefore).toBeLessThan(16);

    // Still answering the app afterwards.
    expect(await handle(TRUSTED, { channel: 'app.info', input: {} })).toMatchObject({ ok: true, value: { transport: 'electron' } });
    unregister();
  }, 60_000);
});
