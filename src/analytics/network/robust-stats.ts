/**
 * Robust statistics shared by the network analytics: median, quartiles and the median absolute
 * deviation, with the exact conventions of the Go library RITA uses (github.com/montanaflynn/stats:
 * the median of an even count is the mean of the two middle values; Q1/Q3 are the medians of the
 * lower/upper halves, the middle value excluded for odd counts), so beacon scores match RITA's.
 * Input: arrays of numbers (not modified). Output: numbers (NaN for empty input).
 */

/** Ascending copy. */
export function sortedCopy(values: readonly number[]): number[] {
  // Float64Array sorts numerically (Array#sort would compare as strings).
  return Array.from(Float64Array.from(values).sort());
}

/** Median of values already sorted ascending. */
export function medianOfSorted(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n % 2 === 0) return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return sorted[(n - 1) / 2];
}

/** Median of any values. */
export function median(values: readonly number[]): number {
  return medianOfSorted(sortedCopy(values));
}

export interface Quartiles {
  readonly q1: number;
  readonly q2: number;
  readonly q3: number;
}

/** Quartiles as montanaflynn/stats computes them; undefined for fewer than 2 values. */
export function quartiles(values: readonly number[]): Quartiles | undefined {
  const n = values.length;
  if (n < 2) return undefined;
  const s = sortedCopy(values);
  const c1 = n % 2 === 0 ? n / 2 : (n - 1) / 2;
  const c2 = n % 2 === 0 ? n / 2 : c1 + 1;
  return { q1: medianOfSorted(s.slice(0, c1)), q2: medianOfSorted(s), q3: medianOfSorted(s.slice(c2)) };
}

/** Median absolute deviation about the median (not scaled). */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/**
 * Robust z-score of `x` against a baseline: (x − median) / (1.4826 · MAD). With a MAD of 0 (a
 * perfectly regular baseline) any larger value is infinitely far; equal values are 0.
 */
export function robustZ(x: number, baselineMedian: number, baselineMad: number): number {
  const spread = 1.4826 * baselineMad;
  if (spread === 0) return x === baselineMedian ? 0 : x > baselineMedian ? Infinity : -Infinity;
  return (x - baselineMedian) / spread;
}
