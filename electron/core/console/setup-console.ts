import { hasFlag, exists } from '@ioredis/commands';
import type { Redis } from 'ioredis';
import { msg } from '../../../shared/i18n/message';
import type { ConsoleCommands, ConsoleReply } from '../../../shared/server-console';
import type { ConnectionHost } from '../connection/connection-host';
import type { HandlerGroup } from '../handlers';
import type { LiveConnection } from '../redis/live-connection';
import { aclCategories, describeNoPerm, parseNoPerm } from '../redis/permissions';
import { readCommandDocs } from './command-docs';
import { consoleRefusal, serverKeysRefusal } from './console-policy';
import { parseCommandLine } from './parse-line';
import { oversizedRead } from './read-bound';
import { askServerKeys } from './server-keys';
import { CONSOLE_REPLY_BYTES, formatCliReply } from './reply-format';
import { sendRaw } from './raw-command';

/** Commands that only read yet answer with a simple string, which redis-cli prints bare (TYPE → string). */
const STATUS_READS = new Set(['TYPE']);

/**
 * The console: one typed line, parsed as redis-cli parses it, checked
 * (see console-policy.ts), sent on the console's own connection and its
 * reply printed as redis-cli prints it, cut at 64 KB with the full size.
 */
export class ConsoleHost {
  private clients = new WeakMap<LiveConnection, Redis>();
  private docs = new WeakMap<LiveConnection, ConsoleCommands>();
  private states = new WeakMap<LiveConnection, ConsoleState>();

  constructor(private readonly connections: ConnectionHost) {}

  /** The console's own connection (so a SELECT or MULTI in the sandbox stays its own), closed with the connection. */
  private client(connection: LiveConnection): Redis {
    let client = this.clients.get(connection);
    if (!client) {
      const opened = connection.subscriber('console');
      this.clients.set(connection, (client = opened));
      const off = connection.onStatus((status) => {
        if (status.state !== 'disconnected') return;
        off();
        opened.quit().catch(() => opened.disconnect());
      });
    }
    return client;
  }

  async commands(): Promise<ConsoleCommands> {
    // Refused at once while Redis is away, as the console's commands are: the completion list is read again once it answers.
    const { connection } = this.connections.requireReachable();
    let docs = this.docs.get(connection);
    if (!docs) this.docs.set(connection, (docs = await readCommandDocs(connection.control, connection.facts.major)));
    return docs;
  }

  async run(line: string): Promise<ConsoleReply> {
    const { connection } = this.connections.requireReachable();
    const parsed = parseCommandLine(line);
    if ('problem' in parsed) return { text: '', error: true, refused: parsed.problem === 'unbalanced' ? msg('console.parse.unbalanced') : msg('console.parse.quoteNotFollowedBySpace'), durationMs: 0 };
    if (parsed.args.length === 0) return { text: '', error: false, durationMs: 0 };
    const refused = consoleRefusal(connection.kind, connection.namespace, parsed.args);
    if (refused) return { text: '', error: true, refused, durationMs: 0 };
    if (connection.kind === 'existing') {
      // Asked on the control connection: the console's own may be inside MULTI, where the question would be queued.
      const keys = await askServerKeys(connection.control, parsed.args);
      const outside = keys && serverKeysRefusal(connection.namespace, parsed.args, keys);
      if (outside) return { text: '', error: true, refused: outside, durationMs: 0 };
    }
    const client = this.client(connection);
    let state = this.states.get(connection);
    if (!state) this.states.set(connection, (state = { inMulti: false, selected: false }));
    // Everything read is bounded: a whole big value is refused before it is sent for, with the paged form to use.
    const probe = probeClient(state, client, connection.control);
    const tooBig = probe && (await oversizedRead(probe, parsed.args));
    if (tooBig) return { text: '', error: true, refused: tooBig, durationMs: 0 };
    const [command, ...args] = parsed.args;
    const name = command.toString('latin1').toUpperCase();
    const lower = name.toLowerCase();
    const start = performance.now();
    try {
      const reply = await sendRaw(client, lower, args).finally(() => followState(state, name));
      if (name === 'MULTI') state.inMulti = true;
      const durationMs = performance.now() - start;
      const readonly = exists(lower) && hasFlag(lower, 'readonly');
      // The client's buffers do not tell a simple string from a bulk one: OK / PONG of a command that writes, or TYPE's answer, print bare.
      const status = Buffer.isBuffer(reply) && (STATUS_READS.has(name) || (!readonly && /^[A-Z]+$/.test(reply.toString('latin1'))));
      return { ...formatCliReply(reply, { status, limit: CONSOLE_REPLY_BYTES }), error: false, durationMs };
    } catch (err) {
      const durationMs = performance.now() - start;
      const message = err instanceof Error ? err.message : String(err);
      // An ACL refusal is printed as redis-cli prints it, and the missing right named beside it.
      const denied = parseNoPerm(err, lower);
      const hint = denied && describeNoPerm(denied, denied.kind === 'command' ? await aclCategories(connection.control, denied.command ?? lower) : []);
      return { ...formatCliReply(new Error(message), { limit: CONSOLE_REPLY_BYTES }), error: true, durationMs, ...(hint ? { hint } : {}) };
    }
  }
}

/** What the console's own connection is in, as far as its length probes care. */
interface ConsoleState {
  /** After MULTI: commands are queued, so a probe sent there would be queued into the user's transaction (and its reply printed by EXEC). */
  inMulti: boolean;
  /** A SELECT was sent (the sandbox only): the control connection may read another database. */
  selected: boolean;
}

/** A sent command's effect on the state, whatever it replied: EXEC and DISCARD end a transaction, even by failing. */
function followState(state: ConsoleState, name: string): void {
  if (name === 'EXEC' || name === 'DISCARD') state.inMulti = false;
  if (name === 'SELECT') state.selected = true;
}

/**
 * Where the read-bound probes (STRLEN, LLEN …) go: the console's own
 * connection, or inside a transaction the control connection when it reads
 * the same database. None when neither can answer truthfully: then the reply
 * is still cut at 64 KB when printed.
 */
function probeClient(state: ConsoleState, own: Redis, control: Redis): Redis | undefined {
  if (!state.inMulti) return own;
  return state.selected ? undefined : control;
}

export function setupConsole(connections: ConnectionHost, host = new ConsoleHost(connections)): HandlerGroup<'console.commands' | 'console.run'> {
  return {
    'console.commands': async () => host.commands(),
    'console.run': async ({ line }) => host.run(line),
  };
}
