import type { Redis } from 'ioredis';
import type { Denied, LatencyEvent, ServerDetails, ServerFactsView, SlowlogEntry } from '../../../shared/server-console';
import type { ServerFacts } from '../redis/open-client';
import { aclCategories, describeNoPerm, parseNoPerm } from '../redis/permissions';
import { num, parseInfo } from './server-info';

/** SLOWLOG GET asks for at most this many entries. */
export const SLOWLOG_MAX = 32;
const ARG_CHARS = 64;
const ARG_COUNT = 8;

/** Runs a read; a NOPERM becomes the refused right in words, anything else is thrown. */
export async function orDenied<T>(client: Redis, command: string, read: () => Promise<T>): Promise<T | Denied> {
  try {
    return await read();
  } catch (err) {
    const denied = parseNoPerm(err, command);
    if (!denied) throw err;
    return { denied: describeNoPerm(denied, denied.kind === 'command' ? await aclCategories(client, denied.command ?? command) : []) };
  }
}

export const isDenied = (value: unknown): value is Denied => typeof value === 'object' && value !== null && 'denied' in value;

async function configGet(client: Redis, name: string): Promise<string | Denied> {
  return orDenied(client, 'config', async () => {
    const reply = (await client.call('CONFIG', 'GET', name)) as string[];
    return reply[1] ?? '';
  });
}

const cut = (text: string) => (text.length > ARG_CHARS ? `${text.slice(0, ARG_CHARS)}…` : text);

function slowlogEntry(raw: unknown[]): SlowlogEntry {
  const args = Array.isArray(raw[3]) ? (raw[3] as unknown[]).map(String) : [];
  return {
    id: Number(raw[0]) || 0,
    at: Number(raw[1]) || 0,
    micros: Number(raw[2]) || 0,
    command: (args[0] ?? '').toUpperCase(),
    args: args.slice(1, 1 + ARG_COUNT).map(cut),
    argCount: Math.max(0, args.length - 1),
    client: String(raw[4] ?? '') || '?',
    clientName: String(raw[5] ?? ''),
  };
}

/**
 * What the panel shows beside the charts: the server's facts (version,
 * role, maxmemory and policy, RDB and AOF), SLOWLOG GET (bounded, arguments
 * cut) and LATENCY LATEST. Each part that an ACL refuses says which right
 * is missing; the rest is still read.
 */
export async function readServerDetails(client: Redis, connFacts: ServerFacts, slowlogCount = 16): Promise<ServerDetails> {
  const count = Math.max(1, Math.min(SLOWLOG_MAX, slowlogCount));
  const info = await orDenied(client, 'info', async () => parseInfo(await client.info()));

  let maxmemory: number | Denied;
  let policy: string | Denied;
  let rdb: ServerFactsView['rdb'];
  let aof: ServerFactsView['aof'];
  const save = await configGet(client, 'save');
  if (isDenied(info)) {
    const mm = await configGet(client, 'maxmemory');
    maxmemory = isDenied(mm) ? info : Number(mm) || 0;
    const pol = await configGet(client, 'maxmemory-policy');
    policy = isDenied(pol) ? info : pol;
    const appendonly = await configGet(client, 'appendonly');
    rdb = isDenied(save) ? info : { save, lastSave: 0, changesSinceSave: 0, lastStatus: 'unknown' };
    aof = isDenied(appendonly) ? info : { enabled: appendonly === 'yes', lastStatus: 'unknown' };
  } else {
    maxmemory = num(info, 'maxmemory');
    policy = info.get('maxmemory_policy') ?? 'unknown';
    rdb = {
      save,
      lastSave: num(info, 'rdb_last_save_time'),
      changesSinceSave: num(info, 'rdb_changes_since_last_save'),
      lastStatus: info.get('rdb_last_bgsave_status') ?? 'unknown',
    };
    aof = { enabled: info.get('aof_enabled') === '1', lastStatus: info.get('aof_last_write_status') ?? 'unknown' };
  }
  const facts: ServerFactsView = {
    version: isDenied(info) ? connFacts.version : (info.get('redis_version') ?? connFacts.version),
    role: isDenied(info) ? connFacts.role : (info.get('role') ?? connFacts.role),
    mode: isDenied(info) ? connFacts.mode : (info.get('redis_mode') ?? connFacts.mode),
    maxmemory,
    policy,
    rdb,
    aof,
    uptimeSeconds: isDenied(info) ? 0 : num(info, 'uptime_in_seconds'),
  };

  const slowlog = await orDenied(client, 'slowlog', async () => {
    const raw = (await client.call('SLOWLOG', 'GET', String(count))) as unknown[][];
    const total = Number(await client.call('SLOWLOG', 'LEN')) || 0;
    const threshold = await configGet(client, 'slowlog-log-slower-than');
    return { entries: raw.map(slowlogEntry), total, thresholdMicros: isDenied(threshold) ? null : Number(threshold) };
  });

  const latency = await orDenied(client, 'latency', async () => {
    const raw = (await client.call('LATENCY', 'LATEST')) as unknown[][];
    const events: LatencyEvent[] = raw.slice(0, 64).map((e) => ({ event: String(e[0]), at: Number(e[1]) || 0, latestMs: Number(e[2]) || 0, maxMs: Number(e[3]) || 0 }));
    const threshold = await configGet(client, 'latency-monitor-threshold');
    const thresholdMs = isDenied(threshold) ? null : Number(threshold) || 0;
    return { enabled: thresholdMs === null ? events.length > 0 : thresholdMs > 0, thresholdMs, events };
  });

  return { facts, slowlog, latency };
}
