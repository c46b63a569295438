import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../electron/core/feed/ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest entries in order and counts what it dropped', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 2; i++) ring.push(i);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.dropped).toBe(0);
    for (let i = 3; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.length).toBe(3);
    expect(ring.dropped).toBe(4);
    expect(ring.total).toBe(7);
    expect(ring.last(2)).toEqual([6, 7]);
    expect(ring.last(10)).toEqual([5, 6, 7]);
    ring.clear();
    expect([ring.length, ring.dropped, ring.toArray()]).toEqual([0, 0, []]);
  });

  it('appends in constant time: a million pushes into a small ring cost no more per push than a thousand', () => {
    const time = (n: number) => {
      const ring = new RingBuffer<{ i: number }>(500);
      const start = performance.now();
      for (let i = 0; i < n; i++) ring.push({ i });
      expect(ring.length).toBe(500);
      expect(ring.dropped).toBe(n - 500);
      return (performance.now() - start) / n;
    };
    time(100_000); // warm up the JIT
    const small = Math.min(time(10_000), time(10_000));
    const large = time(1_000_000);
    // A shifting array would cost ~capacity times more per push once full; allow generous noise.
    expect(large).toBeLessThan(small * 10 + 0.001);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
