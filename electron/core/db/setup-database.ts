import type { DbRowView } from '../../../shared/model';
import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';

/** The database rows beside what Redis holds for each, so staleness is shown, not claimed. */
export function setupDatabase(connections: ConnectionHost): HandlerGroup<'db.rows'> {
  return {
    'db.rows': async (): Promise<DbRowView[]> => {
      const { connection, db } = connections.require();
      const rows = db.allUsers();
      const keys = rows.map((row) => `${connection.namespace}user:${row.id}`);
      const pipe = connection.control.pipeline();
      for (const key of keys) pipe.get(key).pttl(key);
      const replies = (await pipe.exec()) ?? [];
      const readAt = Date.now();
      return rows.map((row, i) => {
        const cached = (replies[i * 2]?.[1] as string | null) ?? null;
        const cachedPttl = Number(replies[i * 2 + 1]?.[1] ?? -2);
        const state = cached === null ? 'absent' : cached === JSON.stringify(row) ? 'fresh' : 'stale';
        return { row, cacheKey: keys[i], cached, cachedPttl, readAt, state };
      });
    },
  };
}
