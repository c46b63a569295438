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

/**
 * The widest a TTL bar's track is drawn (the value pane's); the Keys panel's is narrower.
 * A bar whose full TTL is longer than this many seconds moves less than a pixel a second.
 */
export const TRACK_PX = 200;

/**
 * Whether the bar is worth animating: only when it visibly moves, at least a
 * pixel a second. A longer TTL (a cache's hour) is set once a second with its
 * text instead: an animation would make the compositor draw 60 frames a second
 * for a bar that moves a pixel a minute.
 */
export function drainsVisibly(full: number): boolean {
  return full > 0 && (TRACK_PX * 1000) / full >= 1;
}
