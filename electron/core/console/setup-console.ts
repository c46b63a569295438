import { hasFlag, exists } from '@ioredis/commands';
import type { Redis } from 'ioredis';
import { msg } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import { whenReady } from '../redis/client-ready';
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
import { ReplyTooLarge, sendRaw } from './raw-command';

/**
 * The most the console reads for one reply, whatever the command: the
 * length probes refuse the common whole-value reads before they are sent,
 * and this catches every other way to ask for a big reply (a script's
 * result, a field of 50 MB) without holding it in the host.
 */
export const CONSOLE_READ_LIMIT = 16 * 1024 * 1024;

/**
 * The console's connection fails a command at once when the connection
 * drops, and never sends it again by itself: ioredis would otherwise resend
 * an unanswered command after reconnecting, and a typed INCR could run twice.
 */
const CONSOLE_CLIENT = { maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false } as const;

/**
 * Replies redis-cli prints as raw text rather than a quoted string, as its
 * own list has them (INFO, CLIENT LIST …): multi-line reports meant to be read.
 */
function printedRaw(name: string, args: Buffer[]): boolean {
  const sub = args[0]?.toString('latin1').toUpperCase() ?? '';
  if (name === 'INFO' || name === 'LOLWUT') return true;
  if (name === 'CLIENT') return sub === 'LIST' || sub === 'INFO';
  if (name === 'MEMORY') return sub === 'DOCTOR' || sub === 'MALLOC-STATS';
  if (name === 'CLUSTER') return args.length === 1 && (sub === 'NODES' || sub === 'INFO');
  if (name === 'LATENCY') return (args.length === 1 && sub === 'DOCTOR') || (args.length === 2 && sub === 'GRAPH');
  return false;
}

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

  /**
   * The console's own connection (so a SELECT or MULTI in the sandbox stays
   * its own), closed with the connection; a new one once it has ended (a
   * reply over the read limit closes it). Whenever it closes, a transaction
   * or SELECT of the old one is gone with it.
   */
  private async client(connection: LiveConnection): Promise<Redis> {
    let client = this.clients.get(connection);
    if (!client || client.status === 'end') {
      const opened = connection.subscriber('console', CONSOLE_CLIENT);
      this.clients.set(connection, (client = opened));
      this.states.delete(connection);
      opened.on('close', () => this.states.delete(connection));
      const off = connection.onStatus((status) => {
        if (status.state !== 'disconnected') return;
        off();
        opened.quit().catch(() => opened.disconnect());
      });
    }
    // Its bytes are counted from its socket, which exists once it has connected; refused in words (nothing was sent) if it ends first.
    await whenReady(client, () => new AppError('redis_unavailable', msg('errors.redisDown', { where: connection.label })));
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
    const client = await this.client(connection);
    let state = this.states.get(connection);
    if (!state) this.states.set(connection, (state = { inMulti: false, selected: false }));
    if (connection.kind === 'existing') {
      // Asked on the console's own connection, which gives up at once if Redis goes away; inside MULTI, where the
      // question would be queued into the transaction, on the control connection.
      const keys = await askServerKeys(state.inMulti ? connection.control : client, parsed.args);
      const outside = keys && serverKeysRefusal(connection.namespace, parsed.args, keys);
      if (outside) return { text: '', error: true, refused: outside, durationMs: 0 };
    }
    // Everything read is bounded: a whole big value is refused before it is sent for, with the paged form to use.
    const probe = probeClient(state, client, connection.control);
    const tooBig = probe && (await oversizedRead(probe, parsed.args));
    if (tooBig) return { text: '', error: true, refused: tooBig, durationMs: 0 };
    const [command, ...args] = parsed.args;
    const name = command.toString('latin1').toUpperCase();
    const lower = name.toLowerCase();
    const start = performance.now();
    try {
      const queued = state.inMulti;
      const reply = await sendRaw(client, lower, args, CONSOLE_READ_LIMIT).finally(() => followState(state, name));
      if (name === 'MULTI') state.inMulti = true;
      const durationMs = performance.now() - start;
      const readonly = exists(lower) && hasFlag(lower, 'readonly');
      // The client's buffers do not tell a simple string from a bulk one: OK / PONG of a command that writes, or TYPE's answer, print bare.
      // Inside a transaction every command, a read too, is answered with the status QUEUED.
      const status = Buffer.isBuffer(reply) && (STATUS_READS.has(name) || (queued && reply.toString('latin1') === 'QUEUED') || (!readonly && /^[A-Z]+$/.test(reply.toString('latin1'))));
      // A raw report keeps its lines; the \r of its \r\n endings would print as nothing but break copying.
      const raw = Buffer.isBuffer(reply) && !queued && printedRaw(name, args);
      const shown = raw ? Buffer.from(reply.toString('utf8').replace(/\r\n/g, '\n')) : reply;
      return { ...formatCliReply(shown, { status: status || raw, limit: CONSOLE_REPLY_BYTES }), error: false, durationMs };
    } catch (err) {
      const durationMs = performance.now() - start;
      // The connection ended under the command: what Redis did is said, not the client library's words.
      if (err instanceof ReplyTooLarge) {
        return { text: '', error: true, durationMs, hint: msg('console.replyTooLarge', { received: err.received, limit: CONSOLE_READ_LIMIT }), connectionReset: true };
      }
      if (connectionLost(err)) return { text: '', error: true, durationMs, hint: msg('console.connectionLost', { name }), connectionReset: true };
      const message = err instanceof Error ? err.message : String(err);
      // An ACL refusal is printed as redis-cli prints it, and the missing right named beside it.
      const denied = parseNoPerm(err, lower);
      const hint = denied && describeNoPerm(denied, denied.kind === 'command' ? await aclCategories(connection.control, denied.command ?? lower) : []);
      return { ...formatCliReply(new Error(message), { limit: CONSOLE_REPLY_BYTES }), error: true, durationMs, ...(hint ? { hint } : {}) };
    }
  }
}

/** The command's connection closed before its reply came (the client gives up on it at once: CONSOLE_CLIENT). */
function connectionLost(err: unknown): boolean {
  return err instanceof Error && (err.name === 'MaxRetriesPerRequestError' || err.message === 'Connection is closed.');
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
