import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPanel as SeriesData } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';
import { useThemeStore } from '../stores/theme-store';
import './series-chart.css';

const HEIGHT = 200;

/** The theme's colour for series `i` (and the axes' text and grid), read from the CSS variables the themes set. */
function themeColors(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { series: (i: number) => v(`--series-${i % 6}`, '#888'), text: v('--muted', '#888'), grid: v('--border', '#444') };
}

/**
 * uPlot wants one x array shared by every series: the union of the series'
 * x values, each series null where it has no point (drawn across the gap).
 */
function aligned(data: SeriesData): uPlot.AlignedData {
  const xs = [...new Set(data.series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = data.series.map((s) => {
    const column: (number | null)[] = new Array(xs.length).fill(null);
    for (const [x, y] of s.points) column[index.get(x)!] = y;
    return column;
  });
  return [xs, ...ys];
}

/**
 * Named series of points on one chart, drawn by uPlot on a canvas: made
 * for live series (a few ms per redraw, no animation, so nothing moves but
 * the data — reduced-motion settings have nothing to stop). Colours follow
 * the theme; a text legend under it gives each series' latest value for
 * screen readers and for anyone who reads numbers rather than lines.
 */
export function SeriesPanel({ data }: { data: SeriesData }) {
  const t = useT();
  const theme = useThemeStore((s) => s.resolved);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const points = useMemo(() => aligned(data), [data]);
  const names = data.series.map((s) => t(s.name));
  // A new chart only when what it draws changes shape (series, labels, theme); new points go through setData.
  const shape = JSON.stringify([names, data.series.map((s) => s.color), t(data.xLabel), t(data.yLabel), data.yRange, theme]);

  const latest = useRef(points);
  latest.current = points;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let chart: uPlot | undefined;
    let resize: ResizeObserver | undefined;
    // A frame later: the app sets the theme on <html> in its own effect, which runs after this one.
    const frame = requestAnimationFrame(() => {
      const colors = themeColors(el);
      const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
      const opts: uPlot.Options = {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: data.yRange ? { range: data.yRange } : { auto: true } },
        axes: [
          { ...axis, label: t(data.xLabel) },
          { ...axis, label: t(data.yLabel), size: 50 },
        ],
        series: [{}, ...data.series.map((s, i) => ({ label: names[i], stroke: colors.series(s.color), width: 2, spanGaps: true, points: { show: false } }))],
      };
      const made = new uPlot(opts, latest.current, el);
      chart = made;
      plot.current = made;
      resize = new ResizeObserver(() => made.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
      resize.observe(el);
    });
    return () => {
      cancelAnimationFrame(frame);
      resize?.disconnect();
      chart?.destroy();
      plot.current = null;
    };
    // Rebuilt on shape; points alone are handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(points);
  }, [points]);

  const title = t(data.title);
  const empty = data.series.every((s) => s.points.length === 0);
  const dropped = data.series.reduce((n, s) => n + s.dropped, 0);
  return (
    <section className="panel" role="region" aria-label={title}>
      <header className="panel-header">
        <h2>{title}</h2>
      </header>
      <figure className="series-figure" aria-label={t('ui.series.chart', { title, x: t(data.xLabel), y: t(data.yLabel) })}>
        <div ref={host} className="series-plot" data-testid="series-plot" data-points={data.series.reduce((n, s) => n + s.points.length, 0)} aria-hidden="true" />
        {empty && <p className="empty">{t('ui.series.empty')}</p>}
        <ul className="series-legend">
          {data.series.map((s, i) => {
            const last = s.points[s.points.length - 1];
            return (
              <li key={`${i}-${names[i]}`}>
                <span className="series-swatch" style={{ background: `var(--series-${s.color % 6})` }} />
                <span className="series-latest">{last ? t('ui.series.latest', { name: names[i], value: last[1], x: last[0] }) : names[i]}</span>
              </li>
            );
          })}
        </ul>
        {(data.caption || dropped > 0) && (
          <figcaption className="series-caption">
            {data.caption && <Msg m={data.caption} />}
            {dropped > 0 && <> {t('ui.series.dropped', { n: dropped })}</>}
          </figcaption>
        )}
      </figure>
    </section>
  );
}
