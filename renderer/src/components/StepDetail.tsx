import { Tabs } from 'radix-ui';
import { formatMs, outcomeClass, runStepTitle } from '../format';
import { Msg, useT } from '../i18n/Msg';
import { ErrorText } from '../i18n/ErrorText';
import { selectPattern, useSessionStore } from '../stores/session-store';
import { ARTICLE_PATTERNS } from '../../../shared/article/article';
import { Elapsed } from './Busy';
import { ArticlePanel, ArticleSource, StepCode } from './ArticlePanel';
import { TracePane } from './TracePane';

/** Narrative, code and trace of the step on display (the last run, or the next one). */
export function StepDetail() {
  const pattern = useSessionStore(selectPattern);
  const session = useSessionStore((s) => s.session);
  const selected = useSessionStore((s) => s.selectedStep);
  const error = useSessionStore((s) => s.error);
  const busy = useSessionStore((s) => s.busy);
  const t = useT();
  if (!pattern || !session) return null;
  const index = selected ?? Math.min(session.cursor, pattern.steps.length - 1);
  // -1 is the user's latest action; otherwise a step of the scenario.
  const result = index === -1 ? session.history.findLast((h) => h.stepIndex === -1) : session.history.find((h) => h.stepIndex === index);
  const step = index === -1 ? undefined : pattern.steps[index];
  // The step on display is the one running now: say so, not "not run yet".
  const running = !result && busy?.index === index ? busy : undefined;
  // A failed step keeps the cursor on itself: what its commands did before the failure is its trace.
  const ran = !result && !running && index === session.cursor ? error?.ran : undefined;
  return (
    <aside className="detail" aria-label={t('ui.detail')}>
      <header className="detail-header">
        <span className="muted small">
          {index === -1 ? t('ui.detail.action') : t('ui.detail.stepOf', { n: index + 1, total: pattern.steps.length })}
          {result ? t('ui.detail.ranIn', { time: formatMs(result.durationMs) }) : t(running ? 'ui.detail.running' : 'ui.detail.notRun')}
          {running && <Elapsed since={running.since} />}
        </span>
        <h2>{step ? <Msg m={runStepTitle(session, step)} /> : result && <Msg m={result.title} />}</h2>
        <ArticleSource patternId={pattern.id} />
      </header>
      {error && (
        <div className="notice error" role="alert">
          <ErrorText error={error} />
        </div>
      )}
      <p className={`narrative${result ? ` ${outcomeClass(result.outcome)}` : ''}`} aria-label={t('ui.detail.narrative')} aria-live="polite">
        {result ? <Msg m={result.narrative} /> : t(running ? 'ui.detail.runningNarrative' : 'ui.detail.pressStep')}
      </p>
      {result?.notice && (
        <div className="notice warn" role="status" data-testid="step-notice">
          <Msg m={result.notice} />
        </div>
      )}
      <Tabs.Root defaultValue="trace" className="detail-tabs">
        <Tabs.List className="tabs" aria-label={t('ui.detail.views')}>
          <Tabs.Trigger value="trace">{result || ran ? t('ui.detail.traceCount', { n: (result ?? ran)!.trace.length }) : t('ui.detail.trace')}</Tabs.Trigger>
          <Tabs.Trigger value="code">{t('ui.detail.code')}</Tabs.Trigger>
          {pattern.id in ARTICLE_PATTERNS && <Tabs.Trigger value="article">{t('article.tab')}</Tabs.Trigger>}
          {session.background.length > 0 && (
            <Tabs.Trigger value="background">
              {session.backgroundDropped
                ? t('ui.detail.backgroundDropped', { n: session.background.length, dropped: session.backgroundDropped })
                : t('ui.detail.background', { n: session.background.length })}
            </Tabs.Trigger>
          )}
        </Tabs.List>
        <Tabs.Content value="trace" className="tab-body scroll">
          {result ? (
            <TracePane trace={result.trace} order={result.traceOrder} />
          ) : ran ? (
            <>
              <p className="small muted">{t('ui.detail.ranBeforeFailure')}</p>
              <TracePane trace={ran.trace} order={ran.traceOrder} label={t('ui.detail.ranBeforeFailure')} />
            </>
          ) : (
            <p className="empty">{t('ui.detail.traceEmpty')}</p>
          )}
        </Tabs.Content>
        <Tabs.Content value="code" className="tab-body scroll">
          {step ? <StepCode patternId={pattern.id} index={index} code={step.code} /> : <p className="empty">{t('ui.detail.codeEmpty')}</p>}
        </Tabs.Content>
        <Tabs.Content value="article" className="tab-body scroll">
          <ArticlePanel patternId={pattern.id} history={session.history} />
        </Tabs.Content>
        <Tabs.Content value="background" className="tab-body scroll">
          <TracePane trace={[...session.background].reverse()} label={t('ui.detail.backgroundTrace')} />
        </Tabs.Content>
      </Tabs.Root>
    </aside>
  );
}
