import type { SeriesPanel } from '../../../shared/model';

type Series = SeriesPanel['series'][number];

/** The most points one series keeps: a chart's ring, the oldest dropped and counted. */
export const SERIES_CAPACITY = 240;

/** Appends a point to a series, dropping (and counting) the oldest once it holds `capacity`. */
export function pushPoint(series: Series, x: number, y: number, capacity = SERIES_CAPACITY): void {
  series.points.push([x, y]);
  const over = series.points.length - capacity;
  if (over > 0) {
    series.points.splice(0, over);
    series.dropped += over;
  }
}
