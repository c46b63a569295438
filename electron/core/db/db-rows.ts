import type { Redis } from 'ioredis';
import type { DbRowView } from '../../../shared/model';
import type { UserDatabase } from './user-database';

/** Each user row beside its cached copy and TTL: both sides, so staleness is shown rather than claimed. */
export async function readDbRows(control: Redis, db: UserDatabase, namespace: string): Promise<DbRowView[]> {
  const rows = db.allUsers();
  const keys = rows.map((row) => `${namespace}user:${row.id}`);
  const pipe = control.pipeline();
  for (const key of keys) pipe.get(key).pttl(key);
  const replies = (await pipe.exec()) ?? [];
  const readAt = Date.now();
  return rows.map((row, i) => {
    const cached = (replies[i * 2]?.[1] as string | null) ?? null;
    const cachedPttl = Number(replies[i * 2 + 1]?.[1] ?? -2);
    const state = cached === null ? 'absent' : cached === JSON.stringify(row) ? 'fresh' : 'stale';
    return { row, cacheKey: keys[i], cached, cachedPttl, readAt, state };
  });
}
