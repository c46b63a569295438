import { TextDecoder } from 'node:util';
import { INVISIBLE_CHARS, REORDERING_CHARS } from '../../../shared/unseen-chars';

// ignoreBOM keeps a leading U+FEFF in the text (it is part of the name), where it is then shown escaped.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * What a valid UTF-8 name still cannot show as is: control characters, the
 * backslash that starts an escape (else the 12-character name `a\x00` and
 * `a` + byte 0 read the same), and invisible or reordering characters — zero
 * widths, direction marks and overrides, line separators, the BOM, the soft
 * hyphen — which let `ab` and `a\u200bb` look alike, or draw `\u202Ertl` as
 * "ltr". Two different names must never look the same where a user picks
 * one to delete.
 */
const UNSHOWABLE_IN_NAMES = new RegExp(`[\\x00-\\x1f\\x7f\\\\${INVISIBLE_CHARS}]`, 'g');
/**
 * In a value shown as text, control characters and the characters that
 * reorder what follows (direction marks, embeddings, overrides and
 * isolates) are escaped: U+202E drew "abc" as "cba", which is not what is
 * stored. A JSON value keeps its own backslashes.
 */
const UNSHOWABLE_IN_TEXT = new RegExp(`[\\x00-\\x1f\\x7f${REORDERING_CHARS}]`, 'g');
/**
 * In a compact cell (a row's preview of its value), the backslash is shown
 * doubled as well, as redis-cli quotes it: a literal "\\xff" typed into a
 * value must not read like the byte 0xff shown escaped (a new user could not
 * tell them apart). The full text view keeps a JSON value's own backslashes.
 */
const UNSHOWABLE_IN_CELLS = new RegExp(`[\\x00-\\x1f\\x7f\\\\${REORDERING_CHARS}]`, 'g');
/** The same class without the global flag, for a test that keeps no lastIndex between calls. */
const ANY_UNSHOWABLE_IN_TEXT = new RegExp(UNSHOWABLE_IN_TEXT.source);

/** Whether text mode shows some of these bytes as an escape (\xNN, \uNNNN): invalid UTF-8, or a character it escapes. */
export function escapedAsText(bytes: Buffer): boolean {
  try {
    return ANY_UNSHOWABLE_IN_TEXT.test(strictUtf8.decode(bytes));
  } catch {
    return true;
  }
}
/** \xNN for an ASCII control (the byte it is), \uNNNN for a character beyond ASCII (never mistaken for a raw byte), \\ for \. */
const escapeChar = (c: string): string => {
  if (c === '\\') return '\\\\';
  const code = c.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** 'name' for what a user tells apart by its look (keys, fields, members); 'text' for a value's content; 'cell' for a value in a compact preview. */
export type DisplayMode = 'name' | 'text' | 'cell';

/**
 * Shows a key or value as text: valid UTF-8 as is (what cannot be seen
 * escaped, see UNSHOWABLE_IN_NAMES), anything else byte by byte as \xNN, the way
 * redis-cli does.
 */
export function displayBytes(bytes: Buffer, limit = 200, mode: DisplayMode = 'text'): string {
  const slice = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  let text: string;
  try {
    text = strictUtf8.decode(slice).replace(mode === 'name' ? UNSHOWABLE_IN_NAMES : mode === 'cell' ? UNSHOWABLE_IN_CELLS : UNSHOWABLE_IN_TEXT, escapeChar);
  } catch {
    text = [...slice].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  }
  return bytes.length > limit ? `${text}…` : text;
}
