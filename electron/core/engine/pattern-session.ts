import type { PanelData, SessionState, StepResult, TraceEntry, TraceOrder } from '../../../shared/model';
import { AppError } from '../app-error';
import type { UserDatabase } from '../db/user-database';
import { RingBuffer } from '../feed/ring-buffer';
import type { LiveConnection } from '../redis/live-connection';
import type { ClearConsent } from '../../../shared/contract';
import type { ActionField, ParamSpec } from '../../../shared/model';
import { checkActionField, checkParam } from '../../../shared/input-check';
import { buildStepContext } from './step-context';
import { resolveParams, stepTitle, stepTitles, type PatternDef, type StepContext } from './pattern';
import { boundSnapshots, takeSnapshot, TouchedKeys } from './step-snapshot';
import { msg } from '../../../shared/i18n/message';

/**
 * Checks action values against their fields with the renderer's own checker
 * (shared/input-check.ts), so a value that slips past the form is refused in
 * the same words.
 */
export function checkActionValues(fields: ActionField[], values: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const field of fields) {
    const checked = checkActionField(field, values[field.name]);
    if (!checked.ok) throw new AppError('invalid_input', checked.msg, { field: field.name });
    out[field.name] = checked.value;
  }
  return out;
}

/**
 * Refuses a parameter outside its range instead of clamping it: a run that
 * used 100 while the field said 200 would misstate what ran. Missing ones
 * take their defaults (resolveParams).
 */
export function checkGivenParams(specs: ParamSpec[], given: Record<string, number> = {}): void {
  for (const spec of specs) {
    if (given[spec.name] === undefined) continue;
    const checked = checkParam(spec, given[spec.name]);
    if (!checked.ok) throw new AppError('invalid_input', checked.msg, { field: spec.name });
  }
}

/** The background log is a ring: the newest entries, older ones dropped and counted. */
const BACKGROUND_LIMIT = 200;

/**
 * One pattern being stepped through on one connection: the cursor, the
 * parameters, the pattern's own state and the results so far. Steps never
 * overlap; background actors may run between them.
 */
export class PatternSession {
  readonly def: PatternDef;
  private params: Record<string, number>;
  private cursor = 0;
  private history: StepResult[] = [];
  private background = new RingBuffer<TraceEntry>(BACKGROUND_LIMIT);
  private running = false;
  private ctx?: StepContext;
  /** The trace of the step now running; an actor resumed from an earlier step records into it. */
  private currentTrace?: TraceEntry[];
  private state: unknown;
  private panels: PanelData[] = [];
  /** The keys this run's commands named: what a step's snapshot reads. */
  private readonly touched: TouchedKeys;

  constructor(
    def: PatternDef,
    params: Record<string, number> | undefined,
    private readonly connection: LiveConnection,
    private readonly db: UserDatabase,
    /** Told when background work changed something, so the app can push a new state. */
    private readonly onBackground: () => void = () => {},
    /** Whether each step keeps a snapshot of the panels (time travel); a benchmark of the bare step turns it off. */
    private readonly snapshots = true,
  ) {
    this.def = def;
    checkGivenParams(def.params, params);
    this.touched = new TouchedKeys(connection.namespace);
    this.params = resolveParams(def.params, params);
    this.state = def.createState?.();
    this.applyParams();
  }

  snapshot(): SessionState {
    return {
      patternId: this.def.id,
      params: { ...this.params },
      cursor: this.cursor,
      stepTitles: stepTitles(this.def, this.params),
      history: [...this.history],
      background: this.background.toArray(),
      backgroundDropped: this.background.dropped,
      panels: this.panels,
    };
  }

  /** Rereads the pattern's own panels from Redis and the database. */
  async inspect(): Promise<PanelData[]> {
    if (!this.def.inspect) return (this.panels = []);
    this.panels = await this.def.inspect({ control: this.connection.control, db: this.db, state: this.state, params: this.params, key: this.key });
    return this.panels;
  }

  /** Runs the next step and records what it did; a failed step leaves the cursor where it was. */
  async step(): Promise<StepResult> {
    if (this.running) throw new AppError('busy', msg('errors.run.busy'));
    const step = this.def.steps[this.cursor];
    if (!step) throw new AppError('busy', msg('errors.run.finished'));
    this.running = true;
    const trace: TraceEntry[] = (this.currentTrace = []);
    const ctx = this.context();
    const startedAt = Date.now();
    const start = performance.now();
    const mark = this.connection.serverOrder?.mark ?? 0;
    try {
      const out = await step.run(ctx);
      const durationMs = performance.now() - start;
      const result: StepResult = {
        stepIndex: this.cursor,
        title: stepTitle(step, this.params),
        narrative: out.narrative,
        outcome: out.outcome,
        trace,
        traceOrder: await this.orderTrace(trace, mark),
        startedAt,
        durationMs,
      };
      result.after = await this.snapshotAfter(trace);
      this.record(result);
      this.cursor++;
      return result;
    } finally {
      this.running = false;
      this.currentTrace = undefined;
    }
  }

  /** Puts the step's commands in the server's order where MONITOR runs; otherwise says the trace is in reply order. */
  private async orderTrace(trace: TraceEntry[], mark: number): Promise<TraceOrder> {
    const order = this.connection.serverOrder;
    return order ? order.order(trace, mark) : this.connection.traceOrder;
  }

  /**
   * Reads the panels as they are right after a step, while it still holds
   * the session (no other step can change them meanwhile). A failed read
   * costs the step its snapshot, never the step itself.
   */
  private async snapshotAfter(trace: TraceEntry[]): Promise<StepResult['after']> {
    if (!this.snapshots) return undefined;
    // After ordering: a script's inner commands (its keys) are known only then.
    for (const entry of trace) this.touched.add(entry);
    try {
      const panels = await this.inspect();
      return await takeSnapshot({ control: this.connection.control, db: this.db, namespace: this.connection.namespace, generic: this.def.panels, touched: this.touched }, panels);
    } catch {
      return undefined;
    }
  }

  /** Appends to the history, keeping snapshots for its newest entries only. */
  private record(result: StepResult): void {
    this.history.push(result);
    boundSnapshots(this.history);
  }

  /** Runs one of the pattern's actions between steps; it lands in the history without moving the cursor. */
  async action(actionId: string, values: Record<string, string | number>): Promise<StepResult> {
    const def = this.def.actions?.find((a) => a.id === actionId);
    if (!def) throw new AppError('invalid_input', msg('errors.run.noAction', { action: actionId }), { field: 'actionId' });
    const checked = checkActionValues(def.fields, values);
    if (this.running) throw new AppError('busy', msg('errors.run.busy'));
    this.running = true;
    const trace: TraceEntry[] = (this.currentTrace = []);
    const startedAt = Date.now();
    const start = performance.now();
    const mark = this.connection.serverOrder?.mark ?? 0;
    try {
      const out = await def.run(this.context(), checked);
      const durationMs = performance.now() - start;
      const traceOrder = await this.orderTrace(trace, mark);
      const result: StepResult = { stepIndex: -1, title: out.title, narrative: out.narrative, outcome: out.outcome, trace, traceOrder, startedAt, durationMs };
      result.after = await this.snapshotAfter(trace);
      this.record(result);
      return result;
    } finally {
      this.running = false;
      this.currentTrace = undefined;
    }
  }

  /** Stops background work, deletes the namespace's keys, reseeds the database and rewinds. */
  async reset(params?: Record<string, number>, consent?: ClearConsent): Promise<SessionState> {
    if (this.running) throw new AppError('busy', msg('errors.run.resetBusy'));
    // A step or action during the reset would run against the old state.
    this.running = true;
    try {
      return await this.resetNow(params, consent);
    } finally {
      this.running = false;
    }
  }

  private async resetNow(params?: Record<string, number>, consent?: ClearConsent): Promise<SessionState> {
    checkGivenParams(this.def.params, params);
    const resolved = params ? resolveParams(this.def.params, params) : this.params;
    await this.dispose();
    // Fresh actor connections: a subscriber from the last run must not linger in subscribe mode.
    await this.connection.resetActors();
    // Refused without consent when keys that were never the app's live there: then nothing changed.
    await this.connection.clearNamespace(consent);
    this.params = resolved;
    this.db.reset();
    this.state = this.def.createState?.();
    this.ctx = undefined;
    this.applyParams();
    this.cursor = 0;
    this.touched.clear();
    this.history = [];
    this.background.clear();
    await this.inspect().catch(() => undefined);
    return this.snapshot();
  }

  async dispose(): Promise<void> {
    if (this.state !== undefined) await this.def.dispose?.(this.state);
  }

  private readonly key = (name: string) => this.connection.namespace + name;

  /** A background actor's command: logged, and its keys read by the next snapshot (a flush worker deletes what a step cached). */
  private readonly backgroundSink = (entry: TraceEntry): void => {
    this.touched.add(entry);
    this.pushBackground(entry);
  };

  private pushBackground(entry: TraceEntry): void {
    this.background.push(entry);
    this.onBackground();
  }

  /** The context steps run in; built once per run (params and state only change on reset). */
  private context(): StepContext {
    this.ctx ??= this.buildContext();
    return this.ctx;
  }

  private buildContext(): StepContext {
    // Whatever step is running when the command completes owns it: an actor held at a gate in
    // step 2 and released in step 4 shows up in step 4's trace. Outside steps it is background.
    return buildStepContext({
      connection: this.connection,
      db: this.db,
      params: this.params,
      state: this.state,
      sink: (entry) => (this.currentTrace ? this.currentTrace.push(entry) : this.backgroundSink(entry)),
      backgroundSink: this.backgroundSink,
      trace: () => this.currentTrace ?? [],
    });
  }

  private applyParams(): void {
    if ('dbLatencyMs' in this.params) this.db.latencyMs = this.params.dbLatencyMs;
  }
}
