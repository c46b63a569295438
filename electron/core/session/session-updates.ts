import type { PanelData, SessionState, SessionUpdate } from '../../../shared/model';
import type { PatternSession, RunPosition } from '../engine/pattern-session';

/** What the renderer was last told: by which update, about which run, how far it had got, and the panels it showed. */
interface Told {
  seq: number;
  session: PatternSession;
  at: RunPosition;
  panels: PanelData[];
}

/**
 * Numbers the 'session' updates and works out what each must carry: the
 * whole state when a run opens or resets (or a delta could not say what
 * changed), otherwise only what changed. The history entries themselves are
 * never repeated: the step's or action's reply carried each one, so a step
 * costs the renderer a small delta instead of the whole run again.
 */
export class SessionUpdates {
  private seq = 0;
  private told?: Told;

  /** The whole state as a new update. */
  full(session: PatternSession): SessionState {
    const state = { ...session.snapshot(), seq: ++this.seq };
    this.told = { seq: this.seq, session, at: session.position(), panels: state.panels };
    return state;
  }

  /**
   * The next update after a change: a delta, or the whole state when the
   * last update was about another session or run. After a reread of the
   * panels (`reread`), undefined when nothing the renderer shows changed:
   * panels are compared as JSON only then (a step's update is sent whatever
   * they hold).
   */
  next(session: PatternSession, reread: boolean): SessionUpdate | undefined {
    const told = this.told;
    const changes = told?.session === session ? session.changesSince(told.at) : undefined;
    if (!told || !changes) return this.full(session);
    const at = session.position();
    const panels = session.panelsNow();
    const samePanels = panels === told.panels || (reread && JSON.stringify(panels) === JSON.stringify(told.panels));
    if (reread && samePanels && at.history === told.at.history && at.background === told.at.background) return undefined;
    this.told = { seq: ++this.seq, session, at, panels };
    if (samePanels) delete changes.panels;
    return { kind: 'delta', seq: this.seq, ...changes };
  }

  /**
   * The whole state as of the last update, for a renderer that asks
   * (session.current): the caller first sends what changed since, so the
   * state and its number agree.
   */
  current(session: PatternSession): SessionState {
    if (this.told?.session !== session) return this.full(session);
    return { ...session.snapshot(), seq: this.told.seq };
  }

  /** The run is gone (closed, replaced): the next update about any run is a whole state. */
  forget(): void {
    this.told = undefined;
  }
}
