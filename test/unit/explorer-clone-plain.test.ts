import { describe, expect, it } from 'vitest';
import { clonePlain, plainData } from '../../electron/core/explorer/fresh-start';

/**
 * Each schedule of an exploration starts from a copy of the state the setup
 * left (FreshStart). clonePlain makes that copy instead of structuredClone:
 * for every value plainData admits, it must give what structuredClone gives.
 */
describe('clonePlain: the copy structuredClone would make, for plain data', () => {
  const shared = { n: 1 };
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const sparse: number[] = [1];
  sparse[2] = 3;
  const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
  const cases: [string, unknown][] = [
    ['the write-behind state', { sent: new Map([[1, 7]]), pendingSince: new Map([['1', 1700000000000]]), worker: { state: 'stopped', running: false, flushes: 0, waiters: [] } }],
    ['nested Maps and Sets', { m: new Map<unknown, unknown>([['a', new Set([1, 2])], [{ k: 1 }, [new Map([[null, undefined]])]]]) }],
    ['primitives', { s: 'é', n: -0, big: 10n, nan: NaN, t: true, u: undefined, nul: null }],
    ['shared references', { a: shared, b: [shared, shared], c: new Map([[shared, shared]]) }],
    ['a cycle', cyclic],
    ['a sparse array', { sparse }],
    ['an own "__proto__" key', protoKey],
    ['a bare value', 42],
    ['undefined', undefined],
  ];

  for (const [name, value] of cases) {
    it(name, () => {
      expect(plainData(value)).toBe(true);
      const copy = clonePlain(value);
      expect(copy).toStrictEqual(structuredClone(value));
      if (value !== null && typeof value === 'object') expect(copy).not.toBe(value);
    });
  }

  it('keeps shared references shared and cycles closed, in the copy only', () => {
    const copy = clonePlain({ a: shared, b: [shared], c: cyclic });
    expect(copy.a).toBe(copy.b[0]);
    expect(copy.a).not.toBe(shared);
    expect(copy.c.self).toBe(copy.c);
    expect(copy.c).not.toBe(cyclic);
  });

  it('copies deeply: changing the copy leaves the original as it was', () => {
    const original = { sent: new Map([[1, 7]]), seen: new Set(['x']), worker: { waiters: [1] } };
    const copy = clonePlain(original);
    copy.sent.set(1, 99);
    copy.seen.add('y');
    copy.worker.waiters.push(2);
    expect(original).toStrictEqual({ sent: new Map([[1, 7]]), seen: new Set(['x']), worker: { waiters: [1] } });
  });

  it('an own "__proto__" key stays a key, never the copy’s prototype', () => {
    const copy = clonePlain(protoKey);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
