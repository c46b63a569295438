import type { ConnectionHost } from '../connection/connection-host';
import type { EventHub } from '../feed/event-hub';
import type { HandlerGroup } from '../handlers';
import { keyDetails } from './key-browser';
import { fitDisplay } from './display-cut';
import { handlesFor } from './key-handles';
import { keyListFor } from './key-list';
import { SCAN_COUNT, WALK_COUNT } from './key-scan';
import { readRowMemory, readRowMeta } from './key-meta';
import { AppError } from '../app-error';
import { quoteBytes } from '../console/reply-format';
import { msg } from '../../../shared/i18n/message';

type ListRequests =
  | 'browser.list.start'
  | 'browser.list.more'
  | 'browser.list.stop'
  | 'browser.list.progress'
  | 'browser.list.rows'
  | 'browser.list.meta'
  | 'browser.list.memory'
  | 'browser.list.learn'
  | 'browser.list.forget'
  | 'browser.list.name';

/**
 * The key browser's requests: the host-side scan and its windows of rows
 * (progress streamed as 'browserList' events, which the hub sends at most
 * once per frame) and row details for visible rows. A key's value is the
 * key editor's (key-editor/setup-key-editor.ts).
 */
export function setupBrowser(events: EventHub, connections: ConnectionHost): HandlerGroup<'browser.details' | ListRequests> {
  const watched = new WeakSet<object>();
  const list = () => {
    const { connection } = connections.require();
    // Someone else's Redis is walked in calls as short as a page's; the sandbox in longer ones (see WALK_COUNT).
    const walkCount = connection.kind === 'sandbox' ? WALK_COUNT : SCAN_COUNT;
    const l = keyListFor(connection.control, connection.facts, (p) => events.emit('browserList', p), walkCount);
    // Another server process behind the connection: the list read from the old one is said to be from before.
    if (!watched.has(l)) {
      watched.add(l);
      connection.identity.onChange(() => l.serverChanged());
    }
    return l;
  };
  const keyOf = (id: string): Buffer => {
    const key = handlesFor(connections.require().connection.control).keyOf(id);
    if (!key) throw new AppError('invalid_input', msg('errors.browser.forgotten'), { field: 'id' });
    return key;
  };
  /** Tells the list which rows a read found present or gone, so its counts say how many found keys are gone since. */
  const noteRead = <R extends { id: string; missing?: 'deleted' | 'forgotten' }>(rows: R[]): R[] => {
    const handles = handlesFor(connections.require().connection.control);
    list().noteRead(
      rows.flatMap((row) => {
        if (row.missing === 'forgotten') return [];
        const name = handles.keyOf(row.id);
        return name ? [{ name, present: row.missing !== 'deleted' }] : [];
      }),
    );
    return rows;
  };
  // Reads of Redis are refused at once while it is down (they would wait for the next reconnect attempt and fail);
  // what was already scanned (rows, progress, names) stays browsable meanwhile.
  const reachable = () => connections.requireReachable().connection.control;
  return {
    'browser.details': async ({ ids }) => noteRead(await keyDetails(reachable(), ids)),
    'browser.list.start': async ({ match, type, toEnd }) => {
      reachable();
      return list().start({ match, type }, toEnd);
    },
    'browser.list.more': async ({ scanId, toEnd }) => {
      reachable();
      return list().more(scanId, toEnd);
    },
    'browser.list.stop': async ({ scanId }) => list().stop(scanId),
    'browser.list.progress': async () => list().progress(),
    'browser.list.rows': async ({ scanId, ...query }) => list().settledWindow(scanId, query),
    'browser.list.meta': async ({ ids }) => noteRead(await readRowMeta(reachable(), ids)),
    'browser.list.memory': async ({ ids }) => noteRead(await readRowMemory(reachable(), ids)),
    'browser.list.name': async ({ id }) => {
      const key = keyOf(id);
      // 64 KiB of name, which escapes to at most 5× that in JSON: still under a frame.
      const shown = fitDisplay(key, 64 * 1024, 200 * 1024);
      // A name shown with escapes cannot be pasted back as shown (redis-cli reads no \u escapes): it is copied as redis-cli
      // quotes it, which the console and redis-cli read back as the same bytes. Up to 16 KiB (4× in quotes, under a frame).
      // Plain too: nothing redis-cli would split on or read as quoting (a space split "rpi:a b" into two arguments).
      const plain = !shown.cut && Buffer.from(shown.text).equals(key) && !/[\s"'\\]/.test(shown.text);
      const quoted = plain || key.length > 16 * 1024 ? undefined : quoteBytes(key);
      return { text: shown.text, bytes: key.length, cut: shown.cut, ...(quoted ? { quoted } : {}) };
    },
    'browser.list.learn': async ({ id }) => {
      const l = list();
      await l.learn(keyOf(id));
      return l.progress();
    },
    'browser.list.forget': async ({ id }) => {
      const l = list();
      l.forget(keyOf(id));
      return l.progress();
    },
  };
}
