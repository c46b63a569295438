import type { SessionDelta, SessionState, SessionUpdate, StepResult } from '../../../shared/model';

export const isSessionDelta = (update: SessionUpdate): update is SessionDelta => 'kind' in update && update.kind === 'delta';

/**
 * The run after `delta`, or undefined when this renderer cannot build it
 * (then it asks for the whole state): it must hold every history entry the
 * delta counts, having had each from the reply to the request that made it,
 * and the background entries it keeps must add up with the host's.
 *
 * Entries past the delta's count stay: the replies to later steps may come
 * before the updates that count them. So does the cursor those replies set.
 */
export function applySessionDelta(state: SessionState, delta: SessionDelta): SessionState | undefined {
  if (state.history.length < delta.history) return undefined;
  const newest = state.history[delta.history - 1];
  let panels = state.panels;
  if (delta.panels === 'newest-step') {
    if (!newest?.after) return undefined;
    panels = newest.after.panels;
  } else if (delta.panels) panels = delta.panels;

  // The host keeps snapshots for its newest entries only: the same ones go here.
  let history = state.history;
  for (let i = Math.min(delta.snapshotsFrom, history.length) - 1; i >= 0 && history[i].after; i--) {
    if (history === state.history) history = [...history];
    history[i] = { ...history[i], after: undefined };
  }

  let background = state.background;
  const kept = state.background.length + (state.backgroundDropped ?? 0) + delta.background.length - delta.backgroundDropped;
  if (delta.background.length > 0 || delta.backgroundDropped !== (state.backgroundDropped ?? 0)) {
    const all = delta.background.length > 0 ? [...state.background, ...delta.background] : state.background;
    if (kept < 0 || kept > all.length) return undefined;
    background = all.slice(all.length - kept);
  }

  const ahead = state.history.length > delta.history;
  return {
    ...state,
    seq: delta.seq,
    cursor: ahead ? state.cursor : delta.cursor,
    history,
    background,
    backgroundDropped: delta.backgroundDropped,
    panels,
  };
}

/**
 * A step's or action's reply as the history holds it: Keys and database rows
 * the reply names by an earlier entry (carried unchanged) are filled in from
 * that entry's snapshot. Undefined when this renderer lacks that entry or its
 * snapshot (then it asks for the whole state).
 */
export function expandReply(state: SessionState | undefined, result: StepResult): StepResult | undefined {
  const readsOf = result.after?.readsOf;
  if (!result.after || !readsOf) return result;
  const source = state?.history.findLast((h) => h.stepIndex === readsOf.stepIndex && h.startedAt === readsOf.startedAt)?.after;
  if (!source) return undefined;
  const { readsOf: _named, ...after } = result.after;
  if (source.keys) after.keys = source.keys;
  if (source.dbRows) after.dbRows = source.dbRows;
  return { ...result, after };
}
