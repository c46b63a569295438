/** Small statistics for benchmark figures: median and spread, never a single lucky run. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: number[]) => quantile(values, 0.5);

/** "median (min–max)" of repeated runs, or "median (p10–p90)" of many samples. */
export function spread(values: number[], digits = 0, tails: 'range' | 'p10-p90' = 'range'): string {
  const lo = tails === 'range' ? Math.min(...values) : quantile(values, 0.1);
  const hi = tails === 'range' ? Math.max(...values) : quantile(values, 0.9);
  return `${median(values).toFixed(digits)} (${lo.toFixed(digits)}–${hi.toFixed(digits)})`;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Samples the heap while work runs. The peak includes garbage not yet
 * collected; `retainedMb` (after a forced GC, when --expose-gc is on) is
 * what the work kept: what a bounded log must hold down.
 */
export function heapSampler(everyMs = 20): { stop(): { peakMb: number; startMb: number; retainedMb: number } } {
  const mb = () => process.memoryUsage().heapUsed / 1024 / 1024;
  gc?.();
  const startMb = mb();
  let peakMb = startMb;
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, mb());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peakMb = Math.max(peakMb, mb());
      gc?.();
      return { peakMb, startMb, retainedMb: mb() - startMb };
    },
  };
}
