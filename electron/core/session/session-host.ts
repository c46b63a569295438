import { msg } from '../../../shared/i18n/message';
import { AppError } from '../app-error';
import type { ConnectionHost } from '../connection/connection-host';
import type { PatternDef } from '../engine/pattern';
import { PatternSession } from '../engine/pattern-session';
import type { EventHub } from '../feed/event-hub';
import type { HandlerGroup } from '../handlers';
import { findPattern, PATTERNS, summarize } from '../patterns';
import type { ServerFacts } from '../redis/open-client';
import type { StepResult } from '../../../shared/model';
import { SessionUpdates } from './session-updates';
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
  /** Numbers the 'session' updates and keeps what the last one told, so the next says only what changed. */
  private readonly updates = new SessionUpdates();

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
        const { connection } = this.connections.requireReachable();
        if (connection.facts.mode === 'cluster') throw new AppError('unsupported', CLUSTER_LIMIT);
        assertServerSupports(def, connection.facts);
        // No session while the new one resets: a step sent meanwhile is refused, not run half-built.
        const previous = this.session;
        this.session = undefined;
        await previous?.dispose();
        const session = this.newSession(def, params);
        await session.reset(undefined, consent);
        this.session = session;
        return this.pushFull(session);
      },
      'session.current': async () => {
        const session = this.session;
        if (!session) return null;
        // What changed since the last update goes out first, so the state returned and its number agree.
        this.push(session, true);
        return this.updates.current(session);
      },
      'session.step': async () => {
        const session = this.require();
        let result: StepResult | undefined;
        try {
          result = await session.step();
          return session.asReply(result);
        } finally {
          await this.afterChange(session, !!result?.after);
        }
      },
      'session.action': async ({ actionId, values }) => {
        const session = this.require();
        let result: StepResult | undefined;
        try {
          result = await session.action(actionId, values);
          return session.asReply(result);
        } finally {
          await this.afterChange(session, !!result?.after);
        }
      },
      'session.reset': async ({ params, consent }) => {
        const session = this.require();
        await session.reset(params, consent);
        const state = this.pushFull(session);
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
    this.push(session, false);
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
      if (session === this.session) this.push(session, true);
    }, 50);
  }

  /** Tells the renderer what changed (a reread that found nothing new tells nothing). */
  private push(session: PatternSession, reread: boolean): void {
    const update = this.updates.next(session, reread);
    if (update) this.events.emit('session', update);
  }

  /** Tells the renderer the whole state (a run opened or reset) and returns it, numbered as the event. */
  private pushFull(session: PatternSession) {
    const state = this.updates.full(session);
    this.events.emit('session', state);
    return state;
  }

  /** Stops the run's actors and background work; the connection is about to go. */
  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.updates.forget();
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    await session?.dispose().catch(() => undefined);
  }

  private require(): PatternSession {
    if (!this.session) throw new AppError('no_session', msg('errors.run.noSession'));
    this.connections.requireReachable();
    return this.session;
  }
}
