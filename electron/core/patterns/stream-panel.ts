import type { Redis } from 'ioredis';
import type { ActorId, StreamPanel } from '../../../shared/model';

type Entry = [string, string[]];

/** A value as the panel shows it: whole when short, its start and an ellipsis when long. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Stream ids compared as Redis compares them: milliseconds, then sequence. */
export function compareIds(a: string, b: string): number {
  const [am, as = '0'] = a.split('-');
  const [bm, bs = '0'] = b.split('-');
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(as) - BigInt(bs);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}

/** An XINFO reply (flat name/value list) as an object. */
function fields(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

export interface StreamPanelOptions {
  /** How many entries to show (the first ones). */
  entries?: number;
  /** How many pending entries to read per group (XPENDING … COUNT). */
  pending?: number;
  /** Field values longer than this are cut. */
  valueChars?: number;
  /** Which actor plays a consumer, for its colour. */
  actorOf?(consumer: string): { actor: ActorId; lane?: number } | undefined;
}

/**
 * Reads a stream and one consumer group for the 'stream' panel, untraced,
 * on the inspector's connection: XLEN, the first entries (XRANGE … COUNT),
 * XINFO GROUPS / CONSUMERS and XPENDING's extended form. Bounded: a long
 * stream or a long pending list is cut and what is left out is counted.
 */
export async function readStreamPanel(control: Redis, key: string, groupName: string, opts: StreamPanelOptions = {}): Promise<StreamPanel> {
  const { entries: shown = 20, pending: pendingCap = 50, valueChars = 40 } = opts;
  const readAt = Date.now();
  const [length, range] = await Promise.all([control.xlen(key), control.call('XRANGE', key, '-', '+', 'COUNT', shown) as Promise<Entry[]>]);
  const panel: StreamPanel = {
    kind: 'stream',
    key,
    length,
    entries: range.map(([id, flat]) => ({
      id,
      fields: Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], cut(flat[2 * i + 1], valueChars)] as [string, string]),
      state: 'new',
    })),
    more: Math.max(0, length - range.length),
    readAt,
  };
  if (length === 0 && !(await control.exists(key))) return panel;
  const groups = ((await control.call('XINFO', 'GROUPS', key)) as unknown[][]).map(fields);
  const group = groups.find((g) => String(g.name) === groupName);
  if (!group) return panel;
  const lastDeliveredId = String(group['last-delivered-id']);
  const [consumers, pel] = await Promise.all([
    control.call('XINFO', 'CONSUMERS', key, groupName) as Promise<unknown[][]>,
    control.call('XPENDING', key, groupName, '-', '+', pendingCap) as Promise<[string, string, number, number][]>,
  ]);
  const owner = new Map(pel.map(([id, consumer]) => [id, consumer]));
  for (const entry of panel.entries) {
    const by = owner.get(entry.id);
    if (by) Object.assign(entry, { state: 'pending', consumer: by });
    else if (compareIds(entry.id, lastDeliveredId) <= 0) entry.state = 'acked';
  }
  panel.group = {
    name: groupName,
    lastDeliveredId,
    pending: Number(group.pending),
    consumers: consumers.map(fields).map((c) => {
      const name = String(c.name);
      const mine = pel.filter(([, consumer]) => consumer === name).map(([id, , idleMs, deliveries]) => ({ id, idleMs: Number(idleMs), deliveries: Number(deliveries) }));
      const who = opts.actorOf?.(name);
      return { name, ...who, idleMs: Number(c.idle), pending: mine, pendingMore: Math.max(0, Number(c.pending) - mine.length) };
    }),
  };
  return panel;
}
