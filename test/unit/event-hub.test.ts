import { describe, expect, it } from 'vitest';
import type { KeysSnapshot } from '../../shared/model';
import { EventHub } from '../../electron/core/feed/event-hub';

const snapshot = (n: number): KeysSnapshot => ({ namespace: 'x:', keys: [], truncated: false, at: n });

describe('EventHub', () => {
  it('sends the first event after a quiet frame at once and coalesces a burst to one batch per frame, newest state kept', async () => {
    const hub = new EventHub();
    const batches: { at: number; last: number }[] = [];
    hub.subscribe((batch) => batches.push({ at: performance.now(), last: (batch[0].payload as KeysSnapshot).at }));
    const start = performance.now();
    hub.emit('keys', snapshot(0));
    await new Promise((r) => setTimeout(r, 5));
    expect(batches).toHaveLength(1);
    expect(batches[0].at - start).toBeLessThan(16);

    // 200 events over ~200 ms: one batch per 16 ms frame at most, and the last state always arrives.
    const burstStart = performance.now();
    for (let i = 1; i <= 200; i++) {
      hub.emit('keys', snapshot(i));
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 40));
    const burstMs = performance.now() - burstStart;
    const burst = batches.slice(1);
    expect(burst.length).toBeLessThanOrEqual(Math.ceil(burstMs / 16) + 1);
    expect(burst.length).toBeLessThan(200);
    for (let i = 1; i < batches.length; i++) expect(batches[i].at - batches[i - 1].at).toBeGreaterThanOrEqual(14); // timers fire on whole ms
    expect(batches.at(-1)!.last).toBe(200);
    hub.close();
  });
});
