import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { startWebHost, type WebHost } from '../../electron/core/transport/web-host';
import { formatMessage } from '../../shared/i18n/format';
import type { Message } from '../../shared/i18n/message';
import type { ListProgress, RowsWindow } from '../../shared/browser-list';
import { contractSocket } from '../helpers/contract-socket';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string; msg?: Message } };

async function socketClient(host: WebHost) {
  const socket = await contractSocket<Result>(host);
  return { ws: socket.ws, send: socket.result };
}

/** A refusal the user can read in Korean too: it carries a message id whose Korean text is not the id, nor English. */
function expectRefusal(result: Result) {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  expect(result.error!.msg, JSON.stringify(result)).toBeDefined();
  const ko = formatMessage(result.error!.msg!, 'ko');
  expect(ko).not.toBe(result.error!.msg!.id);
  expect(ko).toMatch(/[\uac00-\ud7a3]/);
}

describe('hand-crafted browser.list requests over the web socket: the host stays up and refuses in the user language', () => {
  let redis: TestRedis;
  let admin: Redis;
  let core: AppCore;
  let host: WebHost;
  let client: Awaited<ReturnType<typeof socketClient>>;
  let scanId: number;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    const pipe = admin.pipeline();
    for (let i = 0; i < 3000; i++) pipe.set(`f${i}:k`, '1');
    pipe.set('', 'the empty name');
    pipe.set(Buffer.from([0xff, 0x00, 0x3a, 0xfe]), 'binary');
    pipe.set('glob*?[x]', '1');
    await pipe.exec();
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-list-')), transport: 'web', version: 'test' });
    host = await startWebHost(core, { rendererDir });
    client = await socketClient(host);
    expect((await client.send('connection.connect', { kind: 'existing', host: '127.0.0.1', port: redis.port, namespace: 'app:' })).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    client?.ws.close();
    await host?.close();
    await core?.shutdown();
    await redis?.stop();
  });

  it('rows before any scan, and for stale or future scan ids, are refused with a message', async () => {
    const rows = (id: number) => client.send('browser.list.rows', { scanId: id, view: 'flat', start: 0, count: 10 });
    expectRefusal(await rows(1));
    const started = await client.send('browser.list.start', { match: '*', toEnd: true });
    expect(started.ok).toBe(true);
    scanId = (started.value as ListProgress).scanId;
    // Until the scan has reached the end: 'matching' below counts only what it found, and a loaded machine takes seconds.
    await eventually(async () => expect(((await client.send('browser.list.progress', {})).value as ListProgress).running).toBe(false), 20_000);
    expectRefusal(await rows(scanId + 1));
    expectRefusal(await rows(scanId + 1_000_000));
    expectRefusal(await client.send('browser.list.more', { scanId: 999, toEnd: true }));
    expectRefusal(await client.send('browser.list.stop', { scanId: 999 }));
    const win = (await rows(scanId)).value as RowsWindow;
    // The empty name, the binary name and the glob name are keys like the others.
    expect(win.matching).toBe(3003);
  });

  it('out-of-range or malformed inputs are refused by the schema, in the user language', async () => {
    const base = { scanId, view: 'tree', start: 0, count: 10 };
    for (const bad of [
      { ...base, start: -1 },
      { ...base, start: 1e12 },
      { ...base, count: 0 },
      { ...base, count: 100_000 },
      { ...base, start: 1.5 },
      { ...base, delimiter: '' },
      { ...base, delimiter: 'x'.repeat(9) },
      { ...base, text: 'x'.repeat(500) },
      { ...base, expanded: Array.from({ length: 10_000 }, (_, i) => `f${Buffer.from(`f${i}:`).toString('base64')}`) },
      { ...base, expanded: ['not an id!'] },
      { ...base, view: 'graph' },
      { ...base, scanId: -1 },
      { ...base, scanId: 'x' },
    ]) {
      expectRefusal(await client.send('browser.list.rows', bad));
    }
    expectRefusal(await client.send('browser.list.start', { match: 'x'.repeat(600) }));
    expectRefusal(await client.send('browser.list.start', { match: '*', type: 'bogus' }));
    expectRefusal(await client.send('browser.list.meta', { ids: ['###'] }));
    expectRefusal(await client.send('browser.list.name', { id: `#${'0'.repeat(32)}` }));
  });

  it('2,000 expanded folders, odd-byte delimiters and a start far past the end answer with what is there', async () => {
    const expanded = Array.from({ length: 2000 }, (_, i) => `f${Buffer.from(`f${i}:`).toString('base64')}`);
    const settle = async (input: object): Promise<RowsWindow> => {
      for (;;) {
        const r = await client.send('browser.list.rows', { scanId, view: 'tree', start: 0, count: 200, ...input });
        expect(r.ok, JSON.stringify(r)).toBe(true);
        const win = r.value as RowsWindow;
        if (!win.building) return win;
      }
    };
    // 3,000 folders, 2,000 of them open with one key each, and the three keys without ':' (the binary one has a ':' after two bytes).
    const open = await settle({ expanded });
    expect(open.total).toBe(3000 + 2000 + 3);
    const far = await settle({ expanded, start: 99_000_000 });
    expect(far.rows).toEqual([]);
    expect(far.total).toBe(5003);
    for (const delimiter of ['\u0000', '\ud800', '*', '[', 'é', '🙂']) {
      const win = await settle({ delimiter });
      expect(win.matching).toBe(3003);
    }
  });
});
