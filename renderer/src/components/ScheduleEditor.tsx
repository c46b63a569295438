import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent, type DragOverEvent, type Modifier } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ExploredSchedule } from '../../../shared/exploration';
import type { Message } from '../../../shared/i18n/message';
import { actorName, scheduleWhat } from '../format';
import { useT } from '../i18n/Msg';
import { ApiError, call } from '../api/client';
import { ScheduleStepper } from './ExplorerView';
import { moveStep, moveTo } from './schedule-moves';

/** "client#3" → the actor and its lane, as the scheduler names them. */
function splitActor(key: string): { actor: string; lane?: number } {
  const [actor, lane] = key.split('#');
  return lane === undefined ? { actor } : { actor, lane: Number(lane) };
}

/** A dragged row moves up and down only. */
const vertical: Modifier = ({ transform }) => ({ ...transform, x: 0 });
/** Sortable ids: the step's index in the found schedule, as a string (dnd-kit treats 0 as no id). */
const idOf = (from: number) => `step-${from}`;
const fromOf = (id: string | number) => Number(String(id).slice('step-'.length));

type Rerun = { running: true } | { result: ExploredSchedule } | { error: string | Message };
type Say = ReturnType<typeof useT>;

interface RowProps {
  from: number;
  at: number;
  n: number;
  actorKey: string;
  what: string;
  /** The row being dragged is over a place it may not go. */
  refused: boolean;
  blocked(by: -1 | 1): boolean;
  move(by: -1 | 1, byKey?: boolean): void;
  setRow(el: HTMLTableRowElement | null): void;
  t: Say;
}

/**
 * One step of the schedule: dragged by the pointer anywhere on the row, or
 * from the keyboard by its grip (Space picks it up, ↑/↓ move it, Space
 * drops it, Escape cancels); the ↑/↓ buttons and Alt+↑/↓ move it one place.
 */
function StepRow({ from, at, n, actorKey, what, refused, blocked, move, setRow, t }: RowProps) {
  const { actor, lane } = splitActor(actorKey);
  const name = actorName(actor as never, t, lane);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: idOf(from),
    attributes: { roleDescription: t('explorer.edit.dragRole') },
  });
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      move(e.key === 'ArrowUp' ? -1 : 1, true);
      return;
    }
    // The keyboard sensor starts a drag only from the grip (its activator).
    (listeners?.onKeyDown as ((e: KeyboardEvent) => void) | undefined)?.(e);
  };
  return (
    <tr
      ref={(el) => {
        setNodeRef(el);
        setRow(el);
      }}
      tabIndex={0}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`actor-border-${actor}${from !== at ? ' moved' : ''}${isDragging ? ' dragging' : ''}${isDragging && refused ? ' refused' : ''}`}
      aria-label={t('explorer.edit.row', { position: at + 1, actor: name, what })}
      data-testid={`edit-row-${at + 1}`}
      onPointerDown={listeners?.onPointerDown as ((e: PointerEvent) => void) | undefined}
      onKeyDown={onKeyDown}
    >
      <td className="grip-cell">
        <button type="button" className="grip" ref={setActivatorNodeRef} {...attributes} aria-label={t('explorer.edit.drag', { position: at + 1, actor: name, what })}>
          <span aria-hidden="true">⠿</span>
        </button>
      </td>
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
          title={blocked(-1) && at > 0 ? t('explorer.edit.sameActor', { actor: name, what }) : undefined}
          disabled={blocked(-1)}
          onClick={() => move(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={t('explorer.edit.later', { position: at + 1, actor: name, what })}
          title={blocked(1) && at < n - 1 ? t('explorer.edit.sameActor', { actor: name, what }) : undefined}
          disabled={blocked(1)}
          onClick={() => move(1)}
        >
          ↓
        </button>
      </td>
    </tr>
  );
}

/** The found schedule, editable by hand: drag a step (or move it one place) earlier or later, re-run the edited schedule, reset to the found one. */
export function ScheduleEditor({ variantId, found, measure }: { variantId: string; found: ExploredSchedule; measure: Message }) {
  const t = useT();
  const n = found.steps.length;
  const actors = found.steps.map((s) => s.actor);
  const [order, setOrder] = useState<number[]>(() => found.steps.map((_, i) => i));
  const [rerun, setRerun] = useState<Rerun>();
  const [note, setNote] = useState('');
  const [refused, setRefused] = useState(false);
  const focusAt = useRef<number>(undefined);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const lastOver = useRef<string | number>(undefined);
  useEffect(() => {
    setOrder(found.steps.map((_, i) => i));
    setRerun(undefined);
    setNote('');
  }, [found]);
  useEffect(() => {
    if (focusAt.current !== undefined) rows.current[focusAt.current]?.focus();
    focusAt.current = undefined;
  }, [order]);
  const sensors = useSensors(
    // A few pixels of movement make a drag; a click on the row's buttons stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const moved = order.filter((from, i) => from !== i).length;
  const edited = moved > 0;
  const say = (at: number) => {
    const { actor, lane } = splitActor(actors[order[at]]);
    return { actor: actorName(actor as never, t, lane), what: scheduleWhat(found.steps[order[at]].what, t) };
  };
  /** Applies a move from one position to another, or says why it is refused; tells the outcome in the live note. */
  const apply = (at: number, to: number, byKey = false) => {
    const next = moveTo(order, actors, at, to);
    if (next === 'edge' || next === 'same') return;
    if (next === 'sameActor') {
      setNote(t('explorer.edit.sameActor', say(at)));
      return;
    }
    setOrder(next);
    setRerun(undefined);
    setNote(t(to < at ? 'explorer.edit.movedEarlier' : 'explorer.edit.movedLater', { ...say(at), position: to + 1 }));
    if (byKey) focusAt.current = to;
  };
  const positionOf = (id: string | number) => order.indexOf(fromOf(id));
  const onDragOver = ({ active, over }: DragOverEvent) => {
    setRefused(!!over && moveTo(order, actors, positionOf(active.id), positionOf(over.id)) === 'sameActor');
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setRefused(false);
    if (over) apply(positionOf(active.id), positionOf(over.id));
  };
  /** What a screen reader hears while a step is dragged, in the user's language (each place once, not again while it stays there). */
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      lastOver.current = active.id;
      return t('explorer.edit.dragStart', { ...say(positionOf(active.id)), position: positionOf(active.id) + 1 });
    },
    onDragOver: ({ active, over }) => {
      if (!over || over.id === lastOver.current) return undefined;
      lastOver.current = over.id;
      const [at, to] = [positionOf(active.id), positionOf(over.id)];
      return moveTo(order, actors, at, to) === 'sameActor' ? t('explorer.edit.sameActor', say(at)) : t('explorer.edit.dragOver', { ...say(at), position: to + 1 });
    },
    onDragEnd: ({ active, over }) => {
      const [at, to] = [positionOf(active.id), over ? positionOf(over.id) : -1];
      const next = over ? moveTo(order, actors, at, to) : 'same';
      if (next === 'sameActor') return t('explorer.edit.sameActor', say(at));
      return next === 'same' || next === 'edge' ? t('explorer.edit.dragCancel', say(at)) : t('explorer.edit.dragDrop', { ...say(at), position: to + 1 });
    },
    onDragCancel: ({ active }) => t('explorer.edit.dragCancel', say(positionOf(active.id))),
  };
  const items = useMemo(() => order.map(idOf), [order]);
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
  const blocked = (at: number, by: -1 | 1) => !Array.isArray(moveStep(order, actors, at, by));
  return (
    <section className="schedule-editor" aria-label={t('explorer.edit.title')}>
      <h4>{t('explorer.edit.title')}</h4>
      <p className="small muted">{t('explorer.edit.help')}</p>
      <p className={`small ${edited ? 'edit-diff' : 'muted'}`} data-testid="edit-state">
        {edited ? t('explorer.edit.edited', { moved, n }) : t('explorer.edit.unedited')}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        modifiers={[vertical]}
        // A pointer held near the pane's edge scrolls the pane; never the page, whose layout is the window.
        autoScroll={{ canScroll: (element) => element !== document.scrollingElement && element !== document.body }}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => setRefused(false)}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('explorer.edit.dragHelp') } }}
      >
        <table className="schedule-steps schedule-edit" aria-label={t('explorer.edit.steps')}>
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">{t('explorer.edit.dragColumn')}</span>
              </th>
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
            <SortableContext items={items} strategy={verticalListSortingStrategy}>
              {order.map((from, at) => (
                <StepRow
                  key={from}
                  from={from}
                  at={at}
                  n={n}
                  actorKey={actors[from]}
                  what={scheduleWhat(found.steps[from].what, t)}
                  refused={refused}
                  blocked={(by) => blocked(at, by)}
                  move={(by, byKey) => apply(at, at + by, byKey)}
                  setRow={(el) => {
                    rows.current[at] = el;
                  }}
                  t={t}
                />
              ))}
            </SortableContext>
          </tbody>
        </table>
      </DndContext>
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
