import type { TraceEntry } from '../../../shared/model';
import { ACTOR_LABELS, outcomeClass, outcomeMeaning, outcomeTag, runStepTitle } from '../format';
import { selectPattern, useSessionStore } from '../stores/session-store';

const STRIP_LIMIT = 8;

/** What ran in a step, in order, each command in its actor's colour: the interleaving at a glance. */
function CommandStrip({ trace }: { trace: TraceEntry[] }) {
  const shown = trace.slice(0, STRIP_LIMIT);
  return (
    <span className="command-strip" aria-label="Commands by actor">
      {shown.map((t, i) => {
        const actor = t.kind === 'db' ? 'database' : t.actor;
        const label = t.kind === 'redis' ? t.command : t.kind === 'db' ? (t.op === 'read' ? 'SQL read' : 'SQL write') : '•';
        return (
          <span key={i} className={`command-chip actor-border-${actor}`} title={`${ACTOR_LABELS[t.actor]}${t.lane !== undefined ? ` ${t.lane + 1}` : ''}: ${label}`}>
            {label}
          </span>
        );
      })}
      {trace.length > STRIP_LIMIT && <span className="command-more">+{trace.length - STRIP_LIMIT}</span>}
    </span>
  );
}

/** The scenario's steps: done, next, and the one on display; actors as coloured dots. */
export function Timeline() {
  const pattern = useSessionStore(selectPattern);
  const session = useSessionStore((s) => s.session);
  const selected = useSessionStore((s) => s.selectedStep);
  const select = useSessionStore((s) => s.select);
  if (!pattern) return null;
  const cursor = session?.cursor ?? 0;
  return (
    <ol className="timeline" aria-label="Timeline">
      {pattern.steps.map((step) => {
        const result = session?.history.find((h) => h.stepIndex === step.index);
        const state = result ? 'done' : step.index === cursor ? 'next' : 'todo';
        // Once run, the dots are the actors that actually sent something, in the order they first did.
        const actors = result ? [...new Set(result.trace.map((t) => (t.kind === 'db' ? 'database' : t.actor)))] : step.actors;
        return (
          <li key={step.index} className={`timeline-step ${state}${selected === step.index ? ' selected' : ''}`}>
            <button onClick={() => select(step.index)} aria-label={`Step ${step.index + 1}: ${runStepTitle(session, step)}`}>
              <span className="step-number">{step.index + 1}</span>
              <span className="step-title">{runStepTitle(session, step)}</span>
              <span className="step-actors">
                {actors.map((a) => (
                  <span key={a} className={`actor-dot actor-${a}`} title={ACTOR_LABELS[a]} />
                ))}
              </span>
              {result && <span className={`outcome ${outcomeClass(result.outcome)}`} title={outcomeMeaning(result.outcome)}>{outcomeTag(result.outcome)}</span>}
              {result && <CommandStrip trace={result.trace} />}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
