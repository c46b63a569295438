import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';
import { KeysFeed } from './keys-feed';

/** The Keys panel's snapshot on demand (a reloaded window asks before the next feed event). */
export function setupKeys(connections: ConnectionHost): HandlerGroup<'keys.snapshot'> {
  return {
    'keys.snapshot': async () => {
      const { connection } = connections.require();
      return (connections.feed ?? new KeysFeed(connection, () => {})).read();
    },
  };
}
