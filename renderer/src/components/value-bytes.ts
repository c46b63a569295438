import type { BytesIn, ValueBytes } from '../../../shared/key-editor-contract';

/** Bytes of a base64 text. */
export function base64Bytes(b64: string): Uint8Array {
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let raw = '';
  for (let i = 0; i < bytes.length; i += 0x8000) raw += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(raw);
}

/** Bytes shown as text the way redis-cli does: printable ASCII as is, a backslash doubled, anything else \xNN. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b === 0x5c ? '\\\\' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

/** The reverse of escapeBytes: \\ is a backslash, \xNN a byte, any other character its UTF-8 bytes; null when an escape is malformed. */
export function unescapeBytes(text: string): Uint8Array | null {
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      const code = text.codePointAt(i)!;
      const ch = String.fromCodePoint(code);
      out.push(...encoder.encode(ch));
      i += ch.length - 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '\\') {
      out.push(0x5c);
      i++;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else return null;
  }
  return new Uint8Array(out);
}

/**
 * One cell as display text: UTF-8 text as it is (control characters escaped,
 * a backslash doubled, as redis-cli quotes it), other bytes as \xNN escapes:
 * a literal "\\xff" and the byte 0xff never read alike.
 */
export function shownText(v: ValueBytes): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  if (v.enc !== 'base64') return v.text.replace(/[\x00-\x08\x0b-\x1f\x7f\\]/g, (c) => (c === '\\' ? '\\\\' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return escapeBytes(base64Bytes(v.text));
}

/** Whether the cell holds the whole element (so it can be named in an edit). */
export const isWhole = (v: ValueBytes | undefined): v is ValueBytes => !!v && v.bytes === undefined;

/** How a value is typed in the editor: as text, or (for bytes that are not UTF-8) as \xNN escapes. */
export type EditMode = 'text' | 'escaped';

export const modeOf = (v: ValueBytes | undefined): EditMode => (v?.enc === 'base64' ? 'escaped' : 'text');

/** A whole value as the editor shows it. */
export function editableText(v: ValueBytes): string {
  return v.enc === 'base64' ? escapeBytes(base64Bytes(v.text)) : v.text;
}

/** What the user typed, as the bytes to send: text as UTF-8, or escapes decoded; null when an escape is malformed. */
export function bytesFromEditor(text: string, mode: EditMode): BytesIn | null {
  if (mode === 'text') return { text };
  const bytes = unescapeBytes(text);
  return bytes && { text: toBase64(bytes), enc: 'base64' };
}

/** The bytes of a whole cell, as they go back to the host (unchanged). */
export const asBytesIn = (v: ValueBytes): BytesIn => (v.enc === 'base64' ? { text: v.text, enc: 'base64' } : { text: v.text });
