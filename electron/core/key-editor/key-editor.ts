import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';
import type { CreateKeyInput, EditOp, EditResult, UndoResult } from '../../../shared/key-editor-contract';
import { AppError, toErrorData } from '../app-error';
import { fitDisplay } from '../browser/display-cut';
import { handlesFor } from '../browser/key-handles';
import { displayBytes } from '../redis/display-bytes';
import { aclCategories, describeNoPerm, parseNoPerm } from '../redis/permissions';
import { hashFieldAt, listElementAt } from './element';
import { planCreate, planEdit, type PlannedEdit } from './edit-ops';
import { EditHistory, type HeldEdit } from './edit-history';
import { currentFingerprint, fingerprint, takeSnapshot, type KeyBefore } from './undo-snapshot';
import { assertWritable, type GuardedConnection } from './write-guard';

/** What the editor needs of a connection: the guard's facts and a version for KEEPTTL (6.0) and RESTORE … ABSTTL (5.0). */
export type EditorConnection = GuardedConnection & { control: Redis; facts: { role: string; major: number } };

/** The commands every edit and undo runs around its writes (WATCH, then MULTI … EXEC). */
const TRANSACTION_COMMANDS = new Set(['watch', 'multi', 'exec']);

const isWrongType = (err: unknown): boolean => err instanceof Error && /^WRONGTYPE\b/.test(err.message);
const wrongType = (err: unknown) => new AppError('conflict', msg('keyEditor.wrongType'), { cause: err });

/** The first error of a transaction that was discarded (EXECABORT carries them). */
function firstError(err: unknown): unknown {
  const previous = (err as { previousErrors?: unknown[] }).previousErrors;
  return previous?.[0] ?? err;
}

/**
 * Edits keys, one at a time, on a connection of its own (WATCH and MULTI are
 * per connection): checks the namespace guard, WATCHes the keys, keeps
 * their DUMP for undo, checks that what the user saw is still there, and
 * runs the edit in MULTI. Each edit, refused or made, goes in the history.
 */
export class KeyEditor {
  readonly history = new EditHistory();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: EditorConnection,
    private readonly client: Redis,
  ) {}

  edit(id: string, op: EditOp): Promise<EditResult> {
    const key = this.keyOf(id);
    return this.serial(() => this.run(key, () => planEdit(key, op, { keepTtl: this.connection.facts.major >= 6, elementAt: listElementAt, fieldAt: hashFieldAt })));
  }

  create(input: CreateKeyInput): Promise<EditResult> {
    return this.serial(() => this.run(undefined, () => planCreate(input)));
  }

  undo(entryId: number, force: boolean): Promise<UndoResult> {
    return this.serial(() => this.undoNow(entryId, force));
  }

  private keyOf(id: string): Buffer {
    const key = handlesFor(this.connection.control).keyOf(id);
    if (!key) throw new AppError('invalid_input', msg('errors.browser.forgotten'), { field: 'id' });
    return key;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A NOPERM named with the ACL categories that would allow it; a WRONGTYPE as the change of type it means; anything else as it came. */
  private async named(err: unknown, command: string): Promise<unknown> {
    if (isWrongType(err)) return wrongType(err);
    const denied = parseNoPerm(err, command);
    if (!denied) return err;
    const name = (denied.command ?? command).toLowerCase();
    const categories = denied.kind === 'command' ? await aclCategories(this.connection.control, name) : [];
    const refusal = describeNoPerm(denied, categories);
    // Granting only the refused WATCH would meet MULTI's refusal next, then the write's: say at once what an edit needs.
    const transaction = denied.kind === 'command' && TRANSACTION_COMMANDS.has(name);
    return new AppError('no_permission', transaction ? msg('keyEditor.needsTransaction', { refusal }) : refusal, { cause: err });
  }

  private label(key: Buffer): string {
    return displayBytes(key, 200, 'name');
  }

  private async run(known: Buffer | undefined, plan: () => PlannedEdit): Promise<EditResult> {
    let planned: PlannedEdit | undefined;
    let label = known ? this.label(known) : '';
    try {
      planned = plan();
      label = this.label(planned.keys[0]);
      for (const key of planned.keys) assertWritable(this.connection, key);
      const c = this.client;
      // WATCH first: the snapshot and the checks then see exactly the state EXEC changes, or EXEC fails.
      await c.watch(...planned.keys).catch(async (err: unknown) => Promise.reject(await this.named(err, 'watch')));
      let snapshot: Awaited<ReturnType<typeof takeSnapshot>>;
      try {
        snapshot = await takeSnapshot(c, planned.keys);
        await planned.check(c);
      } catch (err) {
        await c.unwatch();
        throw err;
      }
      const multi = c.multi();
      planned.apply(multi);
      if (snapshot.ok) for (const key of planned.keys) multi.dumpBuffer(key);
      let replies: [Error | null, unknown][] | null;
      try {
        replies = await multi.exec();
      } catch (err) {
        throw await this.named(firstError(err), 'exec');
      }
      if (!replies) throw new AppError('conflict', msg('keyEditor.changedDuring'));
      const failed = replies.find(([err]) => err);
      if (failed) throw await this.named(failed[0], 'exec');
      const after = snapshot.ok ? replies.slice(-planned.keys.length).map(([, dump]) => fingerprint(dump as Buffer | null)) : undefined;
      const held = this.history.add(
        { key: label, what: planned.what, result: 'done', undo: snapshot.ok ? { ok: true } : { ok: false, reason: snapshot.reason } },
        snapshot.ok ? snapshot.keys : undefined,
        after,
      );
      return { entry: held.entry, key: planned.after ? this.browserKey(planned.after) : null };
    } catch (caught) {
      // A check's own read (HEXISTS, LINDEX…) meets WRONGTYPE when another client replaced the key with another type.
      const err = isWrongType(caught) ? wrongType(caught) : caught;
      const error = toErrorData(err);
      this.history.add({ key: label, what: planned?.what ?? msg('keyEditor.op.unknown'), result: 'failed', error, undo: { ok: false, reason: msg('keyEditor.undo.failedEdit') } });
      throw err;
    }
  }

  private browserKey(key: Buffer) {
    const label = fitDisplay(key, 1024, 1024 * 5);
    return { id: handlesFor(this.connection.control).idOf(key), label: label.text, ...(label.cut ? { bytes: key.length } : {}) };
  }

  /**
   * Puts the keys back as they were before the edit: RESTORE … REPLACE from
   * the kept DUMP (with the same absolute expiry), DEL for a key the edit
   * created. Refused when a key changed since the edit (someone else's
   * write would be lost), unless forced.
   */
  private async undoNow(entryId: number, force: boolean): Promise<UndoResult> {
    const held = this.history.get(entryId);
    if (!held) throw new AppError('invalid_input', msg('keyEditor.undo.unknown'), { field: 'entry' });
    if (!held.before || !held.after) {
      const reason: Message = held.entry.undo.ok ? msg('keyEditor.undo.already') : held.entry.undo.reason;
      throw new AppError('invalid_input', msg('keyEditor.undo.not', { reason }));
    }
    const before: KeyBefore[] = held.before;
    const c = this.client;
    const keys = before.map((k) => k.key);
    for (const key of keys) assertWritable(this.connection, key);
    await c.watch(...keys).catch(async (err: unknown) => Promise.reject(await this.named(err, 'watch')));
    try {
      const now = await Promise.all(keys.map((k) => currentFingerprint(c, k)));
      const moved = now.some((print, i) => print !== held.after![i]);
      // A key the edit left and that is gone now expired or was deleted: said as that, not as a change someone made to it.
      const gone = now.every((print, i) => print === held.after![i] || (print === 'absent' && held.after![i] !== 'absent'));
      if (moved && !force) throw new AppError('conflict', msg(gone ? 'keyEditor.undo.goneSince' : 'keyEditor.undo.changedSince'));
    } catch (err) {
      await c.unwatch();
      throw await this.named(err, 'dump');
    }
    const multi = c.multi();
    const abs = this.connection.facts.major >= 5;
    for (const k of before) {
      if (!k.dump) multi.del(k.key);
      else if (k.expireAt < 0) multi.restore(k.key, 0, k.dump, 'REPLACE');
      else if (abs) multi.restore(k.key, k.expireAt, k.dump, 'REPLACE', 'ABSTTL');
      else multi.restore(k.key, Math.max(1, k.expireAt - Date.now()), k.dump, 'REPLACE');
    }
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await multi.exec();
    } catch (err) {
      throw await this.named(firstError(err), 'restore');
    }
    if (!replies) throw new AppError('conflict', msg('keyEditor.changedDuring'));
    const failed = replies.find(([err]) => err);
    if (failed) throw await this.named(failed[0], 'restore');
    this.history.markUndone(held as HeldEdit);
    const handles = handlesFor(this.connection.control);
    return {
      entry: held.entry,
      restored: before.filter((k) => k.dump).map((k) => this.browserKey(k.key)),
      removed: before.filter((k) => !k.dump).map((k) => handles.idOf(k.key)),
    };
  }
}
