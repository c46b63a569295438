/** What the key browser's list side exchanges: scan progress, windows of rows, row metadata. */
import type { AppErrorData } from './errors';
import type { Denial, RedisType } from './model';

/** Where the host's scan is: streamed as 'browserList' events (at most one per frame) and returned by every list request. */
export interface ListProgress {
  /** Changes with every new scan, so a late answer for an old one is recognised. */
  scanId: number;
  match: string;
  type?: RedisType;
  /** Distinct keys found and still present (SCAN's repeats counted once, removed keys not at all). */
  keys: number;
  /**
   * Of `keys`, how many a later read of their row found missing (TYPE
   * 'none', MEMORY USAGE nil): expired or deleted since the scan found
   * them. Only rows that were read are known; absent when none.
   */
  gone?: number;
  /** SCAN calls sent so far. */
  calls: number;
  /** SCAN's cursor came back to 0: every key present for the whole scan has been seen. */
  done: boolean;
  /** The host is scanning now (until the page it was asked for, or to the end). */
  running: boolean;
  /** Scanning to the end was asked for (and not stopped). */
  toEnd: boolean;
  /** The host holds at most this many keys; `capped` says the scan stopped there. */
  cap: number;
  capped: boolean;
  /** DBSIZE when the scan started and when it last paused: the scale of the keyspace. */
  dbsize?: number;
  dbsizeDenied?: Denial;
  /** Why the scan stopped early (connection lost, ACL); what was found is kept and Continue resumes. */
  error?: AppErrorData;
  /** Milliseconds spent scanning so far. */
  elapsedMs: number;
}

export type ListView = 'tree' | 'flat';

export interface FolderRow {
  kind: 'folder';
  /** The folder's prefix as an id (base64, or '#'+hash when long), stable across windows and scans. */
  id: string;
  /** The folder's own segment, as text. */
  label: string;
  depth: number;
  /** Keys under the folder among those scanned so far (partial while the scan runs). */
  count: number;
  expanded: boolean;
}

export interface KeyRow {
  kind: 'key';
  /** The key's id, as key-handles.ts makes it: base64 of a short name, '#'+hash of a long one. */
  id: string;
  /** In the tree, the name after its folder's prefix; in the flat view, the whole name; cut when long. */
  label: string;
  /** The name's full length in bytes when `label` shows only part of it. */
  bytes?: number;
  depth: number;
}

export type ListRow = FolderRow | KeyRow;

export interface RowsWindow {
  /** The scan this window belongs to. */
  scanId: number;
  start: number;
  rows: ListRow[];
  /** Rows in the view (folders, expanded content, keys) as of now. */
  total: number;
  /** Keys that pass the text filter among those scanned. */
  matching: number;
  /** The tree has not taken in every scanned key yet (it does so a step per request): its counts are so far. */
  building?: boolean;
  progress: ListProgress;
}

/** Type and TTL of one row, read in one pipeline (or why not). */
export type RowMeta =
  | { id: string; type: string; pttl: number; readAt: number; denied?: { type?: Denial; ttl?: Denial } }
  | { id: string; missing: 'deleted' | 'forgotten' };

/** MEMORY USAGE and OBJECT ENCODING of one row, read on demand. */
export type RowMemory =
  | { id: string; bytes?: number; encoding?: string; denied?: { memory?: Denial; encoding?: Denial } }
  | { id: string; missing: 'deleted' | 'forgotten' };
