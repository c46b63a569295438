import { msg } from '../../../shared/i18n/message';
import type { PatternSummary } from '../../../shared/model';
import { resolveParams, stepTitle, type PatternDef } from '../engine/pattern';
import { findRace } from '../explorer/races';
import { cacheAside } from './cache-aside';
import { cacheAsideStaleRefill } from './cache-aside-stale-refill';
import { cacheAsideStampede } from './cache-aside-stampede';
import { writeThrough, writeThroughRace } from './write-through';
import { distributedLock, distributedLockFencing } from './distributed-lock';
import { eviction } from './eviction';
import { leaderboard } from './leaderboard';
import { luaWithdraw } from './lua-withdraw';
import { pubsub, pubsubMissed } from './pubsub';
import { rateLimiting } from './rate-limiting';
import { rateLimitingTtl } from './rate-limiting-ttl';
import { streamQueue } from './stream-queue';
import { writeBehind } from './write-behind';
import { writeBehindCrash } from './write-behind-crash';
import { writeBehindLostUpdate } from './write-behind-lost-update';
import { sessions } from './sessions';

/** Every pattern the app offers, in the order the picker lists them. */
export const PATTERNS: readonly PatternDef[] = [
  cacheAside,
  cacheAsideStaleRefill,
  cacheAsideStampede,
  writeThrough,
  writeThroughRace,
  writeBehind,
  writeBehindLostUpdate,
  writeBehindCrash,
  pubsub,
  pubsubMissed,
  streamQueue,
  leaderboard,
  luaWithdraw,
  sessions,
  rateLimiting,
  rateLimitingTtl,
  distributedLock,
  distributedLockFencing,
  eviction,
];

export function findPattern(id: string): PatternDef | undefined {
  return PATTERNS.find((p) => p.id === id);
}

/** A pattern as the renderer sees it: metadata and step code, no functions. */
export function summarize(def: PatternDef, params?: Record<string, number>): PatternSummary {
  const resolved = resolveParams(def.params, params);
  return {
    id: def.id,
    title: def.title,
    group: def.group,
    summary: def.summary,
    params: def.params,
    actors: def.actors,
    panels: def.panels,
    actions: (def.actions ?? []).map(({ id, label, fields }) => ({ id, label, fields })),
    requires: def.requires ? msg('common.requires', { major: def.requires.major, minor: def.requires.minor, feature: def.requires.feature }) : undefined,
    requiresVersion: def.requires ? { major: def.requires.major, minor: def.requires.minor } : undefined,
    steps: def.steps.map((step, index) => ({ index, title: stepTitle(step, resolved), code: step.code, actors: step.actors })),
    explorable: !!findRace(def.id),
  };
}
