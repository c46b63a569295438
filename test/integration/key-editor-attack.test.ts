import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { openMonitor } from '../../electron/core/redis/monitor-client';
import { startWebHost, type WebHost } from '../../electron/core/transport/web-host';
import { formatMessage } from '../../shared/i18n/format';
import type { Message } from '../../shared/i18n/message';
import { contractSocket } from '../helpers/contract-socket';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string; msg?: Message } };
const id = (key: string | Buffer) => Buffer.from(key).toString('base64');

async function socketClient(host: WebHost) {
  const socket = await contractSocket<Result>(host);
  return { ws: socket.ws, send: socket.result };
}

/** Every command the server runs from now on, as MONITOR shows it, except those a script ran (source "lua": they stay inside Redis). */
async function watchCommands(port: number): Promise<{ seen: string[][]; stop(): Promise<void> }> {
  // The app's own monitor connection: ioredis' monitor() let a loaded run's early MONITOR lines throw ('Command queue state error').
  const base = new Redis({ host: '127.0.0.1', port });
  const monitor = await openMonitor(base, 'test:monitor');
  base.disconnect();
  const seen: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua') seen.push(args);
  });
  return {
    seen,
    async stop() {
      // MONITOR lines trail the replies a little.
      await new Promise((resolve) => setTimeout(resolve, 100));
      monitor.disconnect();
    },
  };
}

/** A refusal the user can read in Korean too: it carries a message id, and the Korean text differs from the id. */
function expectRefusal(result: Result, code: string, id: string) {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  expect(result.error!.code).toBe(code);
  expect(result.error!.msg?.id).toBe(id);
  expect(formatMessage(result.error!.msg!, 'ko')).not.toBe(id);
}

describe('hand-crafted keyEditor requests against an existing Redis: clear refusals in the user language, nothing outside the namespace changes', () => {
  let redis: TestRedis;
  let check: Redis;
  let core: AppCore;
  let host: WebHost;
  let client: Awaited<ReturnType<typeof socketClient>>;
  let theirs: Record<string, unknown>;

  const theirState = async () => ({
    profile: await check.hgetall('theirs:profile'),
    counter: await check.get('theirs:counter'),
    ttl: await check.ttl('theirs:counter'),
    keys: (await check.keys('*')).filter((k) => !k.startsWith('app:')).sort(),
  });

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
    await check.hset('theirs:profile', 'name', 'Ada');
    await check.set('theirs:counter', '41', 'EX', 3600);
    theirs = await theirState();
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-editor-')), transport: 'web', version: 'test' });
    host = await startWebHost(core, { rendererDir });
    client = await socketClient(host);
    const connected = await client.send('connection.connect', { kind: 'existing', host: '127.0.0.1', port: redis.port, namespace: 'app:' });
    expect(connected.ok).toBe(true);
  });
  afterAll(async () => {
    client?.ws.close();
    await host?.close();
    await core?.shutdown();
    await redis?.stop();
  });

  it('cursors and stream IDs past 64 bits are refused at the boundary, not by a Lua script error', async () => {
    await check.sadd('app:set', 'a', 'b');
    await check.xadd('app:stream', '5-1', 'f', 'v');
    expectRefusal(await client.send('keyEditor.page', { id: id('app:set'), at: { by: 'cursor', cursor: '18446744073709551616' } }), 'invalid_input', 'keyEditor.input.cursor');
    expectRefusal(await client.send('keyEditor.page', { id: id('app:set'), at: { by: 'cursor', cursor: '99999999999999999999' } }), 'invalid_input', 'keyEditor.input.cursor');
    expectRefusal(await client.send('keyEditor.page', { id: id('app:stream'), at: { by: 'id', start: '18446744073709551616-0' } }), 'invalid_input', 'keyEditor.input.streamId');
    expectRefusal(await client.send('keyEditor.page', { id: id('app:stream'), at: { by: 'id', start: '1-18446744073709551616' } }), 'invalid_input', 'keyEditor.input.streamId');
    // The largest values are still valid positions: an empty page, not an error.
    const last = await client.send('keyEditor.page', { id: id('app:set'), at: { by: 'cursor', cursor: '18446744073709551615' } });
    expect(last.ok).toBe(true);
    const end = await client.send('keyEditor.page', { id: id('app:stream'), at: { by: 'id', start: '18446744073709551615-18446744073709551615', exclusive: true } });
    expect(end.value).toMatchObject({ type: 'stream', rows: [] });
    // A key id that is neither base64 nor a handle.
    expectRefusal(await client.send('keyEditor.page', { id: '!!!' }), 'invalid_input', 'errors.browser.badId');
  });

  it('an index past the end of a list or sorted set gives the last page, not an empty one that claims rows up to that index', async () => {
    await check.rpush('app:short', 'a', 'b', 'c');
    await check.zadd('app:ranks', 1, 'x', 2, 'y');
    const list = await client.send('keyEditor.page', { id: id('app:short'), at: { by: 'index', start: 9007199254740991 }, count: 2 });
    expect(list.value).toMatchObject({ at: { by: 'index', start: 1 }, size: 3, prev: { by: 'index', start: 0 }, rows: [{ index: 1, cells: [{ text: 'b' }] }, { index: 2, cells: [{ text: 'c' }] }] });
    expect((list.value as { next?: unknown }).next).toBeUndefined();
    const zset = await client.send('keyEditor.page', { id: id('app:ranks'), at: { by: 'index', start: 50 } });
    expect(zset.value).toMatchObject({ at: { by: 'index', start: 0 }, rows: [{ index: 0, score: '1' }, { index: 1, score: '2' }] });
  });

  it('a stream entry is deleted by its full ID only: XRANGE 5 5 finds 5-1 while XDEL 5 deletes 5-0, which once reported done and deleted nothing', async () => {
    await check.xadd('app:entries', '5-1', 'f', 'v');
    await check.xadd('app:entries', '5-3', 'f', 'v');
    for (const entryId of ['5', '-', '+']) expectRefusal(await client.send('keyEditor.edit', { id: id('app:entries'), edit: { op: 'streamDelete', entryId } }), 'invalid_input', 'keyEditor.input.entryId');
    expect(await check.xlen('app:entries')).toBe(2);
    const done = await client.send('keyEditor.edit', { id: id('app:entries'), edit: { op: 'streamDelete', entryId: '5-3' } });
    expect(done.ok).toBe(true);
    expect((await check.xrange('app:entries', '-', '+')).map(([entry]) => entry)).toEqual(['5-1']);
  });

  it('a field added to a hash someone deleted meanwhile says the key is gone, instead of making a new hash', async () => {
    await check.hset('app:profile', 'name', 'Bo');
    await check.del('app:profile');
    const added = await client.send('keyEditor.edit', { id: id('app:profile'), edit: { op: 'hashSet', field: { text: 'email' }, value: { text: 'x' }, expect: null } });
    expectRefusal(added, 'conflict', 'keyEditor.gone');
    expect(await check.exists('app:profile')).toBe(0);
  });

  it('a key replaced by another type meanwhile is said in words, not as a raw WRONGTYPE', async () => {
    await check.set('app:was-hash', 'now a string');
    expectRefusal(
      await client.send('keyEditor.edit', { id: id('app:was-hash'), edit: { op: 'hashSet', field: { text: 'f' }, value: { text: 'v' }, expect: { text: 'old' } } }),
      'conflict',
      'keyEditor.wrongType',
    );
    expectRefusal(await client.send('keyEditor.edit', { id: id('app:was-hash'), edit: { op: 'setAdd', member: { text: 'm' } } }), 'conflict', 'keyEditor.wrongType');
    expect(await check.get('app:was-hash')).toBe('now a string');
    const history = (await client.send('keyEditor.history', {})).value as { result: string; error?: { msg?: Message } }[];
    expect(history.at(-1)).toMatchObject({ result: 'failed', error: { msg: { id: 'keyEditor.wrongType' } } });
  });

  it('consumer groups of a key that is gone or no longer a stream: a sentence, not "ERR no such key"', async () => {
    expectRefusal(await client.send('keyEditor.groups', { id: id('app:nothing') }), 'conflict', 'keyEditor.readGone');
    expectRefusal(await client.send('keyEditor.groups', { id: id('app:was-hash') }), 'conflict', 'keyEditor.notStream');
  });

  it('scores Redis would not take are refused before Redis', async () => {
    await check.zadd('app:board', 1, 'm');
    expectRefusal(await client.send('keyEditor.edit', { id: id('app:board'), edit: { op: 'zsetScore', member: { text: 'm' }, score: '1e999', expect: '1' } }), 'invalid_input', 'keyEditor.input.score');
    expectRefusal(await client.send('keyEditor.edit', { id: id('app:board'), edit: { op: 'zsetAdd', member: { text: 'n' }, score: 'nan' } }), 'invalid_input', 'keyEditor.input.score');
    const inf = await client.send('keyEditor.edit', { id: id('app:board'), edit: { op: 'zsetScore', member: { text: 'm' }, score: '-inf', expect: '1' } });
    expect(inf.ok).toBe(true);
    expect(await check.zscore('app:board', 'm')).toBe('-inf');
  });

  it('base64 that is not standard is refused: "a" once decoded to an empty name, "YR==" to the bytes of "YQ=="', async () => {
    await check.set('app:name', 'v');
    for (const text of ['a', 'YR==', 'YQ', 'YWJj=', '====']) {
      expectRefusal(await client.send('keyEditor.edit', { id: id('app:name'), edit: { op: 'rename', to: { text, enc: 'base64' } } }), 'invalid_input', 'keyEditor.input.base64');
    }
    // Exact bytes, including ones that are not UTF-8, still go through.
    const binary = Buffer.from([0x61, 0x70, 0x70, 0x3a, 0xff, 0x00, 0xfe]);
    const renamed = await client.send('keyEditor.edit', { id: id('app:name'), edit: { op: 'rename', to: { text: binary.toString('base64'), enc: 'base64' } } });
    expect(renamed.ok).toBe(true);
    expect(await check.getBuffer(binary)).toEqual(Buffer.from('v'));
  });

  it('a value nested very deep reads as a page, in every view that indents it, and the host answers the next request', async () => {
    const deep = '['.repeat(200_000);
    await check.set('app:deep', deep);
    await check.set('app:deep.gz', gzipSync(deep));
    for (const [key, view] of [['app:deep', 'auto'], ['app:deep', 'json'], ['app:deep.gz', 'gzip']] as const) {
      const page = await client.send('keyEditor.page', { id: id(key), view });
      expect(page.ok, `${key} ${view}: ${JSON.stringify(page.error)}`).toBe(true);
      expect((page.value as { string: { text: string } }).string.text).toMatch(/^\[\n {2}\[/);
    }
    const later = await client.send('keyEditor.page', { id: id('app:deep'), view: 'json', at: { by: 'index', start: 100_000 } });
    expect(later.ok).toBe(true);
  });

  it('renames into or out of the namespace and undo of anything outside it never write outside', async () => {
    await check.set('app:mine', '1');
    expectRefusal(await client.send('keyEditor.edit', { id: id('app:mine'), edit: { op: 'rename', to: { text: 'theirs:counter' } } }), 'namespace_violation', 'keyEditor.refused');
    expectRefusal(await client.send('keyEditor.edit', { id: id('theirs:counter'), edit: { op: 'rename', to: { text: 'app:stolen' } } }), 'namespace_violation', 'keyEditor.refused');
    expectRefusal(await client.send('keyEditor.create', { name: { text: '' }, type: 'string', value: { text: 'x' } }), 'namespace_violation', 'keyEditor.refused');
    // Every refused entry is in the history and none can be undone.
    const history = (await client.send('keyEditor.history', {})).value as { id: number; result: string }[];
    for (const entry of history.filter((h) => h.result === 'failed')) {
      const undo = await client.send('keyEditor.undo', { entry: entry.id, force: true });
      expect(undo.ok).toBe(false);
    }
    expect(await theirState()).toEqual({ ...theirs, ttl: expect.any(Number) });
    expect(await check.ttl('theirs:counter')).toBeGreaterThan(3000);
    // The host still answers.
    expect((await client.send('keyEditor.page', { id: id('theirs:profile') })).value).toMatchObject({ type: 'hash', writable: { ok: false } });
  });

  it('a string or hash field is read for editing and checked before an edit cut inside Redis, never by a whole GET or HGET (MONITOR shows what ran)', async () => {
    await check.set('app:text', 'hello');
    await check.hset('app:fields', 'f', 'v1');
    const { seen, stop } = await watchCommands(redis.port);
    expect((await client.send('keyEditor.element', { id: id('app:fields'), field: { text: 'f' } })).value).toEqual({ text: 'v1' });
    expect((await client.send('keyEditor.element', { id: id('app:fields'), field: { text: 'nope' } })).value).toBeNull();
    expect((await client.send('keyEditor.edit', { id: id('app:fields'), edit: { op: 'hashSet', field: { text: 'f' }, value: { text: 'v2' }, expect: { text: 'v1' } } })).ok).toBe(true);
    await check.hset('app:fields', 'f', 'v2 and more');
    expectRefusal(
      await client.send('keyEditor.edit', { id: id('app:fields'), edit: { op: 'hashSet', field: { text: 'f' }, value: { text: 'v3' }, expect: { text: 'v2' } } }),
      'conflict',
      'keyEditor.changed',
    );

    expect((await client.send('keyEditor.element', { id: id('app:text') })).value).toEqual({ text: 'hello' });
    const edited = await client.send('keyEditor.edit', { id: id('app:text'), edit: { op: 'setString', value: { text: 'bye' }, expect: { text: 'hello' } } });
    expect(edited.ok).toBe(true);
    // A value that grew since it was shown is said, not overwritten.
    await check.append('app:text', '!');
    expectRefusal(await client.send('keyEditor.edit', { id: id('app:text'), edit: { op: 'setString', value: { text: 'x' }, expect: { text: 'bye' } } }), 'conflict', 'keyEditor.changed');
    await stop();
    const reads = seen.filter(([name, key]) => key === 'app:text' && /^(get|getrange)$/i.test(name)).map(([name]) => name.toLowerCase());
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads).not.toContain('get');
    expect(seen.filter(([name]) => /^hget$/i.test(name))).toEqual([]);
    expect(await check.get('app:text')).toBe('bye!');
    expect(await check.hget('app:fields', 'f')).toBe('v2 and more');
  });

  it('undo checks whether the key changed since without reading its DUMP: a key grown to 20 MB by someone else stays in Redis', async () => {
    await check.set('app:growing', 'small');
    const edited = await client.send('keyEditor.edit', { id: id('app:growing'), edit: { op: 'setString', value: { text: 'edited' }, expect: { text: 'small' } } });
    const entry = (edited.value as { entry: { id: number } }).entry.id;
    await check.eval("redis.call('SET', KEYS[1], string.rep('x', 20 * 1024 * 1024))", 1, 'app:growing');
    const { seen, stop } = await watchCommands(redis.port);
    expectRefusal(await client.send('keyEditor.undo', { entry }), 'conflict', 'keyEditor.undo.changedSince');
    await stop();
    expect(seen.filter(([name]) => /^dump$/i.test(name))).toEqual([]);
    expect(await check.strlen('app:growing')).toBe(20 * 1024 * 1024);
    // Unchanged since: undo still puts the value back.
    await check.set('app:steady', 'one');
    const steady = await client.send('keyEditor.edit', { id: id('app:steady'), edit: { op: 'setString', value: { text: 'two' }, expect: { text: 'one' } } });
    expect((await client.send('keyEditor.undo', { entry: (steady.value as { entry: { id: number } }).entry.id })).ok).toBe(true);
    expect(await check.get('app:steady')).toBe('one');
    // A key gone since the edit (its TTL ran out) is said as gone, not as changed by someone; forced, undo brings it back.
    await check.set('app:fleeting', 'kept');
    const ttl = await client.send('keyEditor.edit', { id: id('app:fleeting'), edit: { op: 'ttl', ttlMs: 150 } });
    expect(ttl.ok, JSON.stringify(ttl)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const fleeting = (ttl.value as { entry: { id: number } }).entry.id;
    expectRefusal(await client.send('keyEditor.undo', { entry: fleeting }), 'conflict', 'keyEditor.undo.goneSince');
    expect((await client.send('keyEditor.undo', { entry: fleeting, force: true })).ok).toBe(true);
    expect(await check.get('app:fleeting')).toBe('kept');
  });

  it('a hash whose sampled MEMORY USAGE looks small but holds one 12 MB field is not DUMPed to the host for undo; the history says why', async () => {
    const fields: string[] = [];
    for (let i = 0; i < 20_000; i++) fields.push(`f${i}`, 'v');
    await check.hset('app:lopsided', ...fields);
    // Random bytes: DUMP compresses, and a repeated letter would shrink to nothing.
    await check.hset('app:lopsided', 'big', randomBytes(12 * 1024 * 1024));
    // What the old bound saw: MEMORY USAGE samples five fields, and misses the big one.
    expect(Number(await check.memory('USAGE', 'app:lopsided'))).toBeLessThan(8 * 1024 * 1024);
    const { seen, stop } = await watchCommands(redis.port);
    const edited = await client.send('keyEditor.edit', { id: id('app:lopsided'), edit: { op: 'hashSet', field: { text: 'f1' }, value: { text: 'w' }, expect: { text: 'v' } } });
    await stop();
    expect(edited.ok).toBe(true);
    expect((edited.value as { entry: { undo: unknown } }).entry.undo).toMatchObject({ ok: false, reason: { id: 'keyEditor.undo.tooLarge' } });
    expect(seen.filter(([name]) => /^dump$/i.test(name))).toEqual([]);
    expect(await check.hget('app:lopsided', 'f1')).toBe('w');
  });

  it('an ACL user with +@read only: reads work, an edit says at once what it needs (transaction and write rights), nothing changes', async () => {
    await check.call('ACL', 'SETUSER', 'reader', 'on', '>pw', '~*', '&*', '+@read', '+@connection', '+info', '+client', '+config|get', '+memory', '+command');
    await check.set('app:readable', 'v');
    const connected = await client.send('connection.connect', { kind: 'existing', host: '127.0.0.1', port: redis.port, namespace: 'app:', username: 'reader', password: 'pw' });
    expect(connected.ok, JSON.stringify(connected.error)).toBe(true);
    expect((await client.send('keyEditor.page', { id: id('app:readable') })).value).toMatchObject({ type: 'string', string: { text: 'v' } });
    const edit = await client.send('keyEditor.edit', { id: id('app:readable'), edit: { op: 'setString', value: { text: 'w' }, expect: { text: 'v' } } });
    expectRefusal(edit, 'no_permission', 'keyEditor.needsTransaction');
    expect(formatMessage(edit.error!.msg!)).toMatch(/may not run WATCH[\s\S]*\+@transaction[\s\S]*\+@write/);
    expect(await check.get('app:readable')).toBe('v');
    expect(await theirState()).toEqual({ ...theirs, ttl: expect.any(Number) });
  });

  it('an ACL user without +@scripting reads and edits a hash field with plain commands', async () => {
    await check.call('ACL', 'SETUSER', 'noscript', 'on', '>pw', '~*', '&*', '+@all', '-@scripting');
    await check.hset('app:plain', 'f', 'old');
    const connected = await client.send('connection.connect', { kind: 'existing', host: '127.0.0.1', port: redis.port, namespace: 'app:', username: 'noscript', password: 'pw' });
    expect(connected.ok, JSON.stringify(connected.error)).toBe(true);
    expect((await client.send('keyEditor.element', { id: id('app:plain'), field: { text: 'f' } })).value).toEqual({ text: 'old' });
    const edited = await client.send('keyEditor.edit', { id: id('app:plain'), edit: { op: 'hashSet', field: { text: 'f' }, value: { text: 'new' }, expect: { text: 'old' } } });
    expect(edited.ok).toBe(true);
    expectRefusal(
      await client.send('keyEditor.edit', { id: id('app:plain'), edit: { op: 'hashSet', field: { text: 'f' }, value: { text: 'x' }, expect: { text: 'old' } } }),
      'conflict',
      'keyEditor.changed',
    );
    expect(await check.hget('app:plain', 'f')).toBe('new');
    // Undo compares fingerprints with a plain DUMP here, and puts the field back.
    expect((await client.send('keyEditor.undo', { entry: (edited.value as { entry: { id: number } }).entry.id })).ok).toBe(true);
    expect(await check.hget('app:plain', 'f')).toBe('old');
  });
});
