import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';
import type { keyEditorRequests } from '../../../shared/key-editor-contract';

/** The key browser's value side: paged reads of every type, edits where allowed, and their history. */
export function setupKeyEditor(connections: ConnectionHost): HandlerGroup<keyof typeof keyEditorRequests> {
  void connections;
  return {};
}
