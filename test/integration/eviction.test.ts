import { beforeAll, describe, expect, it } from 'vitest';
import type { CountersPanel, RedisTrace, SeriesPanel } from '../../shared/model';
import { findPattern } from '../../electron/core/patterns';
import { infoField, zipfSampler } from '../../electron/core/patterns/eviction';
import { seededRandom } from '../../electron/core/explorer/prng';
import { patternHarness } from '../helpers/pattern-harness';
import { fmt } from '../helpers/format-message';

const redisCalls = (trace: { kind: string }[]) => trace.filter((t): t is RedisTrace => t.kind === 'redis');
const OOM_REPLY = "(error) OOM command not allowed when used memory > 'maxmemory'.";

describe('eviction under memory pressure on a real redis-server', () => {
  const h = patternHarness('ev:');
  const def = () => findPattern('eviction')!;
  const config = async () => {
    const [, max] = (await h.check.config('GET', 'maxmemory')) as string[];
    const [, policy] = (await h.check.config('GET', 'maxmemory-policy')) as string[];
    return { max, policy };
  };

  beforeAll(async () => {
    // Something other than the defaults, so a restore is told apart from a reset to defaults.
    await h.check.config('SET', 'maxmemory', 64 * 1024 * 1024);
    await h.check.config('SET', 'maxmemory-policy', 'volatile-lfu');
  });

  it('the Zipf sampler repeats with its seed and favours user 1', () => {
    const sample = zipfSampler(1000, 1);
    const a = Array.from({ length: 2000 }, ((r) => () => sample(r))(seededRandom(7)));
    const b = Array.from({ length: 2000 }, ((r) => () => sample(r))(seededRandom(7)));
    expect(a).toEqual(b);
    const ones = a.filter((id) => id === 1).length;
    const tens = a.filter((id) => id === 10).length;
    expect(ones).toBeGreaterThan(tens * 5);
    expect(infoField('# Stats\r\nevicted_keys:12\r\n', 'evicted_keys')).toBe(12);
  });

  it('on an existing Redis it refuses CONFIG SET unless allowed, and changes nothing', async () => {
    const session = await h.open(def());
    await expect(session.step()).rejects.toMatchObject({ code: 'unsupported' });
    expect(await config()).toEqual({ max: String(64 * 1024 * 1024), policy: 'volatile-lfu' });
  });

  it('under noeviction the refills are refused with OOM, counted from the replies; Reset puts maxmemory and the policy back', async () => {
    const session = await h.open(def(), { allowConfig: 1, policy: 3 });
    const [configured] = await h.steps(session, 1);
    expect(await config()).toEqual({ max: String(3 * 1024 * 1024), policy: 'noeviction' });
    expect(fmt(configured.narrative)).toContain('maxmemory 67,108,864 bytes and maxmemory-policy volatile-lfu');
    const rounds = await h.steps(session, 2);
    let oom = 0;
    for (const r of rounds) oom += redisCalls(r.trace).filter((c) => c.command === 'SETEX' && c.reply === OOM_REPLY).length;
    expect(oom).toBeGreaterThan(50);
    expect(rounds[1].outcome).toBe('oom');
    const counters = session.snapshot().panels.find((p): p is CountersPanel => p.kind === 'counters')!;
    const items = counters.columns[0].items;
    expect(items.find((i) => i.label.id === 'eviction.counter.oom')!.value).toBe(oom);
    expect(items.find((i) => i.label.id === 'eviction.counter.evicted')!.value).toBe(0);
    expect(fmt(rounds[1].narrative)).toContain("OOM command not allowed when used memory > 'maxmemory'");
    expect(fmt(rounds[1].narrative, 'ko')).toContain(`캐시 채우기 ${rounds[1].narrative.values!.oom}건을 거부했습니다`);
    const chart = session.snapshot().panels.find((p): p is SeriesPanel => p.kind === 'series')!;
    expect(chart.series[0].points.length).toBe(20);
    // The first round's snapshot keeps the first round's points: time travel shows the chart as it was.
    const past = rounds[0].after!.panels.find((p): p is SeriesPanel => p.kind === 'series')!;
    expect(past.series[0].points.length).toBe(10);

    await session.reset();
    expect(await config()).toEqual({ max: String(64 * 1024 * 1024), policy: 'volatile-lfu' });
  });

  it('under allkeys-lru Redis evicts instead, no OOM, and the hot users survive more than cold ones; the compare step shows noeviction beside it; the last step restores', async () => {
    const session = await h.open(def(), { allowConfig: 1, policy: 0 });
    const [, r1, r2, survivors] = await h.steps(session, 4);
    for (const r of [r1, r2]) expect(redisCalls(r.trace).filter((c) => c.reply === OOM_REPLY)).toHaveLength(0);
    const run = session.snapshot().panels.find((p): p is CountersPanel => p.kind === 'counters')!.columns[0].items;
    const evicted = run.find((i) => i.label.id === 'eviction.counter.evicted')!.value as number;
    expect(evicted).toBeGreaterThan(20);
    const exists = redisCalls(survivors.trace).filter((c) => c.command === 'EXISTS');
    expect(exists).toHaveLength(20);
    const hot = exists.slice(0, 10).filter((c) => c.reply === '(integer) 1').length;
    const cold = exists.slice(10).filter((c) => c.reply === '(integer) 1').length;
    expect(hot).toBeGreaterThan(cold);
    expect(fmt(survivors.narrative)).toContain(`${hot} of the 10 hottest users`);

    const [compare] = await h.steps(session, 1);
    expect(compare.outcome).toBe('safe');
    const lines = fmt(compare.narrative);
    expect(lines).toMatch(/noeviction \d+(\.\d+)? % hits, 0 evicted, [1-9]\d* OOM/);
    expect(lines).toMatch(/allkeys-lru \d+(\.\d+)? % hits, [1-9][\d,]* evicted, 0 OOM/);
    const chart = session.snapshot().panels.find((p): p is SeriesPanel => p.kind === 'series')!;
    expect(chart.series.map((s) => s.name.values?.policy)).toEqual(['allkeys-lru', 'allkeys-lfu', 'volatile-ttl', 'noeviction']);
    expect(await config()).toEqual({ max: String(3 * 1024 * 1024), policy: 'allkeys-lru' });

    const [restored] = await h.steps(session, 1);
    expect(await config()).toEqual({ max: String(64 * 1024 * 1024), policy: 'volatile-lfu' });
    expect(fmt(restored.narrative)).toContain('maxmemory 67,108,864 bytes and maxmemory-policy volatile-lfu');
  }, 30_000);

  it('dispose (another pattern, a disconnect) puts the settings back too', async () => {
    const session = await h.open(def(), { allowConfig: 1, policy: 1, maxmemoryMb: 4 });
    await h.steps(session, 2);
    expect(await config()).toEqual({ max: String(4 * 1024 * 1024), policy: 'allkeys-lfu' });
    await session.dispose();
    expect(await config()).toEqual({ max: String(64 * 1024 * 1024), policy: 'volatile-lfu' });
  });
});
