import { describe, expect, it } from 'vitest';
import { drainsVisibly, ttlDrain } from '../../renderer/src/components/ttl-drain';

describe('a TTL bar drains from one PTTL reading and its timestamp', () => {
  it('starts at the reading over the longest TTL, runs the PTTL to 0, the time since the reading as a negative delay', () => {
    const readAt = 1_000_000;
    expect(ttlDrain(30_000, readAt, 60_000, readAt + 4_250)).toEqual({ from: 0.5, durationMs: 30_000, delayMs: -4_250, leftMs: 25_750 });
    // Read just now: no delay.
    expect(ttlDrain(30_000, readAt, 30_000, readAt)).toEqual({ from: 1, durationMs: 30_000, delayMs: 0, leftMs: 30_000 });
  });

  it('never counts up: a clock behind the host reads as no time elapsed', () => {
    expect(ttlDrain(5_000, 2_000, 5_000, 1_500)).toMatchObject({ delayMs: 0, leftMs: 5_000 });
  });

  it('stops at 0: past the reading the bar is empty, nothing left to count', () => {
    const d = ttlDrain(3_000, 0, 10_000, 9_000);
    expect(d).toMatchObject({ leftMs: 0, delayMs: -9_000, durationMs: 3_000 });
  });

  it('a bar with no full width is empty, never NaN', () => {
    expect(ttlDrain(1_000, 0, 0, 0).from).toBe(0);
  });

  it('animates only a bar that moves at least a pixel a second: an hour-long TTL is set once a second instead', () => {
    expect(drainsVisibly(60_000)).toBe(true);
    expect(drainsVisibly(200_000)).toBe(true);
    expect(drainsVisibly(3_600_000)).toBe(false);
    expect(drainsVisibly(0)).toBe(false);
  });
});
