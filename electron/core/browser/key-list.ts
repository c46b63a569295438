import type { Redis } from 'ioredis';
import type { ListProgress, ListRow, ListView, RowsWindow } from '../../../shared/browser-list';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n/message';
import type { ServerFacts } from '../redis/open-client';
import { fitDisplay, fitText, jsonBytes } from './display-cut';
import { handlesFor, INLINE_NAME_BYTES } from './key-handles';
import type { IndexCaps } from './key-index';
import { KeyScan, WALK_COUNT, type ScanParams } from './key-scan';
import { FilteredKeys, KeyTree } from './key-views';
import { redisGlobMatch } from './redis-glob';

/** A name is shown up to 1 KiB, then cut with its full length beside it. */
const LABEL_BYTES = 1024;
/** One window's JSON stays under this (a web-mode frame is at most 256 KiB). */
const WINDOW_BUDGET = 192 * 1024;
/**
 * Milliseconds of filtering and tree building one request may take; the rest
 * waits for the next request (the reply says `building` and the renderer asks
 * again at once). Without it a text filter or a tree over 1M keys held the
 * host's event loop for 0.2–24 s.
 */
export const STEP_MS = 40;
/** How long one rows request keeps stepping before it answers 'building' (the renderer then asks again). */
export const SETTLE_MS = 750;

export interface WindowQuery {
  view: ListView;
  start: number;
  count: number;
  delimiter: string;
  expanded: string[];
  text: string;
}

/**
 * The key browser's list for one connection: the current scan (the host
 * keeps its keys, the renderer asks for windows of rows by position), the
 * text-filtered list and the folder tree, both extended as the scan goes.
 */
export class KeyList {
  private scan?: KeyScan;
  private nextId = 1;
  /** start() calls so far, so a start overtaken by a newer one while it waited gives way. */
  private starts = 0;
  private filtered?: FilteredKeys;
  private tree?: KeyTree;

  constructor(
    readonly client: Redis,
    private readonly facts: ServerFacts,
    private readonly onProgress: (progress: ListProgress) => void,
    /** Smaller caps than the index's defaults, for tests of what happens past them. */
    private readonly caps?: IndexCaps,
    /** SCAN's COUNT when walking to the end: WALK_COUNT in the sandbox, SCAN_COUNT on someone's Redis. */
    private readonly walkCount = WALK_COUNT,
  ) {}

  /** Starts a new scan (the old one is stopped and forgotten) and waits for its first page. */
  async start(params: ScanParams, toEnd: boolean): Promise<ListProgress> {
    const ticket = ++this.starts;
    const old = this.scan;
    this.scan = undefined;
    this.filtered = undefined;
    this.tree = undefined;
    await old?.stop();
    // A newer start came in while the old scan stopped: it wins. Going on would leave one of the two
    // running unseen (two quick 'scan to the end' requests walked someone's keyspace twice, one unstoppable).
    if (ticket !== this.starts) throw new AppError('invalid_input', msg('browserList.error.staleScan'));
    const scan = new KeyScan(this.client, this.facts, params, this.nextId++, (p) => {
      if (this.scan === scan) this.onProgress(p);
    }, this.caps, this.walkCount);
    this.scan = scan;
    return scan.start(toEnd);
  }

  /** One more page, or everything left (toEnd), in the background. */
  async more(scanId: number, toEnd: boolean): Promise<ListProgress> {
    return this.require(scanId).start(toEnd);
  }

  /** The server restarted (or may have): the current scan's rows are from before, and it does not go on. */
  serverChanged(): void {
    this.scan?.markStale();
  }

  async stop(scanId: number): Promise<ListProgress> {
    return this.require(scanId).stop();
  }

  /** Resolves when the current scan pauses (a page read, the end, Stop). */
  async idle(): Promise<void> {
    await this.scan?.idle();
  }

  /** What the host holds for the current scan, in bytes. */
  footprintBytes(): number {
    return this.scan?.index.footprintBytes() ?? 0;
  }

  progress(): ListProgress | null {
    return this.scan?.progress() ?? null;
  }

  private require(scanId: number): KeyScan {
    if (!this.scan || this.scan.scanId !== scanId) throw new AppError('invalid_input', msg('browserList.error.staleScan'));
    return this.scan;
  }

  private filteredFor(scan: KeyScan, text: string): FilteredKeys {
    if (!this.filtered || this.filtered.text !== text) {
      this.filtered = new FilteredKeys(scan.index, text);
      this.tree = undefined;
    }
    return this.filtered;
  }

  /** The tree for this delimiter, brought up to date by one step; `building` while keys are left for the next request. */
  private treeFor(keys: FilteredKeys, delimiter: string, deadline: number): { tree: KeyTree; building: boolean } {
    if (!this.tree || this.tree.delimiterText !== delimiter || this.tree.keys !== keys || !this.tree.current) {
      this.tree = new KeyTree(this.scan!.index, keys, delimiter);
    }
    return { tree: this.tree, building: !this.tree.update(undefined, deadline) };
  }

  /** Rows [start, start + count) of the view, labelled and with ids made only for them. */
  window(scanId: number, q: WindowQuery): RowsWindow {
    const scan = this.require(scanId);
    const index = scan.index;
    const deadline = performance.now() + STEP_MS;
    const keys = this.filteredFor(scan, q.text);
    const matching = keys.update(deadline);
    const handles = handlesFor(this.client);
    const budget = Math.max(64, Math.floor(WINDOW_BUDGET / Math.max(1, q.count)));
    const keyRow = (entry: number, depth: number, skipBytes: number): ListRow => {
      const name = index.name(entry);
      // A long name is held by the handles registry, so it must not stay a view into the arena.
      const id = handles.idOf(name.length > INLINE_NAME_BYTES ? Buffer.from(name) : name);
      const shown = skipBytes > 0 && skipBytes < name.length ? name.subarray(skipBytes) : name;
      const label = fitDisplay(shown, LABEL_BYTES, budget);
      return { kind: 'key', id, label: label.text, depth, ...(label.cut ? { bytes: name.length } : {}) };
    };
    let rows: ListRow[];
    let total: number;
    let building = !keys.complete;
    if (q.view === 'flat') {
      total = matching;
      rows = [];
      for (let p = q.start; p < Math.min(total, q.start + q.count); p++) rows.push(keyRow(keys.at(p), 0, 0));
    } else {
      const { tree, building: stillBuilding } = this.treeFor(keys, q.delimiter, deadline);
      building ||= stillBuilding;
      const expanded = new Set(q.expanded);
      const win = tree.window(q.start, q.count, expanded, !scan.progress().running);
      total = win.total;
      rows = win.rows.map((r): ListRow => {
        if ('entry' in r) return keyRow(r.entry, r.parent.depth + 1, r.parent.prefixBytes);
        const f = r.folder;
        return { kind: 'folder', id: f.id, label: fitDisplay(f.segment, LABEL_BYTES, budget).text, depth: f.depth, count: f.count, expanded: expanded.has(f.id) };
      });
    }
    const out: RowsWindow = { scanId, start: q.start, rows, total, matching, progress: scan.progress() };
    if (building) out.building = true;
    // Thousands of long binary names could still pass the budget per row; cut harder rather than break a frame.
    if (jsonBytes(out) > WINDOW_BUDGET * 1.2) {
      for (const row of rows) row.label = fitText(row.label, 320).text;
    }
    return out;
  }

  /**
   * A window as the renderer asks for it: while the filter or the tree is
   * still building, steps again after letting the event loop run (other
   * requests, progress, the scan's replies), for up to `withinMs`; so a tree
   * of 200,000 keys comes in one reply, not forty round trips, and no step
   * holds the host longer than STEP_MS.
   */
  async settledWindow(scanId: number, q: WindowQuery, withinMs = SETTLE_MS): Promise<RowsWindow> {
    const until = performance.now() + withinMs;
    let win = this.window(scanId, q);
    while (win.building && performance.now() < until) {
      await new Promise((resolve) => setImmediate(resolve));
      win = this.window(scanId, q);
    }
    return win;
  }

  /**
   * The value side created or renamed a key to this name: it joins the list
   * once (at the end), if Redis has it and the scan's MATCH and TYPE would
   * have found it. A hand-crafted request once added any name, present or
   * not, to the list and its counts.
   */
  async learn(name: Buffer): Promise<void> {
    const scan = this.scan;
    if (!scan) return;
    const { match, type } = scan.params;
    if (!redisGlobMatch(Buffer.from(match || '*'), name)) return;
    if (type ? (await this.client.type(name)) !== type : (await this.client.exists(name)) === 0) return;
    if (this.scan === scan) scan.index.add(name);
  }

  /** What reads of rows found present or gone (see KeyScan.noteRead); progress goes out when the gone count changed. */
  noteRead(seen: { name: Buffer; present: boolean }[]): void {
    const scan = this.scan;
    if (scan?.noteRead(seen)) this.onProgress(scan.progress());
  }

  /** The value side deleted or renamed a key away: it leaves every view and count. */
  forget(name: Buffer): void {
    this.scan?.index.remove(name);
  }
}

const lists = new WeakMap<object, KeyList>();

/** The list of one connection; it goes with the connection's client. */
export function keyListFor(client: Redis, facts: ServerFacts, onProgress: (p: ListProgress) => void, walkCount = WALK_COUNT): KeyList {
  let list = lists.get(client);
  if (!list) lists.set(client, (list = new KeyList(client, facts, onProgress, undefined, walkCount)));
  return list;
}
