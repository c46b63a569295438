import { getKeyIndexes, hasFlag } from '@ioredis/commands';
import type { Redis } from 'ioredis';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n/message';

/** Commands the app never sends, whatever a pattern asks: they reach beyond the namespace. */
const FORBIDDEN = new Set(['FLUSHDB', 'FLUSHALL', 'KEYS', 'SWAPDB', 'MOVE', 'MIGRATE', 'SHUTDOWN', 'DEBUG']);

/** Escapes glob characters so a namespace can be used in SCAN MATCH and PSUBSCRIBE. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

const movable = new Map<string, boolean>();
const fixedIndexes = new Map<string, number[]>();

/**
 * Where the keys are in a command's arguments. Unless the command's keys
 * move with its arguments (EVAL's numkeys), they depend only on how many
 * arguments there are, so the answer is remembered: this runs on every
 * command a pattern sends.
 */
function keyIndexes(lower: string, args: (string | number | Buffer)[]): number[] {
  let moves = movable.get(lower);
  if (moves === undefined) movable.set(lower, (moves = hasFlag(lower, 'movablekeys')));
  if (moves) return getKeyIndexes(lower, args);
  const id = `${lower}/${args.length}`;
  let indexes = fixedIndexes.get(id);
  if (!indexes) fixedIndexes.set(id, (indexes = getKeyIndexes(lower, args)));
  return indexes;
}

/**
 * Throws unless every key the command touches lies under the namespace.
 * This is the one gate between patterns and a developer's own Redis.
 */
export function assertInNamespace(namespace: string, command: string, args: (string | number | Buffer)[], lower = command.toLowerCase()): void {
  const name = command.toUpperCase();
  if (FORBIDDEN.has(name)) {
    throw new AppError('namespace_violation', msg('errors.namespace.never', { name, namespace }));
  }
  let indexes: number[];
  try {
    indexes = keyIndexes(lower, args);
  } catch {
    // Commands unknown to the table have no key positions we can check.
    throw new AppError('namespace_violation', msg('errors.namespace.unchecked', { name }));
  }
  for (const i of indexes) {
    const key = args[i];
    const text = Buffer.isBuffer(key) ? key.toString('latin1') : String(key);
    if (!text.startsWith(namespace)) {
      throw new AppError('namespace_violation', msg('errors.namespace.outside', { name, key: text, namespace }));
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

/** Deletes the keys under the namespace in batches (SCAN + UNLINK), never FLUSHDB. */
export async function clearNamespace(client: Redis, namespace: string): Promise<number> {
  let deleted = 0;
  for await (const batch of scanNamespace(client, namespace)) deleted += await client.unlink(...batch);
  return deleted;
}
