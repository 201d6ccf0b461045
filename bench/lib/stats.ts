/** Percentiles of samples and the median/min/max summary every published figure is given as. */

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Each run's value, in the order run. */
  runs: number[];
}

export function summarize(runs: readonly number[]): Summary {
  return { median: percentile(runs, 50), min: Math.min(...runs), max: Math.max(...runs), runs: [...runs] };
}

/** Rounds for display: 3 significant digits under 100, whole numbers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}
