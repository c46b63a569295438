import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeyEditor, type EditorConnection } from '../../electron/core/key-editor/key-editor';
import { readElement } from '../../electron/core/key-editor/element';
import { readValuePage } from '../../electron/core/key-editor/value-page';
import { formatMessage } from '../../shared/i18n/format';
import type { BytesIn, EditOp, ValueBytes } from '../../shared/key-editor-contract';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const id = (key: string | Buffer) => Buffer.from(key).toString('base64');
const bin = (b: Buffer): BytesIn => ({ text: b.toString('base64'), enc: 'base64' });
const txt = (text: string): BytesIn => ({ text });
const bytesOf = (v: ValueBytes) => (v.enc === 'base64' ? Buffer.from(v.text, 'base64') : Buffer.from(v.text));
const message = (err: unknown) => formatMessage((err as { msg: Parameters<typeof formatMessage>[0] }).msg);

describe('key editor on a real redis-server: edits round-trip, undo restores exactly, conflicts and refusals are named', () => {
  let redis: TestRedis;
  let admin: Redis;
  let editor: KeyEditor;
  let connection: EditorConnection;

  /**
   * Every key's DUMP and TTL: what "exactly as before" means. A hashtable
   * set's DUMP lists members in its dict's order, which a RESTORE of the same
   * members may change (the test once failed on x,y against y,x): a set is
   * compared by its members' bytes instead.
   */
  const state = async (...keys: (string | Buffer)[]) =>
    Promise.all(
      keys.map(async (k) => ({
        dump: (await admin.type(k)) === 'set' ? (await admin.smembersBuffer(k)).map((m) => m.toString('hex')).sort() : ((await admin.dumpBuffer(k))?.toString('hex') ?? null),
        ttl: Math.round((await admin.pttl(k)) / 1000),
      })),
    );

  const editThenUndo = async (key: string | Buffer, op: EditOp, check: () => Promise<void>, others: (string | Buffer)[] = []) => {
    const before = await state(key, ...others);
    const { entry } = await editor.edit(id(key), op);
    expect(entry.result).toBe('done');
    expect(entry.undo).toEqual({ ok: true });
    await check();
    const undone = await editor.undo(entry.id, false);
    expect(undone.entry.result).toBe('undone');
    expect(undone.restored.map((k) => k.label)).toContain(typeof key === 'string' ? key : undefined);
    expect(await state(key, ...others)).toEqual(before);
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    connection = { kind: 'sandbox', namespace: 'rpi:', facts: { role: 'master', major: 7 }, control: admin };
    editor = new KeyEditor(connection, redis.client());
  });
  afterAll(() => redis.stop());
  beforeEach(async () => {
    await admin.flushdb();
    await admin.set('s', '{"a":1}', 'EX', 600);
    await admin.hset('h', 'f1', 'v1', 'f2', 'v2');
    await admin.rpush('l', 'a', 'b', 'c');
    await admin.sadd('set', 'x', 'y');
    await admin.zadd('z', 1, 'alice', 2, 'bob');
    await admin.xadd('st', '1-0', 'k', 'v');
  });

  it('every kind of edit is made, and its undo puts the key back byte for byte with its TTL', async () => {
    await editThenUndo('s', { op: 'setString', value: txt('{"a":2}'), expect: txt('{"a":1}') }, async () => {
      expect(await admin.get('s')).toBe('{"a":2}');
      // The TTL survives the edit (SET … KEEPTTL).
      expect(await admin.ttl('s')).toBeGreaterThan(590);
    });
    await editThenUndo('s', { op: 'ttl', ttlMs: 5000 }, async () => expect(await admin.pttl('s')).toBeLessThanOrEqual(5000));
    await editThenUndo('s', { op: 'persist' }, async () => expect(await admin.ttl('s')).toBe(-1));
    await editThenUndo('s', { op: 'delete' }, async () => expect(await admin.exists('s')).toBe(0));
    await editThenUndo('s', { op: 'rename', to: txt('s2') }, async () => expect(await admin.get('s2')).toBe('{"a":1}'), ['s2']);
    await editThenUndo('h', { op: 'hashSet', field: txt('f1'), value: txt('new'), expect: txt('v1') }, async () => expect(await admin.hget('h', 'f1')).toBe('new'));
    await editThenUndo('h', { op: 'hashSet', field: txt('f3'), value: txt('v3'), expect: null }, async () => expect(await admin.hget('h', 'f3')).toBe('v3'));
    await editThenUndo('h', { op: 'hashDelete', field: txt('f2') }, async () => expect(await admin.hexists('h', 'f2')).toBe(0));
    await editThenUndo('l', { op: 'listSet', index: 1, value: txt('B'), expect: txt('b') }, async () => expect(await admin.lrange('l', 0, -1)).toEqual(['a', 'B', 'c']));
    await editThenUndo('l', { op: 'listRemove', index: 1, expect: txt('b') }, async () => expect(await admin.lrange('l', 0, -1)).toEqual(['a', 'c']));
    await editThenUndo('l', { op: 'listPush', end: 'head', value: txt('z') }, async () => expect(await admin.lrange('l', 0, -1)).toEqual(['z', 'a', 'b', 'c']));
    await editThenUndo('set', { op: 'setReplace', member: txt('x'), to: txt('w') }, async () => expect((await admin.smembers('set')).sort()).toEqual(['w', 'y']));
    await editThenUndo('set', { op: 'setAdd', member: txt('q') }, async () => expect(await admin.sismember('set', 'q')).toBe(1));
    await editThenUndo('set', { op: 'setRemove', member: txt('y') }, async () => expect(await admin.sismember('set', 'y')).toBe(0));
    await editThenUndo('z', { op: 'zsetScore', member: txt('alice'), score: '9.5', expect: '1' }, async () => expect(await admin.zscore('z', 'alice')).toBe('9.5'));
    await editThenUndo('z', { op: 'zsetRename', member: txt('bob'), to: txt('robert') }, async () => expect(await admin.zscore('z', 'robert')).toBe('2'));
    await editThenUndo('z', { op: 'zsetAdd', member: txt('carol'), score: '-inf' }, async () => expect(await admin.zscore('z', 'carol')).toBe('-inf'));
    await editThenUndo('z', { op: 'zsetRemove', member: txt('alice') }, async () => expect(await admin.zcard('z')).toBe(1));
    await editThenUndo('st', { op: 'streamAdd', fields: [[txt('f'), txt('v')]] }, async () => expect(await admin.xlen('st')).toBe(2));
    await editThenUndo('st', { op: 'streamDelete', entryId: '1-0' }, async () => expect(await admin.xlen('st')).toBe(0));
    // Every edit and undo is in the history, newest last.
    const entries = editor.history.entries();
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(entries.every((e) => e.result === 'undone')).toBe(true);
    expect(formatMessage(entries[0].what)).toBe('value set to {"a":2}');
    expect(formatMessage(entries[0].what, 'ko')).toBe('값을 {"a":2}(으)로 설정');
  });

  it('new keys of every type; undo of a new key deletes it', async () => {
    const types = [
      { type: 'string', value: txt('v') },
      { type: 'hash', field: txt('f'), value: txt('v') },
      { type: 'list', value: txt('v') },
      { type: 'set', value: txt('v') },
      { type: 'zset', value: txt('v'), score: '3' },
      { type: 'stream', field: txt('f'), value: txt('v') },
    ] as const;
    for (const t of types) {
      const result = await editor.create({ name: txt(`new:${t.type}`), ...t, ttlMs: 60_000 });
      expect(result.key).toEqual({ id: id(`new:${t.type}`), label: `new:${t.type}` });
      expect(await admin.type(`new:${t.type}`)).toBe(t.type);
      expect(await admin.pttl(`new:${t.type}`)).toBeGreaterThan(50_000);
      expect((await editor.undo(result.entry.id, false)).removed).toEqual([id(`new:${t.type}`)]);
      expect(await admin.exists(`new:${t.type}`)).toBe(0);
    }
    await expect(editor.create({ name: txt('s'), type: 'string', value: txt('x') })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('binary key names and values round-trip exactly through the page, the element read and an edit', async () => {
    const name = Buffer.from([0x00, 0xff, 0x3a, 0xc3, 0x28, 0x0a]);
    const field = Buffer.from([0xfe, 0x00, 0x01]);
    const value = Buffer.from([0x80, 0x81, 0x00, 0xe2, 0x82]);
    await admin.hset(name, field, value);
    const page = (await readValuePage(connection, id(name), { count: 100, view: 'auto' }))!;
    expect(bytesOf(page.name!)).toEqual(name);
    const row = page.rows![0];
    expect(bytesOf(row.cells[0])).toEqual(field);
    expect(bytesOf(row.cells[1])).toEqual(value);
    const whole = (await readElement(admin, name, { field }))!;
    expect(bytesOf(whole)).toEqual(value);
    const next = Buffer.from([0x00, 0x00, 0xff, 0xfe]);
    const { entry } = await editor.edit(id(name), { op: 'hashSet', field: bin(field), value: bin(next), expect: bin(bytesOf(whole)) });
    expect(await admin.hgetBuffer(name, field)).toEqual(next);
    await editor.undo(entry.id, false);
    expect(await admin.hgetBuffer(name, field)).toEqual(value);
    // A binary rename target too.
    const to = Buffer.from([0x01, 0x02, 0xff]);
    const renamed = await editor.edit(id(name), { op: 'rename', to: bin(to) });
    expect(renamed.key!.id).toBe(id(to));
    expect(await admin.hgetBuffer(to, field)).toEqual(value);
  });

  it('an edit of something another client changed since it was shown is refused and said, the other write kept', async () => {
    await admin.hset('h', 'f1', 'changed by someone else');
    await expect(editor.edit(id('h'), { op: 'hashSet', field: txt('f1'), value: txt('mine'), expect: txt('v1') })).rejects.toSatisfy(
      (err) => (err as { code: string }).code === 'conflict' && /no longer what you saw/.test(message(err)),
    );
    expect(await admin.hget('h', 'f1')).toBe('changed by someone else');
    await admin.lset('l', 1, 'other');
    await expect(editor.edit(id('l'), { op: 'listRemove', index: 1, expect: txt('b') })).rejects.toMatchObject({ code: 'conflict' });
    expect(await admin.lrange('l', 0, -1)).toEqual(['a', 'other', 'c']);
    await expect(editor.edit(id('z'), { op: 'zsetScore', member: txt('alice'), score: '5', expect: '7' })).rejects.toMatchObject({ code: 'conflict' });
    // The refusals are in the history, with their reason and nothing to undo.
    const failed = editor.history.entries().filter((e) => e.result === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.at(-1)!.error!.code).toBe('conflict');
  });

  it('undo after someone else changed the key is refused unless forced', async () => {
    const { entry } = await editor.edit(id('h'), { op: 'hashSet', field: txt('f1'), value: txt('mine'), expect: txt('v1') });
    await admin.hset('h', 'f9', 'theirs');
    await expect(editor.undo(entry.id, false)).rejects.toSatisfy((err) => /changed after this edit/.test(message(err)));
    expect(await admin.hget('h', 'f9')).toBe('theirs');
    await editor.undo(entry.id, true);
    expect(await admin.hgetall('h')).toEqual({ f1: 'v1', f2: 'v2' });
  });

  it('says what cannot be undone: a key larger than the undo bound', async () => {
    await admin.set('big', 'x'.repeat(9 * 1024 * 1024));
    const { entry } = await editor.edit(id('big'), { op: 'persist' });
    expect(entry.undo.ok).toBe(false);
    expect(formatMessage((entry.undo as { reason: Parameters<typeof formatMessage>[0] }).reason)).toMatch(/more than the 8,388,608 bytes/);
    await expect(editor.undo(entry.id, false)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('on an existing Redis only keys under the namespace change; the host refuses the rest whatever it is sent', async () => {
    const existing = new KeyEditor({ ...connection, kind: 'existing', namespace: 'app:' }, redis.client());
    await admin.set('app:mine', '1');
    const before = await state('h', 's', 'app:mine');
    const refused = [
      () => existing.edit(id('h'), { op: 'hashDelete', field: txt('f1') }),
      () => existing.edit(id('s'), { op: 'delete' }),
      // Renaming a key of the namespace out of it, or creating one outside it, is refused too.
      () => existing.edit(id('app:mine'), { op: 'rename', to: txt('elsewhere') }),
      () => existing.create({ name: txt('outside'), type: 'string', value: txt('x') }),
    ];
    for (const attempt of refused) {
      await expect(attempt()).rejects.toSatisfy((err) => (err as { code: string }).code === 'namespace_violation' && /only changes keys under its namespace "app:"/.test(message(err)));
    }
    expect(await state('h', 's', 'app:mine')).toEqual(before);
    expect(await admin.exists('outside', 'elsewhere')).toBe(0);
    // Inside the namespace, edits work.
    await existing.edit(id('app:mine'), { op: 'setString', value: txt('2'), expect: txt('1') });
    expect(await admin.get('app:mine')).toBe('2');
    const page = (await readValuePage({ ...connection, kind: 'existing', namespace: 'app:' }, id('h'), { count: 10, view: 'auto' }))!;
    expect(page.writable.ok).toBe(false);
    expect(formatMessage((page.writable as { reason: Parameters<typeof formatMessage>[0] }).reason, 'ko')).toBe('읽기 전용: 기존 Redis에서는 네임스페이스 "app:" 아래의 키만 변경합니다.');
  });

  it('an ACL user without write rights gets a named refusal, and the key is unchanged', async () => {
    await admin.call('ACL', 'SETUSER', 'reader', 'reset', 'on', '>pw', '~*', '+@all', '-@write');
    const reader = redis.client({ username: 'reader', password: 'pw' });
    const readOnly = new KeyEditor({ ...connection, control: reader }, redis.client({ username: 'reader', password: 'pw' }));
    await expect(readOnly.edit(id('h'), { op: 'hashSet', field: txt('f1'), value: txt('x'), expect: txt('v1') })).rejects.toSatisfy((err) => {
      const text = message(err);
      return (err as { code: string }).code === 'no_permission' && /may not run HSET/.test(text) && /@write/.test(text);
    });
    expect(await admin.hget('h', 'f1')).toBe('v1');
    // A user who may write but not RESTORE (-@dangerous) edits, and the history says undo is not possible and why.
    await admin.call('ACL', 'SETUSER', 'nodump', 'reset', 'on', '>pw', '~*', '+@all', '-dump');
    const nodump = redis.client({ username: 'nodump', password: 'pw' });
    const limited = new KeyEditor({ ...connection, control: nodump }, redis.client({ username: 'nodump', password: 'pw' }));
    const { entry } = await limited.edit(id('h'), { op: 'hashDelete', field: txt('f2') });
    expect(formatMessage((entry.undo as { reason: Parameters<typeof formatMessage>[0] }).reason)).toBe('Cannot be undone: the Redis user may not run DUMP.');
  });
});

describe('key editor across a Redis restart', () => {
  it('an edit while the server is down fails with a named reason and changes nothing; after the restart edits work again', async () => {
    let redis = await startTestRedis();
    const port = redis.port;
    try {
      // Clients of our own: the helper's are closed when its server stops.
      const admin = new Redis({ port, maxRetriesPerRequest: 1 });
      const editorClient = new Redis({ port, maxRetriesPerRequest: 1 });
      for (const c of [admin, editorClient]) c.on('error', () => {});
      const editor = new KeyEditor({ kind: 'sandbox', namespace: 'rpi:', facts: { role: 'master', major: 7 }, control: admin }, editorClient);
      await admin.set('k', 'one');
      await editor.edit(id('k'), { op: 'setString', value: txt('two'), expect: txt('one') });
      await redis.stop();
      await expect(editor.edit(id('k'), { op: 'setString', value: txt('three'), expect: txt('two') })).rejects.toBeTruthy();
      const failed = editor.history.entries().at(-1)!;
      expect(failed.result).toBe('failed');
      expect(failed.error!.code).toBe('redis_unavailable');
      expect(formatMessage(failed.error!.msg!)).toMatch(/Redis/);

      redis = await startTestRedis([], { port });
      const fresh = redis.client();
      await fresh.set('k', 'after restart');
      // The editor's own connection comes back by itself.
      await expect.poll(() => editorClient.status, { timeout: 10_000 }).toBe('ready');
      await expect.poll(() => admin.status, { timeout: 10_000 }).toBe('ready');
      const { entry } = await editor.edit(id('k'), { op: 'setString', value: txt('edited'), expect: txt('after restart') });
      expect(await fresh.get('k')).toBe('edited');
      await editor.undo(entry.id, false);
      expect(await fresh.get('k')).toBe('after restart');
      // What undo kept from before the restart cannot restore a server that lost everything: the key changed since, so it asks first.
      const old = editor.history.entries().find((e) => e.result === 'done')!;
      await expect(editor.undo(old.id, false)).rejects.toMatchObject({ code: 'conflict' });
      admin.disconnect();
      editorClient.disconnect();
    } finally {
      await redis.stop();
    }
  }, 60_000);
});
