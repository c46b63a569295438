import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';
import { keyDetails, scanPage } from './key-browser';
import { readKeyValue } from './key-value';

/** The read-only key browser's requests: SCAN pages, details for visible rows, one key's value. */
export function setupBrowser(connections: ConnectionHost): HandlerGroup<'browser.scan' | 'browser.value' | 'browser.details'> {
  return {
    'browser.scan': async (input) => {
      const { connection } = connections.require();
      return scanPage(connection.control, connection.facts, input);
    },
    'browser.value': async ({ id }) => readKeyValue(connections.require().connection.control, id),
    'browser.details': async ({ ids }) => keyDetails(connections.require().connection.control, ids),
  };
}
