import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDetails } from '../../electron/core/browser/key-browser';
import { KeyList } from '../../electron/core/browser/key-list';
import { readValuePage } from '../../electron/core/key-editor/value-page';
import type { ValuePage } from '../../shared/key-editor-contract';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import type { KeyInfo } from '../../shared/model';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const KEYS = 200_000;
const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };

describe('key browser on a real redis-server with 200,000 keys', () => {
  let redis: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = redis.client();
    for (let start = 0; start < KEYS; start += 10_000) {
      const pipe = client.pipeline();
      for (let i = start; i < start + 10_000; i++) {
        if (i % 1000 === 0) pipe.zadd(`board:${i}`, i, 'alice');
        else pipe.set(`item:${i}`, i);
      }
      await pipe.exec();
    }
    await client.set(Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00]), 'binary name', 'EX', 300);
  }, 120_000);
  afterAll(() => redis.stop());

  /** Every name the list holds for a finished scan, through the windows the renderer asks for. */
  async function names(list: KeyList): Promise<string[]> {
    const p = list.progress()!;
    const out: string[] = [];
    for (let start = 0; start < p.keys; start += 200) {
      const win = list.window(p.scanId, { view: 'flat', start, count: 200, delimiter: ':', expanded: [], text: '' });
      for (const row of win.rows) if (row.kind === 'key') out.push(row.label);
    }
    return out;
  }

  it('walks the whole keyspace with SCAN on the host, every key seen once, DBSIZE beside it', async () => {
    const list = new KeyList(client, facts, () => undefined);
    const first = await list.start({ match: '*' }, false);
    // The first answer is one page, not the keyspace.
    expect(first.keys).toBeLessThan(KEYS);
    await list.more(first.scanId, true);
    await list.idle();
    const p = list.progress()!;
    expect(p).toMatchObject({ keys: KEYS + 1, done: true, dbsize: KEYS + 1 });
    expect(new Set(await names(list)).size).toBe(KEYS + 1);
  });

  it('filters with MATCH and TYPE', async () => {
    const list = new KeyList(client, facts, () => undefined);
    await list.start({ match: '*', type: 'zset' }, true);
    await list.idle();
    const boards = await names(list);
    expect(boards).toHaveLength(KEYS / 1000);
    expect(boards.every((k) => k.startsWith('board:'))).toBe(true);

    await list.start({ match: 'item:1999?' }, true);
    await list.idle();
    expect((await names(list)).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `item:1999${i}`));
  });

  it('says which server version a type filter needs', async () => {
    const list = new KeyList(client, { ...facts, version: '5.0.7', major: 5 }, () => undefined);
    await expect(list.start({ match: '*', type: 'hash' }, false)).rejects.toThrow(/needs Redis 6\.0 or newer; this server runs 5\.0\.7/);
  });

  it('reads details for the rows on screen by id, binary names included', async () => {
    const binaryId = Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00]).toString('base64');
    const gone = Buffer.from('never-existed').toString('base64');
    const details = (await keyDetails(client, [binaryId, Buffer.from('board:5000').toString('base64'), gone])) as (KeyInfo & { id: string })[];
    expect(details.map((d) => d.id)).toEqual([binaryId, Buffer.from('board:5000').toString('base64'), gone]);
    // A key deleted since the scan says so, rather than leaving its row on "Reading…".
    expect(details[2]).toEqual({ id: gone, missing: 'deleted' });
    expect(details[0]).toMatchObject({ key: 'bin\\xff\\x00', type: 'string', preview: 'binary name', size: 11 });
    expect(details[0].pttl).toBeGreaterThan(290_000);
    expect(details[1]).toMatchObject({ type: 'zset', preview: 'alice: 5000', size: 1, pttl: -1 });
  });

  it('reads one value for the value pane, bounded, for every type', async () => {
    const id = (key: string | Buffer) => Buffer.from(key).toString('base64');
    const connection = { kind: 'sandbox' as const, namespace: 'rpi:', facts: { role: 'master' }, control: client };
    const read = async (key: string | Buffer) => (await readValuePage(connection, id(key), { count: 100, view: 'auto' })) as ValuePage | null;
    const texts = (page: ValuePage | null) => page!.rows!.map((r) => [r.entryId ?? r.index ?? r.score, ...r.cells.map((c) => c.text)].filter((x) => x !== undefined).map(String));
    await client.set('view:json', JSON.stringify({ a: 1, b: [2, 3] }));
    await client.set('view:huge', 'x'.repeat(300_000));
    await client.rpush('view:list', 'a', 'b');
    await client.sadd('view:set', 'm');
    await client.hset('view:hash', { f: 'v' });
    await client.xadd('view:stream', '1-1', 'type', 'signup');
    for (let i = 0; i < 250; i += 50) await client.zadd('view:zset', ...Array.from({ length: 50 }, (_, j) => [i + j, `p${i + j}`]).flat());

    expect((await read('view:json'))!.string).toMatchObject({ view: 'json', text: '{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ]\n}' });
    const huge = await read('view:huge');
    expect(huge).toMatchObject({ size: 300_000, next: { by: 'index' } });
    expect(huge!.string!.text.length).toBeLessThanOrEqual(64 * 1024);
    expect(await read(Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00]))).toMatchObject({ key: 'bin\\xff\\x00', string: { text: 'binary name' } });
    expect(texts(await read('view:list'))).toEqual([['0', 'a'], ['1', 'b']]);
    expect(texts(await read('view:set'))).toEqual([['m']]);
    expect(texts(await read('view:hash'))).toEqual([['f', 'v']]);
    expect(texts(await read('view:stream'))).toEqual([['1-1', 'type', 'signup']]);
    const zset = await read('view:zset');
    expect(zset).toMatchObject({ size: 250, next: { by: 'index', start: 100 } });
    expect(zset!.rows).toHaveLength(100);
    expect(zset!.rows![0]).toMatchObject({ index: 0, score: '0', cells: [{ text: 'p0' }] });
    expect(await read('view:none')).toBeNull();
  });
});
