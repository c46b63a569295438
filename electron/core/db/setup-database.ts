import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';
import { readDbRows } from './db-rows';

/** The database rows beside what Redis holds for each, so staleness is shown, not claimed. */
export function setupDatabase(connections: ConnectionHost): HandlerGroup<'db.rows'> {
  return {
    'db.rows': async () => {
      const { connection, db } = connections.require();
      return readDbRows(connection.control, db, connection.namespace);
    },
  };
}
