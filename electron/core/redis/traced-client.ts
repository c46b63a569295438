import type { Redis } from 'ioredis';
import type { ActorId, RedisTrace } from '../../../shared/model';
import type { CommandGate } from '../engine/step-context';
import { assertInNamespace } from './namespace';

type Arg = string | number | Buffer;
type Reply = string | number | null | Reply[] | { [field: string]: string };

/** The commands patterns use, named as ioredis names them so step code reads like ordinary ioredis code. */
export interface TracedClient {
  call(command: string, ...args: Arg[]): Promise<Reply>;
  get(key: string): Promise<string | null>;
  set(key: string, value: Arg, ...options: Arg[]): Promise<string | null>;
  setex(key: string, seconds: number, value: Arg): Promise<string>;
  del(...keys: string[]): Promise<number>;
  incrby(key: string, by: number): Promise<number>;
  pttl(key: string): Promise<number>;
  sadd(key: string, ...members: Arg[]): Promise<number>;
  srem(key: string, ...members: Arg[]): Promise<number>;
  smembers(key: string): Promise<string[]>;
  /** ioredis turns the reply into an object, as its own hgetall does. */
  hgetall(key: string): Promise<Record<string, string>>;
  publish(channel: string, message: string): Promise<number>;
  zadd(key: string, ...scoreMembers: Arg[]): Promise<number>;
  zincrby(key: string, by: number, member: string): Promise<string>;
  zrevrank(key: string, member: string): Promise<number | null>;
  zscore(key: string, member: string): Promise<string | null>;
  decrby(key: string, by: number): Promise<number>;
  evalsha(sha: string, numKeys: number, ...keysAndArgs: Arg[]): Promise<Reply>;
  eval(script: string, numKeys: number, ...keysAndArgs: Arg[]): Promise<Reply>;
}

const PREVIEW_LIMIT = 300;

/** Renders a reply the way redis-cli would, cut short for the trace. */
export function formatReply(reply: unknown): string {
  if (reply === null || reply === undefined) return '(nil)';
  if (typeof reply === 'number') return `(integer) ${reply}`;
  if (Buffer.isBuffer(reply)) return formatReply(reply.toString('utf8'));
  if (typeof reply === 'string') return reply.length > PREVIEW_LIMIT ? `"${reply.slice(0, PREVIEW_LIMIT)}…" (${reply.length} chars)` : `"${reply}"`;
  if (Array.isArray(reply)) return reply.length === 0 ? '(empty array)' : `[${reply.map(formatReply).join(', ')}]`;
  if (typeof reply === 'object') {
    const entries = Object.entries(reply);
    return entries.length === 0 ? '(empty hash)' : `{${entries.map(([k, v]) => `${k}: ${formatReply(v)}`).join(', ')}}`;
  }
  return String(reply);
}

function formatArg(arg: Arg): string {
  const text = Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg);
  return text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT)}… (${text.length} chars)` : text;
}

/** Fixed for the process: read once, not through its getter per command. */
const TIME_ORIGIN = performance.timeOrigin;

/** Addresses by socket: a socket keeps its address, and a reconnect brings a new socket. */
const addresses = new WeakMap<object, string>();

/** The connection's address as the server sees it, which MONITOR's lines name. */
function serverSideAddress(client: Redis): string | undefined {
  const stream = (client as unknown as { stream?: { localAddress?: string; localPort?: number } }).stream;
  if (!stream) return undefined;
  let address = addresses.get(stream);
  if (address === undefined) {
    if (!stream.localAddress || !stream.localPort) return undefined;
    addresses.set(stream, (address = `${stream.localAddress.replace(/^::ffff:/, '')}:${stream.localPort}`));
  }
  return address;
}

/**
 * A gate that also wants each command's name and arguments (checked against
 * the namespace, before it waits): the explorer learns which keys a schedule
 * named, so the next schedule's start unlinks those instead of walking the
 * whole keyspace. The arguments, not the trace's text, which is cut short.
 */
export interface NamingGate extends CommandGate {
  named?(lower: string, args: readonly Arg[]): void;
}

/**
 * Wraps one actor's connection: every command is checked against the
 * namespace, sent, timed and recorded with its reply.
 */
export function tracedClient(client: Redis, actor: ActorId, namespace: string, sink: (entry: RedisTrace) => void, lane?: number, gate?: NamingGate): TracedClient {
  // Promise chains rather than async functions: one hop fewer per command, on the path every step's commands take.
  function send(upper: string, lower: string, args: Arg[]): Promise<Reply> {
    try {
      assertInNamespace(namespace, upper, args, lower);
    } catch (err) {
      return Promise.reject(err);
    }
    gate?.named?.(lower, args);
    // Under the explorer, the scheduler decides when this command may go.
    return gate ? gate.before(actor, lane, upper).then(() => issue(upper, lower, args)) : issue(upper, lower, args);
  }
  function issue(upper: string, lower: string, args: Arg[]): Promise<Reply> {
    const start = performance.now();
    const at = TIME_ORIGIN + start;
    const conn = serverSideAddress(client);
    // ioredis keys its subscriber bookkeeping and reply transformers on lower-case names.
    return (client.call(lower, ...args) as Promise<Reply>).then(
      (reply) => {
        sink({ kind: 'redis', actor, lane, command: upper, args: args.map(formatArg), reply: formatReply(reply), durationMs: performance.now() - start, at, conn });
        return reply;
      },
      (err: Error) => {
        const message = err.message;
        sink({ kind: 'redis', actor, lane, command: upper, args: args.map(formatArg), reply: `(error) ${message}`, error: message, durationMs: performance.now() - start, at, conn });
        throw err;
      },
    );
  }
  const call = (command: string, ...args: Arg[]) => send(command.toUpperCase(), command.toLowerCase(), args);
  // One function per command name, made on first use, with its names' cases worked out once.
  const methods = new Map<string, (...args: never[]) => Promise<Reply>>([['call', call]]);
  return new Proxy({} as TracedClient, {
    get(_target, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      let method = methods.get(prop);
      if (!method) {
        const upper = prop.toUpperCase();
        const lower = prop.toLowerCase();
        methods.set(prop, (method = (...args: Arg[]) => send(upper, lower, args)));
      }
      return method;
    },
  });
}
