import { msg } from '../../../shared/i18n/message';
import type { Writable } from '../../../shared/key-editor-contract';
import { AppError } from '../app-error';
import { displayBytes } from '../redis/display-bytes';
import type { LiveConnection } from '../redis/live-connection';
import type { WriteRights } from './write-rights';

/** The part of a connection the guard needs (so tests can hand it a plain object). */
export type GuardedConnection = Pick<LiveConnection, 'kind' | 'namespace'> & { facts: { role: string } };

/**
 * Whether the app may change this key: anything in the sandbox it started;
 * on someone else's Redis only keys under the connection's namespace (the
 * same rule every pattern runs under), and nothing on a replica.
 */
export function writableFor(connection: GuardedConnection, key: Buffer, rights?: WriteRights): Writable {
  if (connection.facts.role === 'slave' || connection.facts.role === 'replica') return { ok: false, reason: msg('keyEditor.readOnly.replica') };
  if (connection.kind === 'sandbox') return { ok: true };
  const prefix = Buffer.from(connection.namespace);
  if (key.length < prefix.length || !key.subarray(0, prefix.length).equals(prefix)) {
    return { ok: false, reason: msg('keyEditor.readOnly.outside', { namespace: connection.namespace }) };
  }
  return rightsAllowEdits(connection.namespace, rights);
}

/**
 * Whether the ACL user's rights (write-rights.ts) leave any edit possible:
 * none when WATCH or MULTI is refused (every edit runs under both) or every
 * write the editor sends is. When only some are refused, or the rights are
 * unknown, edits stay offered and a refused one names the missing right.
 */
export function rightsAllowEdits(namespace: string, rights?: WriteRights): Writable {
  if (!rights?.known || rights.denied.length === 0) return { ok: true };
  const blocked = rights.denied.includes('watch') || rights.denied.includes('multi') || rights.denied.length >= rights.all - 2;
  if (!blocked) return { ok: true };
  const names = rights.denied.map((c) => c.toUpperCase());
  const commands = names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} (+${names.length - 3})`;
  return { ok: false, reason: msg('keyEditor.readOnly.acl', { commands, namespace }) };
}

/**
 * Refuses an edit the rule above forbids, whatever the renderer sent: the
 * host decides, so a hand-crafted request over the socket changes nothing.
 */
export function assertWritable(connection: GuardedConnection, key: Buffer): void {
  const writable = writableFor(connection, key);
  if (!writable.ok) {
    const shown = displayBytes(key, 120, 'name');
    throw new AppError('namespace_violation', msg('keyEditor.refused', { key: shown, reason: writable.reason }));
  }
}
