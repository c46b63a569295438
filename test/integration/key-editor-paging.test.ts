import { gzipSync, deflateSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { pack } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValuePage, PAGE_BUDGET } from '../../electron/core/key-editor/value-page';
import { readStreamGroups } from '../../electron/core/key-editor/stream-groups';
import { formatMessage } from '../../shared/i18n/format';
import type { PagePosition, ValueBytes, ValuePage } from '../../shared/key-editor-contract';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const id = (key: string | Buffer) => Buffer.from(key).toString('base64');
const bytesOf = (v: ValueBytes) => (v.enc === 'base64' ? Buffer.from(v.text, 'base64') : Buffer.from(v.text));
const frame = (page: unknown) => Buffer.byteLength(JSON.stringify(page));

describe('value pane: every type paged on a real redis-server, every reply bounded', () => {
  let redis: TestRedis;
  let client: Redis;
  let connection: { kind: 'sandbox'; namespace: string; facts: { role: string }; control: Redis };

  const page = async (key: string | Buffer, at?: PagePosition, count = 100, view: 'auto' | 'text' | 'json' | 'hex' | 'msgpack' | 'gzip' | 'deflate' = 'auto') => {
    const p = (await readValuePage(connection, id(key), { at, count, view })) as ValuePage;
    expect(frame(p)).toBeLessThanOrEqual(PAGE_BUDGET);
    return p;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    client = redis.client();
    connection = { kind: 'sandbox', namespace: 'rpi:', facts: { role: 'master' }, control: client };
    for (let start = 0; start < 50_000; start += 5_000) {
      const pipe = client.pipeline();
      for (let i = start; i < start + 5_000; i++) pipe.hset('big:hash', `field:${i}`, `value ${i}`);
      for (let i = start; i < start + 5_000; i++) pipe.zadd('big:zset', i, `member:${i}`);
      const list: string[] = [];
      for (let i = start; i < start + 5_000; i++) list.push(`item ${i}`);
      pipe.rpush('big:list', ...list);
      for (let i = start; i < start + 5_000; i++) pipe.sadd('big:set', `m${i}`);
      await pipe.exec();
    }
    const pipe = client.pipeline();
    for (let i = 1; i <= 2_500; i++) pipe.xadd('big:stream', `${i}-0`, 'n', String(i), 'payload', 'x'.repeat(i % 7));
    await pipe.exec();
    // Elements of 2 MB: a whole page of them would be 200 MB; each travels as its first bytes and its length.
    for (let i = 0; i < 20; i++) await client.rpush('huge:list', Buffer.alloc(2 * 1024 * 1024, 0x61 + (i % 26)));
    await client.hset('huge:hash', 'a', 'x'.repeat(3_000_000), 'b', 'small');
  }, 120_000);
  afterAll(() => redis.stop());

  it('a 50,000-field hash: HSCAN pages by cursor, every field seen (repeats counted and dropped), each reply bounded', async () => {
    const seen = new Map<string, string>();
    let repeats = 0;
    let at: PagePosition | undefined;
    let pages = 0;
    let rows = 0;
    do {
      const p = await page('big:hash', at);
      // Whole SCAN batches of about 10: a page may hold a few more rows than asked, never many.
      expect(p.rows!.length).toBeLessThanOrEqual(140);
      rows += p.rows!.length;
      expect(p.type).toBe('hash');
      expect(p.size).toBe(50_000);
      for (const row of p.rows!) {
        const field = row.cells[0].text;
        if (seen.has(field)) repeats++;
        seen.set(field, row.cells[1].text);
      }
      at = p.next;
      pages++;
    } while (at);
    expect(seen.size).toBe(50_000);
    expect(seen.get('field:31337')).toBe('value 31337');
    expect(pages).toBeGreaterThan(400);
    // SCAN may return a field twice (while the table rehashes): what was dropped as a repeat is exactly what was read twice.
    expect(rows - repeats).toBe(50_000);
  }, 120_000);

  it('a set: SSCAN pages by cursor, every member once after dedupe', async () => {
    const seen = new Set<string>();
    let at: PagePosition | undefined;
    do {
      const p = await page('big:set', at, 200);
      for (const row of p.rows!) seen.add(row.cells[0].text);
      at = p.next;
    } while (at);
    expect(seen.size).toBe(50_000);
  }, 120_000);

  it('a sorted set: pages by rank, every member exactly once in score order; jump to a rank', async () => {
    const members: string[] = [];
    let at: PagePosition | undefined = { by: 'index', start: 0 };
    while (at) {
      const p = await page('big:zset', at, 200);
      for (const row of p.rows!) members.push(row.cells[0].text);
      if (p.rows!.length) expect(p.rows![0].score).toBe(String(p.rows![0].index));
      at = p.next;
    }
    expect(members.length).toBe(50_000);
    expect(new Set(members).size).toBe(50_000);
    expect(members[12_345]).toBe('member:12345');

    const jumped = await page('big:zset', { by: 'index', start: 40_000 }, 10);
    expect(jumped.rows!.map((r) => r.index)).toEqual(Array.from({ length: 10 }, (_, i) => 40_000 + i));
    expect(jumped.prev).toEqual({ by: 'index', start: 39_990 });
    expect(jumped.next).toEqual({ by: 'index', start: 40_010 });
  }, 120_000);

  it('a list: pages by index, every element exactly once and in order; the last page has no next', async () => {
    let count = 0;
    let at: PagePosition | undefined = { by: 'index', start: 0 };
    let last: ValuePage | undefined;
    while (at) {
      last = await page('big:list', at, 200);
      for (const row of last.rows!) expect(row.cells[0].text).toBe(`item ${count++}`);
      at = last.next;
    }
    expect(count).toBe(50_000);
    expect(last!.prev).toEqual({ by: 'index', start: 49_600 });
  }, 120_000);

  it('a stream: pages forward and back by entry ID, every entry exactly once; jump to an ID', async () => {
    const ids: string[] = [];
    let at: PagePosition | undefined;
    let p: ValuePage;
    do {
      p = await page('big:stream', at, 100);
      ids.push(...p.rows!.map((r) => r.entryId!));
      at = p.next;
    } while (at);
    expect(ids).toEqual(Array.from({ length: 2_500 }, (_, i) => `${i + 1}-0`));

    const jumped = await page('big:stream', { by: 'id', start: '1200-0', dir: 'forward', exclusive: false }, 5);
    expect(jumped.rows!.map((r) => r.entryId)).toEqual(['1200-0', '1201-0', '1202-0', '1203-0', '1204-0']);
    expect(jumped.rows![0].cells.map((c) => c.text)).toEqual(['n', '1200', 'payload', 'x'.repeat(1200 % 7)]);
    const back = await page('big:stream', jumped.prev, 5);
    expect(back.rows!.map((r) => r.entryId)).toEqual(['1195-0', '1196-0', '1197-0', '1198-0', '1199-0']);
    const forward = await page('big:stream', back.next, 5);
    expect(forward.rows!.map((r) => r.entryId)).toEqual(['1200-0', '1201-0', '1202-0', '1203-0', '1204-0']);
  });

  it('elements of 2 MB travel as their first KiB and their length; the page stays bounded', async () => {
    const p = await page('huge:list', undefined, 20);
    expect(p.rows).toHaveLength(20);
    expect(p.rows![0].cells[0]).toMatchObject({ bytes: 2 * 1024 * 1024 });
    expect(p.rows![0].cells[0].text.length).toBeLessThanOrEqual(1024);
    expect(frame(p)).toBeLessThan(100 * 1024);
    const h = await page('huge:hash');
    const big = h.rows!.find((r) => r.cells[0].text === 'a')!;
    expect(big.cells[1].bytes).toBe(3_000_000);
    expect(h.rows!.find((r) => r.cells[0].text === 'b')!.cells[1]).toEqual({ text: 'small' });
  });

  it('strings: GETRANGE pages, JSON indented even when cut, hex for binary, binary names round-trip', async () => {
    const doc = JSON.stringify({ users: Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `user ${i}`, tags: ['a', 'b'] })) });
    await client.set('doc:json', doc);
    const first = await page('doc:json');
    expect(first.string!.view).toBe('json');
    expect(first.string!.text.startsWith('{\n  "users": [\n    {\n      "id": 0,')).toBe(true);
    expect(first.next).toEqual({ by: 'index', start: 32 * 1024 });
    const second = await page('doc:json', first.next);
    // The second page continues at the depth the first one ended at.
    expect(second.string!.view).toBe('json');
    expect(/^[^\n]*\n {4,}\S/.test(second.string!.text)).toBe(true);
    let offset = 0;
    let at: PagePosition | undefined;
    do {
      const p = await page('doc:json', at, 100, 'text');
      expect(p.string!.offset).toBe(offset);
      offset += p.string!.length;
      at = p.next;
    } while (at);
    expect(offset).toBe(Buffer.byteLength(doc));

    const name = Buffer.from([0x72, 0x70, 0x69, 0x3a, 0xff, 0x00, 0xfe]);
    const value = Buffer.from([0x00, 0x01, 0xc3, 0x28, 0xff, 0x10]);
    await client.set(name, value);
    const bin = await page(name);
    expect(bytesOf(bin.name!)).toEqual(name);
    expect(bin.string!.view).toBe('hex');
    expect(bin.string!.text).toContain('00 01 c3 28 ff 10');
    expect(bytesOf(bin.string!.whole!)).toEqual(value);

    // Text with a direction override, a zero byte and a typed "\x00": the override is escaped, and the page says
    // that its own backslash and the escapes look alike here (found by the independent tester).
    await client.set('odd:text', Buffer.concat([Buffer.from('edited \u202e ok \\x00 '), Buffer.from([0])]));
    const odd = await page('odd:text', undefined, 100, 'text');
    expect(odd.string!.text).toBe('edited \\u202e ok \\x00 \\x00');
    expect(odd.string!.notes.map((n) => n.id)).toContain('keyEditor.note.escapesAmbiguous');
    await client.set('plain:text', 'a path C:\\tmp with no escapes');
    expect((await page('plain:text', undefined, 100, 'text')).string!.notes).toEqual([]);
    // A typed "Y\xff" and the bytes Y 0xff show alike in the text view: each page says which it is (found by a re-tester).
    await client.set('lit:text', 'Y\\xff');
    await client.set('lit:bytes', Buffer.from([0x59, 0xff]));
    const literal = await page('lit:text', undefined, 100, 'text');
    const bytes = await page('lit:bytes', undefined, 100, 'text');
    expect([literal.string!.text, bytes.string!.text]).toEqual(['Y\\xff', 'Y\\xff']);
    expect(literal.string!.notes.map((n) => n.id)).toEqual(['keyEditor.note.literalEscapes']);
    expect(bytes.string!.notes.map((n) => n.id)).toEqual(['keyEditor.note.escapesShown']);
  });

  it('decoders: gzip and deflate through fflate, MessagePack through msgpackr, each bounded and said', async () => {
    const json = JSON.stringify({ hello: 'world', n: [1, 2, 3] });
    await client.set('enc:gzip', gzipSync(json));
    await client.set('enc:deflate', deflateSync(json));
    await client.set('enc:msgpack', pack({ user: 'ada', scores: [1, 2], nested: { ok: true } }));
    const g = await page('enc:gzip');
    expect(g.string!.view).toBe('gzip');
    expect(g.string!.text).toBe(JSON.stringify(JSON.parse(json), null, 2));
    expect(formatMessage(g.string!.notes.at(-1)!)).toMatch(/bytes after decompression/);
    const d = await page('enc:deflate');
    expect(d.string!.view).toBe('deflate');
    expect(JSON.parse(d.string!.text)).toEqual(JSON.parse(json));
    const m = await page('enc:msgpack');
    expect(m.string!.view).toBe('msgpack');
    expect(JSON.parse(m.string!.text)).toEqual({ user: 'ada', scores: [1, 2], nested: { ok: true } });

    // A gzip bomb: 64 MB of zeros in 64 KB; decoding stops at 256 KiB of output and says so.
    await client.set('enc:bomb', gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    const bomb = await page('enc:bomb');
    expect(bomb.string!.notes.map((n) => n.id)).toContain('keyEditor.note.decodeOutputCut');
    expect(frame(bomb)).toBeLessThanOrEqual(PAGE_BUDGET);
    // Asked to decode what is not MessagePack: says why and shows hex instead.
    const wrong = await page('doc:json', undefined, 100, 'msgpack');
    expect(wrong.string!.notes[0].id).toMatch(/decodeFailed|tooLargeToDecode/);
  });

  it('an ACL user without scripts: small keys are paged with plain commands, a large one is left unread and the refusal named', async () => {
    await client.call('ACL', 'SETUSER', 'noscript', 'reset', 'on', '>pw', '~*', '+@all', '-@scripting');
    const noscript = redis.client({ username: 'noscript', password: 'pw' });
    await client.hset('small:hash', 'a', '1', 'b', '2');
    await client.rpush('small:list', 'x', 'y', 'z');
    await client.xadd('small:stream', '1-0', 'f', 'v');
    await client.xadd('small:stream', '2-0', 'f', 'w');
    const as = { ...connection, control: noscript };
    const hash = (await readValuePage(as, id('small:hash'), { count: 100, view: 'auto' }))!;
    expect(hash.rows!.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    const list = (await readValuePage(as, id('small:list'), { at: { by: 'index', start: 1 }, count: 1, view: 'auto' }))!;
    expect(list.rows).toEqual([{ index: 1, cells: [{ text: 'y' }] }]);
    expect(list.next).toEqual({ by: 'index', start: 2 });
    const stream = (await readValuePage(as, id('small:stream'), { at: { by: 'id', start: '1-0', dir: 'forward', exclusive: true }, count: 10, view: 'auto' }))!;
    expect(stream.rows!.map((r) => r.entryId)).toEqual(['2-0']);
    const big = (await readValuePage(as, id('huge:list'), { count: 10, view: 'auto' }))!;
    expect(big.rows).toBeUndefined();
    expect(big.unread!.denial).toEqual({ kind: 'command', command: 'eval' });
    expect(big.unread!.memoryBytes).toBeGreaterThan(40 * 1024 * 1024);
  });

  it('a stream\'s consumer groups and pending entries: XINFO GROUPS, XPENDING summary and a bounded range', async () => {
    await client.xgroup('CREATE', 'big:stream', 'workers', '0');
    await client.xgroup('CREATE', 'big:stream', 'audit', '$');
    await client.xreadgroup('GROUP', 'workers', 'alice', 'COUNT', 30, 'STREAMS', 'big:stream', '>');
    await client.xreadgroup('GROUP', 'workers', 'bob', 'COUNT', 5, 'STREAMS', 'big:stream', '>');
    const groups = await readStreamGroups(client, Buffer.from('big:stream'));
    expect(groups.groups.map((g) => g.name).sort()).toEqual(['audit', 'workers']);
    const workers = groups.groups.find((g) => g.name === 'workers')!;
    expect(workers).toMatchObject({ consumers: 2, pending: 35, lastDeliveredId: '35-0' });
    const chosen = await readStreamGroups(client, Buffer.from('big:stream'), 'workers');
    expect(chosen.pending).toMatchObject({ count: 35, minId: '1-0', maxId: '35-0' });
    expect(chosen.pending!.consumers).toEqual([
      { name: 'alice', count: 30 },
      { name: 'bob', count: 5 },
    ]);
    expect(chosen.pending!.entries).toHaveLength(20);
    expect(chosen.pending!.entries[0]).toMatchObject({ entryId: '1-0', consumer: 'alice', deliveries: 1 });
  });
});
