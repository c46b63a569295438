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
  private readonly needle: Uint8Array;

  constructor(
    private readonly index: KeyIndex,
    readonly text: string,
  ) {
    // ASCII letters match either case; other bytes (UTF-8 Korean, binary) match exactly.
    this.needle = Buffer.from(text.toLowerCase());
  }

  /** Brings the list up to the index; returns its length. */
  update(): number {
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
    for (let e = this.built; e < end; e++) {
      if (index.isRemoved(e)) continue;
      if (all || this.matches(index.name(e))) this.list[this.size++] = e;
    }
    this.built = end;
    return this.size;
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
    const last = name.length - needle.length;
    outer: for (let i = 0; i <= last; i++) {
      for (let j = 0; j < needle.length; j++) {
        let b = name[i + j];
        if (b >= 0x41 && b <= 0x5a) b |= 0x20;
        if (b !== needle[j]) continue outer;
      }
      return true;
    }
    return false;
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
  /** Bytes of the prefix up to and including this folder's delimiter. */
  prefixBytes: number;
  depth: number;
  /** Keys under this folder, at any depth. */
  count: number;
  folders: Map<string, Folder>;
  /** Child folders in name order, built when first listed after a change. */
  sorted?: Folder[];
  /** Entry numbers of the keys directly in this folder, in discovery order. */
  leaves: number[];
}

const collator = new Intl.Collator('en', { numeric: true });

function newFolder(id: string, segment: Buffer, prefixBytes: number, depth: number): Folder {
  return { id, segment, prefixBytes, depth, count: 0, folders: new Map(), leaves: [] };
}

/**
 * Folders by a delimiter over the filtered keys, with a key count per
 * folder, built incrementally: each request looks only at the keys found
 * since the last one. Counts are of keys scanned so far.
 */
export class KeyTree {
  readonly root = newFolder('', Buffer.alloc(0), 0, -1);
  private built = 0;
  private builtRemovals: number;
  private readonly delimiter: Buffer;

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

  update(): void {
    const n = this.keys.update();
    const d = this.delimiter;
    for (let p = this.built; p < n; p++) {
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
          child = newFolder(folderId(prefix), Buffer.from(segment), k + d.length, node.depth + 1);
          node.folders.set(key, child);
          node.sorted = undefined;
        }
        child.count++;
        node = child;
        from = k + d.length;
      }
      node.leaves.push(e);
    }
    this.built = n;
  }

  children(folder: Folder): Folder[] {
    if (!folder.sorted) {
      folder.sorted = [...folder.folders.values()].sort((a, b) => collator.compare(a.segment.toString('latin1'), b.segment.toString('latin1')));
    }
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
   * Rows [start, start + count) of the open tree, each as a folder or a key
   * entry, visiting only the folders on the way (never every key).
   */
  window(start: number, count: number, expanded: ReadonlySet<string>): { total: number; rows: ({ folder: Folder } | { entry: number; parent: Folder })[] } {
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
      const leaves = folder.leaves;
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
