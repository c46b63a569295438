import { createHash } from 'node:crypto';
import type { KeyIndex } from './key-index';
import { INLINE_NAME_BYTES } from './key-handles';

/**
 * The scanned keys as the user filters them: entry numbers that pass the
 * text filter, in discovery order. Extended as the scan finds more (only
 * the new entries are looked at), rebuilt only when a key is removed.
 */
export class FilteredKeys {
  private list = new Int32Array(1024);
  private size = 0;
  private built = 0;
  private builtRemovals = -1;
  private readonly needle: Buffer;
  /** The needle has ASCII letters, so a name's capitals must be folded before comparing. */
  private readonly foldsCase: boolean;
  private scratch = Buffer.alloc(0);

  constructor(
    private readonly index: KeyIndex,
    readonly text: string,
  ) {
    // ASCII letters match either case; other bytes (UTF-8 Korean, binary) match exactly.
    this.needle = Buffer.from(text.toLowerCase());
    this.foldsCase = this.needle.some((b) => b >= 0x61 && b <= 0x7a);
  }

  /**
   * Brings the list up to the index, or as far as it gets by `deadline`
   * (performance.now() time; a text filter over a million names took up to
   * 1.4 s); returns its length. `complete` says whether it got there.
   */
  update(deadline = Infinity): number {
    const index = this.index;
    if (this.builtRemovals !== index.removals) {
      this.size = 0;
      this.built = 0;
      this.builtRemovals = index.removals;
    }
    const end = index.count;
    if (this.built === end) return this.size;
    if (this.list.length < end) {
      const list = new Int32Array(Math.max(end, this.list.length * 2));
      list.set(this.list.subarray(0, this.size));
      this.list = list;
    }
    const all = this.needle.length === 0;
    let e = this.built;
    for (; e < end; e++) {
      if ((e & 1023) === 1023 && performance.now() > deadline) break;
      if (index.isRemoved(e)) continue;
      if (all || this.matches(index.name(e))) this.list[this.size++] = e;
    }
    this.built = e;
    return this.size;
  }

  /** Every key the index holds has been looked at. */
  get complete(): boolean {
    return this.builtRemovals === this.index.removals && this.built === this.index.count;
  }

  get length(): number {
    return this.size;
  }

  /** Entry number of the key at a position. */
  at(position: number): number {
    return this.list[position];
  }

  private matches(name: Buffer): boolean {
    const needle = this.needle;
    if (name.length < needle.length) return false;
    // Buffer.indexOf searches in linear time; the byte-by-byte loop this replaced took 1.4 s on a
    // 1 MB name of 'a' against 'aaa…ab'. Names are folded to lower case only when they need it.
    if (!this.foldsCase) return name.indexOf(needle) !== -1;
    let upper = -1;
    for (let i = 0; i < name.length; i++) {
      const b = name[i];
      if (b >= 0x41 && b <= 0x5a) {
        upper = i;
        break;
      }
    }
    if (upper === -1) return name.indexOf(needle) !== -1;
    if (this.scratch.length < name.length) this.scratch = Buffer.allocUnsafe(Math.max(name.length, this.scratch.length * 2));
    const folded = this.scratch.subarray(0, name.length);
    name.copy(folded);
    for (let i = upper; i < folded.length; i++) {
      const b = folded[i];
      if (b >= 0x41 && b <= 0x5a) folded[i] = b | 0x20;
    }
    return folded.indexOf(needle) !== -1;
  }
}

/** A folder's id: its prefix's base64, or '#' and a hash when long, the way key ids are made. */
export function folderId(prefix: Buffer): string {
  if (prefix.length <= INLINE_NAME_BYTES) return `f${prefix.toString('base64')}`;
  return `#${createHash('sha256').update(prefix).digest('hex').slice(0, 32)}`;
}

export interface Folder {
  id: string;
  /** The folder's segment (without the delimiter). */
  segment: Buffer;
  /** The segment as latin1 (one char per byte), made once: sorting converted it in every comparison. */
  sortName: string;
  /** Bytes of the prefix up to and including this folder's delimiter. */
  prefixBytes: number;
  depth: number;
  /** Keys under this folder, at any depth. */
  count: number;
  folders: Map<string, Folder>;
  /** Child folders in discovery order. */
  order: Folder[];
  /** Child folders in name order, built when first listed after a change (up to SORT_FOLDERS_MAX of them). */
  sorted?: Folder[];
  /** Entry numbers of the keys directly in this folder, in discovery order. */
  leaves: number[];
  /** The same in name order, while it still covers every leaf. */
  ordered?: number[];
}

/** Keys the tree takes in per request (about a quarter of a second's work here). */
export const TREE_STEP = 200_000;

/** Folders with more keys than this stay in discovery order: sorting 200,000 names held the host for about a second here. */
export const SORT_LEAVES_MAX = 50_000;

/**
 * Folders with more child folders than this list them in discovery order:
 * 1M keys named '<id>:x' made a million folders at the root, and re-sorting
 * them after every step of the tree held the host for 2–24 s a request.
 * While the tree is still taking keys in, folders stay in discovery order
 * too (a sort per step cost more than the step).
 */
export const SORT_FOLDERS_MAX = 20_000;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Byte order, except that runs of digits compare as numbers, so user:9
 * comes before user:10. On latin1 strings (one char per byte), so binary
 * names sort too. About ten times faster than Intl.Collator, which matters
 * for a folder of 100,000 keys.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

function newFolder(id: string, segment: Buffer, sortName: string, prefixBytes: number, depth: number): Folder {
  return { id, segment, sortName, prefixBytes, depth, count: 0, folders: new Map(), order: [], leaves: [] };
}

/**
 * Folders by a delimiter over the filtered keys, with a key count per
 * folder, built incrementally: each request looks only at the keys found
 * since the last one. Counts are of keys scanned so far.
 */
export class KeyTree {
  readonly root = newFolder('', Buffer.alloc(0), '', 0, -1);
  private built = 0;
  private builtRemovals: number;
  private readonly delimiter: Buffer;
  /** Every filtered key is in: folders may be shown in name order. */
  private whole = false;

  constructor(
    private readonly index: KeyIndex,
    readonly keys: FilteredKeys,
    readonly delimiterText: string,
  ) {
    this.delimiter = Buffer.from(delimiterText);
    this.builtRemovals = index.removals;
  }

  /** False when the tree must be rebuilt (a key was removed). */
  get current(): boolean {
    return this.builtRemovals === this.index.removals;
  }

  /**
   * Takes in the keys found since the last call, at most `limit` of them,
   * so one request never holds the host long (a million keys take about a
   * second here); returns false while keys are left for the next call.
   */
  update(limit = TREE_STEP, deadline = Infinity): boolean {
    const n = this.keys.update(deadline);
    const d = this.delimiter;
    const end = Math.min(n, this.built + limit);
    let p = this.built;
    for (; p < end; p++) {
      if ((p & 1023) === 1023 && performance.now() > deadline) break;
      const e = this.keys.at(p);
      const name = this.index.name(e);
      let node = this.root;
      node.count++;
      let from = 0;
      for (let k = name.indexOf(d, from); k !== -1; k = name.indexOf(d, from)) {
        const segment = name.subarray(from, k);
        const key = segment.toString('latin1');
        let child = node.folders.get(key);
        if (!child) {
          const prefix = name.subarray(0, k + d.length);
          child = newFolder(folderId(prefix), Buffer.from(segment), key, k + d.length, node.depth + 1);
          node.folders.set(key, child);
          node.order.push(child);
          node.sorted = undefined;
        }
        child.count++;
        node = child;
        from = k + d.length;
      }
      node.leaves.push(e);
    }
    this.built = p;
    this.whole = p === n && this.keys.complete;
    return this.whole;
  }

  children(folder: Folder): Folder[] {
    if (!this.whole || folder.order.length > SORT_FOLDERS_MAX) return folder.order;
    if (!folder.sorted) folder.sorted = [...folder.order].sort((a, b) => naturalCompare(a.sortName, b.sortName));
    return folder.sorted;
  }

  /** Rows under a folder when it is open: its child folders, what is open under them, and its keys. */
  visible(folder: Folder, expanded: ReadonlySet<string>, memo: Map<Folder, number>): number {
    const known = memo.get(folder);
    if (known !== undefined) return known;
    let rows = folder.leaves.length;
    for (const child of this.children(folder)) rows += 1 + (expanded.has(child.id) ? this.visible(child, expanded, memo) : 0);
    memo.set(folder, rows);
    return rows;
  }

  /**
   * A folder's keys for display: in name order once the scan has paused
   * (`settled`), sorted when first shown after a change; in discovery
   * order while it runs (re-sorting every frame would cost more than the
   * scan) or when the folder is too big to sort on the spot.
   */
  leavesOf(folder: Folder, settled: boolean): number[] {
    const leaves = folder.leaves;
    if (folder.ordered?.length === leaves.length) return folder.ordered;
    if (!settled || leaves.length < 2 || leaves.length > SORT_LEAVES_MAX) return leaves;
    const names = leaves.map((e) => this.index.name(e).toString('latin1'));
    const positions = leaves.map((_, i) => i);
    positions.sort((x, y) => naturalCompare(names[x], names[y]));
    folder.ordered = positions.map((i) => leaves[i]);
    return folder.ordered;
  }

  /**
   * Rows [start, start + count) of the open tree, each as a folder or a key
   * entry, visiting only the folders on the way (never every key).
   */
  window(start: number, count: number, expanded: ReadonlySet<string>, settled = true): { total: number; rows: ({ folder: Folder } | { entry: number; parent: Folder })[] } {
    const memo = new Map<Folder, number>();
    const total = this.visible(this.root, expanded, memo);
    const rows: ({ folder: Folder } | { entry: number; parent: Folder })[] = [];
    let skip = start;
    const walk = (folder: Folder): void => {
      for (const child of this.children(folder)) {
        if (rows.length >= count) return;
        const open = expanded.has(child.id);
        const size = 1 + (open ? this.visible(child, expanded, memo) : 0);
        if (skip >= size) {
          skip -= size;
          continue;
        }
        if (skip === 0) rows.push({ folder: child });
        else skip--;
        if (open) walk(child);
      }
      if (rows.length >= count) return;
      const leaves = this.leavesOf(folder, settled);
      if (skip >= leaves.length) {
        skip -= leaves.length;
        return;
      }
      for (let i = skip; i < leaves.length && rows.length < count; i++) rows.push({ entry: leaves[i], parent: folder });
      skip = 0;
    };
    if (start < total) walk(this.root);
    return { total, rows };
  }
}
