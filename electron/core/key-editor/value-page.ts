import type { Redis } from 'ioredis';
import type { PagePosition, StringView, ValuePage, ValueRow } from '../../../shared/key-editor-contract';
import { EDIT_BYTES } from '../../../shared/key-editor-contract';
import type { Denial, KeyDenials } from '../../../shared/model';
import { msg } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import { denialOf } from '../browser/denial';
import { fitDisplay } from '../browser/display-cut';
import { handlesFor } from '../browser/key-handles';
import { ELEMENTS_LUA, ELEMENTS_LUA_NO_WRITES } from '../browser/elements-script';
import { scriptSha } from '../redis/run-script';
import { readStringPage } from './string-page';
import { toValueBytes, jsonSize } from './value-bytes';
import { writableFor, type GuardedConnection } from './write-guard';
import { rightsToCheck } from './write-rights';

/** Each element travels cut to this many bytes; the whole of it is read on demand (keyEditor.element) to edit it. */
export const CELL_BYTES = 1024;
/** Element bytes per page in all; past this, elements travel as their length alone. */
export const PAGE_ELEMENT_BYTES = 64 * 1024;
/** Fields of a stream entry that travel; the entry says how many it has. */
const STREAM_FIELDS = 16;
/** One page's JSON stays under this (a web-mode frame is at most 256 KiB). */
export const PAGE_BUDGET = 200 * 1024;
/** Without EVAL, a collection is read with plain commands only when it is this small as a whole (MEMORY USAGE). */
const PLAIN_READ_MAX = 256 * 1024;
const NAME_BYTES = 1024;
const COLLECTIONS = new Set(['list', 'set', 'zset', 'hash', 'stream']);

type Reply = [Error | null, unknown];
type Cell = { head: Buffer; bytes: number };
interface RawPage {
  type: string;
  size: number;
  rows: Cell[][];
  fieldCounts: number[];
  cursor: string;
  /** Without EVAL the count is a command of its own (LLEN, HLEN…), which the ACL may refuse while the elements can be read. */
  sizeDenied?: Denial;
}

const oldServers = new WeakSet<object>();

const pageBody = (client: object) => (oldServers.has(client) ? ELEMENTS_LUA : ELEMENTS_LUA_NO_WRITES);

/** The page script's arguments for a position (none: the beginning, whatever the type). */
function scriptArgs(at: PagePosition | undefined, count: number): (string | number)[] {
  const start = !at ? '' : at.by === 'index' ? String(at.start) : at.by === 'cursor' ? at.cursor : at.start;
  const s = at?.by === 'id' ? at : undefined;
  return [start, count, CELL_BYTES, PAGE_ELEMENT_BYTES, STREAM_FIELDS, s?.dir ?? 'forward', s?.exclusive ? '1' : '0'];
}

/** Runs the page script by SHA, the body only when the server lacks it; learns once whether the server takes the no-writes line (7.0+). */
export async function runPage(client: Redis, key: Buffer, args: (string | number)[]): Promise<unknown> {
  const body = () => pageBody(client);
  try {
    return await client.callBuffer('evalsha', scriptSha(body()), 1, key, ...args);
  } catch (err) {
    const text = (err as Error).message;
    if (/NOSCRIPT/.test(text)) {
      try {
        return await client.callBuffer('eval', body(), 1, key, ...args);
      } catch (again) {
        if (oldServers.has(client) || !/Unexpected|unexpected symbol|compil/i.test((again as Error).message)) throw again;
      }
      oldServers.add(client);
      return client.callBuffer('eval', ELEMENTS_LUA, 1, key, ...args);
    }
    throw err;
  }
}

export function parse(raw: unknown): RawPage {
  const [type, size, rows, cursor] = raw as [Buffer, number, (Buffer | number)[][], Buffer];
  const page: RawPage = { type: type.toString(), size: Number(size), rows: [], fieldCounts: [], cursor: cursor.toString() };
  for (const row of rows) {
    const cells: Cell[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) cells.push({ head: row[i] as Buffer, bytes: Number(row[i + 1]) });
    if (row.length % 2 === 1) page.fieldCounts.push(Number(row.at(-1)));
    page.rows.push(cells);
  }
  return page;
}

const SIZE_COMMANDS: Record<string, string> = { list: 'llen', set: 'scard', zset: 'zcard', hash: 'hlen', stream: 'xlen' };

/** A collection's element count with its own command, or the refusal when the ACL user may not run it. */
async function countElements(client: Redis, key: Buffer, type: string): Promise<number | Denial> {
  const command = SIZE_COMMANDS[type];
  try {
    return Number(await client.call(command, key));
  } catch (err) {
    const denial = denialOf(err, command);
    if (!denial) throw err;
    return denial;
  }
}

/** Sets the page's size, or says the count was refused (its elements may still be readable). */
async function countInto(page: RawPage, client: Redis, key: Buffer, type: string): Promise<void> {
  const size = await countElements(client, key, type);
  if (typeof size === 'number') page.size = size;
  else page.sizeDenied = size;
}

const cutTo = (b: Buffer, left: { n: number }): Cell => {
  const head = b.subarray(0, Math.max(0, Math.min(CELL_BYTES, left.n)));
  left.n -= head.length;
  return { head, bytes: b.length };
};

/** The same page with plain commands (EVAL refused): whole elements leave Redis, so only for keys MEMORY USAGE says are small. */
async function plainPage(client: Redis, key: Buffer, type: string, at: PagePosition, count: number): Promise<RawPage | { unread: { denial: Denial; memoryBytes?: number } }> {
  const evalDenied: Denial = { kind: 'command', command: 'eval' };
  let memory: number | undefined;
  try {
    memory = Number(await client.memory('USAGE', key));
  } catch {
    return { unread: { denial: evalDenied } };
  }
  if (memory > PLAIN_READ_MAX) return { unread: { denial: evalDenied, memoryBytes: memory } };
  const left = { n: PAGE_ELEMENT_BYTES };
  const page: RawPage = { type, size: 0, rows: [], fieldCounts: [], cursor: '0' };
  const start = at.by === 'index' ? at.start : 0;
  switch (type) {
    case 'list':
      await countInto(page, client, key, type);
      page.rows = (await client.lrangeBuffer(key, start, start + count - 1)).map((v) => [cutTo(v, left)]);
      break;
    case 'zset': {
      await countInto(page, client, key, type);
      const flat = await client.zrangeBuffer(key, start, start + count - 1, 'WITHSCORES');
      for (let i = 0; i + 1 < flat.length; i += 2) page.rows.push([cutTo(flat[i], left), cutTo(flat[i + 1], left)]);
      break;
    }
    case 'hash':
    case 'set': {
      const cursor = at.by === 'cursor' ? at.cursor : '0';
      await countInto(page, client, key, type);
      const [next, flat] = type === 'hash' ? await client.hscanBuffer(key, cursor, 'COUNT', count) : await client.sscanBuffer(key, cursor, 'COUNT', count);
      const step = type === 'hash' ? 2 : 1;
      for (let i = 0; i + step - 1 < flat.length; i += step) page.rows.push(flat.slice(i, i + step).map((b) => cutTo(b, left)));
      page.cursor = next.toString();
      break;
    }
    case 'stream': {
      await countInto(page, client, key, type);
      const s = at.by === 'id' ? at : { start: '-', dir: 'forward' as const, exclusive: false };
      const end = s.dir === 'backward' ? '-' : '+';
      const fetched = (s.dir === 'backward' ? await client.xrevrangeBuffer(key, s.start, end, 'COUNT', count + 1) : await client.xrangeBuffer(key, s.start, end, 'COUNT', count + 1)) as [Buffer, Buffer[]][];
      for (const [id, fields] of fetched) {
        if (s.exclusive && id.toString() === s.start) continue;
        if (page.rows.length >= count) break;
        page.rows.push([cutTo(id, { n: 64 }), ...fields.slice(0, STREAM_FIELDS * 2).map((b) => cutTo(b, left))]);
        page.fieldCounts.push(fields.length / 2);
      }
      break;
    }
  }
  return page;
}

const cellOut = (c: Cell) => toValueBytes(c.head, c.bytes);

/** Rows as they travel; then emptied from the end (text dropped, lengths kept) until the page fits its budget. */
function toRows(raw: RawPage, at: PagePosition, budget: number): ValueRow[] {
  const first = at.by === 'index' ? at.start : 0;
  const rows: ValueRow[] = raw.rows.map((cells, i): ValueRow => {
    switch (raw.type) {
      case 'list':
        return { index: first + i, cells: cells.map(cellOut) };
      case 'zset':
        return { index: first + i, cells: [cellOut(cells[0])], score: cells[1]?.head.toString() };
      case 'stream':
        return { entryId: cells[0].head.toString(), cells: cells.slice(1).map(cellOut), fieldCount: raw.fieldCounts[i] };
      default:
        return { cells: cells.map(cellOut) };
    }
  });
  // An upper bound first (a character escapes to at most 6 bytes of JSON, a row and a cell add a few dozen): most pages need no stringify to know they fit.
  const bound = rows.reduce((n, r) => n + 64 + r.cells.reduce((m, c) => m + 48 + c.text.length * 6, 0), 2);
  let size = bound <= budget ? 0 : jsonSize(rows);
  for (let i = rows.length - 1; i >= 0 && size > budget; i--) {
    for (const c of rows[i].cells) {
      if (c.text === '') continue;
      const before = jsonSize(c);
      c.bytes ??= c.enc === 'base64' ? Buffer.from(c.text, 'base64').length : Buffer.byteLength(c.text);
      c.text = '';
      size -= before - jsonSize(c);
    }
  }
  return rows;
}

/** Where the pages before and after this one start. */
function neighbours(type: string, at: PagePosition, raw: RawPage, rows: ValueRow[], count: number): Pick<ValuePage, 'next' | 'prev'> {
  if (type === 'list' || type === 'zset') {
    const start = at.by === 'index' ? at.start : 0;
    return {
      ...(start + rows.length < raw.size ? { next: { by: 'index', start: start + rows.length } } : {}),
      ...(start > 0 ? { prev: { by: 'index', start: Math.max(0, start - count) } } : {}),
    };
  }
  if (type === 'hash' || type === 'set') return raw.cursor !== '0' ? { next: { by: 'cursor', cursor: raw.cursor } } : {};
  if (type === 'stream') {
    const s = at.by === 'id' ? at : { start: '-', dir: 'forward' as const };
    const firstId = rows[0]?.entryId;
    const lastId = rows.at(-1)?.entryId;
    const full = rows.length >= count;
    const out: Pick<ValuePage, 'next' | 'prev'> = {};
    // Rows are in ascending order either way: a backward page was reversed.
    if (lastId && (s.dir === 'backward' || full)) out.next = { by: 'id', start: lastId, dir: 'forward', exclusive: true };
    if (firstId && s.start !== '-' && (s.dir === 'forward' || full)) out.prev = { by: 'id', start: firstId, dir: 'backward', exclusive: true };
    return out;
  }
  return {};
}

/** The position a page starts from when none is given. */
function firstPosition(type: string): PagePosition {
  if (type === 'hash' || type === 'set') return { by: 'cursor', cursor: '0' };
  if (type === 'stream') return { by: 'id', start: '-', dir: 'forward', exclusive: false };
  return { by: 'index', start: 0 };
}

/** A position of the wrong kind for the key's type (the key changed type since the last page) starts again from the beginning. */
function positionFor(type: string, at: PagePosition | undefined): PagePosition {
  const first = firstPosition(type);
  return at && at.by === first.by ? at : first;
}

/**
 * One page of a key's value for the value pane, bounded whatever it holds:
 * a string page (32 KiB of text, 8 KiB of hex, or a bounded decode), or a
 * slice of a collection — LRANGE / ZRANGE by index, HSCAN / SSCAN by cursor,
 * XRANGE / XREVRANGE by entry ID — with each element cut to 1 KiB inside
 * Redis and the page under 200 KiB of JSON. Says whether the app may edit
 * the key, and what the ACL user may not read. Null when the key is gone.
 */
export async function readValuePage(
  connection: GuardedConnection & { control: Redis },
  id: string,
  opts: { at?: PagePosition; count: number; view: StringView },
): Promise<ValuePage | null> {
  const control = connection.control;
  const key = handlesFor(control).keyOf(id);
  if (!key) throw new AppError('invalid_input', msg('errors.browser.forgotten'), { field: 'id' });
  // TYPE, PTTL and the page script in one round trip: the script reads its own type, and an empty start means the type's beginning.
  const args = scriptArgs(opts.at, opts.count);
  const [[typeErr, type], [ttlErr, pttl], pageReply] = ((await control.pipeline().type(key).pttl(key).callBuffer('evalsha', scriptSha(pageBody(control)), 1, key, ...args).exec()) ?? []) as Reply[];
  const readAt = Date.now();
  const name = fitDisplay(key, NAME_BYTES, NAME_BYTES * 5);
  const denied: KeyDenials = {};
  // Only an ACL refusal is a missing right; any other failure (Redis gone mid-read, a dropped connection) fails the read as it is.
  const typeDenial = typeErr && denialOf(typeErr, 'type');
  if (typeErr && !typeDenial) throw typeErr;
  const ttlDenial = ttlErr && denialOf(ttlErr, 'pttl');
  if (ttlErr && !ttlDenial) throw ttlErr;
  if (ttlDenial) denied.ttl = ttlDenial;
  const t = typeErr ? 'unknown' : String(type);
  const at = positionFor(t, opts.at);
  const base: ValuePage = {
    id,
    key: name.text,
    ...(name.cut ? { keyBytes: key.length } : {}),
    ...(key.length <= EDIT_BYTES ? { name: toValueBytes(key) } : {}),
    type: t,
    size: 0,
    pttl: ttlErr ? -1 : Number(pttl),
    readAt,
    writable: writableFor(connection, key, await rightsToCheck(connection)),
    at,
  };
  const finish = (page: ValuePage): ValuePage => (Object.keys(denied).length > 0 ? { ...page, denied } : page);
  if (typeDenial) {
    Object.assign(denied, { type: typeDenial, size: typeDenial, value: typeDenial });
    return finish(base);
  }
  if (t === 'none') return null;

  if (t === 'string') {
    let size: number;
    try {
      size = await control.strlen(key);
    } catch (err) {
      const d = denialOf(err, 'strlen');
      if (!d) throw err;
      Object.assign(denied, { size: d, value: d });
      return finish(base);
    }
    try {
      const { page, next, prev } = await readStringPage(control, key, size, at.by === 'index' ? at.start : 0, opts.view);
      return finish({
        ...base,
        size,
        at: { by: 'index', start: page.offset },
        string: page,
        ...(next !== undefined ? { next: { by: 'index', start: next } } : {}),
        ...(prev !== undefined ? { prev: { by: 'index', start: prev } } : {}),
      });
    } catch (err) {
      const d = denialOf(err, 'getrange');
      if (!d) throw err;
      return finish({ ...base, size, denied: { ...denied, value: d } });
    }
  }

  // A module's type (ReJSON-RL, …): its name and TTL are shown, its value is not read.
  if (!COLLECTIONS.has(t)) return finish(base);
  const s = at.by === 'id' ? at : undefined;
  let raw: RawPage;
  try {
    // The pipelined reply serves unless the server lacked the script, or the position given was for another type.
    const reusable = !pageReply[0] && at === (opts.at ?? at);
    raw = parse(reusable ? pageReply[1] : await runPage(control, key, scriptArgs(at, opts.count)));
    if (raw.type !== t) return readValuePage(connection, id, { ...opts, at: undefined });
  } catch (err) {
    const d = denialOf(err, 'eval');
    if (!d) throw err;
    if (d.kind === 'command' && /^eval/.test(d.command)) {
      try {
        const plain = await plainPage(control, key, t, at, opts.count);
        if ('unread' in plain) {
          // Left unread is not empty: the elements are still counted (LLEN, HLEN…), or the refusal to count named.
          const size = await countElements(control, key, t);
          if (typeof size !== 'number') denied.size = size;
          return finish({ ...base, size: typeof size === 'number' ? size : 0, unread: plain.unread });
        }
        raw = plain;
        if (plain.sizeDenied) denied.size = plain.sizeDenied;
      } catch (inner) {
        const d2 = denialOf(inner, t);
        if (!d2) throw inner;
        return finish({ ...base, denied: { ...denied, value: d2 } });
      }
    } else return finish({ ...base, denied: { ...denied, value: d } });
  }
  // An index past the end (typed into the jump box, or a list that shrank since) gives the last page, as an offset past a
  // string's end gives its last bytes: an empty page would claim rows up to an index that does not exist.
  if ((t === 'list' || t === 'zset') && at.by === 'index' && raw.rows.length === 0 && raw.size > 0 && at.start >= raw.size) {
    return readValuePage(connection, id, { ...opts, at: { by: 'index', start: Math.max(0, raw.size - opts.count) } });
  }
  if (s?.dir === 'backward') {
    raw.rows.reverse();
    raw.fieldCounts.reverse();
  }
  const rows = toRows(raw, at, PAGE_BUDGET - jsonSize(base) - 512);
  return finish({ ...base, size: raw.size, rows, ...neighbours(t, at, raw, rows, opts.count) });
}
