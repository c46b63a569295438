import type { ExploreDef } from './race';
import { lostUpdateRace } from '../patterns/write-behind-lost-update.race';

/**
 * The race patterns the explorer knows, by pattern id. Each declares its
 * invariant and variants beside the pattern (patterns/<id>.race.ts); the
 * engine owns scheduling, shrinking, seeds and export.
 */
export const RACES: Record<string, ExploreDef<never>> = {
  'write-behind-lost-update': lostUpdateRace as ExploreDef<never>,
};

export function findRace(patternId: string): ExploreDef | undefined {
  return RACES[patternId] as ExploreDef | undefined;
}
