import type { AppEvent, EventMap, EventName } from '../../../shared/contract';

/** One frame at 60 Hz: the most often the renderer hears from main. */
const FRAME_MS = 16;

/** A delta (of the Keys panel, of the open run) says what changed since the one before, so none may be dropped. */
const isDelta = (event: AppEvent) => (event.type === 'keys' || event.type === 'session') && 'kind' in event.payload && event.payload.kind === 'delta';

/**
 * Collects events and delivers them in batches, at most one per frame. An
 * event carrying a full state replaces the pending one of its type (only the
 * newest matters); a delta (Keys, session) is queued behind the ones before
 * it, and a full state replaces the deltas it supersedes.
 */
export class EventHub {
  private pending = new Map<EventName, AppEvent[]>();
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
    const event = { type, payload } as AppEvent;
    const queued = this.pending.get(type);
    if (queued && isDelta(event)) queued.push(event);
    else this.pending.set(type, [event]);
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
    const batch = [...this.pending.values()].flat();
    this.pending.clear();
    for (const listener of this.listeners) listener(batch);
  }

  close(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}
