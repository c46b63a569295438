import { msg } from '../../../shared/i18n/message';
import type { ParamSpec } from '../../../shared/model';

/** The cache entry's time to live; the article's 3600 s by default. */
export const TTL_PARAM: ParamSpec = { name: 'ttlSeconds', label: msg('param.ttl'), min: 1, max: 86_400, default: 3600, unit: msg('unit.s') };

/** The injected database latency; the article's 100 ms unless a pattern reads better with less. */
export function dbLatencyParam(defaultMs = 100): ParamSpec {
  return { name: 'dbLatencyMs', label: msg('param.dbLatency'), min: 0, max: 5000, default: defaultMs, unit: msg('unit.ms') };
}
