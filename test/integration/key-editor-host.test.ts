import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { startWebHost, type WebHost } from '../../electron/core/transport/web-host';
import { contractSocket } from '../helpers/contract-socket';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

type Reply = { id: number; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
const id = (key: string) => Buffer.from(key).toString('base64');

async function socketClient(host: WebHost) {
  const socket = await contractSocket<Reply['result']>(host);
  return { ws: socket.ws, send: socket.send };
}

describe('the host refuses edits outside the namespace of an existing Redis, whatever a hand-crafted request says', () => {
  let redis: TestRedis;
  let check: Redis;
  let core: AppCore;
  let host: WebHost;
  let client: Awaited<ReturnType<typeof socketClient>>;

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
    await check.hset('theirs:profile', 'name', 'Ada');
    await check.set('theirs:counter', '41', 'EX', 3600);
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-editor-')), transport: 'web', version: 'test' });
    host = await startWebHost(core, { rendererDir });
    client = await socketClient(host);
    const connected = await client.send('connection.connect', { kind: 'existing', host: '127.0.0.1', port: redis.port, namespace: 'app:' });
    expect(connected.result.ok).toBe(true);
  });
  afterAll(async () => {
    client?.ws.close();
    await host?.close();
    await core?.shutdown();
    await redis?.stop();
  });

  it('reads say read-only and why; every kind of write outside the namespace is refused and changes nothing', async () => {
    const page = await client.send('keyEditor.page', { id: id('theirs:profile') });
    expect(page.result.value).toMatchObject({ type: 'hash', writable: { ok: false, reason: { id: 'keyEditor.readOnly.outside', values: { namespace: 'app:' } } } });
    const attempts: [string, unknown][] = [
      ['keyEditor.edit', { id: id('theirs:profile'), edit: { op: 'hashSet', field: { text: 'name' }, value: { text: 'Eve' }, expect: { text: 'Ada' } } }],
      ['keyEditor.edit', { id: id('theirs:profile'), edit: { op: 'delete' } }],
      ['keyEditor.edit', { id: id('theirs:counter'), edit: { op: 'ttl', ttlMs: 1 } }],
      ['keyEditor.edit', { id: id('theirs:counter'), edit: { op: 'persist' } }],
      ['keyEditor.edit', { id: id('theirs:counter'), edit: { op: 'rename', to: { text: 'app:stolen' } } }],
      ['keyEditor.create', { name: { text: 'theirs:new' }, type: 'string', value: { text: 'x' } }],
    ];
    for (const [channel, input] of attempts) {
      const reply = await client.send(channel, input);
      expect(reply.result.ok).toBe(false);
      expect(reply.result.error!.code).toBe('namespace_violation');
      expect(reply.result.error!.message).toMatch(/only changes keys under its namespace "app:"/);
    }
    expect(await check.hgetall('theirs:profile')).toEqual({ name: 'Ada' });
    expect(await check.get('theirs:counter')).toBe('41');
    expect(await check.ttl('theirs:counter')).toBeGreaterThan(3000);
    expect(await check.exists('theirs:new', 'app:stolen')).toBe(0);
    // Malformed edits never reach Redis: the contract's schema refuses them.
    const bad = await client.send('keyEditor.edit', { id: id('app:x'), edit: { op: 'eval', script: 'return 1' } });
    expect(bad.result.error!.code).toBe('invalid_input');
  });

  it('inside the namespace a new key is made, edited, undone from the history', async () => {
    const made = await client.send('keyEditor.create', { name: { text: 'app:greeting' }, type: 'string', value: { text: 'hello' } });
    expect(made.result.ok).toBe(true);
    const edited = await client.send('keyEditor.edit', { id: id('app:greeting'), edit: { op: 'setString', value: { text: 'hi' }, expect: { text: 'hello' } } });
    expect(edited.result.ok).toBe(true);
    expect(await check.get('app:greeting')).toBe('hi');
    const entry = (edited.result.value as { entry: { id: number } }).entry.id;
    const undone = await client.send('keyEditor.undo', { entry });
    expect(undone.result.value).toMatchObject({ entry: { result: 'undone' }, restored: [{ id: id('app:greeting'), label: 'app:greeting' }], removed: [] });
    expect(await check.get('app:greeting')).toBe('hello');
    const history = (await client.send('keyEditor.history', {})).result.value as { result: string; what: { id: string } }[];
    expect(history.map((h) => [h.what.id, h.result])).toEqual([
      ...Array.from({ length: 6 }, () => [expect.any(String), 'failed']),
      ['keyEditor.op.create', 'done'],
      ['keyEditor.op.setString', 'undone'],
    ]);
  });
});
