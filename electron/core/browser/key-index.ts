/**
 * The key names one scan has found, deduplicated, in discovery order.
 *
 * SCAN may return a key twice (while the server rehashes), so every name is
 * checked against what is held. Names live in one byte arena with an offset
 * table, and the set is an open-addressing table of entry numbers keyed by a
 * 32-bit FNV-1a hash: no JS object per key, so a million keys cost about
 * 17 bytes plus the name each, and adding a SCAN reply of 1,000 names
 * allocates nothing but the arena's occasional growth.
 */

/** Names held at most; the scan stops there and says so (the renderer never holds them: it asks for windows). */
export const MAX_KEYS = 4_000_000;
/** Bytes of names held at most (a few 1 MB names must not take the host's memory). */
export const MAX_NAME_BYTES = 256 * 1024 * 1024;

const EMPTY = 0;

function fnv1a(key: Buffer): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key[i], 0x01000193);
  // Kept a signed 32-bit integer: an unsigned one above 2^31 would be a heap number, allocated per key.
  return h | 0;
}

export interface IndexCaps {
  maxKeys: number;
  maxNameBytes: number;
}

export class KeyIndex {
  private arena = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  /** Entry i's name is arena[starts[i], starts[i + 1]). */
  private starts = new Uint32Array(1024 + 1);
  private hashes = new Int32Array(1024);
  private gone = new Uint8Array(1024);
  /**
   * Two ints per slot: the name's hash and its entry number + 1 (0 when
   * free); at most half full. The hash sits beside the entry so a probe
   * touches one cache line, not two (a million keys' table does not fit a cache).
   */
  private table = new Int32Array(2 * 4096);
  private arenaBytes = new Uint8Array(this.arena.buffer, this.arena.byteOffset, this.arena.length);
  private entries = 0;
  private removedCount = 0;
  /** Bumped when an entry is removed or revived, so views built on positions know to rebuild. */
  removals = 0;
  /** Set when a name was refused because a cap was reached. */
  full = false;

  constructor(readonly caps: IndexCaps = { maxKeys: MAX_KEYS, maxNameBytes: MAX_NAME_BYTES }) {}

  /** Entries ever added (removed ones included: positions never move). */
  get count(): number {
    return this.entries;
  }

  /** Keys held and not removed. */
  get live(): number {
    return this.entries - this.removedCount;
  }

  get bytes(): number {
    return this.used;
  }

  /** Bytes this index has allocated (arena, offsets, hashes, marks, table): what the host pays to hold the scan. */
  footprintBytes(): number {
    return this.arena.length + this.starts.byteLength + this.hashes.byteLength + this.gone.byteLength + this.table.byteLength;
  }

  isRemoved(i: number): boolean {
    return this.gone[i] === 1;
  }

  /** Entry i's name, as a view into the arena (copy it to keep it past the index). */
  name(i: number): Buffer {
    return this.arena.subarray(this.starts[i], this.starts[i + 1]);
  }

  /** Adds the names not held yet; returns how many were new. Stops at a cap, setting `full`. */
  addAll(keys: Buffer[]): number {
    let added = 0;
    for (const key of keys) {
      const r = this.add(key);
      if (r === -2) break;
      if (r >= 0) added++;
    }
    return added;
  }

  /**
   * Adds one name: its entry number when new, -1 when already held (a
   * removed one is revived), -2 when a cap refused it.
   */
  add(key: Buffer): number {
    const h = fnv1a(key);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const held = table[2 * slot + 1];
      if (held === EMPTY) break;
      if (table[2 * slot] === h && this.sameName(held - 1, key)) {
        const e = held - 1;
        if (this.gone[e] === 1) {
          this.gone[e] = 0;
          this.removedCount--;
          this.removals++;
        }
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    if (this.entries >= this.caps.maxKeys || this.used + key.length > this.caps.maxNameBytes) {
      this.full = true;
      return -2;
    }
    const e = this.entries;
    this.reserve(key.length);
    // TypedArray#set copies a short name faster than Buffer#copy's native call or a JS loop (measured).
    this.arenaBytes.set(key, this.used);
    this.used += key.length;
    this.hashes[e] = h;
    this.starts[e + 1] = this.used;
    table[2 * slot] = h;
    table[2 * slot + 1] = e + 1;
    this.entries++;
    if (this.entries * 4 > table.length) this.rehash();
    return e;
  }

  /** The entry holding this name, or -1. */
  find(key: Buffer): number {
    const h = fnv1a(key);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const held = table[2 * slot + 1];
      if (held === EMPTY) return -1;
      if (table[2 * slot] === h && this.sameName(held - 1, key)) return held - 1;
    }
  }

  /** Marks a name as gone (deleted or renamed away); its position stays, views skip it. */
  remove(key: Buffer): number {
    const e = this.find(key);
    if (e >= 0 && this.gone[e] === 0) {
      this.gone[e] = 1;
      this.removedCount++;
      this.removals++;
    }
    return e;
  }

  /**
   * Makes room for `keys` names of about `avgBytes` each at once, when the
   * scan knows how many are coming (a whole-keyspace walk: DBSIZE): the
   * table and arrays then never grow and rehash on the way, which on 1M keys
   * is about a second's worth of copying and re-inserting.
   */
  expect(keys: number, avgBytes: number): void {
    const n = Math.min(keys, this.caps.maxKeys);
    if (n <= this.entries) return;
    const bytes = Math.min(this.caps.maxNameBytes, Math.ceil(n * avgBytes * 1.1));
    if (bytes > this.used) this.reserveBytes(bytes - this.used);
    this.reserveEntries(n + 2);
    let slots = this.table.length >> 1;
    while (n * 2 > slots) slots *= 2;
    if (slots !== this.table.length >> 1) this.rehash(slots);
  }

  private sameName(e: number, key: Buffer): boolean {
    const start = this.starts[e];
    if (this.starts[e + 1] - start !== key.length) return false;
    const arena = this.arena;
    for (let j = 0; j < key.length; j++) if (arena[start + j] !== key[j]) return false;
    return true;
  }

  private reserve(bytes: number): void {
    this.reserveBytes(bytes);
    this.reserveEntries(this.entries + 2);
  }

  private reserveBytes(bytes: number): void {
    if (this.used + bytes > this.arena.length) {
      const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + bytes));
      this.arena.copy(next, 0, 0, this.used);
      this.arena = next;
      this.arenaBytes = new Uint8Array(next.buffer, next.byteOffset, next.length);
    }
  }

  private reserveEntries(entries: number): void {
    if (entries + 1 > this.starts.length) {
      const n = Math.max(this.starts.length * 2, entries + 1);
      const starts = new Uint32Array(n);
      starts.set(this.starts);
      this.starts = starts;
      const hashes = new Int32Array(n);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const gone = new Uint8Array(n);
      gone.set(this.gone);
      this.gone = gone;
    }
  }

  private rehash(slots = this.table.length): void {
    const table = new Int32Array(slots * 2);
    const mask = slots - 1;
    for (let e = 0; e < this.entries; e++) {
      const h = this.hashes[e];
      let slot = h & mask;
      while (table[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = h;
      table[2 * slot + 1] = e + 1;
    }
    this.table = table;
  }
}
