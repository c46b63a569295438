import type { ChainableCommander, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDetails } from '../../electron/core/browser/key-browser';
import { handlesFor } from '../../electron/core/browser/key-handles';
import { readRowMemory, readRowMeta } from '../../electron/core/browser/key-meta';
import { nameBatches, PIPELINE_NAME_BYTES } from '../../electron/core/browser/name-batches';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const MB = 1024 * 1024;
const TYPES = ['string', 'list', 'hash', 'set', 'zset'] as const;

/**
 * Records, per pipeline the code under test sends, the bytes of key names
 * its commands carry. The pipelines are the client's own and run on the
 * real server; only what is queued on them is counted on the way past.
 */
function countNameBytes(client: Redis): number[] {
  const sent: number[] = [];
  const original = client.pipeline.bind(client);
  client.pipeline = ((...args: Parameters<Redis['pipeline']>) => {
    const pipe = original(...args);
    const at = sent.push(0) - 1;
    return new Proxy(pipe, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || prop === 'exec') return typeof value === 'function' ? value.bind(target) : value;
        return (...callArgs: unknown[]) => {
          for (const arg of callArgs) if (Buffer.isBuffer(arg) && arg.length > 64) sent[at] += arg.length;
          (value as (...a: unknown[]) => ChainableCommander).apply(target, callArgs);
          return receiver;
        };
      },
    });
  }) as Redis['pipeline'];
  return sent;
}

describe('row reads of long held names are split into pipelines bounded in bytes', () => {
  let redis: TestRedis;
  let control: Redis;
  const names: Buffer[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    const arrange = redis.client();
    // 15 keys under names of about 1 MB each, of every type, half with a TTL: 15 MB of names, 30 MB as TYPE + PTTL.
    // Built inside Redis, so arranging does not send them.
    await arrange.eval(
      `for i = 0, 14 do
         local name = 'long:' .. i .. ':' .. string.rep('n', ${MB - 8})
         local t = i % 5
         if t == 0 then redis.call('SET', name, 'v') elseif t == 1 then redis.call('RPUSH', name, 'a', 'b')
         elseif t == 2 then redis.call('HSET', name, 'f', 'v') elseif t == 3 then redis.call('SADD', name, 'm')
         else redis.call('ZADD', name, 1, 'm') end
         if i % 2 == 0 then redis.call('EXPIRE', name, 600) end
       end`,
      0,
    );
    for (let i = 0; i < 15; i++) names.push(Buffer.concat([Buffer.from(`long:${i}:`), Buffer.alloc(MB - 8, 'n')]));
    names.push(Buffer.from('short:a'), Buffer.from('short:b'));
    await arrange.set('short:a', '1');
    control = redis.client();
  }, 60_000);
  afterAll(() => redis.stop());

  it('splits names in order, a name over the limit alone, nothing lost', () => {
    const sizes = [10, 600 * 1024, 600 * 1024, 3 * MB, 5, 5].map((n) => Buffer.alloc(n));
    const batches = nameBatches(sizes, 1);
    expect(batches.map((b) => b.map((k) => k.length))).toEqual([[10, 600 * 1024], [600 * 1024], [3 * MB], [5, 5]]);
    // Compared by identity: a deep equality walks 4 MB of buffers byte by byte (18 s on a loaded machine).
    const flat = nameBatches(sizes, 2).flat();
    expect(flat.length === sizes.length && flat.every((k, i) => k === sizes[i])).toBe(true);
  });

  it('TYPE + PTTL, MEMORY USAGE + OBJECT ENCODING and the details send at most 1 MiB of names per pipeline and every row still gets its answer', async () => {
    const handles = handlesFor(control);
    const ids = names.map((name) => handles.idOf(name));
    const sent = countNameBytes(control);

    const meta = await readRowMeta(control, ids);
    const metaPipelines = sent.splice(0);
    expect(metaPipelines.length).toBeGreaterThanOrEqual(15);
    // A name longer than half the limit goes alone (it is sent twice); no pipeline carries more than one such name.
    for (const bytes of metaPipelines) expect(bytes).toBeLessThanOrEqual(Math.max(PIPELINE_NAME_BYTES, 2 * (MB + 8)));
    expect(metaPipelines.reduce((a, b) => a + b, 0)).toBe(2 * names.slice(0, 15).reduce((a, n) => a + n.length, 0));
    names.slice(0, 15).forEach((_, i) => {
      const row = meta[i] as { type: string; pttl: number };
      expect(row.type).toBe(TYPES[i % TYPES.length]);
      if (i % 2 === 0) expect(row.pttl).toBeGreaterThan(500_000);
      else expect(row.pttl).toBe(-1);
    });
    expect(meta[15]).toMatchObject({ type: 'string', pttl: -1 });
    expect(meta[16]).toEqual({ id: ids[16], missing: 'deleted' });

    const memory = await readRowMemory(control, ids);
    for (const bytes of sent.splice(0)) expect(bytes).toBeLessThanOrEqual(2 * (MB + 8));
    for (const row of memory.slice(0, 15)) expect((row as { bytes: number }).bytes).toBeGreaterThan(MB);
    expect(memory[16]).toEqual({ id: ids[16], missing: 'deleted' });

    const details = await keyDetails(control, ids);
    const detailPipelines = sent.splice(0);
    expect(detailPipelines.length).toBeGreaterThanOrEqual(15);
    for (const bytes of detailPipelines) expect(bytes).toBeLessThanOrEqual(4 * (MB + 8));
    expect(details.slice(0, 15).map((d) => (d as { type: string }).type)).toEqual(names.slice(0, 15).map((_, i) => TYPES[i % TYPES.length]));
    expect(details[16]).toEqual({ id: ids[16], missing: 'deleted' });
  }, 60_000);
});
