import { isUtf8 } from 'node:buffer';
import type { BytesIn, ValueBytes } from '../../../shared/key-editor-contract';

/** Where to cut `bytes` at or before `end` without splitting a UTF-8 character. */
export function charBoundary(bytes: Buffer, end: number): number {
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + length > end ? i : end;
  }
  return end;
}

/** Text when the bytes are valid UTF-8, else undefined (Node's native check: a page holds hundreds of cells). */
function utf8(bytes: Buffer): string | undefined {
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

/**
 * Bytes as they travel to the renderer: text when valid UTF-8 (a cut start
 * is checked after trimming to a character boundary), base64 otherwise.
 * `total` is the full length when `bytes` is itself only a start.
 */
export function toValueBytes(bytes: Buffer, total = bytes.length): ValueBytes {
  const cut = total > bytes.length;
  // A cut start may end inside a character: drop the partial one before deciding whether it is text.
  const head = cut ? bytes.subarray(0, charBoundary(bytes, bytes.length)) : bytes;
  const text = utf8(head);
  const out: ValueBytes = text !== undefined ? { text } : { text: bytes.toString('base64'), enc: 'base64' };
  if (cut) out.bytes = total;
  return out;
}

/** The exact bytes the renderer sent. */
export function fromBytesIn(b: BytesIn): Buffer {
  return b.enc === 'base64' ? Buffer.from(b.text, 'base64') : Buffer.from(b.text, 'utf8');
}

/** Whether a cell holds the whole element (so it can name it in an edit). */
export const isWhole = (v: ValueBytes): boolean => v.bytes === undefined;

/** Bytes of JSON this value takes in a reply. */
export const jsonSize = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
