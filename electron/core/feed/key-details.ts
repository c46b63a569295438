import type { Redis } from 'ioredis';
import type { KeyInfo } from '../../../shared/model';
import { displayBytes } from '../redis/display-bytes';

const PREVIEW_BYTES = 200;
const PREVIEW_ITEMS = 5;

type PipelineResult = [Error | null, unknown][] | null;

function pairs(items: Buffer[]): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push(`${displayBytes(items[i], 40)}: ${displayBytes(items[i + 1], 40)}`);
  return out.join(', ');
}

/**
 * Reads type, TTL, size and a short preview of each key in two round trips.
 * Values are never read whole: a 100 MB string costs the same as a small one.
 * The result lines up with the keys given; null where a key has gone.
 */
export async function readKeyDetails(client: Redis, keys: Buffer[]): Promise<(KeyInfo | null)[]> {
  if (keys.length === 0) return [];
  const first = client.pipeline();
  for (const key of keys) first.type(key).pttl(key);
  const meta = (await first.exec()) as PipelineResult;
  const readAt = Date.now();
  const second = client.pipeline();
  const types: string[] = [];
  keys.forEach((key, i) => {
    const type = String(meta?.[i * 2]?.[1] ?? 'none');
    types.push(type);
    switch (type) {
      case 'string':
        second.strlen(key).getrangeBuffer(key, 0, PREVIEW_BYTES - 1);
        break;
      case 'list':
        second.llen(key).lrangeBuffer(key, 0, PREVIEW_ITEMS - 1);
        break;
      case 'set':
        second.scard(key).sscanBuffer(key, 0, 'COUNT', PREVIEW_ITEMS);
        break;
      case 'zset':
        // ZREVRANGE rather than ZRANGE … REV: the inspector must work on servers older than 6.2.
        second.zcard(key).zrevrangeBuffer(key, 0, PREVIEW_ITEMS - 1, 'WITHSCORES');
        break;
      case 'hash':
        second.hlen(key).hscanBuffer(key, 0, 'COUNT', PREVIEW_ITEMS);
        break;
      case 'stream':
        second.xlen(key).echo('');
        break;
      default:
        second.echo('0').echo('');
    }
  });
  const details = (await second.exec()) as PipelineResult;
  return keys.map((key, i) => {
    const type = types[i];
    if (type === 'none') return null; // deleted between the SCAN and now
    const size = Number(details?.[i * 2]?.[1] ?? 0);
    const raw = details?.[i * 2 + 1]?.[1];
    let preview = '';
    if (type === 'string') preview = displayBytes(raw as Buffer, PREVIEW_BYTES) + (size > PREVIEW_BYTES ? '…' : '');
    else if (type === 'list') preview = (raw as Buffer[]).map((b) => displayBytes(b, 40)).join(', ');
    else if (type === 'set') preview = ((raw as [Buffer, Buffer[]])[1] ?? []).map((b) => displayBytes(b, 40)).join(', ');
    else if (type === 'zset' || type === 'hash') preview = pairs(type === 'zset' ? (raw as Buffer[]) : ((raw as [Buffer, Buffer[]])[1] ?? []));
    else if (type === 'stream') preview = `${size} entries`;
    return { key: displayBytes(key, 512), type, preview, size, pttl: Number(meta?.[i * 2 + 1]?.[1] ?? -1), readAt };
  });
}
