import type { AppErrorData } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/i18n/message';
import type { EditEntry } from '../../../shared/key-editor-contract';
import type { KeyBefore } from './undo-snapshot';

/** Entries kept, newest last; older ones drop off. */
const MAX_ENTRIES = 100;
/** DUMP bytes kept for undo across all entries; the oldest are dropped first and their entries say so. */
export const HISTORY_DUMP_BYTES = 64 * 1024 * 1024;

/** One entry and, while it can be undone, the keys as they were before and their fingerprints after. */
export interface HeldEdit {
  entry: EditEntry;
  before?: KeyBefore[];
  /** Per key of `before`: the fingerprint of its DUMP right after the edit (see undo-snapshot.ts). */
  after?: string[];
}

/**
 * The edit history of one connection: what was done, when, how it ended,
 * and what undo needs. Bounded in entries and in DUMP bytes held.
 */
export class EditHistory {
  private readonly held: HeldEdit[] = [];
  private nextId = 1;
  private bytes = 0;

  add(fields: { key: string; what: Message; result: EditEntry['result']; error?: AppErrorData; undo: EditEntry['undo'] }, before?: KeyBefore[], after?: string[]): HeldEdit {
    const held: HeldEdit = { entry: { id: this.nextId++, at: Date.now(), ...fields }, before, after };
    this.held.push(held);
    this.bytes += size(before);
    while (this.held.length > MAX_ENTRIES) this.drop(this.held.shift()!);
    for (const old of this.held) {
      if (this.bytes <= HISTORY_DUMP_BYTES) break;
      if (old.before && old !== held) {
        this.drop(old);
        old.entry.undo = { ok: false, reason: msg('keyEditor.undo.dropped', { limit: HISTORY_DUMP_BYTES }) };
      }
    }
    return held;
  }

  get(id: number): HeldEdit | undefined {
    return this.held.find((h) => h.entry.id === id);
  }

  /** An undone edit keeps its line; what undo needed is let go. */
  markUndone(held: HeldEdit): void {
    this.drop(held);
    held.entry.result = 'undone';
    held.entry.undoneAt = Date.now();
    held.entry.undo = { ok: false, reason: msg('keyEditor.undo.already') };
  }

  entries(): EditEntry[] {
    return this.held.map((h) => h.entry);
  }

  private drop(held: HeldEdit): void {
    this.bytes -= size(held.before);
    held.before = undefined;
    held.after = undefined;
  }
}

const size = (before?: KeyBefore[]) => (before ?? []).reduce((n, k) => n + (k.dump?.length ?? 0), 0);
