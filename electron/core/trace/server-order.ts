import type { Redis } from 'ioredis';
import type { RedisTrace, TraceEntry, TraceOrder } from '../../../shared/model';
import { aclCategories, describeNoPerm, parseNoPerm } from '../redis/permissions';
import { openMonitor } from '../redis/monitor-client';
import { MonitorLog, type MonitorLine } from './monitor-log';
import { msg, type Message } from '../../../shared/i18n/message';

/** How long to wait for MONITOR's lines of a step's last commands after their replies came back. */
const SETTLE_MS = 300;
const SCRIPT_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** "::1" and "[::1]" name the same peer; MONITOR brackets IPv6 addresses. */
function normalizeSource(source: string): string {
  return source.replace(/^::ffff:/, '').replace(/^\[(.*)\](:\d+)$/, '$1$2');
}

/**
 * The order the server executed commands in, read from one MONITOR
 * connection: each line names the client's address (or "lua" for a
 * command a script ran), so a step's trace can be put in the server's
 * order instead of the order replies reached Node, and a script's inner
 * commands nested under it.
 */
export class ServerOrder {
  private readonly log = new MonitorLog();
  private waiters = new Set<() => void>();

  private monitor?: Redis;
  private closed = false;

  private constructor(
    monitor: Redis,
    /** Kept to open the monitor connection again after a pause. */
    private readonly control: Redis,
  ) {
    this.attach(monitor);
  }

  private attach(monitor: Redis): void {
    this.monitor = monitor;
    monitor.on('error', () => {});
    monitor.on('monitor', (time: string, args: string[], source: string) => {
      const [command = '', ...rest] = args;
      this.log.push(Number(time) * 1000, normalizeSource(source), command.toLowerCase(), rest);
      for (const wake of this.waiters) wake();
    });
  }

  /**
   * Opens the monitor connection, or says why not (an ACL without MONITOR,
   * a managed Redis that disables it): then traces show reply order.
   */
  static async open(control: Redis): Promise<ServerOrder | { refused: Message }> {
    try {
      return new ServerOrder(await openMonitor(control), control);
    } catch (err) {
      const denied = parseNoPerm(err, 'monitor');
      const why = denied ? describeNoPerm(denied, await aclCategories(control, 'monitor')) : msg('traceOrder.monitorFailed', { detail: (err as Error).message });
      return { refused: msg('traceOrder.refused', { why }) };
    }
  }

  /**
   * Closes the monitor connection until resume(): while the explorer runs
   * one command at a time its order is known, and a monitored server
   * writes every command a second time (measured: a third of a schedule's CPU).
   */
  pause(): void {
    this.monitor?.disconnect();
    this.monitor = undefined;
  }

  /** Opens the monitor connection again after pause(); a step's order that cannot be read says so, as when MONITOR is refused. */
  async resume(): Promise<void> {
    if (this.monitor || this.closed) return;
    const monitor = await openMonitor(this.control).catch(() => undefined);
    if (!monitor) return;
    if (this.closed || this.monitor) monitor.disconnect();
    else this.attach(monitor);
  }

  /** Where the server's log stands now; a step reads what comes after. */
  get mark(): number {
    return this.log.mark;
  }

  /**
   * Puts a step's Redis commands in the order the server ran them. The
   * commands of each connection are matched, in order, with that
   * connection's lines in MONITOR's log (a connection's commands run in the
   * order it sent them); database calls and events keep their places, and
   * the Redis commands are dealt into the Redis slots in server order.
   */
  async order(trace: TraceEntry[], from: number): Promise<TraceOrder> {
    const redis = trace.filter((t): t is RedisTrace => t.kind === 'redis');
    if (redis.length === 0) return { order: 'server' };
    if (!redis.every((t) => t.conn)) return { order: 'reply', reason: msg('traceOrder.noAddress') };
    let lines = this.log.since(from);
    const deadline = Date.now() + SETTLE_MS;
    while (!this.match(redis, lines).complete && Date.now() < deadline) {
      await this.nextLine(deadline - Date.now());
      lines = this.log.since(from);
    }
    const { complete, seqOf } = this.match(redis, lines);
    if (!complete) return { order: 'reply', reason: msg('traceOrder.incomplete') };

    const byServer = [...redis].sort((a, b) => seqOf.get(a)!.seq - seqOf.get(b)!.seq);
    this.nestScripts(byServer, lines, seqOf);
    const replyIndex = new Map(redis.map((t, i) => [t, i]));
    let k = 0;
    for (let i = 0; i < trace.length; i++) {
      if (trace[i].kind !== 'redis') continue;
      const entry = byServer[k];
      const line = seqOf.get(entry)!;
      entry.server = { seq: line.seq, at: line.at };
      if (replyIndex.get(entry) !== k) entry.replyIndex = replyIndex.get(entry);
      trace[i] = entry;
      k++;
    }
    return { order: 'server' };
  }

  private match(redis: RedisTrace[], lines: MonitorLine[]): { complete: boolean; seqOf: Map<RedisTrace, MonitorLine> } {
    const queues = new Map<string, MonitorLine[]>();
    for (const line of lines) {
      let queue = queues.get(line.source);
      if (!queue) queues.set(line.source, (queue = []));
      queue.push(line);
    }
    const seqOf = new Map<RedisTrace, MonitorLine>();
    const cursor = new Map<string, number>();
    for (const entry of redis) {
      const queue = queues.get(entry.conn!) ?? [];
      let i = cursor.get(entry.conn!) ?? 0;
      // Skip what the client library sent by itself on that connection (SELECT, CLIENT SETNAME…).
      while (i < queue.length && queue[i].command !== entry.command.toLowerCase()) i++;
      if (i >= queue.length) return { complete: false, seqOf };
      seqOf.set(entry, queue[i]);
      cursor.set(entry.conn!, i + 1);
    }
    return { complete: true, seqOf };
  }

  /**
   * A script's commands appear in MONITOR as "lua" lines next to its EVAL:
   * after it from Redis 7, before it on older servers (the script is logged
   * once it has run). Either way no other client's command can come
   * between them: scripts are atomic.
   */
  private nestScripts(entries: RedisTrace[], lines: MonitorLine[], seqOf: Map<RedisTrace, MonitorLine>): void {
    const bySeq = new Map(lines.map((l) => [l.seq, l]));
    for (const entry of entries) {
      if (!SCRIPT_COMMANDS.has(entry.command.toLowerCase())) continue;
      const at = seqOf.get(entry)!.seq;
      const inner: { command: string; args: string[] }[] = [];
      for (let seq = at + 1; bySeq.get(seq)?.source === 'lua'; seq++) inner.push(toInner(bySeq.get(seq)!));
      if (inner.length === 0) {
        const before: MonitorLine[] = [];
        for (let seq = at - 1; bySeq.get(seq)?.source === 'lua'; seq--) before.unshift(bySeq.get(seq)!);
        inner.push(...before.map(toInner));
      }
      if (inner.length) entry.inner = inner;
    }
  }

  private nextLine(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(ms, 1));
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    this.pause();
  }
}

function toInner(line: MonitorLine): { command: string; args: string[] } {
  return { command: line.command.toUpperCase(), args: line.args.map((a) => (a.length > 300 ? `${a.slice(0, 300)}… (${a.length} chars)` : a)) };
}
