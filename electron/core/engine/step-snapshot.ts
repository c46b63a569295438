/**
 * What the panels showed right after a step, read once by the host and kept
 * with the step, so selecting an earlier step shows it as it was instead of
 * recomputing it from today's Redis. Bounded twice: each snapshot reads at
 * most SNAPSHOT_KEYS keys (each cut to a small preview), and a run keeps
 * snapshots for its newest SNAPSHOTS_KEPT history entries only.
 */
import { getKeyIndexes } from '@ioredis/commands';
import type { Redis } from 'ioredis';
import type { GenericPanel, KeyInfo, KeysSnapshot, PanelData, StepResult, StepSnapshot, TraceEntry } from '../../../shared/model';
import { queueDbRows } from '../db/db-rows';
import type { UserDatabase } from '../db/user-database';
import { keyDetailsFrom, queueKeyDetails, type Reply } from '../feed/key-details';

/** Keys one snapshot reads; a pattern touches a handful, a crowd of lanes a few dozen. */
export const SNAPSHOT_KEYS = 40;
/** History entries that keep their snapshot; older ones drop it (the state pushed to the renderer stays small). */
export const SNAPSHOTS_KEPT = 30;
/** JSON bytes all of one snapshot's key details may take together. */
const KEYS_BUDGET = 16 * 1024;

/**
 * The keys a run has touched, in the order it first touched them, learnt
 * from its traces with ioredis' command table (the same key positions the
 * namespace guard checks). A snapshot reads these instead of walking the
 * namespace with SCAN: on a large existing Redis a walk per step would cost
 * a pass over the whole keyspace, while the run's own keys are exactly what
 * its steps changed.
 */
export class TouchedKeys {
  private readonly names = new Set<string>();
  private changes = 0;

  constructor(private readonly namespace: string) {}

  /** Notes the keys of one trace entry, including the commands a script ran. */
  add(entry: TraceEntry): void {
    if (entry.kind !== 'redis') return;
    this.addCommand(entry.command, entry.args);
    for (const inner of entry.inner ?? []) this.addCommand(inner.command, inner.args);
  }

  /** The names to read, newest-touched last; at most `limit`, and whether there were more. */
  list(limit = SNAPSHOT_KEYS): { names: string[]; more: number } {
    const all = [...this.names];
    return { names: all.slice(0, limit), more: Math.max(0, all.length - limit) };
  }

  /** How many keys the run has touched. */
  get size(): number {
    return this.names.size;
  }

  /**
   * Grows whenever a name joins the list (or it is cleared): while it
   * stays, the last reads covered every key touched. A key forgotten because
   * a read found it gone does not count: that read already shows it gone.
   */
  get version(): number {
    return this.changes;
  }

  /** Keys that no longer exist stop being read. */
  forget(names: string[]): void {
    for (const name of names) this.names.delete(name);
  }

  clear(): void {
    this.names.clear();
    this.changes++;
  }

  private addCommand(command: string, args: string[]): void {
    let indexes: number[];
    try {
      indexes = getKeyIndexes(command.toLowerCase(), args);
    } catch {
      return;
    }
    for (const i of indexes) {
      const name = args[i];
      // The guard refused anything outside the namespace; a name cut for display (ends in "…") cannot be read back.
      if (name?.startsWith(this.namespace) && !name.endsWith('…') && !this.names.has(name)) {
        this.names.add(name);
        this.changes++;
      }
    }
  }
}

/** The Keys panel of a snapshot from the replies queueKeyDetails asked for (a collection costs one more round trip). */
async function keysFrom(control: Redis, namespace: string, touched: TouchedKeys, names: string[], more: number, replies: Reply[]): Promise<KeysSnapshot> {
  const details = await keyDetailsFrom(
    control,
    names.map((n) => Buffer.from(n)),
    replies,
    0,
    { budget: KEYS_BUDGET },
  );
  touched.forget(names.filter((_, i) => details[i] === null || details[i]?.type === 'none'));
  const keys = details.filter((k): k is KeyInfo => k !== null && k.type !== 'none').sort((a, b) => a.key.localeCompare(b.key));
  return { namespace, keys, truncated: more > 0, more, at: Date.now() };
}

export interface SnapshotSource {
  control: Redis;
  db: UserDatabase;
  namespace: string;
  /** The generic panels the pattern shows: only those are read. */
  generic: GenericPanel[];
  touched: TouchedKeys;
}

/** What a snapshot reads from Redis and the database, and when. */
export type SnapshotReads = Pick<StepSnapshot, 'at' | 'keys' | 'dbRows'>;

/** Reads the state after a step: the pattern's panels as just inspected, plus Keys and the database when it shows them. */
export async function takeSnapshot(source: SnapshotSource, panels: PanelData[]): Promise<StepSnapshot> {
  return withPanels(await readSnapshot(source), panels);
}

export function withPanels(reads: SnapshotReads, panels: PanelData[]): StepSnapshot {
  const snapshot: StepSnapshot = { at: reads.at, panels };
  if (reads.keys) snapshot.keys = reads.keys;
  if (reads.dbRows) snapshot.dbRows = reads.dbRows;
  return snapshot;
}

/**
 * Reads Keys and the database rows when the pattern shows them, all in one
 * pipeline (one round trip, a second only to peek into collections).
 */
export async function readSnapshot(source: SnapshotSource): Promise<SnapshotReads> {
  const { control, db, namespace, generic, touched } = source;
  const withKeys = generic.includes('keys');
  const withDb = generic.includes('db');
  if (!withKeys && !withDb) return { at: Date.now() };
  const pipe = control.pipeline();
  const { names, more } = withKeys ? touched.list() : { names: [], more: 0 };
  queueKeyDetails(
    pipe,
    names.map((n) => Buffer.from(n)),
  );
  const dbOffset = pipe.length;
  const decodeDb = withDb ? queueDbRows(pipe, db, namespace) : undefined;
  const replies = ((await pipe.exec()) ?? []) as Reply[];
  const at = Date.now();
  const keys = withKeys ? await keysFrom(control, namespace, touched, names, more, replies) : undefined;
  return { at, keys, dbRows: decodeDb?.(replies, dbOffset) };
}

/**
 * Drops the snapshots of all but the newest SNAPSHOTS_KEPT entries, in
 * place. Called after each entry is added, so only the entry that just left
 * the window still has one: it walks back to the first without and stops
 * (a long run does not pay for its whole history on every step).
 */
export function boundSnapshots(history: StepResult[]): void {
  for (let i = history.length - SNAPSHOTS_KEPT - 1; i >= 0 && history[i].after; i--) history[i] = { ...history[i], after: undefined };
}
