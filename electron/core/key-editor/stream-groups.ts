import type { Redis } from 'ioredis';
import type { StreamGroups } from '../../../shared/key-editor-contract';
import { msg } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import { denialOf } from '../browser/denial';
import { displayBytes } from '../redis/display-bytes';

/** Groups shown at most (a stream rarely has more; XINFO GROUPS has no COUNT, but each group is a few fields). */
const GROUPS_MAX = 50;
/** Pending entries listed for the chosen group: XPENDING's summary gives the counts, this range the first ones. */
const PENDING_MAX = 20;
/** Consumers named in the pending summary. */
const CONSUMERS_MAX = 20;

const text = (v: unknown) => (Buffer.isBuffer(v) ? displayBytes(v, 200) : String(v));

/** XINFO GROUPS replies a flat name/value list per group. */
function fieldsOf(raw: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[String(raw[i])] = raw[i + 1];
  return out;
}

/**
 * A stream's consumer groups (XINFO GROUPS) and one group's pending entries:
 * XPENDING's summary (count, smallest and largest ID, per consumer) and the
 * first PENDING_MAX entries, so a PEL of millions is never listed whole.
 */
export async function readStreamGroups(client: Redis, key: Buffer, wanted?: string): Promise<StreamGroups> {
  let raw: unknown[][];
  try {
    raw = (await client.callBuffer('XINFO', 'GROUPS', key)) as unknown[][];
  } catch (err) {
    const denied = denialOf(err, 'xinfo');
    if (denied) return { groups: [], more: false, denied };
    // The pane asks for groups of a stream it just read: these replies mean someone else changed the key since.
    const text = err instanceof Error ? err.message : '';
    if (/^ERR no such key/.test(text)) throw new AppError('conflict', msg('keyEditor.readGone'), { cause: err });
    if (/^WRONGTYPE\b/.test(text)) throw new AppError('conflict', msg('keyEditor.notStream'), { cause: err });
    throw err;
  }
  const groups = raw.slice(0, GROUPS_MAX).map((g) => {
    const f = fieldsOf(g);
    const lag = f.lag === undefined ? undefined : f.lag === null ? null : Number(f.lag);
    return {
      name: text(f.name),
      consumers: Number(f.consumers),
      pending: Number(f.pending),
      lastDeliveredId: text(f['last-delivered-id']),
      ...(lag !== undefined ? { lag } : {}),
    };
  });
  const out: StreamGroups = { groups, more: raw.length > GROUPS_MAX };
  const chosen = raw.slice(0, GROUPS_MAX).find((g) => text(fieldsOf(g).name) === wanted) ?? raw[0];
  if (!chosen) return out;
  const groupName = fieldsOf(chosen).name as Buffer;
  try {
    const [summary, entries] = await Promise.all([
      client.callBuffer('XPENDING', key, groupName) as Promise<[number, Buffer | null, Buffer | null, [Buffer, Buffer][] | null]>,
      client.callBuffer('XPENDING', key, groupName, '-', '+', PENDING_MAX) as Promise<[Buffer, Buffer, number, number][]>,
    ]);
    const [count, minId, maxId, consumers] = summary;
    out.group = text(groupName);
    out.pending = {
      count: Number(count),
      ...(minId ? { minId: text(minId) } : {}),
      ...(maxId ? { maxId: text(maxId) } : {}),
      consumers: (consumers ?? []).slice(0, CONSUMERS_MAX).map(([name, n]) => ({ name: text(name), count: Number(String(n)) })),
      entries: entries.map(([entryId, consumer, idle, deliveries]) => ({ entryId: text(entryId), consumer: text(consumer), idleMs: Number(idle), deliveries: Number(deliveries) })),
    };
  } catch (err) {
    const denied = denialOf(err, 'xpending');
    if (!denied) throw err;
    out.group = text(groupName);
    out.denied = denied;
  }
  return out;
}
