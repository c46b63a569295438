import { FormattedNumber } from 'react-intl';
import type { RequestsPanel as RequestsData } from '../../../shared/model';
import { actorName } from '../format';
import { Msg, useT } from '../i18n/Msg';
import './requests-panel.css';

/** Units between two neighbouring moments: at least MIN so bursts stay apart, at most MAX so long pauses do not eat the row. */
const MIN_STEP = 10;
const MAX_STEP = 40;
const PAD = 14;
const WIDTH = 800;

/**
 * A broken time axis: every moment that matters (a request, a window edge)
 * gets a position; gaps grow with elapsed time but stay between MIN_STEP
 * and MAX_STEP, and a gap cut short is drawn as a break. Bursts of
 * requests a few ms apart stay readable beside pauses of seconds.
 */
function axis(data: RequestsData) {
  const times = [...new Set([...data.rows.flatMap((r) => r.requests.map((q) => q.at)), ...data.boundaries])].sort((a, b) => a - b);
  const span = Math.max(1, data.to - data.from);
  const scale = 600 / span;
  const pos = new Map<number, number>();
  const breaks: number[] = [];
  let x = PAD;
  times.forEach((t, i) => {
    if (i > 0) {
      const want = (t - times[i - 1]) * scale;
      const step = Math.min(MAX_STEP, Math.max(MIN_STEP, want));
      if (want > MAX_STEP) breaks.push(x + step / 2);
      x += step;
    }
    pos.set(t, x);
  });
  // Stretched to at least WIDTH units, so a short run still spans the row.
  const stretch = Math.max(1, (WIDTH - 2 * PAD) / Math.max(1, x - PAD));
  const place = (v: number) => PAD + (v - PAD) * stretch;
  return { at: (t: number) => place(pos.get(t) ?? PAD), width: place(x) + PAD, breaks: breaks.map(place) };
}

const secs = (ms: number) => ms / 1000;

/** Requests over time, one row per limiter: each request allowed (filled) or denied (cross), window edges dashed, counts per window under the row. */
export function RequestsPanel({ data }: { data: RequestsData }) {
  const t = useT();
  const empty = data.rows.every((r) => r.requests.length === 0);
  const { at, width, breaks } = axis(data);
  const pct = (x: number) => `${(x / width) * 100}%`;
  return (
    <section className="panel requests-panel" role="region" aria-label={t(data.title)}>
      <header className="panel-header">
        <h2>
          <Msg m={data.title} />
        </h2>
        <span className="requests-legend small muted" aria-hidden="true">
          <span className="mark mark-allowed" /> {t('rate.panel.allowedMark')} <span className="mark mark-denied" /> {t('rate.panel.deniedMark')}
        </span>
      </header>
      {empty ? (
        <p className="empty">{t('rate.panel.empty')}</p>
      ) : (
        <div className="requests-rows">
          {data.rows.map((row) => (
            <div key={row.label.id} className={`requests-row tone-${row.tone ?? 'neutral'}`} role="group" aria-label={t(row.label)}>
              <div className="requests-row-head">
                <h3>
                  <Msg m={row.label} />
                </h3>
                <dl className="requests-figures">
                  {row.figures.map((f) => (
                    <div key={f.label.id} className={`requests-figure tone-${f.tone ?? 'neutral'}`}>
                      <dt>
                        <Msg m={f.label} />
                      </dt>
                      <dd className="mono">
                        <FormattedNumber value={f.value} />
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
              {/* Positioned in % of the row, so marks and counts keep their pixel size at any width. */}
              <div className="requests-track" role="img" aria-label={t(row.label)}>
                <span className="track-base" />
                {breaks.map((x) => (
                  <span key={`b${x}`} className="track-break" style={{ left: pct(x) }} aria-hidden="true">
                    ≈
                  </span>
                ))}
                {data.boundaries.map((b) => (
                  <span key={`e${b}`} className="track-edge" style={{ left: pct(at(b)) }} title={t('rate.panel.edge', { at: secs(b) })} />
                ))}
                {row.requests.map((q, i) => {
                  const label = t('rate.panel.request', {
                    time: secs(q.at),
                    who: actorName(q.actor, t, q.lane),
                    verdict: t(q.allowed ? 'rate.panel.allowedMark' : 'rate.panel.deniedMark'),
                    detail: q.detail ? t(q.detail) : '',
                  });
                  return (
                    <span
                      key={i}
                      className={q.allowed ? 'mark mark-allowed' : 'mark mark-denied'}
                      style={{ left: pct(at(q.at)) }}
                      title={label}
                      data-verdict={q.allowed ? 'allowed' : 'denied'}
                      data-at={q.at}
                    />
                  );
                })}
                {row.windows.map((w) => {
                  const inside = row.requests.filter((q) => q.at >= w.from && q.at < w.to).map((q) => at(q.at));
                  // Under the window's first request, so a break in the axis never sits on it.
                  const x = inside.length ? Math.min(...inside) : at(w.from);
                  return (
                    <span key={`w${w.from}`} className="track-count mono" style={{ left: pct(x) }} aria-hidden="true">
                      <span className="count-allowed">{w.allowed}</span> / <span className="count-denied">{w.denied}</span>
                    </span>
                  );
                })}
              </div>
              <ul className="requests-windows small">
                {row.windows.map((w) => (
                  <li key={w.from}>{t('rate.panel.window', { from: secs(w.from), to: secs(w.to), allowed: w.allowed, denied: w.denied })}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
