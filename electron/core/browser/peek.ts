import type { Redis } from 'ioredis';
import type { Denial } from '../../../shared/model';
import { scriptSha } from '../redis/run-script';
import { denialOf } from './denial';
import { ELEMENTS_LUA, ELEMENTS_LUA_NO_WRITES } from './elements-script';

/** One element (or field, member, score) as read: its start and its full length. */
export interface PeekCell {
  head: Buffer;
  bytes: number;
}

/** The first elements of one collection key, each cut; see ELEMENTS_LUA. */
export interface Peek {
  type: string;
  size: number;
  rows: PeekCell[][];
  /** Streams: each entry's field count (only the first few are in its row). */
  fieldCounts?: number[];
  /** Reading the elements was refused (the key, or a command the read needs). */
  denied?: Denial;
  /** Counting them was refused (without EVAL, LLEN/SCARD/… run on their own); `size` is then 0. */
  sizeDenied?: Denial;
  /** Elements left unread on purpose: EVAL is refused and the key is too large to read whole. */
  unread?: { denial: Denial; memoryBytes?: number };
}

export interface PeekLimits {
  rows: number;
  /** Bytes of each element kept. */
  cellBytes: number;
  /** Bytes of elements kept in all, per key. */
  totalBytes: number;
  /** Fields shown per stream entry. */
  streamFields: number;
}

/** Without EVAL, a collection is read with plain commands only when it is this small as a whole (MEMORY USAGE). */
const PLAIN_READ_MAX = 256 * 1024;

type Reply = [Error | null, unknown];

/** Per connection: whether the server accepts the no-writes line (7.0+), learnt from its first answer. */
const oldServers = new WeakSet<object>();

function script(client: Redis): string {
  return oldServers.has(client) ? ELEMENTS_LUA : ELEMENTS_LUA_NO_WRITES;
}

/** The script's reply as a peek: at most `limits.rows` rows, and none begun once the byte budget was spent (a page goes on with lengths alone). */
function parse(raw: unknown, limits: PeekLimits): Peek {
  const [type, size, rows] = raw as [Buffer, number, (Buffer | number)[][]];
  const peek: Peek = { type: type.toString(), size: Number(size), rows: [] };
  let used = 0;
  for (const row of rows) {
    if (peek.rows.length >= limits.rows || used >= limits.totalBytes) break;
    const cells: PeekCell[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) {
      cells.push({ head: row[i] as Buffer, bytes: Number(row[i + 1]) });
      used += (row[i] as Buffer).length;
    }
    if (row.length % 2 === 1) (peek.fieldCounts ??= []).push(Number(row.at(-1)));
    peek.rows.push(cells);
  }
  return peek;
}

async function runAll(client: Redis, keys: Buffer[], args: (string | number)[], withBody: boolean): Promise<Reply[]> {
  const pipe = client.pipeline();
  const body = script(client);
  for (const key of keys) {
    // callBuffer: replies as Buffers, so binary elements survive.
    if (withBody) pipe.callBuffer('eval', body, 1, key, ...args);
    else pipe.callBuffer('evalsha', scriptSha(body), 1, key, ...args);
  }
  return ((await pipe.exec()) ?? []) as Reply[];
}

/**
 * Peeks at many collection keys in one round trip (EVALSHA, the body only
 * when the server lacks it). Where EVAL is refused by ACL, falls back to
 * plain commands for keys small enough to read whole and names the refusal
 * for the rest. A key refused outright gets `denied`.
 */
export async function peekMany(client: Redis, keys: Buffer[], limits: PeekLimits): Promise<Peek[]> {
  if (keys.length === 0) return [];
  // From each type's beginning, a sorted set from its highest score; at most 200 SSCAN/HSCAN calls, as a sparse hash must not hold up a screen of previews.
  const args = ['', limits.rows, limits.cellBytes, limits.totalBytes, limits.streamFields, 'forward', '0', 'highest', 200];
  let replies = await runAll(client, keys, args, false);
  if (replies.some(([err]) => err && /NOSCRIPT/.test(err.message))) replies = await runAll(client, keys, args, true);
  if (!oldServers.has(client) && replies.some(([err]) => err && /Unexpected|unexpected symbol|compil/i.test(err.message))) {
    // A server older than 7.0 does not know the flags line: use the plain body from now on.
    oldServers.add(client);
    replies = await runAll(client, keys, args, true);
  }
  const out: Peek[] = [];
  const fallback: number[] = [];
  replies.forEach(([err, raw], i) => {
    if (!err) return void (out[i] = parse(raw, limits));
    const denial = denialOf(err, 'eval');
    // Anything but an ACL refusal is a real failure, not something to show as "no access".
    if (!denial) throw err;
    if (denial.kind === 'command' && /^eval/.test(denial.command)) fallback.push(i);
    else out[i] = { type: 'none', size: 0, rows: [], denied: denial };
  });
  if (fallback.length > 0) {
    const plain = await plainPeekMany(client, fallback.map((i) => keys[i]), limits);
    fallback.forEach((i, j) => (out[i] = plain[j]));
  }
  return out;
}

/**
 * Without EVAL: no way to cut an element before it leaves Redis, so read a
 * key with LRANGE/SSCAN/… only when MEMORY USAGE says it is small; otherwise
 * leave its elements unread and say why.
 */
async function plainPeekMany(client: Redis, keys: Buffer[], limits: PeekLimits): Promise<Peek[]> {
  const eval_: Denial = { kind: 'command', command: 'eval' };
  const first = client.pipeline();
  for (const key of keys) first.type(key).memory('USAGE', key);
  const meta = ((await first.exec()) ?? []) as Reply[];
  return Promise.all(
    keys.map(async (key, i): Promise<Peek> => {
      const [typeErr, type] = meta[i * 2];
      if (typeErr) return { type: 'none', size: 0, rows: [], denied: denialOf(typeErr, 'type') };
      const t = String(type);
      const [memErr, memory] = meta[i * 2 + 1];
      const counted: Pick<Peek, 'size' | 'sizeDenied'> = { size: 0 };
      const sizeCommand = SIZE_COMMANDS[t];
      if (sizeCommand) {
        try {
          counted.size = Number(await client.call(sizeCommand, key));
        } catch (err) {
          counted.sizeDenied = denialOf(err, sizeCommand);
          if (!counted.sizeDenied) throw err;
        }
      }
      if (memErr || Number(memory) > PLAIN_READ_MAX) {
        return { type: t, ...counted, rows: [], unread: { denial: eval_, memoryBytes: memErr ? undefined : Number(memory) } };
      }
      try {
        return { type: t, ...counted, ...(await plainRows(client, key, t, limits)) };
      } catch (err) {
        const denied = denialOf(err, READ_COMMANDS[t] ?? t);
        if (!denied) throw err;
        return { type: t, ...counted, rows: [], denied };
      }
    }),
  );
}

const SIZE_COMMANDS: Record<string, string> = { list: 'llen', set: 'scard', zset: 'zcard', hash: 'hlen', stream: 'xlen' };
/** The command plainRows sends per type, named when Redis refuses it. */
const READ_COMMANDS: Record<string, string> = { list: 'lrange', set: 'sscan', zset: 'zrevrange', hash: 'hscan', stream: 'xrange' };

function cells(items: Buffer[], limits: PeekLimits, budget: { left: number }): PeekCell[] {
  return items.map((b) => {
    const head = b.subarray(0, Math.max(0, Math.min(limits.cellBytes, budget.left)));
    budget.left -= head.length;
    return { head, bytes: b.length };
  });
}

async function plainRows(client: Redis, key: Buffer, type: string, limits: PeekLimits): Promise<Pick<Peek, 'rows' | 'fieldCounts'>> {
  const n = limits.rows;
  const budget = { left: limits.totalBytes };
  const group = (flat: Buffer[], by: number) => {
    const rows: PeekCell[][] = [];
    for (let i = 0; i + by - 1 < flat.length && rows.length < n && budget.left > 0; i += by) rows.push(cells(flat.slice(i, i + by), limits, budget));
    return rows;
  };
  switch (type) {
    case 'list':
      return { rows: group(await client.lrangeBuffer(key, 0, n - 1), 1) };
    case 'set':
      return { rows: group((await client.sscanBuffer(key, 0, 'COUNT', n))[1], 1) };
    case 'zset':
      return { rows: group(await client.zrevrangeBuffer(key, 0, n - 1, 'WITHSCORES'), 2) };
    case 'hash':
      return { rows: group((await client.hscanBuffer(key, 0, 'COUNT', n))[1], 2) };
    case 'stream': {
      const entries = (await client.xrangeBuffer(key, '-', '+', 'COUNT', n)) as [Buffer, Buffer[]][];
      const rows: PeekCell[][] = [];
      const fieldCounts: number[] = [];
      for (const [id, fields] of entries) {
        if (budget.left <= 0) break;
        rows.push(cells([id, ...fields.slice(0, limits.streamFields * 2)], limits, budget));
        fieldCounts.push(fields.length / 2);
      }
      return { rows, fieldCounts };
    }
    default:
      return { rows: [] };
  }
}
