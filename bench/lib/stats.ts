/** Summaries of timing samples (ms) and the ratios every figure is reported as. */

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Linear interpolation between closest ranks; `sorted` ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function summarise(samples: number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  const mean = list.reduce((a, b) => a + b, 0) / (list.length || 1);
  return {
    count: list.length,
    min: round(list[0] ?? NaN),
    p50: round(percentile(list, 50)),
    p95: round(percentile(list, 95)),
    p99: round(percentile(list, 99)),
    max: round(list[list.length - 1] ?? NaN),
    mean: round(mean),
  };
}

export function median(samples: number[]): number {
  return percentile(Array.from(Float64Array.from(samples).sort()), 50);
}

/** measured / baseline, two decimals; null when the baseline is not positive. */
export function ratio(measured: number, baseline: number): number | null {
  if (!Number.isFinite(measured) || !Number.isFinite(baseline) || baseline <= 0) return null;
  return round(measured / baseline, 2);
}
