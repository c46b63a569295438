import type { ServerSample } from '../../../shared/server-console';

/** INFO's text as field → value (section headers and blank lines skipped). */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

/** A numeric INFO field; 0 when the server does not report it (an older version). */
export function num(fields: Map<string, string>, name: string): number {
  const value = Number(fields.get(name));
  return Number.isFinite(value) ? value : 0;
}

/** The cumulative counters one reading carries; rates come from two of them. */
export interface InfoCounters {
  at: number;
  commands: number;
  hits: number;
  misses: number;
  expired: number;
  evicted: number;
  netIn: number;
  netOut: number;
}

export function countersOf(fields: Map<string, string>, at: number): InfoCounters {
  return {
    at,
    commands: num(fields, 'total_commands_processed'),
    hits: num(fields, 'keyspace_hits'),
    misses: num(fields, 'keyspace_misses'),
    expired: num(fields, 'expired_keys'),
    evicted: num(fields, 'evicted_keys'),
    netIn: num(fields, 'total_net_input_bytes'),
    netOut: num(fields, 'total_net_output_bytes'),
  };
}

const percent = (hits: number, misses: number) => (hits + misses > 0 ? (100 * hits) / (hits + misses) : -1);

/**
 * One sample from a reading and the one before it. Rates are per second
 * over the interval; counters that went down (CONFIG RESETSTAT, a restart)
 * count from zero. `ownCommands` is what the sampler itself sent in the
 * interval (its INFO), left out of ops/s so an idle server reads 0.
 */
export function deriveSample(fields: Map<string, string>, now: InfoCounters, before: InfoCounters | undefined, ownCommands = 1): ServerSample {
  const seconds = before ? Math.max(0.001, (now.at - before.at) / 1000) : 1;
  const delta = (name: keyof InfoCounters) => {
    if (!before) return 0;
    const d = now[name] - before[name];
    return d >= 0 ? d : now[name];
  };
  const rate = (name: keyof InfoCounters) => delta(name) / seconds;
  const dHits = delta('hits');
  const dMisses = delta('misses');
  return {
    at: now.at,
    opsPerSec: before ? Math.max(0, delta('commands') - ownCommands) / seconds : num(fields, 'instantaneous_ops_per_sec'),
    usedMemory: num(fields, 'used_memory'),
    clients: num(fields, 'connected_clients'),
    blockedClients: num(fields, 'blocked_clients'),
    hits: now.hits,
    misses: now.misses,
    hitsPerSec: rate('hits'),
    missesPerSec: rate('misses'),
    hitRate: percent(dHits, dMisses),
    hitRateTotal: percent(now.hits, now.misses),
    expired: now.expired,
    evicted: now.evicted,
    expiredPerSec: rate('expired'),
    evictedPerSec: rate('evicted'),
    netInPerSec: before ? rate('netIn') : num(fields, 'instantaneous_input_kbps') * 1024,
    netOutPerSec: before ? rate('netOut') : num(fields, 'instantaneous_output_kbps') * 1024,
  };
}
