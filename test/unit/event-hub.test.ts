import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeysDelta, KeysUpdate } from '../../shared/model';
import { EventHub } from '../../electron/core/feed/event-hub';

const snapshot = (n: number): KeysUpdate => ({ kind: 'full', seq: n, namespace: 'x:', keys: [], truncated: false, at: n });
const delta = (n: number): KeysDelta => ({ kind: 'delta', seq: n, namespace: 'x:', changed: [], removed: [{ key: `x:${n}` }], truncated: false, at: n });
/**
 * The hub's frame is time: these tests run it on fake timers (setTimeout and
 * performance.now), so a loaded machine cannot make a batch look late.
 */
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('EventHub', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first event after a quiet frame at once and coalesces a burst to one batch per frame, newest state kept', async () => {
    const hub = new EventHub();
    const batches: { at: number; last: number }[] = [];
    hub.subscribe((batch) => batches.push({ at: performance.now(), last: (batch[0].payload as KeysUpdate).at }));
    await sleep(100); // a quiet frame and more since the hub was made
    const start = performance.now();
    hub.emit('keys', snapshot(0));
    await sleep(0);
    expect(batches).toHaveLength(1);
    expect(batches[0].at - start).toBe(0);

    // 200 events over ~200 ms: one batch per 16 ms frame at most, and the last state always arrives.
    const burstStart = performance.now();
    for (let i = 1; i <= 200; i++) {
      hub.emit('keys', snapshot(i));
      if (i % 10 === 0) await sleep(10);
    }
    await sleep(40);
    const burstMs = performance.now() - burstStart;
    const burst = batches.slice(1);
    expect(burst.length).toBeLessThanOrEqual(Math.ceil(burstMs / 16) + 1);
    expect(burst.length).toBeLessThan(200);
    for (let i = 1; i < batches.length; i++) expect(batches[i].at - batches[i - 1].at).toBeGreaterThanOrEqual(16);
    expect(batches.at(-1)!.last).toBe(200);
    hub.close();
  });

  it('delivers every Keys delta of a frame, in order; a full snapshot drops the deltas queued before it', async () => {
    const hub = new EventHub();
    const seqs: number[][] = [];
    hub.subscribe((batch) => seqs.push(batch.flatMap((e) => (e.type === 'keys' ? [e.payload.seq] : []))));
    hub.emit('keys', snapshot(1));
    await sleep(5);
    // Within one frame: three deltas, all kept, in the order emitted, beside a newest-wins event.
    hub.emit('keys', delta(2));
    hub.emit('db', { table: 'users' });
    hub.emit('keys', delta(3));
    hub.emit('keys', delta(4));
    hub.emit('db', { table: 'users' });
    await sleep(40);
    expect(seqs).toEqual([[1], [2, 3, 4]]);
    // A full snapshot supersedes what was queued; a delta after it is kept behind it.
    hub.emit('keys', delta(5));
    hub.emit('keys', snapshot(6));
    hub.emit('keys', delta(7));
    await sleep(40);
    expect(seqs.at(-1)).toEqual([6, 7]);
    hub.close();
  });
});
