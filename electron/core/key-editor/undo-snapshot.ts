import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';
import { denialOf } from '../browser/denial';

/** A key is kept for undo only when MEMORY USAGE says it takes at most this much; a bigger one would hold the host's memory for one undo. */
export const UNDO_KEY_BYTES = 8 * 1024 * 1024;

/** One key as it was before an edit: its DUMP and absolute expiry, or that it did not exist. */
export interface KeyBefore {
  key: Buffer;
  dump?: Buffer;
  /** Unix ms when it expires; -1 without a TTL. */
  expireAt: number;
}

/** What an edit can be undone from, or why it cannot. */
export type Snapshot = { ok: true; keys: KeyBefore[] } | { ok: false; reason: Message };

type Reply = [Error | null, unknown];

/**
 * Reads the keys an edit touches, on the editor's connection after WATCH,
 * so what is kept is exactly the state the edit changes: DUMP (bounded by
 * MEMORY USAGE first) and PTTL turned into an absolute expiry.
 */
export async function takeSnapshot(client: Redis, keys: Buffer[]): Promise<Snapshot> {
  const pipe = client.pipeline();
  for (const key of keys) pipe.exists(key).memory('USAGE', key).pttl(key);
  const replies = ((await pipe.exec()) ?? []) as Reply[];
  const now = Date.now();
  const out: KeyBefore[] = [];
  for (let i = 0; i < keys.length; i++) {
    const [[, exists], [memErr, memory], [ttlErr, pttl]] = replies.slice(i * 3, i * 3 + 3);
    if (Number(exists) === 0) {
      out.push({ key: keys[i], expireAt: -1 });
      continue;
    }
    if (memErr) {
      const d = denialOf(memErr, 'memory');
      return { ok: false, reason: msg('keyEditor.undo.denied', { command: (d?.command ?? 'memory usage').toUpperCase() }) };
    }
    if (Number(memory) > UNDO_KEY_BYTES) return { ok: false, reason: msg('keyEditor.undo.tooLarge', { size: Number(memory), limit: UNDO_KEY_BYTES }) };
    if (ttlErr) return { ok: false, reason: msg('keyEditor.undo.denied', { command: 'PTTL' }) };
    let dump: Buffer | null;
    try {
      const small = await dumpIfSmall(client, keys[i]);
      if (typeof small === 'number') return { ok: false, reason: msg('keyEditor.undo.tooLarge', { size: small, limit: UNDO_KEY_BYTES }) };
      dump = small;
    } catch (err) {
      const d = denialOf(err, 'dump');
      if (!d) throw err;
      return { ok: false, reason: msg('keyEditor.undo.denied', { command: 'DUMP' }) };
    }
    if (!dump) out.push({ key: keys[i], expireAt: -1 });
    else out.push({ key: keys[i], dump, expireAt: Number(pttl) > 0 ? now + Number(pttl) : -1 });
  }
  return { ok: true, keys: out };
}

/**
 * DUMP inside Redis, sent back only when at most UNDO_KEY_BYTES (else its
 * length). MEMORY USAGE above samples a few elements of a collection, so a
 * hash of small fields and one huge one can pass it; this bound is exact.
 */
const DUMP_IF_SMALL_LUA = `local d = redis.pcall('DUMP', KEYS[1])
if type(d) == 'table' and d.err then return redis.error_reply(d.err .. ' (while running dump)') end
if not d then return false end
if #d > tonumber(ARGV[1]) then return #d end
return d`;

/** The key's DUMP, or its length when over the bound; a plain DUMP where EVAL is refused (MEMORY USAGE was the bound then). */
async function dumpIfSmall(client: Redis, key: Buffer): Promise<Buffer | null | number> {
  try {
    return (await client.callBuffer('eval', DUMP_IF_SMALL_LUA, 1, key, UNDO_KEY_BYTES)) as Buffer | null | number;
  } catch (err) {
    const d = denialOf(err, 'eval');
    if (!d || d.kind !== 'command' || !/^eval/.test(d.command)) throw err;
    return client.dumpBuffer(key);
  }
}

/** A short fingerprint of a key's DUMP (null: absent), to tell whether someone changed it after the edit. */
export function fingerprint(dump: Buffer | null | undefined): string {
  return dump ? createHash('sha1').update(dump).digest('hex') : 'absent';
}

/** SHA-1 of a key's DUMP, computed inside Redis: the same hex as `fingerprint`, without the DUMP travelling. */
const FINGERPRINT_LUA = `local d = redis.call('DUMP', KEYS[1])
if not d then return 'absent' end
return redis.sha1hex(d)`;

/**
 * A key's fingerprint now, to compare with the one kept after the edit. The
 * key may have grown to any size since (someone else's writes), so its DUMP
 * is hashed inside Redis; it is read here only where EVAL is refused.
 */
export async function currentFingerprint(client: Redis, key: Buffer): Promise<string> {
  try {
    return String(await client.eval(FINGERPRINT_LUA, 1, key));
  } catch (err) {
    const d = denialOf(err, 'eval');
    if (!d || d.kind !== 'command' || !/^eval/.test(d.command)) throw err;
    return fingerprint(await client.dumpBuffer(key));
  }
}
