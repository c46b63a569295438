import type { AppEvent, EventMap, EventName } from '../../../shared/contract';

/** One frame at 60 Hz: the most often the renderer hears from main. */
const FRAME_MS = 16;

/**
 * Collects events and delivers them in batches, at most one per frame. Each
 * event type carries a full state, so only the newest of each type is kept.
 */
export class EventHub {
  private pending = new Map<EventName, AppEvent>();
  private timer?: NodeJS.Timeout;
  private readonly listeners = new Set<(batch: AppEvent[]) => void>();

  /** performance.now() of the last delivery. */
  private lastFlush = -Infinity;

  /**
   * The first event after a quiet frame goes out at once (next macrotask, so
   * what the same tick emits joins it); events that follow wait for the
   * frame's end. Never more than one batch per frame either way.
   */
  emit<K extends EventName>(type: K, payload: EventMap[K]): void {
    this.pending.set(type, { type, payload } as AppEvent);
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlush + FRAME_MS - performance.now()));
  }

  subscribe(listener: (batch: AppEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    this.lastFlush = performance.now();
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const listener of this.listeners) listener(batch);
  }

  close(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}
