import { displayBytes, type DisplayMode } from '../redis/display-bytes';

/** Bytes one UTF-8 text of `s` takes inside a JSON frame, quotes and escapes included. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Where to cut `bytes` at or before `end` so no UTF-8 character is split: a lead byte whose sequence does not fit is left out. */
function charBoundary(bytes: Buffer, end: number): number {
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + length > end ? i : end;
  }
  return end;
}

/**
 * The start of `bytes` as display text, at most `limit` bytes of it, with
 * `…` when cut; `total` is the full length when `bytes` is itself only a
 * start. A cut never splits a UTF-8 character, so a valid name is not shown
 * as \xNN escapes just because the cut fell inside one.
 */
export function cutDisplay(bytes: Buffer, limit: number, total = bytes.length, mode: DisplayMode = 'text'): { text: string; cut: boolean } {
  if (total <= limit && bytes.length <= limit) return { text: displayBytes(bytes, bytes.length, mode), cut: false };
  const end = charBoundary(bytes, Math.max(0, Math.min(limit, bytes.length)));
  return { text: `${displayBytes(bytes.subarray(0, end), end, mode)}…`, cut: true };
}

/**
 * The longest start of `bytes` whose display text fits `budget` bytes of
 * JSON, trying `limit` first and halving: text that escapes to \xNN takes up
 * to five bytes of JSON per byte of key, so a byte limit alone does not
 * bound a frame.
 */
export function fitDisplay(bytes: Buffer, limit: number, budget: number, mode: DisplayMode = 'name'): { text: string; cut: boolean } {
  let n = Math.min(limit, bytes.length);
  for (;;) {
    const shown = cutDisplay(bytes, n, bytes.length, mode);
    if (n === 0 || jsonBytes(shown.text) <= budget) return shown;
    n = Math.floor(n / 2);
  }
}

/** Cuts an already displayed text to `budget` bytes of JSON, never inside a \xNN escape. */
export function fitText(text: string, budget: number): { text: string; cut: boolean } {
  if (jsonBytes(text) <= budget) return { text, cut: false };
  let n = text.length;
  let out = text;
  while (n > 0 && jsonBytes(out) > budget) {
    n = Math.floor(n * Math.min(0.9, budget / jsonBytes(out)));
    out = text.slice(0, n);
    // Do not leave half of a surrogate pair or of a \xNN escape.
    out = out.replace(/[\ud800-\udbff]$/, '').replace(/\\(x[0-9a-f]?|u[0-9a-f]{0,3})?$/i, '');
    out += '…';
  }
  return { text: n > 0 ? out : '…', cut: true };
}

/** One read element as display text: `…` when Redis holds more of it than was read. */
export function cellDisplay(cell: { head: Buffer; bytes: number }, limit = cell.head.length): string {
  return cutDisplay(cell.head, limit, cell.bytes, 'cell').text;
}
