import type { Redis } from 'ioredis';
import { globEscape } from '../redis/namespace';

/**
 * SCAN COUNT per call. SCAN MATCH filters on the server after walking, so
 * finding a namespace's keys costs one walk of the whole keyspace whatever
 * the namespace's size; a larger COUNT makes that walk fewer round trips.
 */
export const WALK_COUNT = 1000;

/**
 * Names the Keys feed keeps from a walk: the panel's first 1,000 plus up to
 * 100,000 beyond it, remembered by name only so "N more" stays exact as keys
 * come and go. Past that the count is a lower bound.
 */
export const PANEL_LIMIT = 1000;
export const TRACK_LIMIT = 100_000;
export const FEED_WALK_KEEP = PANEL_LIMIT + TRACK_LIMIT;

/** One walk of the keys under a namespace: how many there are and the first names. */
export interface NamespaceWalk {
  /** Keys found under the namespace. */
  count: number;
  /** The first `keep` names found, in SCAN order. */
  names: Buffer[];
  /** SCAN calls the walk took. */
  scans: number;
  /** Wall time of the walk. */
  ms: number;
  /** Date.now() when the walk finished. */
  at: number;
}

/**
 * Walks the namespace once with SCAN (never KEYS), keeping at most `keep`
 * names so a namespace of millions costs bounded memory; the rest are only
 * counted.
 */
export async function walkNamespace(client: Redis, namespace: string, keep: number, count = WALK_COUNT): Promise<NamespaceWalk> {
  const start = performance.now();
  const prefix = Buffer.from(namespace);
  const match = `${globEscape(namespace)}*`;
  const names: Buffer[] = [];
  let total = 0;
  let scans = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', match, 'COUNT', count);
    scans++;
    cursor = next.toString();
    for (const key of keys) {
      // MATCH is a glob on bytes; check the prefix again so nothing else slips in.
      if (!key.subarray(0, prefix.length).equals(prefix)) continue;
      total++;
      if (names.length < keep) names.push(key);
    }
  } while (cursor !== '0');
  return { count: total, names, scans, ms: performance.now() - start, at: Date.now() };
}

/**
 * The connect-time walk, remembered per client so the Keys feed starting
 * right after can use it instead of walking again: on a big keyspace a walk
 * is the most expensive thing connecting does. Taken once, and only while
 * fresh; a change made between that walk and the feed's subscription is the
 * price (the app's own namespace, moments apart).
 */
const recentWalks = new WeakMap<Redis, NamespaceWalk & { namespace: string }>();
const REUSE_MS = 5000;

/** Walks the namespace keeping what the Keys feed needs, and remembers the walk for it. */
export async function walkForFeed(client: Redis, namespace: string): Promise<NamespaceWalk> {
  const walk = await walkNamespace(client, namespace, FEED_WALK_KEEP);
  recentWalks.set(client, { ...walk, namespace });
  return walk;
}

/** The walk walkForFeed made on this client for this namespace, once, if it is still fresh. */
export function takeRecentWalk(client: Redis, namespace: string): NamespaceWalk | undefined {
  const walk = recentWalks.get(client);
  recentWalks.delete(client);
  return walk && walk.namespace === namespace && Date.now() - walk.at <= REUSE_MS ? walk : undefined;
}
