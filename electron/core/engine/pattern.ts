import type { Redis } from 'ioredis';
import type { Message } from '../../../shared/i18n/message';
import type { ActionField, ActorId, GenericPanel, PanelData, ParamSpec, PatternGroup, StepOutcome, TraceEntry, UserRow } from '../../../shared/model';
import type { UserDatabase } from '../db/user-database';
import type { TracedDb } from '../db/user-database';
import type { TracedClient } from '../redis/traced-client';

/** What a step sees when it acts as one actor: its own connection, the database, and the namespace. */
export interface ActorContext {
  redis: TracedClient;
  db: TracedDb;
  /** Prefixes a key name with the connection's namespace. */
  key(name: string): string;
  params: Readonly<Record<string, number>>;
  /** Records something the actor noticed or did that is not a command. */
  note(text: Message): void;
  /** The actor's own connection, for what a trace cannot carry (message listeners, disconnects). */
  connection: Redis;
  /** Resolves once the actor's connection is up, so a crowd starts together rather than as each one connects. */
  ready(): Promise<void>;
  /**
   * Waits `ms` of the actor's own time (a retry's back-off, a worker's
   * period): a real timer in a step-through; under the explorer a virtual
   * wait the scheduler resolves in order, with no wall time spent. Not for
   * waiting on Redis's clock (a TTL running out): Redis only sees real time.
   */
  sleep(ms: number): Promise<void>;
}

export interface StepContext<S = unknown> {
  params: Readonly<Record<string, number>>;
  /** The pattern's own state for this run (counters, subscriptions, timers), made by createState. */
  state: S;
  /** The step seen as one actor; each actor (and each lane of it) has its own Redis connection. */
  as(actor: ActorId, lane?: number): ActorContext;
  /** An actor working between steps (a timer-driven worker); its trace goes to the background log. */
  background(actor: ActorId): ActorContext;
  /** Reads a row the way the inspector does: instantly and untraced, to check claims against the truth. */
  peekUser(id: number): UserRow | null;
  /** Reads a key as the inspector, on its own connection and untraced, so checks never pose as an actor's commands. */
  peekKey(key: string): Promise<{ value: string | null; ttl: number }>;
  /** A hash read as the inspector, untraced (e.g. write-behind's parked flushes). */
  peekHash(key: string): Promise<Record<string, string>>;
  /** A user's stored score, read the same way. */
  peekScore(userId: number): number;
  /** What the running step has traced so far, to count what actors did. */
  trace(): readonly TraceEntry[];
  key(name: string): string;
  /** Whether the app started this Redis (the sandbox) or connected to someone's: a pattern that changes server settings (CONFIG SET maxmemory) asks first on an existing one. */
  connectionKind: 'sandbox' | 'existing';
}

export interface StepOutput {
  narrative: Message;
  outcome: StepOutcome;
}

export interface StepDef<S = unknown> {
  title: Message | ((params: Readonly<Record<string, number>>) => Message);
  /** The TypeScript this step runs, cut from the pattern file with sourceRegion(). */
  code: string;
  actors: ActorId[];
  run(ctx: StepContext<S>): Promise<StepOutput>;
}

/** Something the user can do between steps; its values are checked against the fields first. */
export interface ActionDef<S = unknown> {
  id: string;
  label: Message;
  fields: ActionField[];
  run(ctx: StepContext<S>, values: Record<string, string | number>): Promise<StepOutput & { title: Message }>;
}

/** What the inspector may read to draw a pattern's panels: untraced, never written through. */
export interface InspectContext<S = unknown> {
  control: Redis;
  db: UserDatabase;
  state: S;
  params: Readonly<Record<string, number>>;
  key(name: string): string;
}

/** A pattern is data plus steps; the engine runs it, so adding one never touches the engine. */
export interface PatternDef<S = unknown> {
  id: string;
  title: Message;
  group: PatternGroup;
  summary: Message;
  params: ParamSpec[];
  actors: ActorId[];
  /** Generic panels the pattern touches; its own come from inspect(). */
  panels: GenericPanel[];
  steps: StepDef<S>[];
  actions?: ActionDef<S>[];
  /** The oldest Redis the pattern's own commands run on, and which command needs it. */
  requires?: { major: number; minor: number; feature: Message };
  createState?(): S;
  /** Stops what the state holds (timers, listeners) when the run is reset or closed. */
  dispose?(state: S): void | Promise<void>;
  inspect?(ctx: InspectContext<S>): Promise<PanelData[]>;
}

/** Erases a pattern's state type so patterns of different states share one list. */
export function definePattern<S>(def: PatternDef<S>): PatternDef {
  return def as unknown as PatternDef;
}

/**
 * Cuts the lines between `// #region name` and `// #endregion` out of a
 * pattern's own source, so the code pane shows exactly what runs.
 */
export function sourceRegion(source: string, name: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  if (start < 0) throw new Error(`No "// #region ${name}" in the pattern source`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '// #endregion');
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return body.map((l) => l.slice(indent)).join('\n').trimEnd();
}

/** Fills parameter defaults and clamps each value into its declared range. */
export function resolveParams(specs: ParamSpec[], given: Record<string, number> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const spec of specs) {
    const value = given[spec.name];
    out[spec.name] = typeof value === 'number' && Number.isFinite(value) ? Math.min(spec.max, Math.max(spec.min, Math.round(value))) : spec.default;
  }
  return out;
}

export function stepTitle(step: StepDef, params: Readonly<Record<string, number>>): Message {
  return typeof step.title === 'function' ? step.title(params) : step.title;
}

/** Every step's title for the parameters a run uses: what the timeline shows before and after a step runs. */
export function stepTitles(def: PatternDef, params: Readonly<Record<string, number>>): Message[] {
  return def.steps.map((step) => stepTitle(step, params));
}
