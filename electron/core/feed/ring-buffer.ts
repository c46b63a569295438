/**
 * A live log that never grows: a fixed-capacity circular buffer. Appending
 * is O(1) (one slot written, no array shifted or copied), the oldest entry
 * is overwritten once it is full, and every overwritten entry is counted so
 * the panel can say how many it no longer shows.
 */
export class RingBuffer<T> {
  private readonly slots: (T | undefined)[];
  /** Index of the oldest entry. */
  private head = 0;
  private count = 0;
  /** Entries overwritten since the last clear: what the log dropped. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A ring needs a capacity of at least 1, not ${capacity}.`);
    this.slots = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Every entry ever appended since the last clear, kept or dropped. */
  get total(): number {
    return this.count + this.dropped;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.slots[(this.head + this.count) % this.capacity] = item;
      this.count++;
      return;
    }
    this.slots[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    this.dropped++;
  }

  /** The newest n entries (all of them by default), oldest first. */
  last(n = this.count): T[] {
    const take = Math.max(0, Math.min(n, this.count));
    const out = new Array<T>(take);
    const from = this.head + this.count - take;
    for (let i = 0; i < take; i++) out[i] = this.slots[(from + i) % this.capacity] as T;
    return out;
  }

  toArray(): T[] {
    return this.last();
  }

  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.dropped = 0;
  }
}
