import { randomBytes } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';
import type { BytesIn, CreateKeyInput, EditOp } from '../../../shared/key-editor-contract';
import { EDIT_BYTES } from '../../../shared/key-editor-contract';
import { AppError } from '../app-error';
import { displayBytes } from '../redis/display-bytes';
import { fromBytesIn } from './value-bytes';

/** How the editor reaches one element without reading a huge one whole (see element.ts). */
export type ElementAt = (client: Redis, key: Buffer, index: number) => Promise<{ head: Buffer; bytes: number } | null>;
/** How the editor reaches one hash field's value the same way, cut to `limit` bytes inside Redis. */
export type FieldAt = (client: Redis, key: Buffer, field: Buffer, limit: number) => Promise<{ head: Buffer; bytes: number } | null>;

/** One edit, planned: the keys it touches, what it checks first, the commands it queues in MULTI, and how the history names it. */
export interface PlannedEdit {
  keys: Buffer[];
  what: Message;
  /** Runs after WATCH: throws when the key is not as the user saw it. */
  check(client: Redis): Promise<void>;
  apply(multi: ChainableCommander): void;
  /** The key's name after the edit (rename, create); null when the edit deletes it. */
  after: Buffer | null;
}

/** A value as the history names it: its start, printable. */
const shown = (b: Buffer) => displayBytes(b, 60, 'name');

function changed(what: Message): never {
  throw new AppError('conflict', msg('keyEditor.changed', { what }));
}

/** Compares an element with what the user saw: its length first, then its bytes (both at most EDIT_BYTES). */
function same(current: Buffer | null | { head: Buffer; bytes: number }, expected: Buffer): boolean {
  if (current === null) return false;
  if (Buffer.isBuffer(current)) return current.equals(expected);
  return current.bytes === expected.length && current.head.subarray(0, expected.length).equals(expected);
}

async function mustExist(client: Redis, key: Buffer): Promise<void> {
  if ((await client.exists(key)) === 0) throw new AppError('conflict', msg('keyEditor.gone'));
}

const sameScore = (a: string | null, b: string) => a !== null && (a === b || Number(a) === Number(b));

/**
 * Plans one edit of an existing key. Every check compares what the user saw
 * (the value, the score, that a field is absent) with what Redis holds now,
 * after WATCH, so a change by someone else in between is said rather than
 * overwritten; the commands then run in MULTI and EXEC fails if the key
 * changed after the check.
 */
export function planEdit(key: Buffer, op: EditOp, opts: { keepTtl: boolean; elementAt: ElementAt; fieldAt: FieldAt }): PlannedEdit {
  const b = (x: BytesIn) => fromBytesIn(x);
  const base = { keys: [key], after: key as Buffer | null };
  switch (op.op) {
    case 'ttl':
      return { ...base, what: msg('keyEditor.op.ttl', { ms: op.ttlMs }), check: (c) => mustExist(c, key), apply: (m) => void m.pexpire(key, op.ttlMs) };
    case 'persist':
      return { ...base, what: msg('keyEditor.op.persist'), check: (c) => mustExist(c, key), apply: (m) => void m.persist(key) };
    case 'delete':
      return { ...base, after: null, what: msg('keyEditor.op.delete'), check: (c) => mustExist(c, key), apply: (m) => void m.del(key) };
    case 'rename': {
      const to = b(op.to);
      return {
        keys: [key, to],
        after: to,
        what: msg('keyEditor.op.rename', { to: shown(to) }),
        check: async (c) => {
          await mustExist(c, key);
          if (to.equals(key)) throw new AppError('invalid_input', msg('keyEditor.sameName'), { field: 'to' });
          if ((await c.exists(to)) > 0) throw new AppError('conflict', msg('keyEditor.targetExists', { to: shown(to) }));
        },
        apply: (m) => void m.renamenx(key, to),
      };
    }
    case 'setString': {
      const value = b(op.value);
      const expect = b(op.expect);
      let pttl = -1;
      return {
        ...base,
        what: msg('keyEditor.op.setString', { value: shown(value) }),
        check: async (c) => {
          const size = await c.strlen(key);
          // GETRANGE of one byte more than the value shown: bounded even if the value grew after STRLEN, and a longer value differs.
          if (size !== expect.length || size > EDIT_BYTES || !same(await c.getrangeBuffer(key, 0, expect.length), expect)) changed(msg('keyEditor.what.value'));
          if (!opts.keepTtl) pttl = await c.pttl(key);
        },
        apply: (m) => {
          if (opts.keepTtl) m.set(key, value, 'KEEPTTL');
          else {
            m.set(key, value);
            if (pttl > 0) m.pexpire(key, pttl);
          }
        },
      };
    }
    case 'hashSet': {
      const field = b(op.field);
      const value = b(op.value);
      const expect = op.expect && b(op.expect);
      return {
        ...base,
        what: expect ? msg('keyEditor.op.hashSet', { field: shown(field), value: shown(value) }) : msg('keyEditor.op.hashAdd', { field: shown(field), value: shown(value) }),
        check: async (c) => {
          // HSET on a key someone deleted meanwhile would make a new hash of one field: say it is gone instead.
          await mustExist(c, key);
          if (!expect) {
            if (await c.hexists(key, field)) throw new AppError('conflict', msg('keyEditor.fieldExists', { field: shown(field) }));
            return;
          }
          // One byte more than the value shown: enough to tell a longer value differs, never the whole of a field that grew.
          if (!same(await opts.fieldAt(c, key, field, expect.length + 1), expect)) changed(msg('keyEditor.what.field', { field: shown(field) }));
        },
        apply: (m) => void m.hset(key, field, value),
      };
    }
    case 'hashDelete': {
      const field = b(op.field);
      return {
        ...base,
        what: msg('keyEditor.op.hashDelete', { field: shown(field) }),
        check: async (c) => {
          if (!(await c.hexists(key, field))) changed(msg('keyEditor.what.field', { field: shown(field) }));
        },
        apply: (m) => void m.hdel(key, field),
      };
    }
    case 'listSet':
    case 'listRemove': {
      const expect = b(op.expect);
      const value = op.op === 'listSet' ? b(op.value) : undefined;
      // LREM removes by value, so the element is first marked with bytes nobody else writes, then that mark removed.
      const mark = Buffer.concat([Buffer.from('\0rpi-removed:'), randomBytes(16)]);
      return {
        ...base,
        what: value ? msg('keyEditor.op.listSet', { index: op.index, value: shown(value) }) : msg('keyEditor.op.listRemove', { index: op.index }),
        check: async (c) => {
          if (!same(await opts.elementAt(c, key, op.index), expect)) changed(msg('keyEditor.what.element', { index: op.index }));
        },
        apply: (m) => {
          if (value) m.lset(key, op.index, value);
          else m.lset(key, op.index, mark).lrem(key, 1, mark);
        },
      };
    }
    case 'listPush': {
      const value = b(op.value);
      return {
        ...base,
        what: op.end === 'head' ? msg('keyEditor.op.listPushHead', { value: shown(value) }) : msg('keyEditor.op.listPushTail', { value: shown(value) }),
        check: (c) => mustExist(c, key),
        apply: (m) => void (op.end === 'head' ? m.lpush(key, value) : m.rpush(key, value)),
      };
    }
    case 'setAdd':
    case 'setRemove':
    case 'setReplace': {
      const member = b(op.member);
      const to = op.op === 'setReplace' ? b(op.to) : undefined;
      const what =
        op.op === 'setAdd'
          ? msg('keyEditor.op.setAdd', { member: shown(member) })
          : op.op === 'setRemove'
            ? msg('keyEditor.op.setRemove', { member: shown(member) })
            : msg('keyEditor.op.setReplace', { member: shown(member), to: shown(to!) });
      return {
        ...base,
        what,
        check: async (c) => {
          await mustExist(c, key);
          const isMember = (await c.sismember(key, member)) === 1;
          if (op.op === 'setAdd' && isMember) throw new AppError('conflict', msg('keyEditor.memberExists', { member: shown(member) }));
          if (op.op !== 'setAdd' && !isMember) changed(msg('keyEditor.what.member', { member: shown(member) }));
          if (to && (await c.sismember(key, to)) === 1) throw new AppError('conflict', msg('keyEditor.memberExists', { member: shown(to) }));
        },
        apply: (m) => {
          if (op.op === 'setAdd') m.sadd(key, member);
          else m.srem(key, member);
          if (to) m.sadd(key, to);
        },
      };
    }
    case 'zsetAdd':
    case 'zsetScore':
    case 'zsetRename':
    case 'zsetRemove': {
      const member = b(op.member);
      const to = op.op === 'zsetRename' ? b(op.to) : undefined;
      let score = op.op === 'zsetAdd' || op.op === 'zsetScore' ? op.score : '';
      const what =
        op.op === 'zsetAdd'
          ? msg('keyEditor.op.zsetAdd', { member: shown(member), score })
          : op.op === 'zsetScore'
            ? msg('keyEditor.op.zsetScore', { member: shown(member), score })
            : op.op === 'zsetRename'
              ? msg('keyEditor.op.zsetRename', { member: shown(member), to: shown(to!) })
              : msg('keyEditor.op.zsetRemove', { member: shown(member) });
      return {
        ...base,
        what,
        check: async (c) => {
          await mustExist(c, key);
          const current = await c.zscore(key, member);
          if (op.op === 'zsetAdd') {
            if (current !== null) throw new AppError('conflict', msg('keyEditor.memberExists', { member: shown(member) }));
            return;
          }
          if (current === null || (op.op === 'zsetScore' && !sameScore(current, op.expect))) changed(msg('keyEditor.what.member', { member: shown(member) }));
          if (to) {
            if ((await c.zscore(key, to)) !== null) throw new AppError('conflict', msg('keyEditor.memberExists', { member: shown(to) }));
            score = current;
          }
        },
        apply: (m) => {
          if (op.op === 'zsetAdd') m.zadd(key, 'NX', score, member);
          else if (op.op === 'zsetScore') m.zadd(key, 'XX', score, member);
          else {
            m.zrem(key, member);
            if (to) m.zadd(key, score, to);
          }
        },
      };
    }
    case 'streamAdd': {
      const fields = op.fields.flatMap(([f, v]) => [b(f), b(v)]);
      return {
        ...base,
        what: msg('keyEditor.op.streamAdd', { n: op.fields.length }),
        check: (c) => mustExist(c, key),
        apply: (m) => void m.xadd(key, '*', ...fields),
      };
    }
    case 'streamDelete':
      return {
        ...base,
        what: msg('keyEditor.op.streamDelete', { entryId: op.entryId }),
        check: async (c) => {
          await mustExist(c, key);
          const found = await c.xrangeBuffer(key, op.entryId, op.entryId, 'COUNT', 1);
          if (found.length === 0) changed(msg('keyEditor.what.entry', { entryId: op.entryId }));
        },
        apply: (m) => void m.xdel(key, op.entryId),
      };
  }
}

/** Plans a new key: it must not exist yet; Redis has no empty collection, so it is made with its first element. */
export function planCreate(input: CreateKeyInput): PlannedEdit {
  const key = fromBytesIn(input.name);
  const value = fromBytesIn(input.value);
  const field = input.field ? fromBytesIn(input.field) : undefined;
  if ((input.type === 'hash' || input.type === 'stream') && !field) throw new AppError('invalid_input', msg('keyEditor.fieldNeeded'), { field: 'field' });
  if (input.type === 'zset' && input.score === undefined) throw new AppError('invalid_input', msg('keyEditor.scoreNeeded'), { field: 'score' });
  return {
    keys: [key],
    after: key,
    what: msg('keyEditor.op.create', { type: input.type, key: shown(key) }),
    check: async (c) => {
      if ((await c.exists(key)) > 0) throw new AppError('conflict', msg('keyEditor.targetExists', { to: shown(key) }));
    },
    apply: (m) => {
      switch (input.type) {
        case 'string': m.set(key, value); break;
        case 'hash': m.hset(key, field!, value); break;
        case 'list': m.rpush(key, value); break;
        case 'set': m.sadd(key, value); break;
        case 'zset': m.zadd(key, input.score!, value); break;
        case 'stream': m.xadd(key, '*', field!, value); break;
      }
      if (input.ttlMs) m.pexpire(key, input.ttlMs);
    },
  };
}
