import type { ActorId, SessionState, StepResult, TraceEntry } from '../../../shared/model';
import { AppError } from '../app-error';
import type { UserDatabase } from '../db/user-database';
import { tracedClient } from '../redis/traced-client';
import type { LiveConnection } from '../redis/live-connection';
import { clearNamespace } from '../redis/namespace';
import { resolveParams, stepTitle, type ActorContext, type PatternDef, type StepContext } from './pattern';

/**
 * One pattern being stepped through on one connection: the cursor, the
 * parameters and the results so far. Steps never overlap.
 */
export class PatternSession {
  readonly def: PatternDef;
  private params: Record<string, number>;
  private cursor = 0;
  private history: StepResult[] = [];
  private running = false;

  constructor(
    def: PatternDef,
    params: Record<string, number> | undefined,
    private readonly connection: LiveConnection,
    private readonly db: UserDatabase,
  ) {
    this.def = def;
    this.params = resolveParams(def.params, params);
    this.applyParams();
  }

  state(): SessionState {
    return { patternId: this.def.id, params: { ...this.params }, cursor: this.cursor, history: [...this.history] };
  }

  /** Runs the next step and records what it did; a failed step leaves the cursor where it was. */
  async step(): Promise<StepResult> {
    if (this.running) throw new AppError('busy', 'A step is still running.');
    const step = this.def.steps[this.cursor];
    if (!step) throw new AppError('busy', 'The scenario has finished; reset it to run it again.');
    this.running = true;
    const trace: TraceEntry[] = [];
    const sink = (entry: TraceEntry) => trace.push(entry);
    const actors = new Map<ActorId, ActorContext>();
    const key = (name: string) => this.connection.namespace + name;
    const ctx: StepContext = {
      params: this.params,
      as: (actor) => {
        let view = actors.get(actor);
        if (!view) {
          view = {
            redis: tracedClient(this.connection.clientFor(actor), actor, this.connection.namespace, sink),
            db: this.db.traced(actor, sink),
            key,
            params: this.params,
          };
          actors.set(actor, view);
        }
        return view;
      },
      peekUser: (id) => this.db.allUsers().find((u) => u.id === id) ?? null,
    };
    const startedAt = Date.now();
    const start = performance.now();
    try {
      const out = await step.run(ctx);
      const result: StepResult = {
        stepIndex: this.cursor,
        title: stepTitle(step, this.params),
        narrative: out.narrative,
        outcome: out.outcome,
        trace,
        startedAt,
        durationMs: performance.now() - start,
      };
      this.history.push(result);
      this.cursor++;
      return result;
    } finally {
      this.running = false;
    }
  }

  /** Deletes the namespace's keys, reseeds the database and rewinds to the first step. */
  async reset(params?: Record<string, number>): Promise<SessionState> {
    if (this.running) throw new AppError('busy', 'Wait for the running step to finish before resetting.');
    if (params) this.params = resolveParams(this.def.params, params);
    await clearNamespace(this.connection.control, this.connection.namespace);
    this.db.reset();
    this.applyParams();
    this.cursor = 0;
    this.history = [];
    return this.state();
  }

  private applyParams(): void {
    if ('dbLatencyMs' in this.params) this.db.latencyMs = this.params.dbLatencyMs;
  }
}
