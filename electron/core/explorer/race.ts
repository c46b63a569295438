import type { Message } from '../../../shared/i18n/message';
import type { ActorId } from '../../../shared/model';
import type { StepContext } from '../engine/pattern';

/** One racing actor: who it is and the pattern's own code it runs. */
export interface RacingActor {
  actor: ActorId;
  lane?: number;
  run(): Promise<unknown>;
}

/** What the invariant found after one schedule: held or not, and a number to chart (points lost, final balance…). */
export interface InvariantResult {
  ok: boolean;
  measure: number;
}

/** One variant of a race (the article's, or the fix), run from a fresh state under the scheduler. */
export interface RaceVariant<S = unknown> {
  id: string;
  label: Message;
  /**
   * Brings the fresh state to the moment the race starts; runs unscheduled.
   * The engine may run it once and restore what it left for every later
   * schedule (FreshStart): a setup must keep its effects in Redis keys, the
   * database and `ctx.state` (or reach an actor's raw connection, which
   * makes it run every time), never in variables of its module.
   */
  setup?(ctx: StepContext<S>): Promise<void>;
  /** The actors that race, each calling the pattern's own step code through the context's traced clients. */
  actors(ctx: StepContext<S>): RacingActor[];
  /** The invariant, checked once every actor has finished, read untraced as the inspector reads. */
  check(ctx: StepContext<S>): Promise<InvariantResult>;
}

/** What a race pattern declares so the engine can explore it: the invariant in words, what to chart, and its variants. */
export interface ExploreDef<S = unknown> {
  invariant: Message;
  /** What `measure` counts, for the chart's axis. */
  measure: Message;
  variants: RaceVariant<S>[];
}
