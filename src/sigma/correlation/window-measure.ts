/**
 * What a correlation measures over one window of one group. Input: the window's entries (in time order,
 * ties in arrival order), the correlation type, the number of referenced rules and, for
 * value_percentile, the percentile. Output: the number the condition is tested against (a count, sum,
 * average or percentile), or undefined when the window holds no value to measure.
 */
import type { CorrelationType } from "./correlation-type.js";

/** The part of a window entry the measures need. */
export interface MeasuredEntry {
  /** Index of the matched rule in `correlation.rules` */
  readonly ruleIndex: number;
  /** value_count: the distinct-value key; value_sum/avg/percentile: the number; else undefined */
  readonly value: string | number | undefined;
}

/** Measures `entries` (sorted by time, then arrival) for a correlation of `type`. */
export function measureWindow(
  type: CorrelationType,
  entries: readonly MeasuredEntry[],
  ruleCount: number,
  percentile: number | undefined,
): number | undefined {
  switch (type) {
    case "event_count":
      return entries.length;
    case "value_count":
      return new Set(entries.map((e) => e.value)).size;
    case "temporal":
      return new Set(entries.map((e) => e.ruleIndex)).size;
    case "temporal_ordered":
      return longestOrderedChain(entries, ruleCount);
    case "value_sum":
      return entries.length === 0 ? undefined : sum(numbers(entries));
    case "value_avg":
      return entries.length === 0 ? undefined : sum(numbers(entries)) / entries.length;
    case "value_percentile":
      return entries.length === 0 ? undefined : percentileOf(numbers(entries), percentile ?? 50);
  }
}

function numbers(entries: readonly MeasuredEntry[]): number[] {
  return entries.map((e) => (typeof e.value === "number" ? e.value : 0));
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * The number of referenced rules that matched in the order `correlation.rules` lists them: the longest
 * chain r[i1] < r[i2] < … (i1 < i2 < …) whose events follow one another in time. With the default
 * condition (all rules) this is the whole list in order.
 */
export function longestOrderedChain(entries: readonly MeasuredEntry[], ruleCount: number): number {
  // best[i]: the longest chain so far that ends with rule i (built only from earlier entries)
  const best = new Array<number>(ruleCount).fill(0);
  let longest = 0;
  for (const e of entries) {
    let before = 0;
    for (let j = 0; j < e.ruleIndex; j++) before = Math.max(before, best[j] as number);
    const chain = before + 1;
    if (chain > (best[e.ruleIndex] as number)) best[e.ruleIndex] = chain;
    if (chain > longest) longest = chain;
  }
  return longest;
}

/**
 * The p-th percentile (0–100) with linear interpolation between the closest ranks (the "inclusive"
 * definition of numpy's default, Excel's PERCENTILE.INC): rank h = (n − 1)·p/100 in the sorted values,
 * result x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The 50th percentile is the median.
 */
export function percentileOf(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
