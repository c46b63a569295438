import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyRow, ListProgress, ListRow } from '../../shared/browser-list';
import { handlesFor } from '../../electron/core/browser/key-handles';
import { KeyList } from '../../electron/core/browser/key-list';
import { readRowMemory, readRowMeta } from '../../electron/core/browser/key-meta';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };
const MB = 1024 * 1024;

/** Every row of a view, window by window, as the renderer would read them. */
function allRows(list: KeyList, scanId: number, view: 'flat' | 'tree', opts: { expanded?: string[]; text?: string; delimiter?: string } = {}): ListRow[] {
  const rows: ListRow[] = [];
  for (let start = 0; ; start += 200) {
    const ask = () => list.window(scanId, { view, start, count: 200, delimiter: opts.delimiter ?? ':', expanded: opts.expanded ?? [], text: opts.text ?? '' });
    // Filtering and the tree take a bounded step per request and say `building` until done; the renderer asks again, as this does.
    let win = ask();
    while (win.building) win = ask();
    rows.push(...win.rows);
    if (start + 200 >= win.total) return rows;
  }
}

describe('the host-side scan on a real redis-server', () => {
  let redis: TestRedis;
  let admin: Redis;
  let control: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    control = redis.client();
  });
  afterAll(() => redis.stop());

  it('finds every key present for the whole scan exactly once while keys are added and deleted during it', async () => {
    // 30,000 stable keys; during the scan 20,000 more are added (the table grows and rehashes,
    // which is when SCAN repeats keys) and 5,000 "doomed" ones are deleted.
    const pipe = admin.pipeline();
    for (let i = 0; i < 30_000; i++) pipe.set(`stable:${i}`, '1');
    for (let i = 0; i < 5000; i++) pipe.set(`doomed:${i}`, '1');
    await pipe.exec();
    const progress: ListProgress[] = [];
    const list = new KeyList(control, facts, (p) => progress.push(p));
    const first = await list.start({ match: '*' }, false);
    expect(first.keys).toBeGreaterThanOrEqual(500);
    expect(first.done).toBe(false);
    expect(first.dbsize).toBe(35_000);

    // Scan to the end in the background while a writer adds and deletes.
    await list.more(first.scanId, true);
    let added = 0;
    let deleted = 0;
    while (list.progress()!.running) {
      const churn = admin.pipeline();
      for (let i = 0; i < 500 && added < 20_000; i++) churn.set(`added:${added++}`, '1');
      for (let i = 0; i < 200 && deleted < 5000; i++) churn.del(`doomed:${deleted++}`);
      await churn.exec();
    }
    const end = list.progress()!;
    expect(end).toMatchObject({ done: true, running: false, toEnd: false });
    expect(progress.length).toBeGreaterThan(1);

    const names = allRows(list, end.scanId, 'flat').map((r) => Buffer.from(r.id, 'base64').toString());
    expect(new Set(names).size).toBe(names.length); // nothing twice
    expect(names.length).toBe(end.keys);
    const found = new Set(names);
    for (let i = 0; i < 30_000; i++) expect(found.has(`stable:${i}`)).toBe(true);
    // Added or deleted during the scan: may or may not appear, but only real names.
    expect(names.every((n) => /^(stable|added|doomed):\d+$/.test(n))).toBe(true);
    await admin.flushdb();
  }, 60_000);

  it('counts folders by the delimiter, opens and closes them, and says what the text filter matches', async () => {
    const pipe = admin.pipeline();
    for (let i = 0; i < 1000; i++) pipe.set(`user:${i}:profile`, '1');
    for (let i = 0; i < 300; i++) pipe.hset(`user:${i}:settings`, 'a', '1');
    for (let i = 0; i < 50; i++) pipe.set(`session/${i}`, '1');
    pipe.set('plain', '1');
    await pipe.exec();
    const list = new KeyList(control, facts, () => undefined);
    const { scanId } = await list.start({ match: '*' }, true);
    while (list.progress()!.running) await new Promise((r) => setTimeout(r, 5));

    const top = allRows(list, scanId, 'tree');
    expect(top[0]).toMatchObject({ kind: 'folder', label: 'user', count: 1300, depth: 0, expanded: false });
    expect(top).toHaveLength(1 + 51);
    expect(top.slice(1).every((r) => r.kind === 'key' && (r.label === 'plain' || /^session\/\d+$/.test(r.label)))).toBe(true);
    const user = top[0];
    const open = allRows(list, scanId, 'tree', { expanded: [user.id] });
    expect(open).toHaveLength(1 + 1000 + 51);
    // Numeric-aware order: user:2 before user:10.
    expect(open.slice(1, 4).map((r) => r.label)).toEqual(['0', '1', '2']);
    const seven = open.find((r) => r.label === '7')!;
    const deeper = allRows(list, scanId, 'tree', { expanded: [user.id, seven.id] });
    expect(deeper).toHaveLength(open.length + 2);
    const idx = deeper.indexOf(deeper.find((r) => r.id === seven.id)!);
    expect(deeper.slice(idx + 1, idx + 3).map((r) => [r.label, r.depth]).sort()).toEqual([
      ['profile', 2],
      ['settings', 2],
    ]);
    // Another delimiter makes other folders.
    expect(allRows(list, scanId, 'tree', { delimiter: '/' }).find((r) => r.kind === 'folder')).toMatchObject({ label: 'session', count: 50 });
    // The text filter narrows both views.
    let win = list.window(scanId, { view: 'flat', start: 0, count: 200, delimiter: ':', expanded: [], text: 'SETTINGS' });
    while (win.building) win = list.window(scanId, { view: 'flat', start: 0, count: 200, delimiter: ':', expanded: [], text: 'SETTINGS' });
    expect(win.matching).toBe(300);
    expect(allRows(list, scanId, 'tree', { text: 'settings' })[0]).toMatchObject({ label: 'user', count: 300 });

    // The value side deletes a key: it leaves the counts.
    list.forget(Buffer.from('user:7:profile'));
    expect(allRows(list, scanId, 'tree')[0]).toMatchObject({ count: 1299 });
    await list.learn(Buffer.from('user:7:profile'));
    expect(allRows(list, scanId, 'tree')[0]).toMatchObject({ count: 1300 });
    await admin.flushdb();
  });

  it('filters by type on the server, and pages without scanning to the end', async () => {
    const pipe = admin.pipeline();
    for (let i = 0; i < 20_000; i++) pipe.set(`s:${i}`, '1');
    for (let i = 0; i < 40; i++) pipe.zadd(`z:${i}`, 1, 'a');
    await pipe.exec();
    const list = new KeyList(control, facts, () => undefined);
    const page = await list.start({ match: '*' }, false);
    await list.more(page.scanId, false);
    while (list.progress()!.running) await new Promise((r) => setTimeout(r, 5));
    expect(list.progress()!.done).toBe(false);
    expect(list.progress()!.keys).toBeLessThan(5000);

    const zsets = await list.start({ match: '*', type: 'zset' }, true);
    while (list.progress()!.running) await new Promise((r) => setTimeout(r, 5));
    const rows = allRows(list, zsets.scanId, 'flat');
    expect(rows.map((r) => r.label).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `z:${i}`).sort());
    // A window of a replaced scan is refused by name.
    expect(() => list.window(page.scanId, { view: 'flat', start: 0, count: 10, delimiter: ':', expanded: [], text: '' })).toThrow(/replaced by a newer one/);
    await admin.flushdb();
  });

  it('binary names and a 1 MB name round-trip through ids; type and TTL come in one pipeline; memory on demand', async () => {
    const binary = Buffer.from([0x00, 0xff, 0x3a, 0x80, 0x0a]);
    const mega = Buffer.concat([Buffer.from('long:'), Buffer.alloc(MB - 5, 0xfe)]);
    await admin.set(binary, 'b', 'EX', 100);
    await admin.set(mega, 'm');
    await admin.rpush('list:1', 'a', 'b');
    const list = new KeyList(control, facts, () => undefined);
    const { scanId } = await list.start({ match: '*' }, true);
    while (list.progress()!.running) await new Promise((r) => setTimeout(r, 5));
    const rows = allRows(list, scanId, 'flat') as KeyRow[];
    expect(rows).toHaveLength(3);
    const handles = handlesFor(control);
    const names = rows.map((r) => handles.keyOf(r.id)!);
    expect(names.some((n) => n.equals(binary))).toBe(true);
    expect(names.some((n) => n.equals(mega))).toBe(true);
    const megaRow = rows.find((r) => r.id.startsWith('#'))!;
    expect(megaRow.bytes).toBe(MB);
    expect(Buffer.byteLength(JSON.stringify(rows))).toBeLessThan(64 * 1024);

    const meta = await readRowMeta(control, [...rows.map((r) => r.id), Buffer.from('gone').toString('base64')]);
    const byName = (n: Buffer) => meta[names.findIndex((x) => x.equals(n))];
    expect(byName(binary)).toMatchObject({ type: 'string' });
    expect((byName(binary) as { pttl: number }).pttl).toBeGreaterThan(90_000);
    expect(byName(mega)).toMatchObject({ type: 'string', pttl: -1 });
    expect(meta.at(-1)).toEqual({ id: Buffer.from('gone').toString('base64'), missing: 'deleted' });
    const memory = await readRowMemory(control, [Buffer.from('list:1').toString('base64')]);
    expect((memory[0] as { encoding: string }).encoding).toMatch(/^(quicklist|listpack|ziplist)$/);
    expect((memory[0] as { bytes: number }).bytes).toBeGreaterThan(0);
    await admin.flushdb();
  });

  it('an ACL user without SCAN gets a named refusal; without TYPE, PTTL or MEMORY each part is named', async () => {
    await admin.set('k', 'v');
    await admin.call('ACL', 'SETUSER', 'noscan', 'reset', 'on', '>pw', '~*', '+@all', '-scan');
    await admin.call('ACL', 'SETUSER', 'nometa', 'reset', 'on', '>pw', '~*', '+@all', '-type', '-pttl', '-memory');
    const noscan = new KeyList(redis.client({ username: 'noscan', password: 'pw' }), facts, () => undefined);
    await expect(noscan.start({ match: '*' }, false)).rejects.toThrow('Your Redis user may not run SCAN (Redis answered NOPERM), so the key browser cannot list keys.');
    const nometa = redis.client({ username: 'nometa', password: 'pw' });
    const [meta] = await readRowMeta(nometa, [Buffer.from('k').toString('base64')]);
    expect(meta).toMatchObject({ denied: { type: { kind: 'command', command: 'type' }, ttl: { kind: 'command', command: 'pttl' } } });
    const [memory] = await readRowMemory(nometa, [Buffer.from('k').toString('base64')]);
    expect(memory).toMatchObject({ encoding: 'embstr', denied: { memory: { kind: 'command', command: 'memory|usage' } } });
    await admin.flushdb();
  });
});

describe('the host-side scan when things go wrong', () => {
  it('Stop pauses after the reply in flight and Continue finishes, every key once', async () => {
    const redis = await startTestRedis();
    try {
      const admin = redis.client();
      const pipe = admin.pipeline();
      for (let i = 0; i < 100_000; i++) pipe.set(`k:${i}`, '1');
      await pipe.exec();
      const list = new KeyList(redis.client(), facts, () => undefined);
      const { scanId } = await list.start({ match: '*' }, true);
      const stopped = await list.stop(scanId);
      expect(stopped).toMatchObject({ running: false, done: false, toEnd: false });
      expect(stopped.keys).toBeLessThan(100_000);
      await list.more(scanId, true);
      await list.idle();
      expect(list.progress()).toMatchObject({ done: true, keys: 100_000 });
      const names = allRows(list, scanId, 'flat').map((r) => r.label);
      expect(new Set(names).size).toBe(100_000);
    } finally {
      await redis.stop();
    }
  }, 60_000);

  it('stops at its cap and says so, holding what it found', async () => {
    const redis = await startTestRedis();
    try {
      const admin = redis.client();
      const pipe = admin.pipeline();
      for (let i = 0; i < 5000; i++) pipe.set(`k:${i}`, '1');
      await pipe.exec();
      const list = new KeyList(redis.client(), facts, () => undefined, { maxKeys: 1200, maxNameBytes: 1024 * 1024 });
      const { scanId } = await list.start({ match: '*' }, true);
      await list.idle();
      expect(list.progress()).toMatchObject({ capped: true, cap: 1200, keys: 1200, done: false, running: false });
      // Continue does not go past the cap.
      expect(await list.more(scanId, true)).toMatchObject({ capped: true, keys: 1200, running: false });
    } finally {
      await redis.stop();
    }
  });

  it('a Redis restart mid-scan: what was found is kept, the error is said, Continue starts over on the new server and misses nothing', async () => {
    const seed = async (client: Redis) => {
      for (let start = 0; start < 200_000; start += 20_000) {
        const pipe = client.pipeline();
        for (let i = start; i < start + 20_000; i++) pipe.set(`k:${i}`, '1');
        await pipe.exec();
      }
    };
    let redis = await startTestRedis();
    const port = redis.port;
    await seed(redis.client());
    const { Redis: Client } = await import('ioredis');
    const control = new Client({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    control.on('error', () => undefined);
    try {
      const list = new KeyList(control, facts, () => undefined);
      const { scanId } = await list.start({ match: '*' }, false);
      await list.more(scanId, true);
      process.kill(redis.pid, 'SIGKILL');
      await list.idle();
      const broken = list.progress()!;
      expect(broken).toMatchObject({ running: false, done: false });
      expect(broken.error?.message).toBeTruthy();
      expect(broken.keys).toBeGreaterThan(0);
      expect(broken.keys).toBeLessThan(200_000);

      redis = await startTestRedis([], { port });
      await seed(redis.client());
      for (let i = 0; i < 100 && control.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
      await list.more(scanId, true);
      await list.idle();
      const end = list.progress()!;
      expect(end).toMatchObject({ done: true, keys: 200_000 });
      expect(end.error).toBeUndefined();
      const names = new Set(allRows(list, scanId, 'flat').map((r) => r.label));
      expect(names.size).toBe(200_000);
    } finally {
      control.disconnect();
      await redis.stop();
    }
  }, 120_000);
});
