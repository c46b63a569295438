/**
 * The key browser's value side (every type paged, decoders, edits and their
 * history): its requests, spread into `requests` in contract.ts so both
 * transports validate them like every other request.
 *
 * Bytes travel as text when they are valid UTF-8 (most values: readable and
 * no larger than they are) and as base64 otherwise (`enc: 'base64'`), so a
 * binary key or value goes to the renderer and back byte for byte; the
 * renderer shows base64 bytes as \xNN escapes or hex, never re-encoded text.
 */
import { z } from 'zod';
import type { AppErrorData } from './errors';
import type { Message } from './i18n/message';
import type { BrowserKey, Denial, KeyDenials } from './model';
import { keyIdSchema } from './key-id';

/** One element, field, member or name as it travels: its text, or base64 of its bytes; `bytes` is its full length when `text` holds only its start. */
export interface ValueBytes {
  text: string;
  enc?: 'base64';
  /** The full length in bytes, present only when `text` holds just the start. */
  bytes?: number;
}

/** Where a page starts: an index (list, sorted set by rank, string byte offset), a SCAN cursor (hash, set) or a stream entry ID. */
export type PagePosition = z.output<typeof pagePosition>;

/** How a string is shown: as read, JSON (pretty-printed even when cut), hex, or decoded (MessagePack, gzip, deflate/zlib). */
export const STRING_VIEWS = ['auto', 'text', 'json', 'hex', 'msgpack', 'gzip', 'deflate'] as const;
export type StringView = (typeof STRING_VIEWS)[number];

/** A string's page: `offset`..`offset + length` of its bytes, shown in one view. */
export interface StringPage {
  offset: number;
  /** Bytes of the value this page covers. */
  length: number;
  /** The view used; for `auto`, the one the host chose from the bytes. */
  view: Exclude<StringView, 'auto'>;
  /** What the view shows (pretty JSON, hex lines, decoded JSON, or text with \xNN escapes). */
  text: string;
  /** Why the view shows less than the value, or how it was decoded (bounds, failures), in order. */
  notes: Message[];
  /** The whole value, when it is small enough to edit here (EDIT_BYTES). */
  whole?: ValueBytes;
}

/** One row of a collection page. */
export interface ValueRow {
  /** List index, or sorted-set rank (lowest score first). */
  index?: number;
  /** Stream entry ID. */
  entryId?: string;
  /** Sorted-set score, as Redis replied it. */
  score?: string;
  /** list: [element]; set: [member]; zset: [member]; hash: [field, value]; stream: field, value, field, value… */
  cells: ValueBytes[];
  /** Streams: how many fields the entry has (only the first few travel). */
  fieldCount?: number;
}

/** Whether the app may change this key, and if not, why (said in the UI, and enforced by the host). */
export type Writable = { ok: true } | { ok: false; reason: Message };

export interface ValuePage {
  id: string;
  /** The name as display text, cut when long (then `keyBytes` is its full length). */
  key: string;
  keyBytes?: number;
  /** The exact name, for a rename field and the history (absent when longer than EDIT_BYTES). */
  name?: ValueBytes;
  type: string;
  /** Bytes of a string, elements of anything else. */
  size: number;
  pttl: number;
  readAt: number;
  denied?: KeyDenials;
  writable: Writable;
  /** Where this page starts, and where its neighbours do (absent at an end). */
  at: PagePosition;
  next?: PagePosition;
  prev?: PagePosition;
  string?: StringPage;
  rows?: ValueRow[];
  /** Elements not read on purpose: cutting them inside Redis needs EVAL, which was refused, and the key is too large to read whole. */
  unread?: { denial: Denial; memoryBytes?: number };
}

/** A consumer group of a stream (XINFO GROUPS) and its pending entries (XPENDING summary and first entries). */
export interface StreamGroup {
  name: string;
  consumers: number;
  pending: number;
  lastDeliveredId: string;
  /** Redis 7.0+: entries not yet delivered to the group; null when Redis cannot tell. */
  lag?: number | null;
}
export interface StreamGroups {
  groups: StreamGroup[];
  /** More groups than shown. */
  more: boolean;
  /** The group whose pending entries follow. */
  group?: string;
  pending?: {
    count: number;
    minId?: string;
    maxId?: string;
    consumers: { name: string; count: number }[];
    entries: { entryId: string; consumer: string; idleMs: number; deliveries: number }[];
  };
  denied?: Denial;
}

/** One edit as the history shows it: what, when, on which key, how it ended, and whether it can be undone. */
export interface EditEntry {
  id: number;
  at: number;
  key: string;
  what: Message;
  result: 'done' | 'failed' | 'undone';
  /** Why it failed (in the user's language). */
  error?: AppErrorData;
  /** Undo is possible, or why not. */
  undo: { ok: true } | { ok: false; reason: Message };
  undoneAt?: number;
}

/** An undo: its entry, the keys that exist again (or changed back) and the ids of keys it deleted (a key the edit had made, or renamed to). */
export interface UndoResult {
  entry: EditEntry;
  restored: BrowserKey[];
  removed: string[];
}

export interface EditResult {
  entry: EditEntry;
  /** The key after the edit (its id and label; a rename or a new key has a new one); null when it no longer exists. */
  key: BrowserKey | null;
}

/** Elements per page, at most. */
export const PAGE_ROWS_MAX = 200;
/** A string or element is edited here only up to this size: it travels whole, twice (old and new), in one frame. */
export const EDIT_BYTES = 64 * 1024;

const keyId = keyIdSchema;

/*
 * Refusals below are message ids: the boundary (dispatch) turns a schema
 * issue whose text is a catalog id into that message, so a hand-crafted
 * request is refused in the user's language like everything else.
 */

/**
 * Standard base64 only: padded, and the last character carries no stray
 * bits. Node's decoder takes anything ('a' decodes to no bytes at all), so
 * a lenient text would write bytes other than the ones sent.
 */
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

/** Bytes sent by the renderer: text, or base64 for anything that is not UTF-8. */
export const bytesIn = z
  .object({
    text: z.string().max(Math.ceil((EDIT_BYTES * 4) / 3) + 4),
    enc: z.literal('base64').optional(),
  })
  .strict()
  .refine((b) => b.enc !== 'base64' || CANONICAL_BASE64.test(b.text), 'keyEditor.input.base64');
export type BytesIn = z.output<typeof bytesIn>;

/** Redis cursors and stream ID parts are unsigned 64-bit: a 20-digit number past this is refused by Redis with a script error. */
const U64_MAX = 18446744073709551615n;
/** Digits only (zod runs a refinement even after its regex failed, and BigInt throws on anything else), at most U64_MAX. */
const fitsU64 = (digits: string) => /^\d{1,20}$/.test(digits) && BigInt(digits) <= U64_MAX;

/** 0-1, 1526919030474-55, or the range ends - and +. */
const streamId = z
  .string()
  .regex(/^(?:\d{1,20}(?:-\d{1,20})?|[-+])$/, 'keyEditor.input.streamId')
  .refine((id) => id === '-' || id === '+' || id.split('-').every(fitsU64), 'keyEditor.input.streamId');
/** One entry, by its full ID: XDEL of 5 would delete 5-0 while XRANGE 5 5 finds 5-3. */
const entryId = z
  .string()
  .regex(/^\d{1,20}-\d{1,20}$/, 'keyEditor.input.entryId')
  .refine((id) => id.split('-').every(fitsU64), 'keyEditor.input.streamId');
const index = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** What ZADD takes: 1e999 matches the shape but is no float Redis accepts. */
const score = z
  .string()
  .trim()
  .regex(/^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf)$/i, 'keyEditor.input.score')
  .refine((s) => /inf$/i.test(s) || Number.isFinite(Number(s)), 'keyEditor.input.score');

export const pagePosition = z.discriminatedUnion('by', [
  z.object({ by: z.literal('index'), start: index }).strict(),
  z.object({ by: z.literal('cursor'), cursor: z.string().regex(/^\d{1,20}$/, 'keyEditor.input.cursor').refine(fitsU64, 'keyEditor.input.cursor') }).strict(),
  z.object({ by: z.literal('id'), start: streamId, dir: z.enum(['forward', 'backward']).default('forward'), exclusive: z.boolean().default(false) }).strict(),
]);

const ops = [
  z.object({ op: z.literal('ttl'), ttlMs: z.number().int().min(1).max(100 * 365 * 24 * 3600 * 1000) }).strict(),
  z.object({ op: z.literal('persist') }).strict(),
  z.object({ op: z.literal('delete') }).strict(),
  z.object({ op: z.literal('rename'), to: bytesIn }).strict(),
  z.object({ op: z.literal('setString'), value: bytesIn, expect: bytesIn }).strict(),
  /** `expect`: the value shown (null: the field must not exist yet). */
  z.object({ op: z.literal('hashSet'), field: bytesIn, value: bytesIn, expect: bytesIn.nullable() }).strict(),
  z.object({ op: z.literal('hashDelete'), field: bytesIn }).strict(),
  z.object({ op: z.literal('listSet'), index, value: bytesIn, expect: bytesIn }).strict(),
  z.object({ op: z.literal('listPush'), end: z.enum(['head', 'tail']), value: bytesIn }).strict(),
  z.object({ op: z.literal('listRemove'), index, expect: bytesIn }).strict(),
  z.object({ op: z.literal('setAdd'), member: bytesIn }).strict(),
  z.object({ op: z.literal('setRemove'), member: bytesIn }).strict(),
  z.object({ op: z.literal('setReplace'), member: bytesIn, to: bytesIn }).strict(),
  z.object({ op: z.literal('zsetAdd'), member: bytesIn, score }).strict(),
  z.object({ op: z.literal('zsetScore'), member: bytesIn, score, expect: score }).strict(),
  z.object({ op: z.literal('zsetRename'), member: bytesIn, to: bytesIn }).strict(),
  z.object({ op: z.literal('zsetRemove'), member: bytesIn }).strict(),
  z.object({ op: z.literal('streamAdd'), fields: z.array(z.tuple([bytesIn, bytesIn])).min(1).max(16) }).strict(),
  z.object({ op: z.literal('streamDelete'), entryId }).strict(),
] as const;
export const editOp = z.discriminatedUnion('op', ops);
export type EditOp = z.output<typeof editOp>;
export type EditOpName = EditOp['op'];

/** A new key: its exact name, type and first content (Redis has no empty collection). */
export const createKeyInput = z
  .object({
    name: bytesIn,
    type: z.enum(['string', 'hash', 'list', 'set', 'zset', 'stream']),
    /** string: the value; list/set: the element; hash: [field, value]; zset: member with `score`; stream: [field, value]. */
    value: bytesIn,
    field: bytesIn.optional(),
    score: score.optional(),
    ttlMs: z.number().int().min(1).max(100 * 365 * 24 * 3600 * 1000).optional(),
  })
  .strict();
export type CreateKeyInput = z.output<typeof createKeyInput>;

/** Declares a request: its input schema and (as a phantom) its result type. */
function request<R>() {
  return <I extends z.ZodType>(input: I): { input: I; result: R } => ({ input, result: undefined as R });
}

export const keyEditorRequests = {
  /** One page of a key's value: GETRANGE of a string (in a chosen view), or a slice of any collection, every reply bounded in bytes. Null when the key is gone. */
  'keyEditor.page': request<ValuePage | null>()(
    z
      .object({
        id: keyId,
        at: pagePosition.optional(),
        count: z.number().int().min(1).max(PAGE_ROWS_MAX).default(100),
        view: z.enum(STRING_VIEWS).default('auto'),
      })
      .strict(),
  ),
  /** One whole element to edit (a string, a hash field's value, a list element), at most EDIT_BYTES. */
  'keyEditor.element': request<ValueBytes | null>()(
    z.object({ id: keyId, field: bytesIn.optional(), index: index.optional() }).strict(),
  ),
  /** A stream's consumer groups (XINFO GROUPS) and one group's pending entries (XPENDING summary and a bounded range). */
  'keyEditor.groups': request<StreamGroups>()(z.object({ id: keyId, group: z.string().max(1024).optional() }).strict()),
  /** One confirmed edit; the host checks the namespace and what the user saw, whatever the renderer sent. */
  'keyEditor.edit': request<EditResult>()(z.object({ id: keyId, edit: editOp }).strict()),
  'keyEditor.create': request<EditResult>()(createKeyInput),
  /** Undoes one edit from the history; refused (with why) when the key changed since, unless `force`. */
  'keyEditor.undo': request<UndoResult>()(z.object({ entry: z.number().int().min(1), force: z.boolean().default(false) }).strict()),
  'keyEditor.history': request<EditEntry[]>()(z.object({}).strict()),
  /** Whether this connection may edit keys under its namespace at all (replica, or an ACL user without write rights, found out without writing). */
  'keyEditor.rights': request<Writable>()(z.object({}).strict()),
} as const;
