import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { EXPLORE_SCHEDULES, EXPLORE_STRATEGIES, type ExplorationProgress, type ExplorationVariantResult, type ExploredSchedule } from '../../../shared/exploration';
import type { Message } from '../../../shared/i18n/message';
import type { TraceEntry } from '../../../shared/model';
import { actorName, scheduleWhat } from '../format';
import { SHORTCUTS, useShortcuts } from '../hooks/use-shortcuts';
import { useT } from '../i18n/Msg';
import { checkSchedules, checkSeed, useExplorerStore } from '../stores/explorer-store';
import { useSessionStore } from '../stores/session-store';
import { TracePane } from './TracePane';
import { Panel } from './PatternPanels';
import './explorer.css';

type Say = ReturnType<typeof useT>;

/** Loaded when a failing schedule is first shown: the drag-and-drop library stays out of the workspace's bundle. */
const ScheduleEditor = lazy(() => import('./ScheduleEditor').then((m) => ({ default: m.ScheduleEditor })));

/** "client#3" → the actor and its lane, as the scheduler names them. */
function splitActor(key: string): { actor: string; lane?: number } {
  const [actor, lane] = key.split('#');
  return lane === undefined ? { actor } : { actor, lane: Number(lane) };
}

function ActorChip({ actorKey }: { actorKey: string }) {
  const t = useT();
  const { actor, lane } = splitActor(actorKey);
  return <span className={`actor-chip actor-${actor}`}>{actorName(actor as never, t, lane)}</span>;
}

function statusOf(v: ExplorationVariantResult | undefined, progress: ExplorationProgress): 'waiting' | 'running' | 'done' | 'stopped' {
  if (!v || (v.tried === 0 && !v.done)) return progress.running ? 'waiting' : 'stopped';
  if (v.done) return v.cancelled ? 'stopped' : 'done';
  return progress.running ? 'running' : 'stopped';
}

function spaceText(v: ExplorationVariantResult, t: Say): string {
  if (v.space === undefined) return '—';
  if (!Number.isFinite(v.space) || v.space === null) return t('explorer.space.huge');
  return v.complete ? t('explorer.space.covered', { n: v.space }) : t('explorer.space.estimated', { n: v.space });
}

/** Parameters as "name = value, …", in a stable order. */
const paramList = (params: Record<string, number>) =>
  Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');

/** Outcomes of one variant: how many schedules ended with each measured value, as plain CSS bars. */
function OutcomeChart({ measures, measure, bad }: { measures: Record<string, number>; measure: Message; bad: (value: number) => boolean }) {
  const t = useT();
  const entries = Object.entries(measures)
    .map(([value, count]) => [Number(value), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const max = Math.max(1, ...entries.map(([, c]) => c));
  const title = t('explorer.chart', { measure: t(measure) });
  if (entries.length === 0) return <p className="muted small">{t('explorer.chart.empty')}</p>;
  return (
    <figure className="outcome-chart">
      <figcaption className="small muted">{title}</figcaption>
      <ul aria-label={title}>
        {entries.map(([value, count]) => (
          <li key={value} aria-label={t('explorer.chart.bar', { value, count })}>
            <span className="bar-label mono">{value}</span>
            <span className="bar-track">
              <span className={`bar${bad(value) ? ' bad' : ' good'}`} style={{ width: `${(count / max) * 100}%` }} />
            </span>
            <span className="bar-count mono">{count.toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function VariantCard({ label, v, progress }: { label: Message; v?: ExplorationVariantResult; progress: ExplorationProgress }) {
  const t = useT();
  const status = statusOf(v, progress);
  const tried = v?.tried ?? 0;
  const violations = v?.violations ?? 0;
  return (
    <section className={`panel explore-variant status-${status}`} aria-label={t(label)}>
      <div className="panel-header">
        <h3>{t(label)}</h3>
        <span className={`explore-status small ${status}`}>{t(`explorer.status.${status}`)}</span>
      </div>
      <div className="explore-variant-body">
        <p className={`explore-verdict ${violations > 0 ? 'bad' : tried > 0 ? 'good' : ''}`} data-testid="violations">
          {/* No schedule of it ran (the exploration stopped first): nothing is claimed about its invariant. */}
          {tried > 0 ? t('explorer.violations', { violations, tried }) : t('explorer.noneRun')}
        </p>
        <dl className="explore-facts">
          <dt>{t('explorer.tried')}</dt>
          <dd>{t('explorer.ofBudget', { n: tried, total: progress.schedules })}</dd>
          <dt>{t('explorer.distinct')}</dt>
          <dd>{(v?.distinct ?? 0).toLocaleString()}</dd>
          <dt>{t('explorer.space')}</dt>
          <dd>{v ? spaceText(v, t) : '—'}</dd>
          <dt>{t('explorer.strategyUsed')}</dt>
          <dd>{v && tried > 0 ? t(`explorer.strategyName.${v.strategy}`) : '—'}</dd>
        </dl>
        {v && v.stuck > 0 && <p className="small warn-text">{t('explorer.stuck', { n: v.stuck, reason: v.stuckReason ?? '' })}</p>}
        {/* Not before the first schedule: the verdict above already says none has run, and "no schedules yet" said it twice. */}
        {tried > 0 && <OutcomeChart measures={v?.measures ?? {}} measure={progress.measure} bad={(value) => failingValues(v).has(value)} />}
      </div>
    </section>
  );
}

/** The measured values of failing schedules, as far as the result tells: the shortest one's value at least. */
function failingValues(v: ExplorationVariantResult | undefined): Set<number> {
  // From the schedules' verdicts, so a run stopped before shrinking still draws its losses as losses.
  const out = new Set<number>(v?.failingMeasures ?? []);
  if (v?.shortest) out.add(v.shortest.measure);
  return out;
}

/** The trace up to and including the k-th command or database call (and the events right after it). */
function traceUpTo(trace: TraceEntry[], k: number): TraceEntry[] {
  if (k <= 0) return [];
  let gated = 0;
  const out: TraceEntry[] = [];
  for (const e of trace) {
    if (e.kind !== 'event') {
      if (gated === k) break;
      gated++;
    }
    out.push(e);
  }
  return out;
}

/** A schedule opened as a step-through: one row per command in the actors' colours, revealed one at a time with the trace so far. */
export function ScheduleStepper({ schedule, measure, label, keys = true }: { schedule: ExploredSchedule; measure: Message; label: string; keys?: boolean }) {
  const t = useT();
  const n = schedule.steps.length;
  const [k, setK] = useState(0);
  const current = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    setK(0);
  }, [schedule]);
  useEffect(() => {
    current.current?.scrollIntoView?.({ block: 'nearest' });
  }, [k]);
  const actions = useMemo(() => ({ step: () => setK((x) => Math.min(n, x + 1)), toggleRun: () => setK(n), reset: () => setK(0) }), [n]);
  const back = () => setK((x) => Math.max(0, x - 1));
  // Time travel: the panels as they were right after the command on display (captured by the host on a viewing replay).
  const panels = k > 0 ? schedule.panels?.[k - 1] : undefined;
  useShortcuts(actions, keys);
  const verdict = schedule.ok
    ? t('explorer.verdict.held', { measure: schedule.measure, measureName: t(measure) })
    : t('explorer.verdict.broken', { measure: schedule.measure, measureName: t(measure) });
  return (
    <div className="schedule-stepper" aria-label={label}>
      <p className={`explore-verdict ${schedule.ok ? 'good' : 'bad'}`}>
        {verdict} · {t('explorer.shortest.meta', { steps: n, switches: schedule.switches })}
      </p>
      <div className="stepper-controls">
        <button type="button" className="primary" onClick={actions.step} disabled={k >= n} title={t('explorer.stepThrough.stepTip', { key: SHORTCUTS.step })}>
          {t('explorer.stepThrough.step')}
        </button>
        <button type="button" onClick={back} disabled={k === 0} data-testid="stepper-back">
          {t('explorer.stepThrough.back')}
        </button>
        <button type="button" onClick={actions.toggleRun} disabled={k >= n}>
          {t('explorer.stepThrough.all')}
        </button>
        <button type="button" onClick={actions.reset} disabled={k === 0}>
          {t('explorer.stepThrough.restart')}
        </button>
        <span className="small muted" role="status" data-testid="stepper-progress">
          {t('explorer.stepThrough.progress', { k, n })}
        </span>
      </div>
      <div className="stepper-split">
        <table className="schedule-steps" aria-label={t('explorer.steps')}>
          <thead>
            <tr>
              <th className="num">{t('explorer.col.n')}</th>
              <th>{t('explorer.col.actor')}</th>
              <th>{t('explorer.col.what')}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.steps.map((step, i) => (
              <tr
                key={i}
                ref={i === k - 1 ? current : undefined}
                className={`actor-border-${splitActor(step.actor).actor}${i < k ? ' revealed' : ' pending'}${i === k - 1 ? ' current' : ''}`}
                aria-current={i === k - 1 ? 'step' : undefined}
              >
                <td className="num mono">{i + 1}</td>
                <td>
                  <ActorChip actorKey={step.actor} />
                </td>
                <td className="mono">{scheduleWhat(step.what, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="stepper-trace">
          <h4 className="small muted">{t('explorer.stepThrough.trace')}</h4>
          <TracePane trace={traceUpTo(schedule.trace, k)} label={t('explorer.stepThrough.trace')} />
        </div>
        {schedule.panels && schedule.panels.length > 0 && (
          <div className="stepper-panels" aria-label={t('explorer.stepThrough.panels')} data-testid="stepper-panels" data-showing={k > 0 ? `after-${k}` : 'start'}>
            <h4 className="small muted">{k > 0 ? t('explorer.stepThrough.panelsAfter', { k }) : t('explorer.stepThrough.panels')}</h4>
            {panels ? (
              <div className="panels panels-past">
                {panels.map((p, i) => (
                  <Panel key={`${p.kind}-${i}`} data={p} frozen />
                ))}
              </div>
            ) : (
              <p className="small muted">{k > 0 ? t('explorer.stepThrough.panelsNone') : t('explorer.stepThrough.panelsStart')}</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

function Settings() {
  const t = useT();
  const draft = useExplorerStore((s) => s.draft);
  const setDraft = useExplorerStore((s) => s.setDraft);
  const start = useExplorerStore((s) => s.start);
  const stop = useExplorerStore((s) => s.stop);
  const starting = useExplorerStore((s) => s.starting);
  const running = useExplorerStore((s) => !!s.progress?.running);
  const schedules = checkSchedules(draft.schedules);
  const seed = checkSeed(draft.seed);
  const range = t('explorer.schedulesRange', { min: EXPLORE_SCHEDULES.min, max: EXPLORE_SCHEDULES.max });
  return (
    <form
      className="explore-settings"
      aria-label={t('explorer.settings')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) void start();
      }}
    >
      <label className="field">
        <span>{t('explorer.schedules')}</span>
        <input
          inputMode="numeric"
          value={draft.schedules}
          onChange={(e) => setDraft({ schedules: e.target.value })}
          aria-invalid={!schedules.ok}
          aria-describedby="explore-schedules-range"
          disabled={running}
        />
        <span className="small muted" id="explore-schedules-range">
          {range}
        </span>
        {!schedules.ok && <span className="field-error">{t('explorer.invalid.schedules', { min: EXPLORE_SCHEDULES.min, max: EXPLORE_SCHEDULES.max })}</span>}
      </label>
      <label className="field">
        <span>{t('explorer.strategy')}</span>
        <select value={draft.strategy} onChange={(e) => setDraft({ strategy: e.target.value as typeof draft.strategy })} disabled={running}>
          {EXPLORE_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {t(`explorer.strategy.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('explorer.seed')}</span>
        <input inputMode="numeric" value={draft.seed} onChange={(e) => setDraft({ seed: e.target.value })} aria-invalid={!seed.ok} disabled={running} />
        {!seed.ok && <span className="field-error">{t('explorer.invalid.seed')}</span>}
      </label>
      <div className="explore-buttons">
        {running ? (
          <button type="button" onClick={() => void stop()}>
            {t('explorer.stop')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={starting || !schedules.ok || !seed.ok}>
            {t('explorer.run')}
          </button>
        )}
      </div>
    </form>
  );
}

function ImportExport() {
  const t = useT();
  const progress = useExplorerStore((s) => s.progress);
  const exportFile = useExplorerStore((s) => s.exportFile);
  const importFile = useExplorerStore((s) => s.importFile);
  const input = useRef<HTMLInputElement>(null);
  const finished = !!progress && !progress.running;
  const failing = !!progress?.variants.some((v) => v.shortest);
  return (
    <div className="explore-files">
      <button type="button" onClick={() => void exportFile('json')} disabled={!finished}>
        {t('explorer.export.json')}
      </button>
      <button type="button" onClick={() => void exportFile('redis-cli')} disabled={!finished || !failing}>
        {t('explorer.export.cli')}
      </button>
      <button type="button" onClick={() => input.current?.click()} disabled={!!progress?.running}>
        {t('explorer.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={t('explorer.import')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}

/** The Explore tab: the race's invariant, the settings, every variant side by side live, and the shortest failing schedule as a step-through. */
export function ExplorerView() {
  const t = useT();
  const patternId = useSessionStore((s) => s.patternId);
  const description = useExplorerStore((s) => s.description);
  const progress = useExplorerStore((s) => s.progress);
  const error = useExplorerStore((s) => s.error);
  const imported = useExplorerStore((s) => s.imported);
  const load = useExplorerStore((s) => s.load);
  const [picked, setPicked] = useState<string>();
  useEffect(() => {
    void load();
  }, [load, patternId]);
  const shown = progress && progress.patternId === patternId ? progress : undefined;
  const variants = description?.variants ?? [];
  const failing = shown?.variants.filter((v) => v.shortest) ?? [];
  const focus = failing.find((v) => v.variantId === picked) ?? failing[0];
  const measure = shown?.measure ?? description?.measure;
  const importedLabel = imported?.variantId ? variants.find((v) => v.id === imported.variantId)?.label : undefined;
  // The import's outcome is said below the fold on a short window: brought into view, or choosing a file seemed to do nothing.
  const importedBox = useRef<HTMLElement>(null);
  useEffect(() => {
    if (imported) importedBox.current?.scrollIntoView({ block: 'nearest' });
  }, [imported]);
  if (!description) return null;
  return (
    <div className="explorer-view">
      <header className="explore-head">
        <h2>{t('explorer.title')}</h2>
        <p className="muted small">{t('explorer.intro')}</p>
        <p className="explore-invariant">
          <strong>{t('explorer.invariant')}:</strong> {t(description.invariant)}
        </p>
      </header>
      <Settings />
      <p className="small muted">{t('explorer.resetNote')}</p>
      {error && (
        <div className="notice error" role="alert">
          {error.msg ? t(error.msg) : error.message}
        </div>
      )}
      {shown && (
        <>
          <p className="explore-summary" role="status" aria-live="polite">
            {shown.variants.map((v) => (v.tried > 0 ? t('explorer.summary', { label: t(v.label), violations: v.violations, tried: v.tried }) : t('explorer.summaryNoneRun', { label: t(v.label) }))).join(' — ')}
            {' · '}
            {t('explorer.elapsed', { seconds: shown.elapsedMs / 1000 })}
          </p>
          {shown.error && (
            <div className="notice error" role="alert" data-testid="explore-error">
              {/* A host from before localized reasons sent plain text. */}
              {typeof shown.error === 'string' ? shown.error : t(shown.error)}
              {shown.errorDetail && (
                <details className="small">
                  <summary>{t('explorer.error.detail')}</summary>
                  <code className="mono">{shown.errorDetail}</code>
                </details>
              )}
            </div>
          )}
          <section className="explore-variants" aria-label={t('explorer.results')}>
            {shown.variants.map((v) => (
              <VariantCard key={v.variantId} label={v.label} v={v} progress={shown} />
            ))}
          </section>
          {!shown.running && (
            <section className="panel explore-shortest" aria-label={t('explorer.shortest')}>
              <div className="panel-header">
                <h3>{t('explorer.shortest')}</h3>
                {failing.length > 1 && (
                  <label className="small">
                    {t('explorer.shortest.variant')}{' '}
                    <select value={focus?.variantId} onChange={(e) => setPicked(e.target.value)}>
                      {failing.map((v) => (
                        <option key={v.variantId} value={v.variantId}>
                          {t(v.label)}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
              <div className="explore-shortest-body">
                {focus?.shortest && measure ? (
                  <>
                    <p className="small muted">{t(focus.label)}</p>
                    <ScheduleStepper schedule={focus.shortest} measure={measure} label={t('explorer.shortest')} keys={!imported?.result} />
                    <Suspense fallback={null}>
                      <ScheduleEditor key={focus.variantId} variantId={focus.variantId} found={focus.shortest} measure={measure} />
                    </Suspense>
                  </>
                ) : shown.variants.some((v) => v.violations > 0) ? (
                  // Schedules broke the invariant, yet none was shrunk (Redis was lost first): saying "none failed" would contradict the count above.
                  <p className="muted" data-testid="shortest-not-shrunk">
                    {t('explorer.shortest.notShrunk', { violations: shown.variants.reduce((n, v) => n + v.violations, 0) })}
                  </p>
                ) : (
                  <p className="muted">{t('explorer.shortest.none')}</p>
                )}
              </div>
            </section>
          )}
        </>
      )}
      <ImportExport />
      {imported && (
        <section ref={importedBox} className="panel explore-imported" aria-label={t('explorer.import.result', { file: imported.file, variant: importedLabel ? t(importedLabel) : (imported.variantId ?? '') })}>
          <div className="panel-header">
            <h3>
              {imported.result
                ? t('explorer.import.result', { file: imported.file, variant: importedLabel ? t(importedLabel) : (imported.variantId ?? '') })
                : imported.error
                  ? t('explorer.import.failed', { file: imported.file })
                  : t('explorer.import.replaying', { file: imported.file })}
            </h3>
          </div>
          <div className="explore-shortest-body">
            {imported.error && (
              <div className="notice error" role="alert">
                {typeof imported.error === 'string' ? imported.error : t(imported.error)}
              </div>
            )}
            {imported.result?.divergedAt !== undefined && (
              <div className="notice warn" role="status" data-testid="import-diverged">
                {t('explorer.import.diverged', { file: imported.file, step: imported.result.divergedAt, count: imported.result.diverged ?? 0 })}
              </div>
            )}
            {imported.params && (
              <div className="notice warn" role="status" data-testid="import-params">
                {t('explorer.import.params', { file: imported.file, fileParams: paramList(imported.params.file), ran: paramList(imported.params.ran) })}
              </div>
            )}
            {imported.result && measure && <ScheduleStepper schedule={imported.result} measure={measure} label={imported.file} />}
          </div>
        </section>
      )}
    </div>
  );
}
