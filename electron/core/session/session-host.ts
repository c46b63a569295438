import { msg } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import type { ConnectionHost } from '../connection/connection-host';
import type { PatternDef } from '../engine/pattern';
import { PatternSession } from '../engine/pattern-session';
import type { EventHub } from '../feed/event-hub';
import type { HandlerGroup } from '../handlers';
import { findPattern, PATTERNS, summarize } from '../patterns';
import type { ServerFacts } from '../redis/open-client';
import type { SessionState, StepResult } from '../../../shared/model';
import { CLUSTER_LIMIT } from '../redis/live-connection';

/** Refuses a pattern whose commands the connected server is too old for, naming both versions. */
function assertServerSupports(def: PatternDef, facts: ServerFacts): void {
  const needs = def.requires;
  if (!needs || facts.major > needs.major || (facts.major === needs.major && facts.minor >= needs.minor)) return;
  throw new AppError('redis_error', msg('errors.serverTooOld', { pattern: def.title, major: needs.major, minor: needs.minor, feature: needs.feature, version: facts.version }));
}

/**
 * The open pattern run: registers the patterns.* and session.* requests,
 * and pushes the run's state whenever a step, an action or the keys change.
 */
export class SessionHost {
  session?: PatternSession;
  private pushTimer?: NodeJS.Timeout;
  /** What the last pushed state showed, so a reread that found the same panels pushes nothing. */
  private lastPushed?: { session: PatternSession; counts: string; panels: SessionState['panels'] };

  constructor(
    private readonly events: EventHub,
    private readonly connections: ConnectionHost,
  ) {}

  handlers(): HandlerGroup<'patterns.list' | 'session.open' | 'session.current' | 'session.step' | 'session.action' | 'session.reset'> {
    return {
      'patterns.list': async () => PATTERNS.map((def) => summarize(def)),
      'session.open': async ({ patternId, params, consent }) => {
        const def = findPattern(patternId);
        if (!def) throw new AppError('invalid_input', msg('errors.run.noPattern', { pattern: patternId }), { field: 'patternId' });
        const { connection } = this.connections.require();
        if (connection.facts.mode === 'cluster') throw new AppError('unsupported', CLUSTER_LIMIT);
        assertServerSupports(def, connection.facts);
        // No session while the new one resets: a step sent meanwhile is refused, not run half-built.
        const previous = this.session;
        this.session = undefined;
        await previous?.dispose();
        const session = this.newSession(def, params);
        const state = await session.reset(undefined, consent);
        this.session = session;
        this.push(session, state, true);
        return state;
      },
      'session.current': async () => this.session?.snapshot() ?? null,
      'session.step': async () => {
        const session = this.require();
        let result: StepResult | undefined;
        try {
          return (result = await session.step());
        } finally {
          await this.afterChange(session, !!result?.after);
        }
      },
      'session.action': async ({ actionId, values }) => {
        const session = this.require();
        let result: StepResult | undefined;
        try {
          return (result = await session.action(actionId, values));
        } finally {
          await this.afterChange(session, !!result?.after);
        }
      },
      'session.reset': async ({ params, consent }) => {
        const session = this.require();
        const state = await session.reset(params, consent);
        this.push(session, state, true);
        this.connections.feed?.schedule();
        return state;
      },
    };
  }

  /**
   * A run of `def` on the open connection, wired as the app runs it: its
   * background work pushes the state, and the Keys feed's notifications
   * tell a read-only step whether the last snapshot's reads still hold.
   */
  newSession(def: PatternDef, params?: Record<string, number>): PatternSession {
    const { connection, db } = this.connections.require();
    return new PatternSession(def, params, connection, db, () => this.pushSoon(), { changes: () => this.connections.feed?.changeMark() });
  }

  /**
   * After our own step or action, panels should not wait for a notification
   * round trip. A step that took its snapshot inspected the panels after its
   * last command already: they are not read twice.
   */
  private async afterChange(session: PatternSession, inspected: boolean): Promise<void> {
    if (!inspected) await session.inspect().catch(() => undefined);
    this.push(session, session.snapshot(), true);
    this.connections.feed?.schedule();
  }

  /**
   * Rereads the open pattern's panels and pushes its state if it changed;
   * bursts of changes share one read. A flood of keys the pattern does not
   * show (someone else's writes under the namespace) rereads the panels but
   * sends nothing: the renderer redraws the run only when it has news.
   */
  pushSoon(): void {
    if (this.pushTimer || !this.session) return;
    this.pushTimer = setTimeout(async () => {
      this.pushTimer = undefined;
      const session = this.session;
      if (!session) return;
      await session.inspect().catch(() => undefined);
      if (session === this.session) this.push(session, session.snapshot(), false);
    }, 50);
  }

  private push(session: PatternSession, state: SessionState, always: boolean): void {
    // Steps and actions arrive with their own push; between them only panels and the background log change.
    const counts = `${state.cursor}|${state.history.length}|${state.background.length}|${state.backgroundDropped ?? 0}`;
    const last = this.lastPushed;
    // The panels are compared as JSON only for a reread (a step's push is sent whatever they hold).
    const same = !always && last?.session === session && last.counts === counts && JSON.stringify(last.panels) === JSON.stringify(state.panels);
    this.lastPushed = { session, counts, panels: state.panels };
    if (!same) this.events.emit('session', state);
  }

  /** Stops the run's actors and background work; the connection is about to go. */
  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    await session?.dispose().catch(() => undefined);
  }

  private require(): PatternSession {
    if (!this.session) throw new AppError('no_session', msg('errors.run.noSession'));
    return this.session;
  }
}
