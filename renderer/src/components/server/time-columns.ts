import type { ServerSample } from '../../../../shared/server-console';

/** A pause between two samples longer than this is a gap in the line (they come once a second). */
export const GAP_MS = 2500;

/**
 * The chart's columns: seconds on x, one row of values per series. Samples
 * come once a second while the panel is shown and not at all while it is
 * hidden: a longer pause gets one null point inside it, which uPlot draws as
 * a gap, not as a line across seconds nobody measured.
 */
export function timeColumns(samples: ServerSample[], series: { value: (s: ServerSample) => number | null }[]): [number[], ...(number | null)[][]] {
  const xs: number[] = [];
  const ys: (number | null)[][] = series.map(() => []);
  samples.forEach((s, i) => {
    if (i > 0 && s.at - samples[i - 1].at > GAP_MS) {
      xs.push((samples[i - 1].at + s.at) / 2000);
      for (const y of ys) y.push(null);
    }
    xs.push(s.at / 1000);
    series.forEach((line, j) => ys[j].push(line.value(s)));
  });
  return [xs, ...ys];
}
