/**
 * The nearest-rank percentile of `values`, `p` from 0 to 1: the value at that rank once sorted.
 * `values` is left as it was; NaN when it is empty.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);

  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}
