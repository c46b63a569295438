import { createRequire } from 'node:module';
import { exists, hasFlag } from '@ioredis/commands';
import { msg, type Message } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import { assertInNamespace, startsWithNamespace } from '../redis/namespace';

// Read with require: the built host keeps @ioredis/commands external, and Node refuses a JSON
// module imported without `with { type: 'json' }`, an attribute the bundler drops (the web host died at start).
const COMMAND_TABLE = createRequire(import.meta.url)('@ioredis/commands/built/commands.json') as Record<string, { arity: number } | undefined>;

type Reason = 'monitor' | 'subscribe' | 'protocol' | 'blocking' | 'flush' | 'keys' | 'shutdown' | 'debug' | 'otherDb' | 'otherDbMaybe' | 'select' | 'script' | 'admin' | 'configSet' | 'restore' | 'ownConnection';

/** The sentence for each reason (literal ids, so the catalog test sees every one). */
function reasonMsg(reason: Reason, values: { name: string; namespace?: string }): Message {
  const v = { name: values.name, namespace: values.namespace ?? '' };
  switch (reason) {
    case 'monitor': return msg('console.refuse.monitor', { name: v.name });
    case 'subscribe': return msg('console.refuse.subscribe', { name: v.name });
    case 'protocol': return msg('console.refuse.protocol', { name: v.name });
    case 'blocking': return msg('console.refuse.blocking', { name: v.name });
    case 'flush': return msg('console.refuse.flush', v);
    case 'keys': return msg('console.refuse.keys', v);
    case 'shutdown': return msg('console.refuse.shutdown', { name: v.name });
    case 'debug': return msg('console.refuse.debug', { name: v.name });
    case 'otherDb': return msg('console.refuse.otherDb', v);
    case 'otherDbMaybe': return msg('console.refuse.otherDbMaybe', v);
    case 'select': return msg('console.refuse.select', v);
    case 'script': return msg('console.refuse.script', v);
    case 'admin': return msg('console.refuse.admin', { name: v.name });
    case 'configSet': return msg('console.refuse.configSet', { name: v.name });
    case 'restore': return msg('console.refuse.restore', v);
    case 'ownConnection': return msg('console.refuse.ownConnection', { name: v.name });
  }
}

/**
 * What the console refuses everywhere, sandbox included: commands that turn
 * its one request/one reply connection into something else.
 */
const NEVER: Record<string, Reason> = {
  MONITOR: 'monitor',
  SUBSCRIBE: 'subscribe',
  PSUBSCRIBE: 'subscribe',
  SSUBSCRIBE: 'subscribe',
  UNSUBSCRIBE: 'subscribe',
  PUNSUBSCRIBE: 'subscribe',
  SUNSUBSCRIBE: 'subscribe',
  HELLO: 'protocol',
  RESET: 'protocol',
  QUIT: 'protocol',
  WAIT: 'blocking',
  WAITAOF: 'blocking',
};

/** On someone else's Redis: commands that reach beyond the namespace or change the server for every client. */
const EXISTING: Record<string, Reason> = {
  FLUSHALL: 'flush',
  FLUSHDB: 'flush',
  KEYS: 'keys',
  SHUTDOWN: 'shutdown',
  DEBUG: 'debug',
  SWAPDB: 'otherDb',
  MOVE: 'otherDb',
  COPY: 'otherDbMaybe',
  MIGRATE: 'otherDb',
  SELECT: 'select',
  EVAL: 'script',
  EVALSHA: 'script',
  EVAL_RO: 'script',
  EVALSHA_RO: 'script',
  FCALL: 'script',
  FCALL_RO: 'script',
  SAVE: 'admin',
  BGSAVE: 'admin',
  BGREWRITEAOF: 'admin',
  REPLICAOF: 'admin',
  SLAVEOF: 'admin',
  FAILOVER: 'admin',
  SYNC: 'admin',
  PSYNC: 'admin',
  RESTORE: 'restore',
  // RESTORE's form for a cluster's ASK redirect loads the same trusted payload.
  'RESTORE-ASKING': 'restore',
  // Internal and self-test commands that hold or change the server for every client.
  PFSELFTEST: 'debug',
  PFDEBUG: 'debug',
  REPLCONF: 'admin',
};

/** CLIENT subcommands that act on the calling connection only. */
const OWN_CONNECTION = new Set(['SETNAME', 'SETINFO', 'TRACKING', 'CACHING', 'NO-EVICT', 'NO-TOUCH']);

/** Container commands: the subcommands that only read, allowed on an existing Redis; every other one changes the server. */
const READ_SUBCOMMANDS: Record<string, string[]> = {
  CONFIG: ['GET', 'HELP'],
  SLOWLOG: ['GET', 'LEN', 'HELP'],
  LATENCY: ['LATEST', 'HISTORY', 'DOCTOR', 'GRAPH', 'HISTOGRAM', 'HELP'],
  CLIENT: ['LIST', 'INFO', 'GETNAME', 'ID', 'HELP', 'TRACKINGINFO', 'GETREDIR'],
  ACL: ['WHOAMI', 'LIST', 'USERS', 'CAT', 'GETUSER', 'LOG', 'HELP', 'DRYRUN'],
  MEMORY: ['USAGE', 'STATS', 'DOCTOR', 'MALLOC-STATS', 'HELP'],
  SCRIPT: ['EXISTS', 'HELP'],
  FUNCTION: ['LIST', 'STATS', 'DUMP', 'HELP'],
  OBJECT: ['ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT', 'HELP'],
  XINFO: ['STREAM', 'GROUPS', 'CONSUMERS', 'HELP'],
  CLUSTER: ['INFO', 'NODES', 'SLOTS', 'SHARDS', 'MYID', 'KEYSLOT', 'COUNTKEYSINSLOT', 'HELP', 'LINKS'],
  COMMAND: ['COUNT', 'DOCS', 'INFO', 'LIST', 'GETKEYS', 'GETKEYSANDFLAGS', 'HELP'],
  PUBSUB: ['CHANNELS', 'NUMPAT', 'NUMSUB', 'SHARDCHANNELS', 'SHARDNUMSUB', 'HELP'],
  MODULE: ['LIST', 'HELP'],
};
const text = (b: Buffer) => b.toString('latin1');

/** Whether the command blocks its connection until data comes or a timeout passes (BLPOP, XREAD BLOCK …). */
function blocks(lower: string, args: Buffer[]): boolean {
  // XREAD and XREADGROUP carry the flag, but block only when told to.
  if (lower === 'xread' || lower === 'xreadgroup') return args.some((a) => text(a).toUpperCase() === 'BLOCK');
  return exists(lower) && hasFlag(lower, 'blocking');
}

/**
 * Why the console will not send this command, or undefined when it may.
 * In the sandbox anything goes but what would break the console's own
 * connection; on an existing Redis the namespace guard applies to every
 * key, and commands that reach beyond it are refused with the reason.
 */
export function consoleRefusal(kind: 'sandbox' | 'existing', namespace: string, argv: Buffer[]): Message | undefined {
  const name = text(argv[0]).toUpperCase();
  const lower = name.toLowerCase();
  const args = argv.slice(1);
  const sub = args[0] ? text(args[0]).toUpperCase() : '';
  if (NEVER[name]) return reasonMsg(NEVER[name], { name });
  if (blocks(lower, args)) return reasonMsg('blocking', { name });
  if (name === 'CLIENT' && sub === 'REPLY') return reasonMsg('protocol', { name: 'CLIENT REPLY' });
  const arity = wrongArity(name, lower, argv.length);
  if (arity) return arity;
  if (kind === 'sandbox') return undefined;

  if (EXISTING[name]) return reasonMsg(EXISTING[name], { name, namespace });
  // A message reaches whoever subscribes to the channel: on someone else's Redis only the namespace's own channels
  // (SPUBLISH's channel is a key to the command table, so the namespace check below covers it).
  if (name === 'PUBLISH' && args[0] && !startsWithNamespace(args[0], namespace)) {
    return msg('console.refuse.channel', { name, channel: args[0].toString('utf8').slice(0, 200), namespace });
  }
  const reads = READ_SUBCOMMANDS[name];
  if (reads) {
    if (!reads.includes(sub)) {
      // Subcommands that change only the console's own connection are refused for what they do, not as server-wide changes.
      const reason = name === 'CONFIG' && sub === 'SET' ? 'configSet' : name === 'CLIENT' && OWN_CONNECTION.has(sub) ? 'ownConnection' : 'admin';
      return reasonMsg(reason, { name: sub ? `${name} ${sub}` : name, namespace });
    }
  } else if (!exists(lower)) return msg('errors.namespace.unchecked', { name });
  // The same gate as every pattern's command: keys behind a subcommand (OBJECT, MEMORY USAGE, XINFO, XGROUP), SORT's STORE and its BY / GET patterns included.
  return namespaceRefusal(namespace, reads ? `${name} ${sub}` : name, args, lower);
}

/**
 * An argument count the command does not take. Redis would refuse it, but
 * ioredis rewrites some before sending: `MSET k` or `HSET k f` arrive as an
 * object to spread, so the typed name became keys "0", "1", … (outside the
 * namespace, past its guard). Refused here, in every connection, with the
 * count the command takes, so what runs is always what was typed.
 */
function wrongArity(name: string, lower: string, argc: number): Message | undefined {
  const arity = COMMAND_TABLE[lower]?.arity;
  if (arity === undefined || (arity > 0 ? argc === arity : argc >= -arity)) return undefined;
  return msg('console.refuse.arity', { name, exact: arity > 0 ? 'yes' : 'no', n: Math.abs(arity) - 1, given: argc - 1 });
}

function namespaceRefusal(namespace: string, name: string, args: Buffer[], lower: string): Message | undefined {
  try {
    assertInNamespace(namespace, name, args, lower);
  } catch (err) {
    if (err instanceof AppError && err.msg) return err.msg;
    throw err;
  }
  return undefined;
}

/**
 * The server's own answer, for what the local table might not know (a
 * newer server's key specs): the keys COMMAND GETKEYS names, each checked
 * against the namespace. The server does not name SORT's BY / GET pattern
 * reads; `consoleRefusal` has checked those already.
 */
export function serverKeysRefusal(namespace: string, argv: Buffer[], keys: Buffer[]): Message | undefined {
  const name = text(argv[0]).toUpperCase();
  const outside = keys.find((key) => !startsWithNamespace(key, namespace));
  return outside ? msg('errors.namespace.outside', { name, key: outside.toString('utf8'), namespace }) : undefined;
}
