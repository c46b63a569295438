import { describe, expect, it } from 'vitest';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { patternHarness } from '../helpers/pattern-harness';
import { fmt } from '../helpers/format-message';

/**
 * Found restarting Redis (no persistence) between two reads of cache-aside:
 * the second read said "the copy cached 11 s ago had expired (TTL 3600 s)".
 * It had not expired; the restart had lost it. A miss before the TTL runs
 * out is now told as a copy that is gone, with the possible causes.
 */
describe('cache-aside: a cached copy missing on a later read', () => {
  const h = patternHarness('gone:');

  it('deleted from outside before its TTL ran out: gone, not expired', async () => {
    const session = await h.open(cacheAside, { userId: 2, ttlSeconds: 600, dbLatencyMs: 0 });
    await session.step();
    await h.check.del('gone:user:2');
    const second = await session.step();
    expect(second.outcome).toBe('miss');
    expect(fmt(second.narrative)).toMatch(/^Cache MISS for user 2: the copy cached \d+ s ago is gone before its TTL of 600 s ran out — deleted, evicted, or lost when Redis restarted\. Read the database again and cached it for 600 s/);
    expect(fmt(second.narrative, 'ko')).toMatch(/^사용자 2 캐시 미스: \d+초 전에 캐시한 값이 TTL\(600초\)이 끝나기 전에 사라졌습니다\./);
    expect(await h.check.ttl('gone:user:2')).toBeGreaterThan(590);
  });

  it('missing once its TTL has run out: expired', async () => {
    const session = await h.open(cacheAside, { userId: 3, ttlSeconds: 1, dbLatencyMs: 0 });
    await session.step();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await h.check.exists('gone:user:3')).toBe(0);
    const second = await session.step();
    expect(fmt(second.narrative)).toMatch(/^Cache MISS for user 3: the copy cached 1 s ago had expired \(TTL 1 s\)/);
  });
});
