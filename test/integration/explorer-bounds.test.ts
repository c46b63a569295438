import { describe, expect, it } from 'vitest';
import { ExploreReplayInput, MAX_MESSAGE_BYTES, MAX_SCHEDULE_ACTOR_CHARS, MAX_SCHEDULE_STEPS } from '../../shared/contract';
import { resolveParams, type PatternDef } from '../../electron/core/engine/pattern';
import { runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import type { RaceVariant } from '../../electron/core/explorer/race';
import { RACES } from '../../electron/core/explorer/races';
import { exhaustiveStrategy, randomStrategy } from '../../electron/core/explorer/strategies';
import { findPattern } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';

/**
 * The replay request's bounds are the races' own: every race, at the
 * largest parameters its form accepts, makes schedules shorter than
 * MAX_SCHEDULE_STEPS with actor names shorter than MAX_SCHEDULE_ACTOR_CHARS,
 * and the longest request those bounds allow still fits one web-transport
 * message (a bigger one closed the socket: "Lost the connection").
 */
describe('explore.replay bounds: what the races produce, and what one message holds', () => {
  const h = patternHarness('bounds:');

  it('the largest request the schema accepts fits MAX_MESSAGE_BYTES', () => {
    const schedule = Array.from({ length: MAX_SCHEDULE_STEPS }, () => 'x'.repeat(MAX_SCHEDULE_ACTOR_CHARS - 3) + '#99');
    const input = { variantId: 'v'.repeat(64), schedule };
    expect(ExploreReplayInput.safeParse(input).success).toBe(true);
    // The envelope a transport wraps a request in (id, channel) is well under 1 KiB.
    const bytes = Buffer.byteLength(JSON.stringify({ id: 2 ** 31, channel: 'explore.replay', input }));
    expect(bytes + 1024).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(ExploreReplayInput.safeParse({ variantId: 'a', schedule: [...schedule, 'worker'] }).success).toBe(false);
    expect(ExploreReplayInput.safeParse({ variantId: 'a', schedule: ['wor ker'] }).success).toBe(false);
  });

  it('every race at its largest parameters: schedules well inside the bounds', { timeout: 240_000 }, async () => {
    let longest = 0;
    let widest = 0;
    for (const [patternId, race] of Object.entries(RACES)) {
      const def = findPattern(patternId)! as PatternDef;
      const max = Object.fromEntries(def.params.map((p) => [p.name, p.name === 'dbLatencyMs' ? 0 : p.max]));
      const env: ExploreEnv = { connection: h.connection, db: h.db, def, params: resolveParams(def.params, max) };
      for (const variant of race.variants as RaceVariant[]) {
        const choosers = [exhaustiveStrategy().next()!, ...Array.from({ length: 3 }, (_, i) => randomStrategy(i + 1).next()!)];
        for (const chooser of choosers) {
          const run = await runSchedule(env, variant, chooser);
          longest = Math.max(longest, run.schedule.length);
          widest = Math.max(widest, ...run.schedule.map((a) => a.length));
          for (const actor of run.schedule) expect(actor, `${patternId}/${variant.id}`).toMatch(/^[A-Za-z]+(#\d+)?$/);
        }
      }
    }
    console.log(`longest schedule ${longest} steps, widest actor ${widest} chars`);
    expect(longest * 2).toBeLessThanOrEqual(MAX_SCHEDULE_STEPS);
    expect(widest * 2).toBeLessThanOrEqual(MAX_SCHEDULE_ACTOR_CHARS);
  });
});
