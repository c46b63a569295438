import type { PanelData, SessionDelta, SessionState, StepResult, TraceEntry, TraceOrder } from '../../../shared/model';
import { AppError, rememberRan } from '../app-error';
import type { UserDatabase } from '../db/user-database';
import { RingBuffer } from '../feed/ring-buffer';
import type { LiveConnection } from '../redis/live-connection';
import type { ServerMark } from '../redis/server-identity';
import type { ClearConsent } from '../../../shared/contract';
import type { ActionField, ParamSpec } from '../../../shared/model';
import { checkActionField, checkParam } from '../../../shared/input-check';
import { buildStepContext } from './step-context';
import { resolveParams, stepTitles, type PatternDef, type StepContext } from './pattern';
import { hasFlag } from '@ioredis/commands';
import { boundSnapshots, readSnapshot, SNAPSHOTS_KEPT, withPanels, TouchedKeys, type SnapshotReads } from './step-snapshot';
import { msg, type Message } from '../../../shared/i18n/message';

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

/** Commands that run a script: their inner commands are known once the trace is in server order. */
const SCRIPT_COMMANDS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/**
 * Tells whether any key under the namespace may have changed: a number that
 * changes with every keyspace notification (KeysFeed.changeMark), undefined
 * while changes could go unheard. Equal marks at two moments say nothing
 * under the namespace was notified in between.
 */
export type ChangeMark = () => number | undefined;

export interface SessionOptions {
  /** Whether each step keeps a snapshot of the panels (time travel); a benchmark of the bare step turns it off. */
  snapshots?: boolean;
  /** Lets a read-only step keep the last snapshot's reads when nothing they show can have changed (see carriedReads). */
  changes?: ChangeMark;
}

/** What could change the panels' reads, taken just before reads are sent. */
interface ReadStamp {
  /** Numbers the stamps of one run: reads that come back late never replace later ones. */
  seq: number;
  /** Date.now() */
  at: number;
  touched: number;
  background: number;
  db: number;
  changes: number | undefined;
}

/** Reads of the panels started as a step began (none when the last ones looked current then), and the run's stamp at that moment. */
interface EarlyReads {
  reads?: Promise<SnapshotReads | undefined>;
  stamp: ReadStamp;
}

/** How long reads may be carried from step to step: a notification setting changed behind the app's back cannot keep a panel stale for longer. */
const CARRY_MS = 1000;
/** A TTL that runs out within this long counts as run out: PTTL was read a round trip before its readAt. */
const TTL_MARGIN_MS = 1000;

/** Whether a TTL among the reads may have run out by `t`: that key would read differently now, notified or not (expiry is notified late). */
function ttlRunsOut(reads: SnapshotReads, t: number): boolean {
  return !!reads.keys?.keys.some((k) => k.pttl >= 0 && k.readAt + k.pttl <= t) || !!reads.dbRows?.some((r) => r.cachedPttl >= 0 && r.readAt + r.cachedPttl <= t);
}

/** Lets every I/O callback that is ready run first: notifications already received by the kernel are counted before the mark is read. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A command that only reads, by ioredis' command table; unknown ones are not assumed to. */
function readOnly(command: string): boolean {
  try {
    return hasFlag(command.toLowerCase(), 'readonly');
  } catch {
    return false;
  }
}

/** Every Redis command of the trace went over the same connection, and none ran a script (whose inner commands only MONITOR shows). */
function oneConnection(trace: TraceEntry[]): boolean {
  let conn: string | undefined;
  for (const e of trace) {
    if (e.kind !== 'redis') continue;
    if (!e.conn || SCRIPT_COMMANDS.has(e.command) || (conn !== undefined && e.conn !== conn)) return false;
    conn = e.conn;
  }
  return conn !== undefined;
}

/** The background log is a ring: the newest entries, older ones dropped and counted. */
const BACKGROUND_LIMIT = 200;

/** Where a run stands: which run (resets count) and how long its history and background log are. */
export interface RunPosition {
  run: number;
  history: number;
  background: number;
}

/** A delta's content, before the host numbers it. */
export type RunChanges = Omit<SessionDelta, 'kind' | 'seq'>;

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
  private stepTitleCache?: Message[];
  /** Resets so far: a delta never spans two runs. */
  private runs = 0;
  private panels: PanelData[] = [];
  /** The keys this run's commands named: what a step's snapshot reads. */
  private readonly touched: TouchedKeys;
  private readonly snapshots: boolean;
  private readonly changes?: ChangeMark;
  /** The last reads of Keys and the database, with the stamp taken as they were sent. */
  private lastReads?: { reads: SnapshotReads; stamp: ReadStamp };
  /** Counts the database's changes while a run is open (watched from the first read until dispose). */
  private dbChanges = 0;
  private stamps = 0;
  /** The last stamp taken before the reads were last forgotten: reads sent before then never come back as current. */
  private forgotten = 0;
  private unwatchDb?: () => void;
  /** The server as this run began (see ServerIdentity): a step after a restart says so. */
  private serverMark?: ServerMark;

  constructor(
    def: PatternDef,
    params: Record<string, number> | undefined,
    private readonly connection: LiveConnection,
    private readonly db: UserDatabase,
    /** Told when background work changed something, so the app can push a new state. */
    private readonly onBackground: () => void = () => {},
    options: SessionOptions = {},
  ) {
    this.def = def;
    this.snapshots = options.snapshots ?? true;
    this.changes = options.changes;
    checkGivenParams(def.params, params);
    this.touched = new TouchedKeys(connection.namespace);
    this.params = resolveParams(def.params, params);
    this.state = def.createState?.();
    this.applyParams();
    this.markServer();
  }

  /** Notes the server this run starts on; kept as a value, so a step compares a counter and awaits nothing. */
  private markServer(): void {
    this.serverMark = undefined;
    const runs = this.runs;
    void this.connection.identity.mark().then((mark) => {
      if (this.runs === runs) this.serverMark = mark;
    });
  }

  /**
   * Adds to a result what the run's results cannot show by themselves: the
   * server restarted, or reconnected for a reason that cannot be told, since
   * the run began. Undefined, with nothing to await, unless the connection
   * reconnected since then (the usual step pays a counter compare).
   */
  private noteServer(result: StepResult): Promise<void> | undefined {
    const mark = this.serverMark;
    if (!mark || !this.connection.identity.reconnectedSince(mark)) return undefined;
    return this.connection.identity.since(mark).then((change) => {
      if (change === 'restarted') result.notice = msg('run.serverRestarted');
      else if (change === 'reconnected') result.notice = msg('run.reconnected');
    });
  }

  snapshot(): SessionState {
    return {
      patternId: this.def.id,
      params: { ...this.params },
      cursor: this.cursor,
      stepTitles: this.titles(),
      history: [...this.history],
      background: this.background.toArray(),
      backgroundDropped: this.background.dropped,
      panels: this.panels,
    };
  }

  /**
   * The result as a reply: when its snapshot carried the previous entry's
   * reads, they are named by that entry instead of sent again (the renderer
   * holds that entry). The history keeps the whole result.
   */
  asReply(result: StepResult): StepResult {
    const after = result.after;
    const previous = this.history.at(-1) === result ? this.history.at(-2) : undefined;
    if (!after || !previous?.after || (!after.keys && !after.dbRows) || after.keys !== previous.after.keys || after.dbRows !== previous.after.dbRows) return result;
    const { keys: _keys, dbRows: _rows, ...rest } = after;
    return { ...result, after: { ...rest, readsOf: { stepIndex: previous.stepIndex, startedAt: previous.startedAt } } };
  }

  /** The pattern's panels as last inspected. */
  panelsNow(): PanelData[] {
    return this.panels;
  }

  position(): RunPosition {
    return { run: this.runs, history: this.history.length, background: this.background.total };
  }

  /**
   * What changed since `from`, for a delta; undefined when a delta cannot
   * say it (another run, or background entries the ring dropped before they
   * were told). The panels are named 'newest-step' when they are the newest
   * entry's snapshot's, which the reply to that step carried.
   */
  changesSince(from: RunPosition): RunChanges | undefined {
    const logged = this.background.total - from.background;
    if (from.run !== this.runs || from.history > this.history.length || logged < 0 || logged > this.background.length) return undefined;
    const newest = this.history.at(-1)?.after;
    return {
      patternId: this.def.id,
      cursor: this.cursor,
      history: this.history.length,
      snapshotsFrom: Math.max(0, this.history.length - SNAPSHOTS_KEPT),
      background: this.background.last(logged),
      backgroundDropped: this.background.dropped,
      panels: newest && newest.panels === this.panels ? 'newest-step' : this.panels,
    };
  }

  /** Each step's title for this run's parameters: worked out once per run (parameters change only on reset). */
  private titles(): Message[] {
    this.stepTitleCache ??= stepTitles(this.def, this.params);
    return this.stepTitleCache;
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
    const early = this.readEarly();
    try {
      const out = await step.run(ctx);
      const durationMs = performance.now() - start;
      // Without snapshots and with nothing to wait for, no further await: a bare step costs what its commands do.
      const known = this.snapshots ? undefined : this.orderKnown(trace);
      const [traceOrder, after] = known ? [known, undefined] : await this.orderAndSnapshot(trace, mark, early);
      const result: StepResult = {
        stepIndex: this.cursor,
        title: this.titles()[this.cursor],
        narrative: out.narrative,
        outcome: out.outcome,
        trace,
        traceOrder,
        startedAt,
        durationMs,
      };
      if (after) result.after = after;
      // A counter compared; only after a reconnect is anything awaited.
      const noting = this.noteServer(result);
      if (noting) await noting;
      this.record(result);
      this.cursor++;
      return result;
    } catch (err) {
      this.rememberFailed(err, trace);
      throw err;
    } finally {
      this.running = false;
      this.currentTrace = undefined;
    }
  }

  /**
   * The trace's order and the panels' snapshot. The snapshot reads begin
   * once the step's commands have all been answered either way; they wait
   * for the ordering only when a script ran, whose inner commands (and
   * keys) the ordering finds. Otherwise both go at once: MONITOR's lines
   * arrive while the snapshot's round trip is under way.
   */
  private orderAndSnapshot(trace: TraceEntry[], mark: number, early?: EarlyReads): Promise<[TraceOrder, StepResult['after']]> {
    const ordering = this.orderTrace(trace, mark);
    if (trace.some((e) => e.kind === 'redis' && SCRIPT_COMMANDS.has(e.command))) return ordering.then(async (order) => [order, await this.snapshotAfter(trace)]);
    return Promise.all([ordering, this.snapshotAfter(trace, early)]);
  }

  /**
   * Starts reading the panels' keys and rows as the step starts, beside its
   * own first command (the two round trips overlap), unless the last reads
   * still look current: then the step's end checks that again instead.
   * Either is used only if the step turns out to have changed nothing they
   * show: see unchangedBy.
   */
  private readEarly(): EarlyReads | undefined {
    if (!this.snapshots) return undefined;
    const stamp = this.stamp();
    if (this.current(stamp)) return { stamp };
    return { stamp, reads: this.read(stamp).catch(() => undefined) };
  }

  /** Reads Keys and the database rows now, and keeps them with the stamp taken as they were sent (unless later reads came back first). */
  private async read(stamp = this.stamp()): Promise<SnapshotReads> {
    const reads = await readSnapshot({ control: this.connection.control, db: this.db, namespace: this.connection.namespace, generic: this.def.panels, touched: this.touched });
    if (stamp.seq > (this.lastReads?.stamp.seq ?? this.forgotten)) this.lastReads = { reads, stamp };
    return reads;
  }

  private stamp(): ReadStamp {
    this.unwatchDb ??= this.db.onChange(() => this.dbChanges++);
    return { seq: ++this.stamps, at: Date.now(), touched: this.touched.version, background: this.backgroundMark(), db: this.dbChanges, changes: this.changes?.() };
  }

  /**
   * Whether the last reads still show Redis and the database as they are at
   * `now`: the Keys feed heard no change under the namespace since they were
   * sent (and could not have missed one), the database and the run's list of
   * keys are as they were, no background actor ran, no TTL among them can
   * have run out, and they are under a second old.
   */
  private current(now: ReadStamp): boolean {
    const last = this.lastReads;
    if (!last || now.changes === undefined) return false;
    const then = last.stamp;
    return (
      now.changes === then.changes &&
      now.db === then.db &&
      now.touched === then.touched &&
      now.background === then.background &&
      now.at - then.at < CARRY_MS &&
      !ttlRunsOut(last.reads, now.at + TTL_MARGIN_MS)
    );
  }

  /**
   * Whether reads made as the step began (or carried from the step before)
   * show the state after it: every Redis command it sent only reads
   * (ioredis' command table: GET, PTTL…), its database calls only read, it
   * named no key the run had not touched before (those were not read), and
   * no background actor of the run did anything meanwhile. Then the step
   * changed nothing the panels show, and those reads are what a read after
   * it would find, bar someone else's write in between, which a read after
   * it could miss the same way.
   */
  private unchangedBy(trace: TraceEntry[], early: EarlyReads): boolean {
    if (this.touched.version !== early.stamp.touched || this.backgroundMark() !== early.stamp.background) return false;
    return trace.every((e) => (e.kind === 'redis' ? readOnly(e.command) : e.kind === 'db' ? e.op === 'read' : true));
  }

  /**
   * The reads a read-only step can show without reading again: the early
   * ones; or, when none were sent, the last ones if they are still current
   * once the notifications already received have been counted.
   */
  private async reusable(trace: TraceEntry[], early: EarlyReads | undefined): Promise<SnapshotReads | undefined> {
    if (!early || !this.unchangedBy(trace, early)) return undefined;
    if (early.reads) return early.reads;
    await settle();
    return this.current(this.stamp()) ? this.lastReads?.reads : undefined;
  }

  private backgroundMark(): number {
    return this.background.total;
  }

  /** Puts the step's commands in the server's order where MONITOR runs; otherwise says the trace is in reply order. */
  private async orderTrace(trace: TraceEntry[], mark: number): Promise<TraceOrder> {
    return this.orderKnown(trace) ?? this.connection.serverOrder!.order(trace, mark);
  }

  /**
   * A failed step's commands go back with its error: what ran, the refused or
   * unanswered command's own reply included, so the failure is not told as if
   * nothing had been sent. In reply order unless one connection sent them all.
   */
  private rememberFailed(err: unknown, trace: TraceEntry[]): void {
    rememberRan(err, { trace: [...trace], traceOrder: this.orderKnown(trace) ?? { order: 'reply', reason: msg('traceOrder.stepFailed') } });
  }

  /** The trace's order when MONITOR's lines are not needed to tell it; undefined when they are. */
  private orderKnown(trace: TraceEntry[]): TraceOrder | undefined {
    if (!this.connection.serverOrder) return this.connection.traceOrder;
    // All on one connection and no script: the server ran them in the order they were sent, which is the
    // order their replies came back in. MONITOR could only confirm it; the step does not wait for its lines.
    if (oneConnection(trace)) return { order: 'server' };
    return undefined;
  }

  /**
   * Reads the panels as they are right after a step, while it still holds
   * the session (no other step can change them meanwhile). A failed read
   * costs the step its snapshot, never the step itself.
   */
  private async snapshotAfter(trace: TraceEntry[], early?: EarlyReads): Promise<StepResult['after']> {
    if (!this.snapshots) return undefined;
    // After ordering: a script's inner commands (its keys) are known only then.
    for (const entry of trace) this.touched.add(entry);
    try {
      const reusable = await this.reusable(trace, early);
      // Reading anew (the step wrote, or something else changed): the notifications of what changed, already
      // received, are counted before the stamp, so the next read-only step can carry these reads.
      if (!reusable) await settle();
      const [panels, reads] = await Promise.all([this.inspect(), reusable ?? this.read()]);
      // Carried reads show the state as of now (nothing changed since they were read); each key keeps its own readAt for its TTL.
      return withPanels(early && !early.reads && reads === reusable ? { ...reads, at: Date.now() } : reads, panels);
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
      const [traceOrder, after] = await this.orderAndSnapshot(trace, mark);
      const result: StepResult = { stepIndex: -1, title: out.title, narrative: out.narrative, outcome: out.outcome, trace, traceOrder, startedAt, durationMs };
      if (after) result.after = after;
      // A counter compared; only after a reconnect is anything awaited.
      const noting = this.noteServer(result);
      if (noting) await noting;
      this.record(result);
      return result;
    } catch (err) {
      this.rememberFailed(err, trace);
      throw err;
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
    this.stepTitleCache = undefined;
    this.db.reset();
    this.state = this.def.createState?.();
    this.ctx = undefined;
    this.applyParams();
    this.cursor = 0;
    this.runs++;
    this.touched.clear();
    this.forgetReads();
    this.history = [];
    this.background.clear();
    this.markServer();
    await this.inspect().catch(() => undefined);
    return this.snapshot();
  }

  private forgetReads(): void {
    this.lastReads = undefined;
    this.forgotten = this.stamps;
  }

  async dispose(): Promise<void> {
    // Unwatched, the database could change unseen: the last reads are no longer known to be current.
    this.unwatchDb?.();
    this.unwatchDb = undefined;
    this.forgetReads();
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
