import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDetails } from '../../electron/core/browser/key-browser';
import { KeyList } from '../../electron/core/browser/key-list';
import { readValuePage } from '../../electron/core/key-editor/value-page';
import type { KeyRow } from '../../shared/browser-list';
import type { ValuePage } from '../../shared/key-editor-contract';
import { readKeyDetails } from '../../electron/core/feed/key-details';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import type { KeyInfo } from '../../shared/model';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };
/** Every reply must fit one web-mode frame. */
const FRAME = 256 * 1024;
const MB = 1024 * 1024;
const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * The values are built inside Redis by a script, so the test process never
 * holds them and its RSS measures only what the app's reads cost.
 */
async function arrange(client: Redis) {
  await client.eval("redis.call('XADD', KEYS[1], '1-1', 'type', 'upload', 'payload', string.rep('s', 10 * 1024 * 1024))", 1, 'big:stream');
  await client.eval("for i = 1, 100 do redis.call('RPUSH', KEYS[1], string.rep('l', 2 * 1024 * 1024)) end", 1, 'big:list');
  await client.eval("for i = 1, 20 do redis.call('SADD', KEYS[1], i .. string.rep('m', 1024 * 1024)) end", 1, 'big:set');
  await client.eval("for i = 1, 20 do redis.call('HSET', KEYS[1], 'f' .. i, string.rep('h', 1024 * 1024)) end", 1, 'big:hash');
  await client.eval("for i = 1, 20 do redis.call('ZADD', KEYS[1], i, i .. string.rep('z', 1024 * 1024)) end", 1, 'big:zset');
  await client.eval("redis.call('SET', KEYS[1], string.rep('\\255', 5 * 1024 * 1024))", 1, 'big:binary-string');
  await client.set(Buffer.concat([Buffer.from('long:mega:'), Buffer.alloc(MB - 10, 'k')]), 'a value under a 1 MB name', 'EX', 600);
  await client.set(Buffer.concat([Buffer.from('long:4k:'), Buffer.alloc(4000 - 8, 'q')]), 'a value under a 4,000-byte name');
  for (let i = 0; i < 60; i++) await client.set(`normal:${String(i).padStart(2, '0')}`, `value ${i}`);
}

describe('every read the key browser can trigger is bounded in bytes', () => {
  let redis: TestRedis;
  let client: Redis;
  let control: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = redis.client();
    control = redis.client();
    await arrange(client);
  }, 60_000);
  afterAll(() => redis.stop());

  /** Scans to the end on the host and reads every row through the windows the renderer asks for (200 rows at most). */
  async function scanAll(client = control): Promise<{ keys: KeyRow[]; frames: number[] }> {
    const list = new KeyList(client, facts, () => undefined);
    const started = await list.start({ match: '*' }, true);
    await list.idle();
    const keys: KeyRow[] = [];
    const frames: number[] = [size(started)];
    const total = list.progress()!.keys;
    for (let start = 0; start < total; start += 200) {
      const win = await list.settledWindow(started.scanId, { view: 'flat', start, count: 200, delimiter: ':', expanded: [], text: '' });
      frames.push(size(win));
      for (const row of win.rows) if (row.kind === 'key') keys.push(row);
    }
    return { keys, frames };
  }

  /** The value pane's first page of a key, as the renderer reads it (keyEditor.page). */
  const readKeyValue = async (client: Redis, keyId: string) =>
    (await readValuePage({ kind: 'sandbox', namespace: 'rpi:', facts: { role: 'master' }, control: client }, keyId, { count: 100, view: 'auto' })) as ValuePage | null;

  it('scans, details and values stay under a frame, host memory stays flat, and every row gets its details', async () => {
    const frames: number[] = [];
    let rssBefore = 0;
    let rssPeak = 0;
    // Round 0 warms up (modules, JIT, first buffers); the three after it must not grow the host.
    for (let round = 0; round < 4; round++) {
      if (round === 1) rssPeak = rssBefore = process.memoryUsage().rss;
      const scanned = await scanAll();
      frames.push(...scanned.frames);
      expect(scanned.keys).toHaveLength(68);
      // The renderer asks for the visible rows in one batch: here, all of them.
      const details = await keyDetails(
        control,
        scanned.keys.map((k) => k.id),
      );
      frames.push(size(details));
      expect(details.filter((d) => 'missing' in d)).toEqual([]);
      for (const k of scanned.keys) {
        const view = await readKeyValue(control, k.id);
        expect(view).not.toBeNull();
        frames.push(size(view));
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
    }
    const growth = (rssPeak - rssBefore) / MB;
    console.log(`bounded reads: ${frames.length} replies, largest ${(Math.max(...frames) / 1024).toFixed(1)} KiB; host RSS ${(rssBefore / MB).toFixed(0)} → peak ${(rssPeak / MB).toFixed(0)} MB (+${growth.toFixed(1)} MB)`);
    expect(Math.max(...frames)).toBeLessThan(FRAME);
    // Reading the list's 200 MB whole once took the host from 126 to 302 MB. Cut in Redis, the heap stays
    // flat (about 10 MB after GC, round after round); RSS still drifts some tens of MB from allocator reuse.
    expect(growth).toBeLessThan(60);
  }, 120_000);

  it('long key names travel as short ids, are shown cut with their full length, and still give details, value and TTL', async () => {
    const { keys } = await scanAll();
    const mega = keys.find((k) => k.label.startsWith('long:mega:'))!;
    const fourK = keys.find((k) => k.label.startsWith('long:4k:'))!;
    expect(mega).toMatchObject({ bytes: MB });
    expect(mega.id).toMatch(/^#[0-9a-f]{32}$/);
    expect(mega.label.length).toBeLessThanOrEqual(1025);
    expect(mega.label.endsWith('…')).toBe(true);
    expect(fourK).toMatchObject({ bytes: 4000 });
    expect(fourK.id).toMatch(/^#[0-9a-f]{32}$/);
    // A short name still travels as itself.
    expect(keys.find((k) => k.label === 'normal:07')).toEqual({ kind: 'key', id: Buffer.from('normal:07').toString('base64'), label: 'normal:07', depth: 0 });

    const [megaInfo, fourKInfo] = (await keyDetails(control, [mega.id, fourK.id])) as (KeyInfo & { id: string })[];
    expect(megaInfo).toMatchObject({ id: mega.id, type: 'string', preview: 'a value under a 1 MB name', keyBytes: MB });
    // Set with EX 600 before the first test, whose four rounds take tens of seconds on a loaded machine: a TTL read, not -1 or -2.
    expect(megaInfo.pttl).toBeGreaterThan(300_000);
    expect(megaInfo.pttl).toBeLessThanOrEqual(600_000);
    expect(fourKInfo).toMatchObject({ id: fourK.id, type: 'string', size: 31 });
    expect(await readKeyValue(control, mega.id)).toMatchObject({ type: 'string', string: { text: 'a value under a 1 MB name' }, keyBytes: MB });
  });

  it('cuts every element inside Redis and says how long it really is', async () => {
    const id = (key: string) => Buffer.from(key).toString('base64');
    const list = await readKeyValue(control, id('big:list'));
    expect(list).toMatchObject({ type: 'list', size: 100 });
    expect(list!.rows).toHaveLength(100);
    expect(list!.rows![0]).toEqual({ index: 0, cells: [{ text: 'l'.repeat(1024), bytes: 2 * MB }] });
    // 64 KiB of element data per page: 64 elements cut to 1 KiB, then the rest travel as their length alone.
    expect(list!.rows!.filter((r) => r.cells[0].text !== '')).toHaveLength(64);
    expect(list!.rows!.every((r) => r.cells[0].bytes === 2 * MB)).toBe(true);
    expect(size(list)).toBeLessThan(FRAME);

    const stream = await readKeyValue(control, id('big:stream'));
    expect(stream!.rows![0]).toMatchObject({ entryId: '1-1', fieldCount: 2, cells: [{ text: 'type' }, { text: 'upload' }, { text: 'payload' }, { text: 's'.repeat(1024), bytes: 10 * MB }] });

    for (const key of ['big:set', 'big:hash', 'big:zset']) {
      const view = await readKeyValue(control, id(key));
      expect(view).toMatchObject({ size: 20 });
      expect(view!.rows!.length).toBeGreaterThan(10);
      expect(size(view)).toBeLessThan(FRAME);
    }
    const hash = await readKeyValue(control, id('big:hash'));
    expect(hash!.rows![0].cells[1]).toMatchObject({ bytes: MB });

    const binary = await readKeyValue(control, id('big:binary-string'));
    expect(binary).toMatchObject({ size: 5 * MB, next: { by: 'index' } });
    // Binary bytes are shown as a hex dump, a page of them.
    expect(binary!.string).toMatchObject({ view: 'hex', text: expect.stringMatching(/^00000000 {2}ff ff ff/) });
    expect(size(binary)).toBeLessThan(FRAME);

    const [preview] = await readKeyDetails(control, [Buffer.from('big:list')]);
    expect(preview).toMatchObject({ type: 'list', size: 100 });
    expect(size(preview)).toBeLessThan(1024);
  });

  it('keeps a scan page under a frame when every name is long and binary', async () => {
    // A database of its own, so the other tests' key counts stay as they are.
    const db1 = redis.client();
    await db1.select(1);
    const pipe = db1.pipeline();
    for (let i = 0; i < 3000; i++) pipe.set(Buffer.concat([Buffer.from(`b${i}:`), Buffer.alloc(185, 0x01)]), '1');
    await pipe.exec();
    const { keys, frames } = await scanAll(db1);
    const seen = keys.length;
    const largest = Math.max(...frames);
    expect(seen).toBe(3000);
    expect(largest).toBeLessThan(FRAME);
    await db1.flushdb();
  });

  it('keeps a thousand long binary names with binary values in the Keys panel under one frame', async () => {
    const pipe = client.pipeline();
    const names = Array.from({ length: 1000 }, (_, i) => Buffer.concat([Buffer.from(`bin:${i}:`), Buffer.alloc(3000, 0xfe)]));
    for (const name of names) pipe.set(name, Buffer.alloc(500, 0x01));
    await pipe.exec();
    // The Keys panel reads in batches of 500 and sends them in one snapshot: 240 bytes a key keeps 1,000 under a frame.
    const infos = [...(await readKeyDetails(control, names.slice(0, 500), { perKey: 240 })), ...(await readKeyDetails(control, names.slice(500), { perKey: 240 }))];
    expect(infos.map((i) => i?.keyBytes)).toEqual(names.map((n) => n.length));
    expect(infos.every((i) => i!.key.endsWith('…') && i!.size === 500)).toBe(true);
    expect(size(infos)).toBeLessThan(FRAME);
    await client.del(...names);
  });
});
