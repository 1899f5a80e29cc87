// The nearest-rank percentile the app benches report beside the median (p90 of a handful of runs is
// the slowest run but one, or the slowest when there are fewer than ten).

/**
 * The smallest value at or above which `p` percent of `values` lie (nearest rank, ceil(p/100 * n)).
 * Throws RangeError when `values` is empty or `p` is outside 0 < p <= 100.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0 < p <= 100`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}
