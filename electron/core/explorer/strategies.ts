import { seededRandom } from './prng';

/** Picks which waiting actor goes next, at each decision of one schedule. */
export interface Chooser {
  pick(enabled: readonly string[], decision: number): string;
}

/** Makes the chooser for the n-th schedule of an exploration. */
export interface Strategy {
  readonly name: 'exhaustive' | 'random' | 'pct' | 'replay';
  /** The chooser for the next schedule, or undefined when the strategy has no more (exhaustive: the space is covered). */
  next(): Chooser | undefined;
  /** Told what the schedule just run looked like: the enabled set at each decision, and what was picked. */
  record?(decisions: readonly { enabled: readonly string[]; picked: string }[]): void;
}

/** Seeded uniform choice at every decision. */
export function randomStrategy(seed: number): Strategy {
  const random = seededRandom(seed);
  return {
    name: 'random',
    next: () => ({ pick: (enabled) => enabled[Math.floor(random() * enabled.length)] }),
  };
}

/**
 * PCT (probabilistic concurrency testing, Burckhardt et al. 2010): random
 * distinct priorities per actor, the highest enabled one runs, and at
 * `depth - 1` random decisions the running actor drops to the lowest
 * priority. Finds bugs that need few ordering changes with a known
 * probability, where uniform random choice spreads itself thin.
 */
export function pctStrategy(seed: number, depth: number, expectedLength: number): Strategy {
  const random = seededRandom(seed);
  return {
    name: 'pct',
    next() {
      const priority = new Map<string, number>();
      const changes = new Set<number>();
      for (let i = 0; i < depth - 1; i++) changes.add(Math.floor(random() * Math.max(1, expectedLength)));
      let lowest = 0;
      return {
        pick(enabled, decision) {
          for (const actor of enabled) if (!priority.has(actor)) priority.set(actor, depth + random());
          let best = enabled[0];
          for (const actor of enabled) if (priority.get(actor)! > priority.get(best)!) best = actor;
          if (changes.has(decision)) priority.set(best, (lowest -= 1));
          return best;
        },
      };
    },
  };
}

/**
 * Every interleaving, depth first: each schedule replays the previous one's
 * choices up to the deepest decision that still has an untried
 * alternative, takes that alternative, then the first enabled actor after
 * it. Ends when no decision has alternatives left.
 */
export function exhaustiveStrategy(): Strategy {
  let prefix: string[] = [];
  let done = false;
  return {
    name: 'exhaustive',
    next() {
      if (done) return undefined;
      const path = prefix;
      return { pick: (enabled, decision) => (decision < path.length && enabled.includes(path[decision]) ? path[decision] : enabled[0]) };
    },
    record(decisions) {
      for (let d = decisions.length - 1; d >= 0; d--) {
        const { enabled, picked } = decisions[d];
        const at = enabled.indexOf(picked);
        if (at + 1 < enabled.length) {
          prefix = [...decisions.slice(0, d).map((x) => x.picked), enabled[at + 1]];
          return;
        }
      }
      done = true;
    },
  };
}

/** Replays one schedule; where its actor is not enabled (the code took another path) the first enabled one goes, and the divergence is counted. */
export function replayChooser(schedule: readonly string[]): Chooser & { diverged: number; divergedAt?: number } {
  const chooser: Chooser & { diverged: number; divergedAt?: number } = {
    diverged: 0,
    pick(enabled: readonly string[], decision: number) {
      const wanted = schedule[decision];
      if (wanted !== undefined && enabled.includes(wanted)) return wanted;
      chooser.diverged++;
      chooser.divergedAt ??= decision + 1;
      return enabled[0];
    },
  };
  return chooser;
}

/** How many ways actors with these command counts can interleave: the multinomial (n1+…+nk)! / (n1!…nk!). */
export function interleavingCount(counts: readonly number[]): number {
  let total = 0;
  let result = 1;
  for (const n of counts) {
    for (let i = 1; i <= n; i++) {
      total++;
      result = (result * total) / i;
      if (!Number.isFinite(result) || result > Number.MAX_SAFE_INTEGER) return Infinity;
    }
  }
  return Math.round(result);
}
