import { describe, expect, it } from 'vitest';
import type { SessionDelta, SessionState, StepResult, TraceEntry } from '../../shared/model';
import { applySessionDelta, expandReply } from '../../renderer/src/stores/session-delta';

const entry = (i: number, withSnapshot = true): StepResult => ({
  stepIndex: i,
  title: { id: 'x' },
  narrative: { id: 'y' },
  outcome: 'info',
  trace: [],
  traceOrder: { order: 'server' },
  startedAt: 1000 + i,
  durationMs: 1,
  ...(withSnapshot ? { after: { at: 1000 + i, panels: [{ kind: 'counters', title: { id: `p${i}` }, columns: [] }] } } : {}),
});
const bg = (i: number): TraceEntry => ({ kind: 'event', actor: 'worker', text: { id: `bg${i}` }, at: i }) as unknown as TraceEntry;

const state = (history: StepResult[], background: TraceEntry[] = [], dropped = 0): SessionState => ({
  seq: 7,
  patternId: 'p',
  params: {},
  cursor: history.length,
  stepTitles: [],
  history,
  background,
  backgroundDropped: dropped,
  panels: [],
});
const delta = (over: Partial<SessionDelta>): SessionDelta => ({ kind: 'delta', seq: 8, patternId: 'p', cursor: 0, history: 0, snapshotsFrom: 0, background: [], backgroundDropped: 0, ...over });

describe('applying a session delta in the renderer', () => {
  it('counts entries the replies brought, takes the newest one’s panels and drops the snapshots the host dropped', () => {
    const history = [entry(0), entry(1), entry(2)];
    const next = applySessionDelta(state(history), delta({ cursor: 3, history: 3, snapshotsFrom: 2, panels: 'newest-step' }))!;
    expect(next.seq).toBe(8);
    expect(next.panels).toBe(history[2].after!.panels);
    expect(next.history.map((h) => h.after !== undefined)).toEqual([false, false, true]);
    expect(next.history[2]).toBe(history[2]); // untouched entries keep their identity
  });

  it('keeps replies that came before the update counting them, and the cursor they set', () => {
    const s = { ...state([entry(0), entry(1)]), cursor: 2 };
    const next = applySessionDelta(s, delta({ cursor: 1, history: 1 }))!;
    expect(next.history).toHaveLength(2);
    expect(next.cursor).toBe(2);
  });

  it('cannot count an entry it never had, nor name panels of a snapshot it lacks: undefined (resync)', () => {
    expect(applySessionDelta(state([entry(0)]), delta({ history: 2 }))).toBeUndefined();
    expect(applySessionDelta(state([entry(0, false)]), delta({ history: 1, panels: 'newest-step' }))).toBeUndefined();
  });

  it('keeps the background log as the host’s ring does: the newest entries, the dropped ones counted', () => {
    const s = state([], [bg(1), bg(2), bg(3)], 0);
    // The host's ring holds 4: two more logged, the oldest one dropped.
    const next = applySessionDelta(s, delta({ background: [bg(4), bg(5)], backgroundDropped: 1 }))!;
    expect(next.background).toEqual([bg(2), bg(3), bg(4), bg(5)]);
    expect(next.backgroundDropped).toBe(1);
    // More dropped than the renderer could account for: it is missing entries.
    expect(applySessionDelta(s, delta({ background: [bg(4)], backgroundDropped: -1 }))).toBeUndefined();
  });

  it('fills a reply’s carried Keys and rows in from the entry it names, and cannot without that entry', () => {
    const named = { ...entry(0), after: { ...entry(0).after!, keys: { namespace: 'n:', keys: [], truncated: false, at: 1 }, dbRows: [] } };
    const reply: StepResult = { ...entry(1), after: { at: 2000, panels: [], readsOf: { stepIndex: 0, startedAt: named.startedAt } } };
    const filled = expandReply(state([named]), reply)!;
    expect(filled.after).toEqual({ at: 2000, panels: [], keys: named.after.keys, dbRows: named.after.dbRows });
    expect(expandReply(state([entry(5)]), reply)).toBeUndefined();
    expect(expandReply(state([]), entry(3))).toEqual(entry(3)); // nothing named: the reply is the entry
  });
});
