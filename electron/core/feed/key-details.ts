import type { ChainableCommander, Redis } from 'ioredis';
import type { KeyDenials, KeyInfo } from '../../../shared/model';
import { denialOf } from '../browser/denial';
import { cellDisplay, fitDisplay, fitText, jsonBytes } from '../browser/display-cut';
import { peekMany, type Peek } from '../browser/peek';

const PREVIEW_BYTES = 200;
/** A preview shows the first few elements, each cut to a few bytes. */
const PREVIEW_LIMITS = { rows: 5, cellBytes: 40, totalBytes: PREVIEW_BYTES, streamFields: 2 };
/** A key name is shown up to this many bytes, then cut with its full length beside it. */
const LABEL_BYTES = 256;
/** All the details of one call fit in this much JSON (a frame is at most 256 KiB)… */
const DEFAULT_BUDGET = 192 * 1024;
/** …no key gets less than this, however many are asked for at once… */
const MIN_PER_KEY = 160;
/** …nor more than this unless asked: long binary names and previews escape to up to 5 bytes of JSON per byte. */
const MAX_PER_KEY = 1024;

export type Reply = [Error | null, unknown];

export interface DetailOptions {
  /** Bytes of JSON all the returned details may take together. */
  budget?: number;
  /** Bytes of each key name shown. */
  labelBytes?: number;
  /**
   * Bytes of JSON one key's details may take (default 1 KiB). A caller that
   * sends many batches in one message sets it to its budget per key, e.g.
   * the Keys panel: 1,000 keys × 240 bytes stay under a 256 KiB frame.
   */
  perKey?: number;
}

function previewOf(peek: Peek): string {
  const rows = peek.rows.map((row, r) => {
    const texts = row.map((c) => cellDisplay(c));
    if (peek.type === 'stream') {
      const pairs: string[] = [];
      for (let i = 1; i + 1 < texts.length; i += 2) pairs.push(`${texts[i]}=${texts[i + 1]}`);
      const more = (peek.fieldCounts?.[r] ?? 0) > pairs.length ? ' …' : '';
      return `${texts[0]} ${pairs.join(' ')}${more}`;
    }
    return peek.type === 'zset' || peek.type === 'hash' ? `${texts[0]}: ${texts[1]}` : texts[0];
  });
  return rows.join(', ') + (peek.size > peek.rows.length ? ', …' : '');
}

/** Commands queued per key by queueKeyDetails: TYPE, PTTL, STRLEN, GETRANGE. */
const PER_KEY_COMMANDS = 4;

/**
 * Queues the first reads of each key on a pipeline: TYPE and PTTL, and
 * STRLEN + GETRANGE in case it is a string (a key of another type answers
 * those two with WRONGTYPE, which is ignored). Most keys are strings, so
 * most batches are read in this one round trip, which the caller may share
 * with its own reads. Hand the replies to keyDetailsFrom.
 */
export function queueKeyDetails(pipe: ChainableCommander, keys: Buffer[]): void {
  for (const key of keys) pipe.type(key).pttl(key).strlen(key).getrangeBuffer(key, 0, PREVIEW_BYTES - 1);
}

/**
 * Reads type, TTL, size and a short preview of each key: one round trip,
 * and a second only for collections. Nothing is read whole: strings by
 * STRLEN + GETRANGE, collections by a script that cuts each element inside
 * Redis (see elements-script.ts), so a key of 2 MB elements costs what a small
 * one does; key names and previews are cut so all of it fits `budget`.
 * What the ACL user may not read is named in `denied`, never left as a
 * blank or NaN. Null where a key has gone.
 */
export async function readKeyDetails(client: Redis, keys: Buffer[], options: DetailOptions = {}): Promise<(KeyInfo | null)[]> {
  if (keys.length === 0) return [];
  const pipe = client.pipeline();
  queueKeyDetails(pipe, keys);
  return keyDetailsFrom(client, keys, ((await pipe.exec()) ?? []) as Reply[], 0, options);
}

/** The details of `keys` from the replies queueKeyDetails asked for, starting at `offset`; collections are peeked now. */
export async function keyDetailsFrom(client: Redis, keys: Buffer[], replies: Reply[], offset: number, options: DetailOptions = {}): Promise<(KeyInfo | null)[]> {
  if (keys.length === 0) return [];
  const readAt = Date.now();
  const reply = (i: number, part: number): Reply => replies[offset + i * PER_KEY_COMMANDS + part] ?? [null, null];
  const meta = keys.flatMap((_, i) => [reply(i, 0), reply(i, 1)]);
  const types = keys.map((_, i) => (meta[i * 2]?.[0] ? undefined : String(meta[i * 2]?.[1])));
  const strings = keys.flatMap((key, i) => (types[i] === 'string' ? [i] : []));
  const collections = keys.flatMap((key, i) => (types[i] && types[i] !== 'string' && types[i] !== 'none' ? [i] : []));
  const stringReplies = strings.flatMap((i) => [reply(i, 2), reply(i, 3)]);
  const peeks = await peekMany(
    client,
    collections.map((i) => keys[i]),
    PREVIEW_LIMITS,
  );

  const allowance = Math.min(options.perKey ?? MAX_PER_KEY, Math.max(MIN_PER_KEY, Math.floor((options.budget ?? DEFAULT_BUDGET) / keys.length)));
  const labelBytes = options.labelBytes ?? LABEL_BYTES;
  return keys.map((key, i) => {
    const [typeErr] = meta[i * 2] ?? [];
    const [ttlErr, ttl] = meta[i * 2 + 1] ?? [];
    const denied: KeyDenials = {};
    let type = types[i] ?? 'unknown';
    let size = 0;
    let preview = '';
    if (typeErr) {
      // Without TYPE nothing else about the key can be read either: the same refusal covers every part.
      const d = denialOf(typeErr, 'type') ?? { kind: 'command', command: 'type' };
      Object.assign(denied, { type: d, size: d, value: d });
    } else if (type === 'none') {
      return null; // deleted between the SCAN and now
    } else if (type === 'string') {
      const at = strings.indexOf(i) * 2;
      const [lenErr, len] = stringReplies[at] ?? [];
      const [headErr, head] = stringReplies[at + 1] ?? [];
      if (lenErr) denied.size = denialOf(lenErr, 'strlen');
      else size = Number(len);
      if (headErr) denied.value = denialOf(headErr, 'getrange');
      else preview = cellDisplay({ head: head as Buffer, bytes: lenErr ? (head as Buffer).length : size });
    } else {
      const peek = peeks[collections.indexOf(i)];
      if (peek?.denied) Object.assign(denied, { size: peek.denied, value: peek.denied });
      else if (peek) {
        size = peek.size;
        if (peek.sizeDenied) denied.size = peek.sizeDenied;
        type = peek.type === 'none' ? type : peek.type;
        if (peek.unread) denied.value = peek.unread.denial;
        else preview = previewOf(peek);
      }
    }
    if (ttlErr) denied.ttl = denialOf(ttlErr, 'pttl') ?? { kind: 'command', command: 'pttl' };
    const label = fitDisplay(key, labelBytes, Math.max(32, allowance / 2));
    const info: KeyInfo = { key: label.text, type, preview, size, pttl: ttlErr ? -1 : Number(ttl), readAt };
    if (label.cut) info.keyBytes = key.length;
    if (Object.keys(denied).length > 0) info.denied = denied;
    const over = jsonBytes(info) - allowance;
    if (over > 0) info.preview = fitText(info.preview, Math.max(8, jsonBytes(info.preview) - over)).text;
    return info;
  });
}
