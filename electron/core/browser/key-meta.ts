import type { ChainableCommander, Redis } from 'ioredis';
import type { RowMemory, RowMeta } from '../../../shared/browser-list';
import type { Denial } from '../../../shared/model';
import { denialOf } from './denial';
import { handlesFor } from './key-handles';
import { nameBatches } from './name-batches';

type Reply = [Error | null, unknown];

/** The keys ids name; undefined where a long name is no longer held. */
function keysOf(client: Redis, ids: string[]): (Buffer | undefined)[] {
  const handles = handlesFor(client);
  return ids.map((id) => handles.keyOf(id));
}

/**
 * Runs `perKey` (which queues `sends` commands naming the key) for every
 * held key, in pipelines of at most PIPELINE_NAME_BYTES of names sent one
 * after the other; the replies in key order.
 */
async function pipelined(client: Redis, keys: (Buffer | undefined)[], sends: number, perKey: (pipe: ChainableCommander, key: Buffer) => void): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const batch of nameBatches(keys.filter((k): k is Buffer => Boolean(k)), sends)) {
    const pipe = client.pipeline();
    for (const key of batch) perKey(pipe, key);
    replies.push(...(((await pipe.exec()) ?? []) as Reply[]));
  }
  return replies;
}

const refusal = (entry: Reply | undefined, sent: string): Denial => denialOf(entry?.[0], sent) ?? { kind: 'command', command: sent };

/**
 * Type and TTL of the rows on screen in one pipeline (TYPE + PTTL per key):
 * what a row shows first, and what auto-refresh re-reads (in several
 * pipelines when the names are long, see name-batches.ts). A refusal is
 * named per part; a key gone since the scan says so.
 */
export async function readRowMeta(client: Redis, ids: string[]): Promise<RowMeta[]> {
  const keys = keysOf(client, ids);
  const replies = await pipelined(client, keys, 2, (pipe, key) => pipe.type(key).pttl(key));
  const readAt = Date.now();
  let at = 0;
  return ids.map((id, i): RowMeta => {
    if (!keys[i]) return { id, missing: 'forgotten' };
    const [typeReply, ttlReply] = [replies[at], replies[at + 1]];
    at += 2;
    if (!typeReply?.[0] && typeReply?.[1] === 'none') return { id, missing: 'deleted' };
    const row: RowMeta = { id, type: typeReply?.[0] ? 'unknown' : String(typeReply?.[1]), pttl: ttlReply?.[0] ? -1 : Number(ttlReply?.[1]), readAt };
    const denied: { type?: Denial; ttl?: Denial } = {};
    if (typeReply?.[0]) denied.type = refusal(typeReply, 'type');
    if (ttlReply?.[0]) denied.ttl = refusal(ttlReply, 'pttl');
    if (denied.type || denied.ttl) row.denied = denied;
    return row;
  });
}

/**
 * MEMORY USAGE and OBJECT ENCODING of the rows on screen, asked for by the
 * user (MEMORY USAGE samples nested values, so it is not read on every
 * scroll). One pipeline, or several when the names are long.
 */
export async function readRowMemory(client: Redis, ids: string[]): Promise<RowMemory[]> {
  const keys = keysOf(client, ids);
  // OBJECT ENCODING first: it looks the key up as a read does, so a key whose TTL ran out is reclaimed; MEMORY USAGE
  // looks in the keyspace directly and would still size a key that expired but was not reclaimed yet (Redis 7.0).
  const replies = await pipelined(client, keys, 2, (pipe, key) => pipe.call('OBJECT', 'ENCODING', key).call('MEMORY', 'USAGE', key));
  let at = 0;
  return ids.map((id, i): RowMemory => {
    if (!keys[i]) return { id, missing: 'forgotten' };
    const [encoding, usage] = [replies[at], replies[at + 1]];
    at += 2;
    // Either answers nil for a key that does not exist (OBJECT ENCODING also for one whose TTL ran out).
    if ((!encoding?.[0] && encoding?.[1] === null) || (!usage?.[0] && usage?.[1] === null)) return { id, missing: 'deleted' };
    const row: RowMemory & { denied?: { memory?: Denial; encoding?: Denial } } = { id };
    const denied: { memory?: Denial; encoding?: Denial } = {};
    if (usage?.[0]) denied.memory = refusal(usage, 'memory');
    else row.bytes = Number(usage?.[1]);
    if (encoding?.[0]) denied.encoding = refusal(encoding, 'object');
    else if (encoding?.[1] !== null && encoding?.[1] !== undefined) row.encoding = String(encoding[1]);
    if (denied.memory || denied.encoding) row.denied = denied;
    return row;
  });
}
