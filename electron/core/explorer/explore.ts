import type { ExplorationProgress, ExploredSchedule, ExplorationVariantResult } from '../../../shared/exploration';
import type { PanelData, TraceEntry } from '../../../shared/model';
import type { UserDatabase } from '../db/user-database';
import type { ActorContext, PatternDef, StepContext } from '../engine/pattern';
import { buildStepContext } from '../engine/step-context';
import type { LiveConnection } from '../redis/live-connection';
import type { RaceVariant } from './race';
import { FreshStart } from './fresh-start';
import { actorKey, contextSwitches, Scheduler, type ScheduleRun } from './scheduler';
import { exhaustiveStrategy, interleavingCount, pctStrategy, randomStrategy, replayChooser, type Chooser, type Strategy } from './strategies';

export interface ExploreEnv {
  connection: LiveConnection;
  db: UserDatabase;
  def: PatternDef;
  params: Readonly<Record<string, number>>;
}

export interface ScheduleResult extends ScheduleRun {
  ok: boolean;
  measure: number;
  trace: TraceEntry[];
  /** Viewing replays only: the pattern's panels after each decision's command (at most MAX_PANEL_STEPS). */
  panels?: PanelData[][];
}

/** How many decisions a viewing replay captures panels for. */
export const MAX_PANEL_STEPS = 200;

/**
 * Runs one schedule of one variant on a fresh state: the namespace cleared
 * and the database reseeded as a reset would, the setup run unscheduled
 * (or its captured result restored, see FreshStart), then the racing
 * actors under the scheduler, then the invariant. Database latency is
 * virtual here (0), and so are the actors' sleeps (ctx.sleep, on the
 * scheduler's clock): order, not wall time, decides.
 */
export async function runSchedule(
  env: ExploreEnv,
  variant: RaceVariant,
  chooser: Chooser,
  view?: { panels?: boolean },
  /** The exploration's fresh start for this variant; without one the setup runs for real. */
  fresh?: FreshStart,
): Promise<ScheduleResult> {
  const { connection, db, def, params } = env;
  const trace: TraceEntry[] = [];
  const context = (state: unknown, gate?: Scheduler) =>
    buildStepContext({ connection, db, params, state, sink: (e: TraceEntry) => trace.push(e), backgroundSink: () => {}, trace: () => trace, gate });
  const start = fresh ?? new FreshStart(env, variant, false);
  let state: unknown;
  try {
    state = await start.begin(context, trace);
  } finally {
    if (!fresh) start.close();
  }
  try {
    const plain = context(state);
    trace.length = 0;
    // Viewing replays only: the panels as they stand while every actor waits at its gate.
    const inspect = view?.panels && def.inspect ? def.inspect.bind(def) : undefined;
    const captured: PanelData[][] = [];
    const capture = async () => {
      if (!inspect || captured.length >= MAX_PANEL_STEPS) return;
      captured.push(await inspect({ control: connection.control, db, state, params, key: (name) => connection.namespace + name }).catch(() => []));
    };
    // Before decision k (k ≥ 1) the state is the one after command k - 1.
    const scheduler = new Scheduler(chooser, undefined, inspect ? (index) => (index > 0 ? capture() : Promise.resolve()) : undefined);
    if (fresh) scheduler.named = (lower, args) => fresh.noteCommand(lower, args);
    const gated = fresh ? watchUnnamed(context(state, scheduler), fresh) : context(state, scheduler);
    const actors = variant.actors(gated);
    // Connections first: a crowd starts together, not as each one connects.
    await Promise.all(actors.map((a) => gated.as(a.actor, a.lane).ready()));
    const run = await scheduler.run(actors.map((a) => ({ id: actorKey(a.actor, a.lane), run: a.run })));
    if (inspect && run.decisions.length > 0) await capture();
    const verdict = run.stuck ? { ok: true, measure: 0 } : await variant.check(plain);
    const result: ScheduleResult = { decisions: run.decisions, schedule: run.schedule, errors: run.errors, clockMs: run.clockMs, ok: verdict.ok, measure: verdict.measure, trace };
    if (run.stuck !== undefined) result.stuck = run.stuck;
    if (inspect) result.panels = captured;
    return result;
  } finally {
    if (state !== undefined) await def.dispose?.(state as never);
  }
}

/**
 * The racing actors' context, telling the fresh start when an actor reaches
 * past its traced client (its raw connection, a background actor): what
 * that writes no command named, so the next start walks the namespace.
 */
function watchUnnamed(ctx: StepContext<unknown>, fresh: FreshStart): StepContext<unknown> {
  // One view per actor, made once: its fields are read on every command, and a plain object's are read without a proxy's trap.
  const views = new Map<string, ActorContext>();
  return {
    ...ctx,
    as: (actor, lane) => {
      const id = actorKey(actor, lane);
      let view = views.get(id);
      if (!view) {
        const inner = ctx.as(actor, lane);
        // Field by field rather than spread: a literal of known shape is made fast, a spread beside a getter is not.
        view = {
          redis: inner.redis,
          db: inner.db,
          key: inner.key,
          params: inner.params,
          note: inner.note,
          ready: inner.ready,
          sleep: inner.sleep,
          get connection() {
            fresh.untracked();
            return inner.connection;
          },
        };
        views.set(id, view);
      }
      return view;
    },
    background: (actor) => {
      fresh.untracked();
      return ctx.background(actor);
    },
  };
}

export type StrategyChoice = 'auto' | 'exhaustive' | 'random' | 'pct';

export interface ExploreOptions {
  variant: RaceVariant;
  strategy: StrategyChoice;
  schedules: number;
  seed: number;
  /** Told of progress; the caller throttles what it forwards. */
  onProgress?(progress: ExplorationVariantResult): void;
  /** Checked between schedules: the search stops (Stop). What it found is still shrunk and replayed for viewing. */
  cancelled?(): boolean;
  /**
   * Checked between replays: nothing more may run at all (the connection is
   * going away). Without it, Stop also ends shrinking, and the schedule
   * shown as the shortest would be whichever failed first, unshrunk.
   */
  aborted?(): boolean;
}

const key = (schedule: readonly string[]) => schedule.join(' ');

/** Shorter is better: fewest context switches, then fewest decisions. */
function better(a: readonly string[], b: readonly string[] | undefined): boolean {
  if (!b) return true;
  const [sa, sb] = [contextSwitches(a), contextSwitches(b)];
  return sa < sb || (sa === sb && a.length < b.length);
}

/** A variant's result before its first schedule: nothing tried yet. */
export function blankResult(variant: RaceVariant): ExplorationVariantResult {
  return { variantId: variant.id, label: variant.label, strategy: 'exhaustive', tried: 0, distinct: 0, violations: 0, stuck: 0, measures: {}, done: false };
}

/**
 * Explores one variant: the first schedule (every actor in turn, as far
 * as it can) measures how many decisions each actor makes; when all
 * interleavings fit in the budget they are all run (exhaustive, and the
 * result says how many there are), otherwise the seeded strategy picks
 * them. Every violation is counted; the best failing schedule is shrunk.
 */
export async function exploreVariant(env: ExploreEnv, opts: ExploreOptions): Promise<ExplorationVariantResult> {
  const result = blankResult(opts.variant);
  const seen = new Set<string>();
  let best: ScheduleResult | undefined;
  const record = (run: ScheduleResult) => {
    result.tried++;
    seen.add(key(run.schedule));
    result.distinct = seen.size;
    if (run.stuck) result.stuck++;
    else {
      result.measures[run.measure] = (result.measures[run.measure] ?? 0) + 1;
      if (!run.ok) {
        result.violations++;
        if (!result.failingMeasures?.includes(run.measure)) result.failingMeasures = [...(result.failingMeasures ?? []), run.measure];
        if (better(run.schedule, best?.schedule)) best = run;
      }
    }
    if (run.stuck && !result.stuckReason) result.stuckReason = run.stuck;
  };

  // Every schedule of this variant (and each shrinking replay) starts from the same captured start.
  const fresh = new FreshStart(env, opts.variant);
  try {
    await exploreWith(fresh);
  } finally {
    fresh.close();
  }
  return result;

  async function exploreWith(fresh: FreshStart): Promise<void> {
    // The first schedule tells how many decisions each actor makes.
    const exhaustive = exhaustiveStrategy();
    const first = await runSchedule(env, opts.variant, exhaustive.next()!, undefined, fresh);
    exhaustive.record!(first.decisions);
    record(first);
    const perActor = new Map<string, number>();
    for (const d of first.decisions) perActor.set(d.picked, (perActor.get(d.picked) ?? 0) + 1);
    result.space = interleavingCount([...perActor.values()]);

    const strategy: Strategy =
      opts.strategy === 'exhaustive' || (opts.strategy === 'auto' && result.space <= opts.schedules)
        ? exhaustive
        : opts.strategy === 'pct'
          ? pctStrategy(opts.seed, 3, first.decisions.length)
          : opts.strategy === 'random'
            ? randomStrategy(opts.seed)
            : pctStrategy(opts.seed, 3, first.decisions.length);
    result.strategy = strategy.name === 'exhaustive' ? 'exhaustive' : strategy.name === 'pct' ? 'pct' : 'random';
    opts.onProgress?.({ ...result });

    while (result.tried < opts.schedules && !opts.cancelled?.()) {
      const chooser = strategy.next();
      if (!chooser) {
        // Exhaustive search ran out of alternatives: every interleaving the code can take was run.
        result.complete = true;
        result.space = result.distinct;
        break;
      }
      const run = await runSchedule(env, opts.variant, chooser, undefined, fresh);
      strategy.record?.(run.decisions);
      record(run);
      opts.onProgress?.({ ...result });
    }
    if (strategy.name === 'exhaustive' && !result.complete && !strategy.next()) {
      result.complete = true;
      result.space = result.distinct;
    }
    result.cancelled = opts.cancelled?.() ?? false;
    if (best) {
      // After Stop too: a few replays (one per move that saves a context switch), and "shortest" stays true.
      const aborted = opts.aborted ?? opts.cancelled;
      const shrunk = await shrink(env, opts.variant, best, aborted, fresh);
      // One more replay of the shortest, for viewing: its panels after every command (one schedule, so cheap).
      const viewed = aborted?.() ? undefined : await runSchedule(env, opts.variant, replayChooser(shrunk.schedule), { panels: true }).catch(() => undefined);
      result.shortest = toExplored(viewed && viewed.panels && key(viewed.schedule) === key(shrunk.schedule) ? { ...shrunk, panels: viewed.panels } : shrunk);
    }
    result.done = true;
  }
}

/**
 * Makes a failing schedule as short as it stays failing: repeatedly moves
 * one actor's block of decisions next to another block of the same actor
 * (one context switch fewer), keeps the move when the invariant still
 * fails on a real replay, until no move helps.
 */
export async function shrink(env: ExploreEnv, variant: RaceVariant, failing: ScheduleResult, cancelled?: () => boolean, fresh?: FreshStart): Promise<ScheduleResult> {
  let best = failing;
  for (let improved = true; improved && !cancelled?.(); ) {
    improved = false;
    for (const candidate of mergeMoves(best.schedule)) {
      const run = await runSchedule(env, variant, replayChooser(candidate), undefined, fresh);
      if (!run.stuck && !run.ok && better(run.schedule, best.schedule)) {
        best = run;
        improved = true;
        break;
      }
    }
  }
  return best;
}

/** Every schedule one block move away that joins two blocks of the same actor. */
function mergeMoves(schedule: readonly string[]): string[][] {
  const blocks: { actor: string; length: number }[] = [];
  for (const actor of schedule) {
    const last = blocks.at(-1);
    if (last && last.actor === actor) last.length++;
    else blocks.push({ actor, length: 1 });
  }
  const flatten = (bs: { actor: string; length: number }[]) => bs.flatMap((b) => Array(b.length).fill(b.actor) as string[]);
  const moves: string[][] = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = 0; j < blocks.length; j++) {
      if (i === j || blocks[i].actor !== blocks[j].actor) continue;
      // Move block i to sit right after block j (or before it when j comes later).
      const rest = blocks.filter((_, k) => k !== i);
      const at = rest.indexOf(blocks[j]) + (j < i ? 1 : 0);
      rest.splice(at, 0, blocks[i]);
      moves.push(flatten(rest));
    }
  }
  return moves;
}

export function toExplored(run: ScheduleResult): ExploredSchedule {
  return {
    schedule: run.schedule,
    steps: run.decisions.map((d) => ({ actor: d.picked, what: d.what })),
    switches: contextSwitches(run.schedule),
    ok: run.ok,
    measure: run.measure,
    trace: run.trace,
    ...(run.panels ? { panels: run.panels } : {}),
  };
}

export type { ExplorationProgress };
