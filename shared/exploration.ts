/** What the explorer reports: schedules, per-variant results and the exploration as a whole. Plain JSON. */
import type { Message } from './i18n/message';
import type { PanelData, TraceEntry } from './model';

/** The version of the exploration file this app writes; a file of a later version is refused on import (its fields may mean other things). */
export const EXPLORATION_FORMAT_VERSION = 1;
/** An exploration file larger than this is refused before it is read: the app's own exports of the longest schedules stay well under it. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** The explorer's strategies and its budget of schedules per variant (the contract's schema and the form share them). */
export const EXPLORE_STRATEGIES = ['auto', 'exhaustive', 'random', 'pct'] as const;
/**
 * A replayed schedule's bounds, from what the races make (a test runs every
 * race at its largest parameters: the longest schedule was 304 steps, the
 * longest actor name 13 characters) with room to grow, and sized so the
 * longest request fits one web-transport message (MAX_MESSAGE_BYTES):
 * 2,000 names of up to 32 plain characters are about 70 KB of JSON.
 * Here, not in the contract, so the renderer checks a file without loading
 * the contract's schemas (zod) into its first screen.
 */
export const MAX_SCHEDULE_STEPS = 2_000;
export const MAX_SCHEDULE_ACTOR_CHARS = 32;
/** An actor of a schedule: "worker", or "client#3" for lane 3 of a crowd. */
export const SCHEDULE_ACTOR = /^[A-Za-z]+(#\d+)?$/;

/** Why a schedule could not be sent to replay, by the contract's bounds; undefined when it can. */
export function scheduleProblem(schedule: readonly unknown[]): 'empty' | 'tooLong' | 'badActor' | undefined {
  if (schedule.length === 0) return 'empty';
  if (schedule.length > MAX_SCHEDULE_STEPS) return 'tooLong';
  return schedule.every((a) => typeof a === 'string' && a.length <= MAX_SCHEDULE_ACTOR_CHARS && SCHEDULE_ACTOR.test(a)) ? undefined : 'badActor';
}

export const EXPLORE_SCHEDULES = { min: 1, max: 100_000, default: 1000 } as const;

/** One schedule the explorer ran: who went at each decision, and what it found. */
export interface ExploredSchedule {
  /** The actor of each decision ("worker", "client#3"). */
  schedule: string[];
  /** Each decision's actor and the command or database call it made. */
  steps: { actor: string; what: string }[];
  switches: number;
  ok: boolean;
  measure: number;
  /** The commands as the server ran them (one at a time, so in schedule order). */
  trace: TraceEntry[];
  /** What the variant's setup sent before the race, unscheduled: the state the schedule starts from. */
  setup?: TraceEntry[];
  /** On a replay: at how many decisions the named actor was not enabled, so another went (the code took another path). */
  diverged?: number;
  /** On a replay that diverged: the first step (1-based) where the schedule asked was not followed (its actor not ready, or no entry left, or the run ended first). */
  divergedAt?: number;
  /** Viewing replays only: the pattern's panels after each step's command (steps[i] → panels[i]), bounded. */
  panels?: PanelData[][];
}

/** One variant of a race (the article's or the fix) explored over many schedules. */
export interface ExplorationVariantResult {
  variantId: string;
  label: Message;
  strategy: 'exhaustive' | 'random' | 'pct';
  /** How many interleavings there are: estimated from the first schedule's command counts, exact once `complete`. */
  space?: number;
  /** Exhaustive search covered every interleaving the code can take. */
  complete?: boolean;
  tried: number;
  distinct: number;
  violations: number;
  /** Schedules where no actor could progress (reported, never hung). */
  stuck: number;
  stuckReason?: string;
  /** How many schedules ended with each measured value (points lost, final balance…). */
  measures: Record<string, number>;
  /** The measured values of schedules that broke the invariant (the chart's red bars): from each schedule's verdict, known even when the run stopped before shrinking. */
  failingMeasures?: number[];
  /** The shortest failing schedule, shrunk: fewest context switches, then fewest decisions. */
  shortest?: ExploredSchedule;
  cancelled?: boolean;
  done: boolean;
}

/** An exploration of one pattern: every variant side by side, with the parameters and seed that reproduce it. */
export interface ExplorationProgress {
  id: number;
  patternId: string;
  params: Record<string, number>;
  strategy: 'auto' | 'exhaustive' | 'random' | 'pct';
  seed: number;
  schedules: number;
  invariant: Message;
  measure: Message;
  variants: ExplorationVariantResult[];
  running: boolean;
  startedAt: number;
  elapsedMs: number;
  /** Why the exploration stopped early, in the user's language (e.g. Redis went away after N schedules). */
  error?: Message;
  /** What the failing library said, word for word, for whoever needs the detail. */
  errorDetail?: string;
}
