import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { timeColumns } from './time-columns';
import 'uplot/dist/uPlot.min.css';
import type { ServerSample } from '../../../../shared/server-console';
import { useLocaleStore } from '../../i18n/locale-store';
import { useThemeStore } from '../../stores/theme-store';

const HEIGHT = 150;
const MIN_SPAN_S = 60;
const FALLBACK = ['#4f9dff', '#c084fc', '#f5a524', '#ff6369', '#2dd4bf', '#3dd68c'];

export interface TimeSeries {
  label: string;
  /** Which of the theme's chart colours (--series-0 … 5). */
  color: number;
  /** The value to draw, or null for a gap (no reads in that second). */
  value: (s: ServerSample) => number | null;
}

/**
 * A live line chart over wall-clock time, drawn by uPlot on a canvas: one
 * redraw (setData) per new sample, no animation, the last ten minutes on the
 * x axis. Colours follow the theme's chart variables; `yRange` fixes the y
 * axis (0–100 for a percentage). The canvas is hidden from screen readers:
 * the figures beside it say the same in text.
 */
export function TimeChart({ title, samples, version, series, yRange, formatY }: { title: string; samples: ServerSample[]; version: number; series: TimeSeries[]; yRange?: [number, number]; formatY?: (n: number) => string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useThemeStore((s) => s.resolved);
  const locale = useLocaleStore((s) => s.locale);
  const latest = useRef({ samples, series });
  latest.current = { samples, series };
  const shape = JSON.stringify([series.map((s) => [s.label, s.color]), yRange, theme, locale]);

  const columns = (): uPlot.AlignedData => {
    const { samples: list, series: lines } = latest.current;
    return timeColumns(list, lines);
  };

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const color = (i: number) => css.getPropertyValue(`--series-${i % 6}`).trim() || FALLBACK[i % 6];
    const text = css.getPropertyValue('--muted').trim() || '#888';
    const grid = css.getPropertyValue('--border').trim() || '#444';
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const chart = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          // The window ends at the newest sample and spans what is kept, at least a minute, so the axis reads in seconds, not milliseconds.
          x: { time: true, range: (_u, min, max) => [Math.min(min, max - MIN_SPAN_S), max] },
          y: yRange ? { range: yRange } : { auto: true, range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
        // One line per time tick in the app's language: uPlot's default adds a date line under the first tick, which
        // ran into the next label on a narrow panel.
        axes: [
          { ...axis, space: 80, values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })) },
          { ...axis, size: 80, values: formatY ? (_u, ticks) => ticks.map(formatY) : undefined },
        ],
        series: [{}, ...latest.current.series.map((s) => ({ label: s.label, stroke: color(s.color), width: 2, points: { show: false } }))],
      },
      columns(),
      el,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Rebuilt when what it draws changes shape; new samples go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(columns());
  }, [version]);

  return (
    <figure className="server-chart">
      <figcaption>
        {title}
        {series.length > 1 &&
          series.map((s) => (
            <span key={s.label} className="server-chart-key">
              <span className="server-chart-swatch" style={{ background: `var(--series-${s.color % 6}, ${FALLBACK[s.color % 6]})` }} />
              {s.label}
            </span>
          ))}
      </figcaption>
      <div ref={host} className="server-chart-plot" data-testid="server-chart" data-points={samples.length} aria-hidden="true" />
    </figure>
  );
}
