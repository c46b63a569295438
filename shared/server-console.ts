/**
 * What the Server panel and the Console exchange with the host (issue 13,
 * items 4 and 5). Every figure is a number or says why it is missing
 * (a Message naming the refused right): never a blank, NaN or undefined.
 */
import type { Message } from './i18n/message';

/** One INFO reading, with the rates derived from the previous one. */
export interface ServerSample {
  /** Milliseconds since the epoch, when the host read INFO. */
  at: number;
  /** Commands per second over the last interval, the sampler's own INFO left out. */
  opsPerSec: number;
  usedMemory: number;
  clients: number;
  blockedClients: number;
  /** Cumulative keyspace hits and misses since the server started (or CONFIG RESETSTAT). */
  hits: number;
  misses: number;
  hitsPerSec: number;
  missesPerSec: number;
  /** Hits / (hits + misses) in %, over the last interval; -1 when nothing was read in it. */
  hitRate: number;
  /** The same since the server started; -1 when nothing was ever read. */
  hitRateTotal: number;
  expired: number;
  evicted: number;
  expiredPerSec: number;
  evictedPerSec: number;
  /** Bytes per second in and out over the last interval. */
  netInPerSec: number;
  netOutPerSec: number;
}

/** The 'server' event: the newest sample, or why INFO could not be read. */
export type ServerEvent = { sample: ServerSample } | { denied: Message };

/** A section of the panel that could not be read: the right that is missing, in words. */
export interface Denied {
  denied: Message;
}

export interface ServerFactsView {
  version: string;
  role: string;
  mode: string;
  /** Bytes; 0 means no limit. */
  maxmemory: number | Denied;
  policy: string | Denied;
  /** RDB: the `save` rules ('' = off), the last save and changes since. */
  rdb: { save: string | Denied; lastSave: number; changesSinceSave: number; lastStatus: string } | Denied;
  aof: { enabled: boolean; lastStatus: string } | Denied;
  uptimeSeconds: number;
}

/** One SLOWLOG entry, its arguments cut. */
export interface SlowlogEntry {
  id: number;
  /** Seconds since the epoch when the command ran. */
  at: number;
  micros: number;
  command: string;
  /** The arguments after the command, each at most 64 characters, at most 8 of them. */
  args: string[];
  /** How many arguments there were in all (Redis itself keeps at most 32). */
  argCount: number;
  client: string;
  clientName: string;
}

export interface LatencyEvent {
  event: string;
  at: number;
  latestMs: number;
  maxMs: number;
}

export interface ServerDetails {
  facts: ServerFactsView;
  slowlog: { entries: SlowlogEntry[]; total: number; thresholdMicros: number | null } | Denied;
  /** enabled false: latency-monitor-threshold is 0, so Redis records nothing. */
  latency: { enabled: boolean; thresholdMs: number | null; events: LatencyEvent[] } | Denied;
}

/** One command the console can complete: from COMMAND DOCS, or the client's table on older servers. */
export interface ConsoleCommandDoc {
  name: string;
  summary: string;
  syntax: string;
  group: string;
}

export interface ConsoleCommands {
  source: 'server' | 'client';
  /** Why the client's table was used (old server, or COMMAND DOCS refused). */
  reason?: Message;
  commands: ConsoleCommandDoc[];
}

/** A command's reply as redis-cli prints it, cut at a byte bound. */
export interface ConsoleReply {
  text: string;
  error: boolean;
  /** The full size of the formatted reply in bytes, when it was cut to `text`. */
  cutFrom?: number;
  durationMs: number;
  /** Not sent: why (a line redis-cli could not split, or a command refused here). */
  refused?: Message;
  /** Sent and refused by an ACL: the missing right in words, beside Redis' own NOPERM line; or, with no reply, why none came. */
  hint?: Message;
  /** The console's connection ended under the command (dropped, or closed at the read limit): a transaction or SELECT on it is gone. */
  connectionReset?: boolean;
}
