import type { CSSProperties } from 'react';
import type { LanesPanel as LanesData } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';
import './lanes.css';

type Span = LanesData['lanes'][number]['spans'][number];

/** Where a range of moments sits on the track, as percentages of its width. */
function place(from: number, to: number, moments: number): CSSProperties {
  return { left: `${(from / moments) * 100}%`, width: `${((to - from + 1) / moments) * 100}%` };
}

/** How many moments a mark's label may use: up to the lane's next mark, at most 4, never past the axis. */
function markWidth(marks: LanesData['lanes'][number]['marks'], i: number, moments: number): number {
  const at = marks[i].at;
  const next = marks.filter((m) => m.at > at).reduce((min, m) => Math.min(min, m.at), moments);
  return Math.max(1, Math.min(4, next - at));
}

/**
 * Who did what over time: one lane per actor, its spans (solid: inside,
 * outline: held for it) and marks on an axis of moments; moments where
 * solid spans of several lanes overlap are highlighted across every lane.
 */
export function LanesPanel({ data }: { data: LanesData }) {
  const t = useT();
  const n = data.moments.length;
  const last = n - 1;
  const spanText = (s: Span) => (s.to === null ? t('ui.lanes.open', { label: t(s.label) }) : t(s.label));
  const momentText = (i: number) => t('ui.lanes.moment', { n: i + 1, what: t(data.moments[i]) });
  return (
    <section className="panel lanes-panel" role="region" aria-label={t(data.title)}>
      <header className="panel-header">
        <h2>
          <Msg m={data.title} />
        </h2>
        <span className="lanes-legend small muted">
          <span className="lanes-legend-item">
            <span className="lanes-key lanes-key-solid" aria-hidden="true" />
            <Msg m={data.legend.solid} />
          </span>
          <span className="lanes-legend-item">
            <span className="lanes-key lanes-key-outline" aria-hidden="true" />
            <Msg m={data.legend.outline} />
          </span>
          <span className="lanes-legend-item">
            <span className="lanes-key lanes-key-overlap" aria-hidden="true" />
            {t('ui.lanes.overlapLegend')}
          </span>
        </span>
      </header>
      {n === 0 ? (
        <p className="empty">{t('ui.lanes.empty')}</p>
      ) : (
        <div className="lanes-grid" style={{ '--moments': n } as CSSProperties}>
          <div className="lanes-axis" aria-hidden="true">
            <span />
            <div className="lanes-track">
              {data.moments.map((m, i) => (
                <span key={i} className="lanes-tick" style={place(i, i, n)} title={momentText(i)}>
                  {i + 1}
                </span>
              ))}
            </div>
          </div>
          <div className="lanes-body">
            <div className="lanes-overlaps">
              {data.overlaps.map((o, i) => (
                <div key={i} className="lanes-overlap" style={place(o.from, o.to, n)} role="note" aria-label={t(o.label)}>
                  <span className={`lanes-overlap-label ${o.from >= n / 2 ? 'lanes-overlap-label-end' : 'lanes-overlap-label-start'}`}>
                    <Msg m={o.label} />
                  </span>
                </div>
              ))}
            </div>
            {data.lanes.map((lane) => (
              <div key={lane.actor} className="lanes-row">
                <span className={`actor-chip actor-${lane.actor} lanes-name`}>{t(lane.name)}</span>
                <ul className="lanes-track" aria-label={t(lane.name)}>
                  {lane.spans.map((s, i) => (
                    <li
                      key={`s${i}`}
                      className={`lanes-span lanes-span-${s.style} actor-${s.style === 'solid' ? lane.actor : 'none'} actor-border-${lane.actor} tone-${s.tone ?? 'neutral'}${s.to === null ? ' lanes-span-open' : ''}`}
                      style={place(s.from, s.to ?? last, n)}
                      title={`${spanText(s)} · ${momentText(s.from)}`}
                    >
                      <span className="lanes-span-label">{spanText(s)}</span>
                    </li>
                  ))}
                  {lane.marks.map((m, i) => (
                    <li key={`m${i}`} className={`lanes-mark tone-${m.tone ?? 'neutral'}`} style={place(m.at, m.at + markWidth(lane.marks, i, n) - 1, n)} title={`${t(m.label)} · ${momentText(m.at)}`}>
                      <span className="lanes-mark-label">
                        <Msg m={m.label} />
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
          <details className="lanes-moments small">
            <summary className="muted">{t('ui.lanes.momentsList', { n })}</summary>
            <ol>
              {data.moments.map((m, i) => (
                <li key={i} className="mono">
                  <Msg m={m} />
                </li>
              ))}
            </ol>
          </details>
        </div>
      )}
    </section>
  );
}
