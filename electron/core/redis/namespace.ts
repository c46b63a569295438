import { getKeyIndexes, hasFlag } from '@ioredis/commands';
import type { Redis } from 'ioredis';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n/message';
import { ownKeySpots, patternInside, type KeySpots } from './command-keys';

/** Commands the app never sends, whatever a pattern asks: they reach beyond the namespace. */
const FORBIDDEN = new Set(['FLUSHDB', 'FLUSHALL', 'KEYS', 'SWAPDB', 'MOVE', 'MIGRATE', 'SHUTDOWN', 'DEBUG']);

/** Escapes glob characters so a namespace can be used in SCAN MATCH and PSUBSCRIBE. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

const movable = new Map<string, boolean>();
const fixedSpots = new Map<string, KeySpots>();

/**
 * Where the keys are in a command's arguments. Unless the command's keys
 * move with its arguments (EVAL's numkeys, SORT's STORE), they depend only
 * on how many arguments there are, so the answer is remembered: this runs
 * on every command a pattern sends.
 */
function keySpots(lower: string, args: (string | number | Buffer)[]): KeySpots {
  const own = ownKeySpots(lower, args);
  if (own) return own;
  let moves = movable.get(lower);
  if (moves === undefined) movable.set(lower, (moves = hasFlag(lower, 'movablekeys')));
  if (moves) return { keys: getKeyIndexes(lower, args), patterns: [] };
  const id = `${lower}/${args.length}`;
  let spots = fixedSpots.get(id);
  if (!spots) fixedSpots.set(id, (spots = { keys: getKeyIndexes(lower, args), patterns: [] }));
  return spots;
}

/**
 * An argument as the bytes Redis receives: ioredis sends a string as UTF-8.
 * Keys are compared as bytes, never as decoded text: latin1-decoding a key
 * to compare it with a UTF-8 namespace let "\xe9:victim" pass as inside "é:"
 * (an independent tester overwrote it from the console) and refused every key
 * of a Korean namespace.
 */
const argBytes = (arg: string | number | Buffer | undefined): Buffer => (Buffer.isBuffer(arg) ? arg : Buffer.from(arg === undefined ? '' : String(arg)));

/**
 * What the guard needs of a namespace, worked out once per namespace (a
 * session keeps one): its UTF-8 bytes, and whether it is well formed. A lone
 * surrogate has no UTF-8 of its own (it is sent as U+FFFD's bytes), so a
 * namespace holding one is compared as bytes only.
 */
const namespaces = new Map<string, { prefix: Buffer; wellFormed: boolean }>();
const namespaceOf = (namespace: string): { prefix: Buffer; wellFormed: boolean } => {
  let known = namespaces.get(namespace);
  if (!known) {
    if (namespaces.size > 64) namespaces.clear();
    const wellFormed = (namespace as string & { isWellFormed(): boolean }).isWellFormed();
    namespaces.set(namespace, (known = { prefix: Buffer.from(namespace), wellFormed }));
  }
  return known;
};

/** Whether a key's bytes begin with the namespace's UTF-8 bytes. */
export function startsWithNamespace(key: Buffer, namespace: string): boolean {
  const { prefix } = namespaceOf(namespace);
  return key.length >= prefix.length && key.subarray(0, prefix.length).equals(prefix);
}

/** A key or pattern for a message: its UTF-8 reading (binary bytes show as replacement characters). */
const shown = (arg: string | number | Buffer | undefined) => (arg === undefined ? 'undefined' : Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg));

/**
 * Throws unless every key the command touches lies under the namespace,
 * the keys SORT reads through its BY and GET patterns included.
 * This is the one gate between patterns and a developer's own Redis.
 */
export function assertInNamespace(namespace: string, command: string, args: (string | number | Buffer)[], lower = command.toLowerCase()): void {
  const name = command.toUpperCase();
  if (FORBIDDEN.has(name)) {
    throw new AppError('namespace_violation', msg('errors.namespace.never', { name, namespace }));
  }
  let spots: KeySpots;
  try {
    spots = keySpots(lower, args);
  } catch {
    // Commands unknown to the table have no key positions we can check.
    throw new AppError('namespace_violation', msg('errors.namespace.unchecked', { name }));
  }
  const { wellFormed } = namespaceOf(namespace);
  for (const i of spots.keys) {
    const arg = args[i];
    // A string key that starts with a well-formed namespace starts with its UTF-8 bytes too (UTF-8 encodes code point by
    // code point): no bytes to make on the path every step's command takes. Anything else is compared as bytes.
    if (wellFormed && typeof arg === 'string' && arg.startsWith(namespace)) continue;
    // A position past the end (a numkeys larger than the keys given) reads as "undefined": refused, and the server would refuse it too.
    if (arg === undefined || !startsWithNamespace(argBytes(arg), namespace)) {
      throw new AppError('namespace_violation', msg('errors.namespace.outside', { name, key: shown(args[i]), namespace }));
    }
  }
  for (const { option, index } of spots.patterns) {
    if (!patternInside(argBytes(args[index]), namespace)) {
      throw new AppError('namespace_violation', msg('errors.namespace.pattern', { name, option, pattern: shown(args[index]), namespace }));
    }
  }
}

/**
 * Iterates the keys under the namespace with SCAN, never KEYS. MATCH is a
 * glob on bytes, so each key's prefix is checked again: nothing else can slip through.
 */
export async function* scanNamespace(client: Redis, namespace: string, count = 500): AsyncGenerator<Buffer[]> {
  const prefix = Buffer.from(namespace);
  let cursor = '0';
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', `${globEscape(namespace)}*`, 'COUNT', count);
    cursor = next.toString();
    const mine = keys.filter((key) => key.subarray(0, prefix.length).equals(prefix));
    if (mine.length) yield mine;
  } while (cursor !== '0');
}

/** How many keys exist under the namespace. */
export async function countNamespace(client: Redis, namespace: string): Promise<number> {
  let total = 0;
  for await (const batch of scanNamespace(client, namespace)) total += batch.length;
  return total;
}

/** How many key names a clear remembers for the next one. */
const KNOWN_LIMIT = 1024;

/**
 * Deletes the keys under the namespace in batches (SCAN + UNLINK), never FLUSHDB.
 *
 * `known` holds key names a previous clear of this namespace found (the
 * explorer clears before every schedule, and each schedule makes the same
 * few keys): they are unlinked in the same round trip as the walk's first
 * SCAN, so when nothing else was made the SCAN finds the namespace empty and
 * the clear costs one round trip, not two. The walk still runs to its end, so
 * the namespace is as empty as without the hint; names outside the namespace
 * are never sent. On return `known` also holds the names this walk found.
 */
export async function clearNamespace(client: Redis, namespace: string, known?: Map<string, Buffer>): Promise<number> {
  const prefix = Buffer.from(namespace);
  const inside = (key: Buffer) => key.subarray(0, prefix.length).equals(prefix);
  const hinted = known ? [...known.values()].filter(inside) : [];
  const found: Buffer[] = [];
  let deleted = 0;
  let cursor = '0';
  do {
    const scanArgs = [cursor, 'MATCH', `${globEscape(namespace)}*`, 'COUNT', 500] as const;
    let next: Buffer;
    let keys: Buffer[];
    if (hinted.length > 0) {
      // Both sent before either reply is read: one round trip, and the server runs them in order.
      const [unlinked, scanned] = await Promise.all([client.unlink(...hinted), client.scanBuffer(...scanArgs)]);
      deleted += unlinked;
      [next, keys] = scanned;
      hinted.length = 0;
    } else {
      [next, keys] = await client.scanBuffer(...scanArgs);
    }
    cursor = next.toString();
    const mine = keys.filter(inside);
    if (mine.length) {
      deleted += await client.unlink(...mine);
      found.push(...mine);
    }
  } while (cursor !== '0');
  if (known) {
    // Kept: last time's names and this time's, unless that grows past the limit.
    if (known.size + found.length > KNOWN_LIMIT) known.clear();
    for (const key of found.slice(0, KNOWN_LIMIT)) known.set(key.toString('latin1'), key);
  }
  return deleted;
}
