import type { ActorId, ParamSpec, PatternGroup, StepOutcome, UserRow } from '../../../shared/model';
import type { TracedDb } from '../db/user-database';
import type { TracedClient } from '../redis/traced-client';

/** What a step sees when it acts as one actor: its own connection, the database, and the namespace. */
export interface ActorContext {
  redis: TracedClient;
  db: TracedDb;
  /** Prefixes a key name with the connection's namespace. */
  key(name: string): string;
  params: Readonly<Record<string, number>>;
}

export interface StepContext {
  params: Readonly<Record<string, number>>;
  /** The same step context seen as one actor; each actor has its own Redis connection. */
  as(actor: ActorId): ActorContext;
  /** Reads a row the way the inspector does: instantly and untraced, to check claims against the truth. */
  peekUser(id: number): UserRow | null;
}

export interface StepOutput {
  narrative: string;
  outcome: StepOutcome;
}

export interface StepDef {
  title: string | ((params: Readonly<Record<string, number>>) => string);
  /** The TypeScript this step runs, cut from the pattern file with sourceRegion(). */
  code: string;
  actors: ActorId[];
  run(ctx: StepContext): Promise<StepOutput>;
}

/** A pattern is data plus steps; the engine runs it, so adding one never touches the engine. */
export interface PatternDef {
  id: string;
  title: string;
  group: PatternGroup;
  summary: string;
  params: ParamSpec[];
  actors: ActorId[];
  steps: StepDef[];
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

export function stepTitle(step: StepDef, params: Readonly<Record<string, number>>): string {
  return typeof step.title === 'function' ? step.title(params) : step.title;
}
