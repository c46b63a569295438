import { Tabs } from 'radix-ui';
import { formatMs, outcomeClass, runStepTitle } from '../format';
import { selectPattern, useSessionStore } from '../stores/session-store';
import { Elapsed } from './Busy';
import { CodePane } from './CodePane';
import { TracePane } from './TracePane';

/** Narrative, code and trace of the step on display (the last run, or the next one). */
export function StepDetail() {
  const pattern = useSessionStore(selectPattern);
  const session = useSessionStore((s) => s.session);
  const selected = useSessionStore((s) => s.selectedStep);
  const error = useSessionStore((s) => s.error);
  const busy = useSessionStore((s) => s.busy);
  if (!pattern || !session) return null;
  const index = selected ?? Math.min(session.cursor, pattern.steps.length - 1);
  // -1 is the user's latest action; otherwise a step of the scenario.
  const result = index === -1 ? session.history.findLast((h) => h.stepIndex === -1) : session.history.find((h) => h.stepIndex === index);
  const step = index === -1 ? undefined : pattern.steps[index];
  // The step on display is the one running now: say so, not "not run yet".
  const running = !result && busy?.index === index ? busy : undefined;
  return (
    <aside className="detail" aria-label="Step detail">
      <header className="detail-header">
        <span className="muted small">
          {index === -1 ? 'Action' : `Step ${index + 1} of ${pattern.steps.length}`}
          {result ? ` · ran in ${formatMs(result.durationMs)}` : running ? ' · running ' : ' · not run yet'}
          {running && <Elapsed since={running.since} />}
        </span>
        <h2>{step ? runStepTitle(session, step) : result?.title}</h2>
      </header>
      {error && (
        <div className="notice error" role="alert">
          {error.message}
        </div>
      )}
      <p className={`narrative${result ? ` ${outcomeClass(result.outcome)}` : ''}`} aria-label="Narrative" aria-live="polite">
        {result ? result.narrative : running ? 'Running: the narrative comes from the replies once the step has finished.' : 'Press Step to run this step.'}
      </p>
      <Tabs.Root defaultValue="trace" className="detail-tabs">
        <Tabs.List className="tabs" aria-label="Step views">
          <Tabs.Trigger value="trace">Trace{result ? ` (${result.trace.length})` : ''}</Tabs.Trigger>
          <Tabs.Trigger value="code">Code</Tabs.Trigger>
          {session.background.length > 0 && (
            <Tabs.Trigger value="background">
              Background ({session.background.length}
              {session.backgroundDropped ? `, ${session.backgroundDropped} older dropped` : ''})
            </Tabs.Trigger>
          )}
        </Tabs.List>
        <Tabs.Content value="trace" className="tab-body scroll">
          {result ? <TracePane trace={result.trace} order={result.traceOrder} /> : <p className="empty">The trace appears when the step has run.</p>}
        </Tabs.Content>
        <Tabs.Content value="code" className="tab-body scroll">
          {step ? <CodePane code={step.code} /> : <p className="empty">Actions run the same functions as the steps.</p>}
        </Tabs.Content>
        <Tabs.Content value="background" className="tab-body scroll">
          <TracePane trace={[...session.background].reverse()} label="Background trace" />
        </Tabs.Content>
      </Tabs.Root>
    </aside>
  );
}
