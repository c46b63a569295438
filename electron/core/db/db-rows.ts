import type { ChainableCommander, Redis } from 'ioredis';
import type { DbRowView } from '../../../shared/model';
import type { UserDatabase } from './user-database';

/** Each user row beside its cached copy and TTL: both sides, so staleness is shown rather than claimed. */
export async function readDbRows(control: Redis, db: UserDatabase, namespace: string): Promise<DbRowView[]> {
  const pipe = control.pipeline();
  const decode = queueDbRows(pipe, db, namespace);
  return decode((await pipe.exec()) ?? [], 0);
}

/**
 * Queues the reads of readDbRows on a pipeline the caller sends (with its own reads: one round trip);
 * returns how to build the rows from the replies, starting at `offset`.
 */
export function queueDbRows(pipe: ChainableCommander, db: UserDatabase, namespace: string): (replies: [Error | null, unknown][], offset: number) => DbRowView[] {
  const rows = db.allUsers();
  const keys = rows.map((row) => `${namespace}user:${row.id}`);
  for (const key of keys) pipe.get(key).pttl(key);
  return (replies, offset) => {
    const readAt = Date.now();
    return rows.map((row, i) => {
      const cached = (replies[offset + i * 2]?.[1] as string | null) ?? null;
      const cachedPttl = Number(replies[offset + i * 2 + 1]?.[1] ?? -2);
      const state = cached === null ? 'absent' : cached === JSON.stringify(row) ? 'fresh' : 'stale';
      return { row, cacheKey: keys[i], cached, cachedPttl, readAt, state };
    });
  };
}
