import type { Redis } from 'ioredis';
import { msg } from '../../../shared/i18n/message';
import type { keyEditorRequests } from '../../../shared/key-editor-contract';
import { AppError } from '../app-error';
import { handlesFor } from '../browser/key-handles';
import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';
import type { LiveConnection } from '../redis/live-connection';
import { readElement } from './element';
import { KeyEditor } from './key-editor';
import { readStreamGroups } from './stream-groups';
import { readValuePage } from './value-page';
import { fromBytesIn } from './value-bytes';
import { writableFor } from './write-guard';
import { rightsToCheck } from './write-rights';

/** One editor per connection, on a connection of its own (WATCH/MULTI), closed with it. */
const editors = new WeakMap<LiveConnection, KeyEditor>();

function editorFor(connection: LiveConnection): KeyEditor {
  let editor = editors.get(connection);
  if (!editor) {
    const client: Redis = connection.subscriber('editor');
    editors.set(connection, (editor = new KeyEditor(connection, client)));
    const off = connection.onStatus((status) => {
      if (status.state !== 'disconnected') return;
      off();
      client.quit().catch(() => client.disconnect());
    });
  }
  return editor;
}

function keyOf(control: Redis, id: string): Buffer {
  const key = handlesFor(control).keyOf(id);
  if (!key) throw new AppError('invalid_input', msg('errors.browser.forgotten'), { field: 'id' });
  return key;
}

/** The key browser's value side: paged reads of every type, edits where allowed, and their history. */
export function setupKeyEditor(connections: ConnectionHost): HandlerGroup<keyof typeof keyEditorRequests> {
  const connection = () => connections.require().connection;
  return {
    'keyEditor.page': async ({ id, at, count, view }) => readValuePage(connection(), id, { at, count, view }),
    'keyEditor.element': async ({ id, field, index }) => {
      const { control } = connection();
      return readElement(control, keyOf(control, id), { field: field && fromBytesIn(field), index });
    },
    'keyEditor.groups': async ({ id, group }) => {
      const { control } = connection();
      return readStreamGroups(control, keyOf(control, id), group);
    },
    'keyEditor.edit': async ({ id, edit }) => editorFor(connection()).edit(id, edit),
    'keyEditor.create': async (input) => editorFor(connection()).create(input),
    'keyEditor.undo': async ({ entry, force }) => editorFor(connection()).undo(entry, force),
    'keyEditor.history': async () => (connections.connection ? editorFor(connections.connection).history.entries() : []),
    'keyEditor.rights': async () => {
      const c = connection();
      return writableFor(c, Buffer.from(c.namespace), await rightsToCheck(c));
    },
  };
}
