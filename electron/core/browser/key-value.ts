import type { Redis } from 'ioredis';
import type { KeyValueView } from '../../../shared/model';
import { displayBytes } from '../redis/display-bytes';

/** At most this much of a string is read, however long it is. */
const TEXT_BYTES = 64 * 1024;
/** At most this many elements of a collection. */
const ROWS = 200;

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Reads one key for the value pane: a bounded slice (64 KiB of a string,
 * 200 elements of a collection), so a 200 MB value costs the same as a small
 * one. Null when the key is gone.
 */
export async function readKeyValue(control: Redis, id: string): Promise<KeyValueView | null> {
  const key = Buffer.from(id, 'base64');
  const [[, type], [, pttl]] = (await control.pipeline().type(key).pttl(key).exec()) as [[unknown, string], [unknown, number]];
  const readAt = Date.now();
  const base = { id, key: displayBytes(key, 1024), type, pttl, readAt };
  const cell = (b: Buffer | string) => (Buffer.isBuffer(b) ? displayBytes(b, 4096) : b);
  switch (type) {
    case 'none':
      return null;
    case 'string': {
      const [size, head] = await Promise.all([control.strlen(key), control.getrangeBuffer(key, 0, TEXT_BYTES - 1)]);
      const text = displayBytes(head, TEXT_BYTES);
      const truncated = size > TEXT_BYTES;
      return { ...base, size, text: truncated ? text : pretty(text), truncated };
    }
    case 'list': {
      const [size, items] = await Promise.all([control.llen(key), control.lrangeBuffer(key, 0, ROWS - 1)]);
      return { ...base, size, rows: items.map((v, i) => [String(i), cell(v)]), truncated: size > ROWS };
    }
    case 'set': {
      const [size, [, members]] = await Promise.all([control.scard(key), control.sscanBuffer(key, 0, 'COUNT', ROWS)]);
      return { ...base, size, rows: members.slice(0, ROWS).map((m) => [cell(m)]), truncated: size > members.length };
    }
    case 'zset': {
      const [size, flat] = await Promise.all([control.zcard(key), control.zrevrangeBuffer(key, 0, ROWS - 1, 'WITHSCORES')]);
      const rows: string[][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) rows.push([cell(flat[i]), flat[i + 1].toString()]);
      return { ...base, size, rows, truncated: size > ROWS };
    }
    case 'hash': {
      const [size, [, flat]] = await Promise.all([control.hlen(key), control.hscanBuffer(key, 0, 'COUNT', ROWS)]);
      const rows: string[][] = [];
      for (let i = 0; i + 1 < flat.length && rows.length < ROWS; i += 2) rows.push([cell(flat[i]), cell(flat[i + 1])]);
      return { ...base, size, rows, truncated: size > rows.length };
    }
    case 'stream': {
      const [size, entries] = await Promise.all([control.xlen(key), control.xrange(key, '-', '+', 'COUNT', ROWS)]);
      return { ...base, size, rows: entries.map(([entryId, fields]) => [entryId, fields.join(' ')]), truncated: size > ROWS };
    }
    default:
      return { ...base, size: 0, text: `(a ${type} value; this view reads strings, lists, sets, sorted sets, hashes and streams)`, truncated: false };
  }
}
