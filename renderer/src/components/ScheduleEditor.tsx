import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ExploredSchedule } from '../../../shared/exploration';
import type { Message } from '../../../shared/i18n/message';
import { actorName } from '../format';
import { useT } from '../i18n/Msg';
import { ApiError, call } from '../api/client';
import { ScheduleStepper } from './ExplorerView';

/** "client#3" → the actor and its lane, as the scheduler names them. */
function splitActor(key: string): { actor: string; lane?: number } {
  const [actor, lane] = key.split('#');
  return lane === undefined ? { actor } : { actor, lane: Number(lane) };
}

/**
 * Moves the decision at `at` one place (-1 earlier, +1 later), or says why
 * not: the edge of the schedule, or a step of the same actor (each actor's
 * own commands keep their order).
 */
export function moveStep(order: readonly number[], actors: readonly string[], at: number, by: -1 | 1): number[] | 'edge' | 'sameActor' {
  const to = at + by;
  if (to < 0 || to >= order.length) return 'edge';
  if (actors[order[at]] === actors[order[to]]) return 'sameActor';
  const next = [...order];
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}

type Rerun = { running: true } | { result: ExploredSchedule } | { error: string | Message };

/** The found schedule, editable by hand: move a step earlier or later, re-run the edited schedule, reset to the found one. */
export function ScheduleEditor({ variantId, found, measure }: { variantId: string; found: ExploredSchedule; measure: Message }) {
  const t = useT();
  const n = found.steps.length;
  const actors = found.steps.map((s) => s.actor);
  const [order, setOrder] = useState<number[]>(() => found.steps.map((_, i) => i));
  const [rerun, setRerun] = useState<Rerun>();
  const [note, setNote] = useState('');
  const focusAt = useRef<number>(undefined);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  useEffect(() => {
    setOrder(found.steps.map((_, i) => i));
    setRerun(undefined);
    setNote('');
  }, [found]);
  useEffect(() => {
    if (focusAt.current !== undefined) rows.current[focusAt.current]?.focus();
    focusAt.current = undefined;
  }, [order]);
  const moved = order.filter((from, i) => from !== i).length;
  const edited = moved > 0;
  const say = (at: number) => {
    const { actor, lane } = splitActor(actors[order[at]]);
    return { actor: actorName(actor as never, t, lane), what: found.steps[order[at]].what };
  };
  const move = (at: number, by: -1 | 1, byKey = false) => {
    const next = moveStep(order, actors, at, by);
    if (next === 'edge') return;
    if (next === 'sameActor') {
      setNote(t('explorer.edit.sameActor', say(at)));
      return;
    }
    setOrder(next);
    setRerun(undefined);
    setNote(t(by < 0 ? 'explorer.edit.movedEarlier' : 'explorer.edit.movedLater', { ...say(at), position: at + by + 1 }));
    if (byKey) focusAt.current = at + by;
  };
  const onKey = (e: KeyboardEvent, at: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(at, e.key === 'ArrowUp' ? -1 : 1, true);
  };
  const reset = () => {
    setOrder(found.steps.map((_, i) => i));
    setRerun(undefined);
    setNote(t('explorer.edit.wasReset'));
  };
  const run = async () => {
    setRerun({ running: true });
    try {
      const result = await call('explore.replay', { variantId, schedule: order.map((i) => actors[i]) });
      setRerun({ result });
    } catch (err) {
      setRerun({ error: err instanceof ApiError ? (err.data.msg ?? err.data.message) : (err as Error).message });
    }
  };
  const blocked = (at: number, by: -1 | 1) => {
    const to = at + by;
    return to < 0 || to >= n || actors[order[at]] === actors[order[to]];
  };
  return (
    <section className="schedule-editor" aria-label={t('explorer.edit.title')}>
      <h4>{t('explorer.edit.title')}</h4>
      <p className="small muted">{t('explorer.edit.help')}</p>
      <p className={`small ${edited ? 'edit-diff' : 'muted'}`} data-testid="edit-state">
        {edited ? t('explorer.edit.edited', { moved, n }) : t('explorer.edit.unedited')}
      </p>
      <table className="schedule-steps schedule-edit" aria-label={t('explorer.edit.steps')}>
        <thead>
          <tr>
            <th className="num">{t('explorer.col.n')}</th>
            <th>{t('explorer.col.actor')}</th>
            <th>{t('explorer.col.what')}</th>
            <th className="num">{t('explorer.edit.was')}</th>
            <th>
              <span className="visually-hidden">{t('explorer.edit.move')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {order.map((from, at) => {
            const { actor, lane } = splitActor(actors[from]);
            const name = actorName(actor as never, t, lane);
            const what = found.steps[from].what;
            return (
              <tr
                key={from}
                ref={(el) => {
                  rows.current[at] = el;
                }}
                tabIndex={0}
                className={`actor-border-${actor}${from !== at ? ' moved' : ''}`}
                aria-label={t('explorer.edit.row', { position: at + 1, actor: name, what })}
                onKeyDown={(e) => onKey(e, at)}
              >
                <td className="num mono">{at + 1}</td>
                <td>
                  <span className={`actor-chip actor-${actor}`}>{name}</span>
                </td>
                <td className="mono">{what}</td>
                <td className="num mono small muted">{from !== at ? from + 1 : ''}</td>
                <td className="edit-buttons">
                  <button
                    type="button"
                    aria-label={t('explorer.edit.earlier', { position: at + 1, actor: name, what })}
                    title={blocked(at, -1) && at > 0 ? t('explorer.edit.sameActor', { actor: name, what }) : undefined}
                    disabled={blocked(at, -1)}
                    onClick={() => move(at, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('explorer.edit.later', { position: at + 1, actor: name, what })}
                    title={blocked(at, 1) && at < n - 1 ? t('explorer.edit.sameActor', { actor: name, what }) : undefined}
                    disabled={blocked(at, 1)}
                    onClick={() => move(at, 1)}
                  >
                    ↓
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small" role="status" aria-live="polite" data-testid="edit-note">
        {note}
      </p>
      <div className="stepper-controls">
        <button type="button" className="primary" onClick={() => void run()} disabled={!!rerun && 'running' in rerun}>
          {t('explorer.edit.rerun')}
        </button>
        <button type="button" onClick={reset} disabled={!edited}>
          {t('explorer.edit.reset')}
        </button>
      </div>
      {rerun && 'error' in rerun && (
        <div className="notice error" role="alert">
          {typeof rerun.error === 'string' ? rerun.error : t(rerun.error)}
        </div>
      )}
      {rerun && 'result' in rerun && (
        <div className="edit-result" data-testid="edit-result">
          {(rerun.result.diverged ?? 0) > 0 && (
            <div className="notice warn" role="note">
              {t('explorer.edit.diverged', { count: rerun.result.diverged ?? 0 })}
            </div>
          )}
          <ScheduleStepper schedule={rerun.result} measure={measure} label={t('explorer.edit.result')} keys={false} />
        </div>
      )}
    </section>
  );
}
