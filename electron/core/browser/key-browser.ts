import type { Redis } from 'ioredis';
import type { KeyInfo, RedisType, ScanPage } from '../../../shared/model';
import { AppError } from '../app-error';
import { readKeyDetails } from '../feed/key-details';
import { displayBytes } from '../redis/display-bytes';
import type { ServerFacts } from '../redis/open-client';

/** SCAN's COUNT per call: large enough to move through millions of keys, small enough to keep each call short on the server. */
const SCAN_COUNT = 2000;
/** A page ends once it holds this many keys, or after this many SCAN calls (sparse matches must not stall the UI). */
const PAGE_KEYS = 500;
const PAGE_CALLS = 25;

/**
 * One page of the whole keyspace, read-only: SCAN from a cursor, never KEYS.
 * The renderer asks for the next page as the user scrolls, so a database of
 * millions of keys is walked lazily and nothing is held that is not shown.
 */
export async function scanPage(
  control: Redis,
  facts: ServerFacts,
  input: { cursor: string; match?: string; type?: RedisType },
): Promise<ScanPage> {
  if (input.type && facts.major < 6) {
    throw new AppError('invalid_input', `Filtering by type uses SCAN … TYPE, which needs Redis 6.0 or newer; this server runs ${facts.version}.`, { field: 'type' });
  }
  const args: (string | number)[] = ['MATCH', input.match || '*', 'COUNT', SCAN_COUNT];
  if (input.type) args.push('TYPE', input.type);
  let cursor = input.cursor;
  const keys: Buffer[] = [];
  for (let calls = 0; calls < PAGE_CALLS; calls++) {
    const [next, batch] = (await control.scanBuffer(cursor, ...(args as ['MATCH', string, 'COUNT', number]))) as [Buffer, Buffer[]];
    cursor = next.toString();
    keys.push(...batch);
    if (cursor === '0' || keys.length >= PAGE_KEYS) break;
  }
  const total = await control.dbsize();
  return { cursor, keys: keys.map((key) => ({ id: key.toString('base64'), label: displayBytes(key, 512) })), total };
}

/** Type, TTL, size and preview for the rows on screen; keys that vanished meanwhile are left out. */
export async function keyDetails(control: Redis, ids: string[]): Promise<(KeyInfo & { id: string })[]> {
  const infos = await readKeyDetails(
    control,
    ids.map((id) => Buffer.from(id, 'base64')),
  );
  return infos.flatMap((info, i) => (info ? [{ ...info, id: ids[i] }] : []));
}
