/**
 * How a TTL bar drains, from one PTTL reading and the time it was read: the
 * bar's scale at the reading, a linear run to 0 over the remaining ms, and
 * the part already elapsed given as a negative delay — so the compositor
 * animates it and no panel re-renders while it drains.
 */
export interface TtlDrain {
  /** The bar's scale when PTTL was read: the reading over the longest TTL seen. */
  from: number;
  /** Milliseconds from the reading to 0: the PTTL itself. */
  durationMs: number;
  /** Minus the milliseconds since the reading (0 for a reading from the future). */
  delayMs: number;
  /** What is left now, never more than the reading, never below 0. */
  leftMs: number;
}

export function ttlDrain(pttl: number, readAt: number, full: number, now: number): TtlDrain {
  const reading = Math.max(0, pttl);
  // A clock that lags the host by a few ms must not count up.
  const elapsed = Math.max(0, now - readAt);
  return {
    from: full > 0 ? Math.min(1, reading / full) : 0,
    durationMs: reading,
    delayMs: elapsed === 0 ? 0 : -elapsed,
    leftMs: Math.max(0, reading - elapsed),
  };
}

/** Milliseconds until the whole seconds shown (rounded up) change next: just past the boundary. */
export function msToNextSecond(leftMs: number): number {
  if (leftMs <= 0) return Infinity;
  return (leftMs % 1000 || 1000) + 1;
}
