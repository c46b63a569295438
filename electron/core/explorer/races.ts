import type { ExploreDef } from './race';
import { staleRefillRace } from '../patterns/cache-aside-stale-refill.race';
import { stampedeRace } from '../patterns/cache-aside-stampede.race';
import { fencingRace, lockReleaseRace } from '../patterns/distributed-lock.race';
import { luaWithdrawRace } from '../patterns/lua-withdraw.race';
import { pubsubMissedRace } from '../patterns/pubsub-missed.race';
import { rateLimitingRace, rateLimitingTtlRace } from '../patterns/rate-limiting.race';
import { crashRace } from '../patterns/write-behind-crash.race';
import { streamQueueRace } from '../patterns/stream-queue.race';
import { lostUpdateRace } from '../patterns/write-behind-lost-update.race';
import { writeThroughRace } from '../patterns/write-through-race.race';
import { sessionsRace } from '../patterns/sessions.race';

/**
 * The race patterns the explorer knows, by pattern id. Each declares its
 * invariant and variants beside the pattern (patterns/<id>.race.ts); the
 * engine owns scheduling, shrinking, seeds and export.
 */
export const RACES: Record<string, ExploreDef<never>> = {
  'cache-aside-stale-refill': staleRefillRace as ExploreDef<never>,
  'cache-aside-stampede': stampedeRace as ExploreDef<never>,
  'write-through-race': writeThroughRace as ExploreDef<never>,
  'write-behind-lost-update': lostUpdateRace as ExploreDef<never>,
  'write-behind-crash': crashRace as ExploreDef<never>,
  'pubsub-missed': pubsubMissedRace as ExploreDef<never>,
  'stream-queue': streamQueueRace as ExploreDef<never>,
  'lua-withdraw': luaWithdrawRace as ExploreDef<never>,
  'rate-limiting': rateLimitingRace as ExploreDef<never>,
  'rate-limiting-ttl': rateLimitingTtlRace as ExploreDef<never>,
  'distributed-lock': lockReleaseRace as ExploreDef<never>,
  'distributed-lock-fencing': fencingRace as ExploreDef<never>,
  sessions: sessionsRace as ExploreDef<never>,
};

export function findRace(patternId: string): ExploreDef | undefined {
  return RACES[patternId] as ExploreDef | undefined;
}
