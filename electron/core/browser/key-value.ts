import type { Redis } from 'ioredis';
import type { KeyDenials, KeyValueView, ValueCell } from '../../../shared/model';
import { AppError } from '../app-error';
import { denialOf } from './denial';
import { cellDisplay, fitDisplay, fitText, jsonBytes } from './display-cut';
import { handlesFor } from './key-handles';
import { peekMany, type PeekCell } from './peek';
import { msg } from '../../../shared/i18n/message';

/** At most this much of a string is read, however long it is. */
const TEXT_BYTES = 64 * 1024;
/** At most this many elements of a collection, each cut to 1 KiB, 48 KiB in all. */
const VALUE_LIMITS = { rows: 200, cellBytes: 1024, totalBytes: 48 * 1024, streamFields: 16 };
/** The whole view fits this much JSON: binary text escapes to \xNN, up to five bytes per byte read. */
const VIEW_BUDGET = 200 * 1024;
const NAME_BYTES = 1024;

type Reply = [Error | null, unknown];

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function cell(c: PeekCell): ValueCell {
  const text = cellDisplay(c);
  return c.bytes > c.head.length ? { text, bytes: c.bytes } : text;
}

/** Rows kept while they fit the budget; the caller marks the view truncated when some are left out. */
function fitRows(rows: ValueCell[][], budget: number): ValueCell[][] {
  const kept: ValueCell[][] = [];
  let used = 2;
  for (const row of rows) {
    used += jsonBytes(row) + 1;
    if (used > budget) break;
    kept.push(row);
  }
  return kept;
}

/**
 * Reads one key for the value pane, bounded whatever it holds: 64 KiB of a
 * string (GETRANGE), 200 elements of a collection each cut to 1 KiB inside
 * Redis (see elements-script.ts), and the whole view under 200 KiB of JSON. A
 * long name is referred to by its held id and shown cut. What the ACL user
 * may not read is named in `denied`. Null when the key is gone.
 */
export async function readKeyValue(control: Redis, id: string): Promise<KeyValueView | null> {
  const key = handlesFor(control).keyOf(id);
  if (!key) throw new AppError('invalid_input', msg('errors.browser.forgotten'), { field: 'id' });
  const [[typeErr, type], [ttlErr, pttl]] = ((await control.pipeline().type(key).pttl(key).exec()) ?? []) as Reply[];
  const readAt = Date.now();
  const name = fitDisplay(key, NAME_BYTES, NAME_BYTES * 5);
  const denied: KeyDenials = {};
  if (ttlErr) denied.ttl = denialOf(ttlErr, 'pttl') ?? { kind: 'command', command: 'pttl' };
  const base = {
    id,
    key: name.text,
    ...(name.cut ? { keyBytes: key.length } : {}),
    type: typeErr ? 'unknown' : String(type),
    pttl: ttlErr ? -1 : Number(pttl),
    readAt,
  };
  const budget = VIEW_BUDGET - jsonBytes(base) - 256;
  const finish = (view: KeyValueView): KeyValueView => (Object.keys(denied).length > 0 ? { ...view, denied } : view);

  if (typeErr) {
    const d = denialOf(typeErr, 'type') ?? { kind: 'command', command: 'type' };
    Object.assign(denied, { type: d, size: d, value: d });
    return finish({ ...base, size: 0, truncated: false });
  }
  if (type === 'none') return null;
  if (type === 'string') {
    const [[sizeErr, size], [headErr, head]] = ((await control.pipeline().strlen(key).getrangeBuffer(key, 0, TEXT_BYTES - 1).exec()) ?? []) as Reply[];
    if (sizeErr || headErr) {
      const d = denialOf(sizeErr ?? headErr, sizeErr ? 'strlen' : 'getrange') ?? { kind: 'command', command: 'getrange' };
      Object.assign(denied, { size: d, value: d });
      return finish({ ...base, size: 0, truncated: false });
    }
    const bytes = head as Buffer;
    const whole = Number(size) <= bytes.length;
    const raw = cellDisplay({ head: bytes, bytes: Number(size) });
    // Pretty-printing adds indentation: only for a whole value, and only when it still fits.
    const nice = whole ? pretty(raw) : raw;
    const fitted = fitText(jsonBytes(nice) <= budget ? nice : raw, budget);
    const truncated = !whole || fitted.cut;
    return finish({ ...base, size: Number(size), text: fitted.text, truncated, ...(truncated ? { shown: fitted.cut ? Buffer.byteLength(fitted.text) : bytes.length } : {}) });
  }

  const [peek] = await peekMany(control, [key], VALUE_LIMITS);
  if (peek.denied) {
    Object.assign(denied, { size: peek.denied, value: peek.denied });
    return finish({ ...base, size: 0, truncated: false });
  }
  if (peek.sizeDenied) denied.size = peek.sizeDenied;
  if (peek.unread) return finish({ ...base, type: peek.type, size: peek.size, rows: [], truncated: peek.size > 0, shown: 0, unread: peek.unread });
  let rows: ValueCell[][];
  switch (peek.type) {
    case 'list':
      rows = peek.rows.map((r, i) => [String(i), ...r.map(cell)]);
      break;
    case 'stream':
      // One cell for all of an entry's fields; when any was cut, it carries the fields' full length.
      rows = peek.rows.map((r, i): ValueCell[] => {
        const [entryId, ...fields] = r;
        const pairs: string[] = [];
        for (let j = 0; j + 1 < fields.length; j += 2) pairs.push(`${cellDisplay(fields[j])}=${cellDisplay(fields[j + 1])}`);
        const hidden = (peek.fieldCounts?.[i] ?? 0) - pairs.length;
        const text = pairs.join(' ') + (hidden > 0 ? ` … +${hidden} fields` : '');
        const cut = fields.some((f) => f.bytes > f.head.length);
        return [cellDisplay(entryId), cut ? { text, bytes: fields.reduce((n, f) => n + f.bytes, 0) } : text];
      });
      break;
    default:
      rows = peek.rows.map((r) => r.map(cell));
  }
  const kept = fitRows(rows, budget);
  const truncated = kept.length < peek.size;
  return finish({ ...base, type: peek.type, size: peek.size, rows: kept, truncated, ...(truncated ? { shown: kept.length } : {}) });
}
