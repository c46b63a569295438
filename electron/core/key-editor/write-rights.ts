import type { Redis } from 'ioredis';
import { parseNoPerm } from '../redis/permissions';

/**
 * The writes the key editor sends, each with a valid number of arguments
 * (Redis checks arity before ACL, so a short form would be refused for the
 * wrong reason). `k` and `k2` are replaced by probe names in the namespace.
 */
const EDIT_COMMANDS: string[][] = [
  ['SET', 'k', 'v'],
  ['PEXPIRE', 'k', '1000'],
  ['PERSIST', 'k'],
  ['DEL', 'k'],
  ['RENAMENX', 'k', 'k2'],
  ['HSET', 'k', 'f', 'v'],
  ['HDEL', 'k', 'f'],
  ['LSET', 'k', '0', 'v'],
  ['LREM', 'k', '1', 'v'],
  ['LPUSH', 'k', 'v'],
  ['RPUSH', 'k', 'v'],
  ['SADD', 'k', 'm'],
  ['SREM', 'k', 'm'],
  ['ZADD', 'k', '1', 'm'],
  ['ZREM', 'k', 'm'],
  ['XADD', 'k', '*', 'f', 'v'],
  ['XDEL', 'k', '0-1'],
  ['RESTORE', 'k', '0', 'payload', 'REPLACE'],
];

/**
 * What the connected ACL user may run of the editor's writes on keys in the
 * namespace. `known: false` when it could not be found out; then the UI
 * offers edits as before and the first refusal names the missing rights.
 */
export type WriteRights = { known: true; denied: string[]; all: number } | { known: false };

/**
 * Finds out, without writing anything, which of the editor's commands the
 * user may run on keys under `namespace`. ACL DRYRUN would answer exactly
 * but needs admin rights most users lack (and COMMAND / ACL GETUSER too).
 * Instead, on a connection of its own: WATCH (every edit runs under WATCH),
 * then MULTI, then each write queued: Redis checks a command's ACL (command
 * and key patterns) when it is queued and answers QUEUED or NOPERM, and a
 * queued command runs only at EXEC, which is never sent. DISCARD ends the
 * transaction and the connection is closed either way, which discards it
 * too. The connection never reconnects or resends: a command replayed
 * outside the transaction would run. EXEC itself cannot be checked this way;
 * a user refused EXEC alone learns it at the first edit, as before.
 */
export async function probeWriteRights(control: Redis, namespace: string): Promise<WriteRights> {
  const key = `${namespace}rpi-write-probe`;
  const probe = control.duplicate({
    connectionName: 'rpi:write-probe',
    // A user without INFO (most read-only ones) would print ioredis' warning for its ready check at every probe.
    enableReadyCheck: false,
    lazyConnect: true,
    retryStrategy: () => null,
    autoResendUnfulfilledCommands: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const denied: string[] = [];
    const refused = async (command: string, args: string[]): Promise<boolean> => {
      try {
        await probe.call(command, ...args);
        return false;
      } catch (err) {
        if (!parseNoPerm(err, command)) throw err;
        return true;
      }
    };
    if (await refused('WATCH', [key])) denied.push('watch');
    else await probe.call('UNWATCH');
    if (await refused('MULTI', [])) {
      denied.push('multi');
      return { known: true, denied, all: EDIT_COMMANDS.length + 2 };
    }
    const pipe = probe.pipeline();
    for (const [command, ...args] of EDIT_COMMANDS) pipe.call(command, ...args.map((a) => (a === 'k' ? key : a === 'k2' ? `${key}:2` : a)));
    pipe.call('DISCARD');
    const replies = ((await pipe.exec()) ?? []) as [Error | null, unknown][];
    for (let i = 0; i < EDIT_COMMANDS.length; i++) {
      const [err, reply] = replies[i] ?? [new Error('no reply'), null];
      if (err && parseNoPerm(err, EDIT_COMMANDS[i][0])) denied.push(EDIT_COMMANDS[i][0].toLowerCase());
      // Anything but QUEUED or NOPERM: not what this check can read; say nothing rather than guess.
      else if (err || String(reply) !== 'QUEUED') return { known: false };
    }
    return { known: true, denied, all: EDIT_COMMANDS.length + 2 };
  } catch {
    return { known: false };
  } finally {
    probe.disconnect();
  }
}

/**
 * The rights to weigh for edits on this connection: none to find out in the
 * sandbox (the app's own server and user) or on a replica (read-only
 * whatever the user, and queued writes would fail there for that reason).
 */
export function rightsToCheck(connection: { kind: 'sandbox' | 'existing'; namespace: string; facts: { role: string }; control: Redis }): Promise<WriteRights> | undefined {
  if (connection.kind !== 'existing' || connection.facts.role === 'slave' || connection.facts.role === 'replica') return undefined;
  return writeRightsFor(connection.control, connection.namespace);
}

const cache = new WeakMap<object, Promise<WriteRights>>();

/** The rights of the user on this connection (keyed by its control client), found out once. */
export function writeRightsFor(control: Redis, namespace: string): Promise<WriteRights> {
  let rights = cache.get(control);
  if (!rights) cache.set(control, (rights = probeWriteRights(control, namespace)));
  return rights;
}
