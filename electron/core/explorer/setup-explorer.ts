import type { z } from 'zod';
import type { ExploreStartInput } from '../../../shared/contract';
import type { ExplorationProgress, ExploredSchedule } from '../../../shared/exploration';
import { msg } from '../../../shared/i18n/message';
import type { TraceEntry } from '../../../shared/model';
import { AppError } from '../app-error';
import type { ConnectionHost } from '../connection/connection-host';
import type { PatternSession } from '../engine/pattern-session';
import { buildStepContext } from '../engine/step-context';
import type { EventHub } from '../feed/event-hub';
import type { HandlerGroup } from '../handlers';
import type { SessionHost } from '../session/session-host';
import { blankResult, exploreVariant, runSchedule, toExplored, type ExploreEnv } from './explore';
import { explorationFile, exportFilename, redisCliScript } from './export';
import type { RaceVariant } from './race';
import { findRace } from './races';
import { replayChooser } from './strategies';

/** Progress reaches the renderer at most this often (about a frame at 20 Hz; the hub batches per 16 ms on top). */
export const PROGRESS_EVERY_MS = 50;

interface Run {
  progress: ExplorationProgress;
  /** Stop: no more schedules are searched; what was found is still shrunk and shown. */
  cancelled: boolean;
  /** The connection is going away: nothing more runs, not even shrinking. */
  aborted?: boolean;
  finished: Promise<void>;
  timer?: NodeJS.Timeout;
  lastEmit: number;
}

type SessionRequests = 'session.open' | 'session.step' | 'session.action' | 'session.reset';
type ExploreRequests = 'explore.describe' | 'explore.start' | 'explore.stop' | 'explore.current' | 'explore.replay' | 'explore.export';


/**
 * The explorer as a capability: explores the open pattern's race off the
 * request path (progress as 'explore' events), stops it, replays one
 * schedule and exports the result. While it runs, the pattern session is
 * the explorer's: steps, actions, resets and opening another pattern are
 * refused as busy, the database latency is virtual (0), and when it ends
 * the session is reset, so the namespace is left as a reset leaves it.
 */
export class ExplorerHost {
  private run?: Run;
  private replaying = false;
  private nextId = 1;

  constructor(
    private readonly events: EventHub,
    private readonly connections: ConnectionHost,
    private readonly sessions: SessionHost,
    private readonly appVersion: string,
  ) {}

  /** Whether the pattern session is the explorer's right now. */
  get busy(): boolean {
    return !!this.run?.progress.running || this.replaying;
  }

  /** The explorer's requests, and the session's requests that must wait for it (they replace the session host's own). */
  handlers(): HandlerGroup<ExploreRequests | SessionRequests> {
    const inner = this.sessions.handlers();
    const guarded = <N extends SessionRequests>(name: N) =>
      ((input: never) => {
        this.refuseWhileBusy();
        return (inner[name] as (input: never) => unknown)(input);
      }) as HandlerGroup<N>[N];
    return {
      'session.open': guarded('session.open'),
      'session.step': guarded('session.step'),
      'session.action': guarded('session.action'),
      'session.reset': guarded('session.reset'),
      'explore.describe': async () => {
        const session = this.sessions.session;
        const race = session && findRace(session.def.id);
        if (!session || !race) return null;
        return { patternId: session.def.id, invariant: race.invariant, measure: race.measure, variants: race.variants.map((v) => ({ id: v.id, label: v.label })) };
      },
      'explore.start': async (input) => this.start(input),
      'explore.stop': async () => this.stop(),
      'explore.current': async () => (this.run ? this.snapshot(this.run) : null),
      'explore.replay': async ({ variantId, schedule }) => this.replay(variantId, schedule),
      'explore.export': async ({ format, variantId, locale }) => {
        const run = this.run;
        if (!run) throw new AppError('no_session', msg('explorer.error.nothingToExport'));
        const { progress } = run;
        const namespace = this.connections.connection?.namespace ?? '';
        if (format === 'json') {
          return { filename: exportFilename(progress, 'json'), mime: 'application/json', content: `${JSON.stringify(explorationFile(progress, this.appVersion, namespace, locale), null, 2)}\n` };
        }
        const script = redisCliScript(progress, this.appVersion, variantId, locale);
        if (!script) throw new AppError('invalid_input', msg('explorer.error.noFailing'), { field: 'variantId' });
        const failing = progress.variants.find((v) => (variantId ? v.variantId === variantId : !!v.shortest));
        return { filename: exportFilename(progress, 'redis-cli', failing?.variantId), mime: 'text/plain', content: script };
      },
    };
  }

  /** Stops a running exploration (the connection is going away). */
  async close(): Promise<void> {
    if (this.run) this.run.cancelled = this.run.aborted = true;
    await this.run?.finished;
  }

  private refuseWhileBusy(): void {
    if (this.busy) throw new AppError('busy', msg(this.replaying ? 'explorer.error.replaying' : 'explorer.error.busy'));
  }

  /** The open session, its race and what a schedule runs against. */
  private target(): { session: PatternSession; env: ExploreEnv; variants: RaceVariant[]; race: NonNullable<ReturnType<typeof findRace>> } {
    const session = this.sessions.session;
    if (!session) throw new AppError('no_session', msg('explorer.error.noSession'));
    const race = findRace(session.def.id);
    if (!race) throw new AppError('unsupported', msg('explorer.error.noRace', { pattern: session.def.title }));
    const { connection, db } = this.connections.requireReachable();
    const env: ExploreEnv = { connection, db, def: session.def, params: session.snapshot().params };
    return { session, env, variants: race.variants as RaceVariant[], race };
  }

  private start(input: z.output<typeof ExploreStartInput>): ExplorationProgress {
    this.refuseWhileBusy();
    const { session, env, variants: all, race } = this.target();
    const variants = input.variants
      ? input.variants.map((id) => {
          const found = all.find((v) => v.id === id);
          if (!found) throw new AppError('invalid_input', msg('explorer.error.noVariant', { variant: id, known: all.map((v) => v.id).join(', ') }), { field: 'variants' });
          return found;
        })
      : all;
    const progress: ExplorationProgress = {
      id: this.nextId++,
      patternId: session.def.id,
      params: { ...env.params },
      strategy: input.strategy,
      seed: input.seed,
      schedules: input.schedules,
      invariant: race.invariant,
      measure: race.measure,
      variants: variants.map(blankResult),
      running: true,
      startedAt: Date.now(),
      elapsedMs: 0,
    };
    const run: Run = { progress, cancelled: false, finished: Promise.resolve(), lastEmit: -Infinity };
    this.run = run;
    run.finished = this.explore(run, session, env, variants, input);
    return this.snapshot(run);
  }

  private async explore(run: Run, session: PatternSession, env: ExploreEnv, variants: RaceVariant[], input: z.output<typeof ExploreStartInput>): Promise<void> {
    const { progress } = run;
    const latency = env.db.latencyMs;
    const started = performance.now();
    // The connection went away (disconnect, quit): nothing more can run.
    const aborted = () => !!run.aborted || this.connections.connection !== env.connection;
    const cancelled = () => run.cancelled || aborted();
    try {
      // The step-through's background work (a flush timer) must not run among the schedules.
      await session.reset();
      env.db.latencyMs = 0;
      // A schedule's trace is in schedule order by construction (one command in flight): MONITOR rests meanwhile.
      env.connection.serverOrder?.pause();
      for (let i = 0; i < variants.length && !cancelled(); i++) {
        const result = await exploreVariant(env, {
          variant: variants[i],
          strategy: input.strategy,
          schedules: input.schedules,
          seed: input.seed,
          cancelled,
          aborted,
          onProgress: (r) => {
            progress.variants[i] = r;
            progress.elapsedMs = performance.now() - started;
            this.emitSoon(run);
          },
        });
        if (result.shortest && !aborted()) result.shortest.setup = await setupTrace(env, variants[i]);
        progress.variants[i] = result;
      }
    } catch (err) {
      Object.assign(progress, stopReason(err, progress, this.connections.connection !== env.connection || env.connection.control.status !== 'ready'));
    } finally {
      env.db.latencyMs = latency;
      await env.connection.serverOrder?.resume();
      progress.variants = progress.variants.map((v) => (v.done ? v : { ...v, cancelled: run.cancelled || undefined }));
      await this.resetAfter(session);
      progress.running = false;
      progress.elapsedMs = performance.now() - started;
      clearTimeout(run.timer);
      run.timer = undefined;
      this.events.emit('explore', this.snapshot(run));
    }
  }

  /** Leaves the namespace and the database as a reset would, and tells the renderer. */
  private async resetAfter(session: PatternSession): Promise<void> {
    if (this.sessions.session !== session || !this.connections.connection) return;
    try {
      this.events.emit('session', await session.reset());
      this.connections.feed?.schedule();
    } catch {
      // The connection went away meanwhile: the next open resets anyway.
    }
  }

  private async stop(): Promise<ExplorationProgress | null> {
    const run = this.run;
    if (!run) return null;
    run.cancelled = true;
    await run.finished;
    return this.snapshot(run);
  }

  private async replay(variantId: string, schedule: string[]): Promise<ExploredSchedule> {
    this.refuseWhileBusy();
    const { session, env, variants } = this.target();
    const variant = variants.find((v) => v.id === variantId);
    if (!variant) throw new AppError('invalid_input', msg('explorer.error.noVariant', { variant: variantId, known: variants.map((v) => v.id).join(', ') }), { field: 'variantId' });
    this.replaying = true;
    const latency = env.db.latencyMs;
    try {
      await session.reset();
      env.db.latencyMs = 0;
      const chooser = replayChooser(schedule);
      const run = await runSchedule(env, variant, chooser, { panels: true });
      if (run.stuck) throw new AppError('busy', msg('explorer.error.stuck', { reason: run.stuck }));
      const explored = toExplored(run);
      explored.setup = await setupTrace(env, variant);
      explored.diverged = chooser.diverged;
      // A schedule longer than the run: its last entries were never followed either.
      const unused = Math.max(0, schedule.length - run.decisions.length);
      explored.diverged += unused;
      const divergedAt = chooser.divergedAt ?? (unused > 0 ? run.decisions.length + 1 : undefined);
      if (divergedAt !== undefined) explored.divergedAt = divergedAt;
      return explored;
    } finally {
      env.db.latencyMs = latency;
      await this.resetAfter(session);
      this.replaying = false;
    }
  }

  private snapshot(run: Run): ExplorationProgress {
    return { ...run.progress, params: { ...run.progress.params }, variants: run.progress.variants.map((v) => ({ ...v, measures: { ...v.measures } })) };
  }

  /** At most one 'explore' event per PROGRESS_EVERY_MS while running; the last one always goes. */
  private emitSoon(run: Run): void {
    if (run.timer) return;
    const wait = Math.max(0, run.lastEmit + PROGRESS_EVERY_MS - performance.now());
    run.timer = setTimeout(() => {
      run.timer = undefined;
      if (!run.progress.running || this.run !== run) return;
      // Timers may fire a millisecond early: never closer than the promised interval.
      if (performance.now() - run.lastEmit < PROGRESS_EVERY_MS) return this.emitSoon(run);
      // Stamped once the snapshot is built, as it is handed over: building it takes a varying moment, and
      // stamping before that let two handovers come closer than the interval (48.8 ms measured).
      const snapshot = this.snapshot(run);
      run.lastEmit = performance.now();
      this.events.emit('explore', snapshot);
    }, wait);
  }
}

/** What the variant's setup sends from a fresh state (unscheduled): where every schedule of it starts. */
export async function setupTrace(env: ExploreEnv, variant: RaceVariant): Promise<TraceEntry[]> {
  const { connection, db, def, params } = env;
  await connection.clearNamespace();
  db.reset();
  const state = def.createState?.();
  const trace: TraceEntry[] = [];
  try {
    const ctx = buildStepContext({ connection, db, params, state, sink: (e) => trace.push(e), backgroundSink: () => {}, trace: () => trace });
    await variant.setup?.(ctx);
    return trace;
  } finally {
    if (state !== undefined) await def.dispose?.(state);
  }
}

/** Composes the explorer into the app: its requests, and the session requests it guards. */
export function setupExplorer(events: EventHub, connections: ConnectionHost, sessions: SessionHost, appVersion: string): HandlerGroup<ExploreRequests | SessionRequests> {
  return new ExplorerHost(events, connections, sessions, appVersion).handlers();
}

/** What ioredis says when the server went away (refused, reset, retries exhausted, closed). */
const CONNECTION_LOST = /max retries per request|connection is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Stream isn't writeable|Socket closed/i;

/**
 * Why an exploration stopped early, as the user reads it: Redis gone after
 * how many schedules (counted, not assumed), or the failure's own message;
 * the library's words kept as the detail.
 */
export function stopReason(err: unknown, progress: ExplorationProgress, disconnected: boolean): Pick<ExplorationProgress, 'error' | 'errorDetail'> {
  const detail = err instanceof Error ? err.message : String(err);
  const n = progress.variants.reduce((sum, v) => sum + v.tried, 0);
  if (disconnected || CONNECTION_LOST.test(detail)) return { error: msg('explorer.error.lostRedis', { n }), errorDetail: detail };
  if (err instanceof AppError && err.msg) return { error: err.msg, errorDetail: detail };
  return { error: msg('explorer.error.failed', { n }), errorDetail: detail };
}
