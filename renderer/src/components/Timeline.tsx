import { useEffect, useRef } from 'react';
import type { TraceEntry } from '../../../shared/model';
import { actorName, outcomeClass, outcomeMeaning, outcomeTag, runStepTitle } from '../format';
import { useT } from '../i18n/Msg';
import { selectPast, selectPattern, useSessionStore } from '../stores/session-store';
import { Elapsed } from './Busy';
import { ConfirmDiscardRun } from './ConfirmDiscardRun';
import './time-travel.css';

const STRIP_LIMIT = 8;

/** What ran in a step, in order, each command in its actor's colour: the interleaving at a glance. */
function CommandStrip({ trace }: { trace: TraceEntry[] }) {
  const shown = trace.slice(0, STRIP_LIMIT);
  const t = useT();
  return (
    <span className="command-strip" aria-label={t('ui.timeline.commands')}>
      {shown.map((e, i) => {
        const actor = e.kind === 'db' ? 'database' : e.actor;
        const label = e.kind === 'redis' ? e.command : e.kind === 'db' ? t(e.op === 'read' ? 'ui.sql.read' : 'ui.sql.write') : '•';
        // An event (a message received, a crash, a wait) is a dot in the strip; its tooltip says what it was, not "•".
        const what = e.kind === 'event' ? t(e.text) : label;
        return (
          <span key={i} className={`command-chip actor-border-${actor}`} title={t('ui.timeline.chipTitle', { actor: actorName(e.actor, t, e.lane), command: what })}>
            {label}
          </span>
        );
      })}
      {trace.length > STRIP_LIMIT && <span className="command-more">+{trace.length - STRIP_LIMIT}</span>}
    </span>
  );
}

/** Marks a step whose replies reached the app in another order than the server ran the commands: that difference is the race. */
function Reordered({ trace }: { trace: TraceEntry[] }) {
  const t = useT();
  const n = trace.filter((e) => e.kind === 'redis' && e.replyIndex !== undefined).length;
  if (n === 0) return null;
  const text = t('ui.timeline.reordered', { n });
  return (
    <span className="reordered" title={text}>
      <span aria-hidden>⇅</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

/**
 * The scenario's steps: done, running, next, and the one on display;
 * actors as coloured dots. The step in focus (running, else selected, else
 * next) is scrolled into view whenever it changes, so a long scenario
 * never runs off screen.
 */
export function Timeline() {
  const pattern = useSessionStore(selectPattern);
  const session = useSessionStore((s) => s.session);
  const selected = useSessionStore((s) => s.selectedStep);
  const busy = useSessionStore((s) => s.busy);
  const past = useSessionStore((s) => selectPast(s)?.result.stepIndex);
  const select = useSessionStore((s) => s.select);
  const t = useT();
  const items = useRef(new Map<number, HTMLLIElement>());
  const cursor = session?.cursor ?? 0;
  const total = pattern?.steps.length ?? 0;
  const focus = busy && busy.index >= 0 ? busy.index : selected !== undefined && selected >= 0 ? selected : Math.min(cursor, total - 1);
  const done = session?.history.length ?? 0;
  useEffect(() => {
    // 'nearest' moves the sidebar only as far as needed, and not at all when the step is already in view.
    // Again when a step finishes: its item grows (outcome, command strip) and may reach past the edge.
    items.current.get(focus)?.scrollIntoView({ block: 'nearest' });
  }, [focus, pattern?.id, done, busy]);
  useEffect(() => {
    // A window resized (or a panel above growing) can push the step out of view: bring it back.
    const item = items.current.get(focus);
    const pane = item?.closest('.sidebar');
    if (!item || !pane || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => item.scrollIntoView({ block: 'nearest' }));
    observer.observe(pane);
    return () => observer.disconnect();
  }, [focus, pattern?.id]);
  if (!pattern) return null;
  return (
    <>
      <ol className="timeline" aria-label={t('ui.timeline')}>
        {pattern.steps.map((step) => {
          const result = session?.history.find((h) => h.stepIndex === step.index);
          const running = busy?.index === step.index;
          const state = running ? 'running' : result ? 'done' : step.index === cursor ? 'next' : 'todo';
          // Once run, the dots are the actors that actually sent something, in the order they first did.
          const actors = result ? [...new Set(result.trace.map((t) => (t.kind === 'db' ? 'database' : t.actor)))] : step.actors;
          const isSelected = selected === step.index;
          return (
            <li
              key={step.index}
              ref={(el) => {
                if (el) items.current.set(step.index, el);
                else items.current.delete(step.index);
              }}
              className={`timeline-step ${state}${isSelected ? ' selected' : ''}${past === step.index ? ' past' : ''}`}
              data-state={state}
            >
              {/* Named by what it shows (axe: label in name): "Step 1: <title> <outcome> <commands>", the words "Step" and ":" for screen readers only. */}
              <button onClick={() => select(step.index)} aria-current={isSelected ? 'step' : undefined}>
                {/* One hidden span carries "Step 1:" whole: split spans make Chromium name it "Step 1 : …". */}
                <span className="visually-hidden">{`${t('ui.timeline.stepWord')} ${step.index + 1}:`}</span>
                <span className="step-number" aria-hidden>
                  {step.index + 1}
                </span>
                <span className="step-title">{t(runStepTitle(session, step))}</span>
                <span className="step-actors">
                  {actors.map((a) => (
                    <span key={a} className={`actor-dot actor-${a}`} title={actorName(a, t)} />
                  ))}
                </span>
                {running && busy && (
                  <span className="outcome step-running">
                    <span className="spinner" aria-hidden /> <Elapsed since={busy.since} />
                  </span>
                )}
                {result && <span className={`outcome ${outcomeClass(result.outcome)}`} title={outcomeMeaning(result.outcome, t)}>{outcomeTag(result.outcome, t)}</span>}
                {result && <Reordered trace={result.trace} />}
                {result && <CommandStrip trace={result.trace} />}
              </button>
            </li>
          );
        })}
      </ol>
      {/* Mounted with the timeline: there is a run to lose only while a pattern, and so its timeline, is open. */}
      <ConfirmDiscardRun />
    </>
  );
}
