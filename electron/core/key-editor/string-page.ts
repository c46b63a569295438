import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';
import { EDIT_BYTES, type StringPage, type StringView } from '../../../shared/key-editor-contract';
import { displayBytes, escapedAsText } from '../redis/display-bytes';

/** A backslash followed by what an escape would be (\xNN, \uNNNN): typed text that reads like a byte shown escaped. */
const LOOKS_ESCAPED = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/;
import { decodeMsgpack, decompress, DECODE_OUTPUT_BYTES, looksLikeMsgpack, sniffCompression } from './decoders';
import { JSON_START, looksLikeJson, prettyJson, skipJson, type JsonState } from './tolerant-json';
import { charBoundary, jsonSize, toValueBytes } from './value-bytes';

/** Bytes of the value one text or JSON page covers. */
export const TEXT_PAGE_BYTES = 32 * 1024;
/** Bytes one hex page covers (each byte takes about five characters of hex, spacing and ASCII). */
export const HEX_PAGE_BYTES = 8 * 1024;
/** A decoder reads at most this much of the value (it needs the start; MessagePack needs all of it). */
export const DECODE_INPUT_BYTES = 1024 * 1024;
/** To indent a later JSON page, the host reads what comes before it, up to this much; beyond, the page starts at depth 0 and says so. */
const JSON_PREFIX_BYTES = 8 * 1024 * 1024;
/** The view's text fits this much JSON. */
const TEXT_BUDGET = 96 * 1024;

/** 00000000  48 65 6c 6c 6f 0a …  |Hello.| — sixteen bytes a line, offsets from the start of the value. */
export function hexLines(bytes: Buffer, offset: number): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${(offset + i).toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return lines.join('\n');
}

/** Cuts display text to the budget; says so in `notes`. */
function fit(text: string, notes: Message[]): string {
  if (jsonSize(text) <= TEXT_BUDGET) return text;
  let n = Math.floor(text.length * (TEXT_BUDGET / jsonSize(text)) * 0.95);
  while (n > 0 && jsonSize(text.slice(0, n)) > TEXT_BUDGET) n = Math.floor(n * 0.9);
  // Never leave half a surrogate pair.
  const cut = text.slice(0, n).replace(/[\ud800-\udbff]$/, '');
  notes.push(msg('keyEditor.note.viewCut', { shown: cut.length, total: text.length }));
  return `${cut}…`;
}

const isUtf8 = (bytes: Buffer): boolean => toValueBytes(bytes).enc === undefined;

/** The JSON state at `offset`, read from the value's start in 256 KiB slices. */
async function jsonStateAt(client: Redis, key: Buffer, offset: number): Promise<JsonState | undefined> {
  if (offset === 0) return JSON_START;
  if (offset > JSON_PREFIX_BYTES) return undefined;
  let state = JSON_START;
  const SLICE = 256 * 1024;
  for (let at = 0; at < offset; at += SLICE) {
    const chunk = await client.getrangeBuffer(key, at, Math.min(offset, at + SLICE) - 1);
    state = skipJson(chunk.toString('latin1'), state);
  }
  return state;
}

/** The view `auto` picks from the first bytes: compressed, JSON, text, MessagePack, else hex. */
function autoView(head: Buffer, size: number): Exclude<StringView, 'auto'> {
  const compressed = sniffCompression(head);
  if (compressed) return compressed;
  const text = head.subarray(0, charBoundary(head, head.length));
  if (isUtf8(text)) return looksLikeJson(text.toString('utf8')) ? 'json' : 'text';
  if (size <= DECODE_INPUT_BYTES && looksLikeMsgpack(head)) return 'msgpack';
  return 'hex';
}

/** Decoded bytes as the view shows them: JSON indented, text, or hex. */
function showDecoded(out: Buffer, notes: Message[]): string {
  const text = out.subarray(0, charBoundary(out, out.length));
  if (isUtf8(text)) {
    const s = text.toString('utf8');
    return fit(looksLikeJson(s) ? prettyJson(s).text : s, notes);
  }
  if (looksLikeMsgpack(out)) {
    const decoded = decodeMsgpack(out);
    if ('json' in decoded) {
      notes.push(msg('keyEditor.note.msgpackInside'));
      return fit(decoded.json, notes);
    }
  }
  return fit(hexLines(out.subarray(0, HEX_PAGE_BYTES), 0), notes);
}

/**
 * One page of a string in the chosen view. Text and JSON pages cover 32 KiB
 * (ending on a character boundary, where the next one starts), hex pages
 * 8 KiB; decoders read at most the first 1 MiB and show at most 256 KiB of
 * what comes out, each bound said in `notes`. The renderer never receives
 * more than one page.
 */
export async function readStringPage(client: Redis, key: Buffer, size: number, offset: number, asked: StringView): Promise<{ page: StringPage; next?: number; prev?: number }> {
  const start = Math.min(offset, Math.max(0, size - 1));
  const head = start === 0 ? await client.getrangeBuffer(key, 0, Math.min(size, DECODE_INPUT_BYTES) - 1) : Buffer.alloc(0);
  // `auto` decides from the value's first bytes, whichever page is asked for.
  const sniff = asked !== 'auto' ? undefined : head.length > 0 ? head.subarray(0, 4096) : await client.getrangeBuffer(key, 0, 4095);
  const view = sniff ? autoView(sniff, size) : (asked as Exclude<StringView, 'auto'>);
  const notes: Message[] = [];
  const whole = size <= EDIT_BYTES && start === 0 ? toValueBytes(head.subarray(0, size)) : undefined;
  const withWhole = (page: StringPage) => (whole ? { ...page, whole } : page);

  if (view === 'gzip' || view === 'deflate' || view === 'msgpack') {
    const input = head.length > 0 ? head : await client.getrangeBuffer(key, 0, Math.min(size, DECODE_INPUT_BYTES) - 1);
    const inputWhole = size <= DECODE_INPUT_BYTES;
    if (view === 'msgpack') {
      if (!inputWhole) {
        notes.push(msg('keyEditor.note.tooLargeToDecode', { size, limit: DECODE_INPUT_BYTES }));
        return { page: withWhole({ offset: 0, length: 0, view, text: '', notes }) };
      }
      const decoded = decodeMsgpack(input);
      if ('error' in decoded) {
        notes.push(msg('keyEditor.note.decodeFailed', { format: 'MessagePack', reason: decoded.error }));
        return { page: withWhole({ offset: 0, length: input.length, view: 'hex', text: hexLines(input.subarray(0, HEX_PAGE_BYTES), 0), notes }), next: input.length > HEX_PAGE_BYTES ? HEX_PAGE_BYTES : undefined };
      }
      return { page: withWhole({ offset: 0, length: input.length, view, text: fit(decoded.json, notes), notes }) };
    }
    const result = decompress(input, view, inputWhole);
    if (result.error) notes.push(msg('keyEditor.note.decodeFailed', { format: view, reason: result.error.slice(0, 200) }));
    if (!inputWhole) notes.push(msg('keyEditor.note.decodeInputCut', { limit: DECODE_INPUT_BYTES, size }));
    if (result.cut && !result.error) notes.push(msg('keyEditor.note.decodeOutputCut', { limit: DECODE_OUTPUT_BYTES }));
    notes.push(msg('keyEditor.note.decompressed', { format: view, from: Math.min(size, DECODE_INPUT_BYTES), to: result.out.length }));
    return { page: withWhole({ offset: 0, length: input.length, view, text: showDecoded(result.out, notes), notes }) };
  }

  const pageBytes = view === 'hex' ? HEX_PAGE_BYTES : TEXT_PAGE_BYTES;
  const raw = head.length > 0 ? head.subarray(0, pageBytes) : await client.getrangeBuffer(key, start, start + pageBytes - 1);
  // Text pages end on a character boundary so no character is split across two pages.
  const length = view === 'hex' || start + raw.length >= size ? raw.length : charBoundary(raw, raw.length) || raw.length;
  const bytes = raw.subarray(0, length);
  let text: string;
  if (view === 'hex') text = hexLines(bytes, start);
  else if (view === 'json') {
    const state = await jsonStateAt(client, key, start);
    if (!state) notes.push(msg('keyEditor.note.jsonDepthUnknown', { limit: JSON_PREFIX_BYTES }));
    text = fit(prettyJson(bytes.toString('utf8'), state ?? JSON_START).text, notes);
  } else {
    text = fit(displayBytes(bytes, bytes.length), notes);
    // Its own backslashes are shown as they are (a JSON value keeps its own), so a stored "\x00" and a zero byte would read
    // alike: say so, and where to tell. Said when escapes are shown, and when the text's own backslashes look like one.
    const escapes = escapedAsText(bytes);
    if (escapes && bytes.includes(0x5c)) notes.push(msg('keyEditor.note.escapesAmbiguous'));
    else if (escapes && !isUtf8(bytes)) notes.push(msg('keyEditor.note.escapesShown'));
    else if (LOOKS_ESCAPED.test(bytes.toString('latin1'))) notes.push(msg('keyEditor.note.literalEscapes'));
  }
  const next = start + length < size ? start + length : undefined;
  const prev = start > 0 ? Math.max(0, start - pageBytes) : undefined;
  return { page: withWhole({ offset: start, length, view, text, notes }), next, prev };
}
