/**
 * RITA's beacon scoring, reproduced: the math of activecm/rita `analysis/beacons.go` (v5; read at
 * commit 0b6db7afdaf32203a0bb492545c7d4bf05ede24d) with its default weights and thresholds from
 * `config/config.go`, and the quartile/median/MAD conventions of github.com/montanaflynn/stats.
 *
 * - timestamp score: deltas between the sorted whole-second connection times (zero deltas dropped);
 *   (Bowley-skew score + MAD score) / 2, MAD score defaulting to 1 when the median delta is < 1 s
 * - data-size score: the same on the bytes sent by the initiator, MAD score defaulting to 0
 * - histogram score: 24 bins over the dataset window; max(1 − coefficient of variation,
 *   bimodal fit = share of non-empty bins in the two most common bar heights, once ≥ 11 bins are lit)
 * - duration score: once ≥ 6 bins are lit, max(coverage of the window, longest run of lit bins / 12)
 * - beacon score: weighted mean (¼ each), rounded to 3 decimals like every sub-score.
 *
 * Input: whole-second timestamps, byte counts, the dataset window. Output: the scores (pure functions).
 */
import { medianOfSorted, quartiles, sortedCopy } from "../robust-stats.js";

/** RITA's configurable beacon parameters (config.go `Beacon`), with its defaults below. */
export interface BeaconScoring {
  /** Minimum distinct connection times for a pair to be scored (RITA: unique_connection_threshold) */
  readonly uniqueConnectionThreshold: number;
  readonly timestampWeight: number;
  readonly dataSizeWeight: number;
  readonly durationWeight: number;
  readonly histogramWeight: number;
  /** Lit histogram bins needed before the duration score counts (duration_min_hours_seen) */
  readonly durationMinHours: number;
  /** Longest run of lit bins that scores 1 (duration_consistency_ideal_hours_seen) */
  readonly durationIdealConsistentHours: number;
  /** Bar heights within this share of the tallest bar count as one mode (histogram_mode_sensitivity) */
  readonly histogramModeSensitivity: number;
  /** Lit bins ignored as outliers by the bimodal fit (histogram_bimodal_outlier_removal) */
  readonly histogramBimodalOutlierRemoval: number;
  /** Lit bins needed before the bimodal fit counts (histogram_bimodal_min_hours_seen) */
  readonly histogramBimodalMinHours: number;
  /** Number of histogram bins over the window (RITA: 24, one per hour of a day) */
  readonly histogramBins: number;
}

export const RITA_BEACON_SCORING: BeaconScoring = {
  uniqueConnectionThreshold: 4,
  timestampWeight: 0.25,
  dataSizeWeight: 0.25,
  durationWeight: 0.25,
  histogramWeight: 0.25,
  durationMinHours: 6,
  durationIdealConsistentHours: 12,
  histogramModeSensitivity: 0.05,
  histogramBimodalOutlierRemoval: 1,
  histogramBimodalMinHours: 11,
  histogramBins: 24,
};

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export interface StatisticalScore {
  readonly score: number;
  readonly skew: number;
  readonly mad: number;
  readonly median: number;
}

/** Bowley skewness (Q1 + Q3 − 2·Q2) / (Q3 − Q1), 0 when the IQR is < 10 or Q2 touches Q1/Q3. */
export function bowleySkewness(values: readonly number[]): { skew: number; score: number } | undefined {
  if (values.length < 3) return undefined;
  const q = quartiles(values);
  if (!q) return undefined;
  const den = q.q3 - q.q1;
  let skew = 0;
  if (den >= 10 && q.q2 !== q.q1 && q.q2 !== q.q3) skew = (q.q1 + q.q3 - 2 * q.q2) / den;
  return { skew, score: 1 - Math.abs(skew) };
}

/** MAD score (median − MAD) / median; `defaultScore` when the median is < 1; never below 0. */
export function madScore(
  values: readonly number[],
  defaultScore: number,
): { mad: number; score: number; median: number } {
  const sorted = sortedCopy(values);
  const m = medianOfSorted(sorted);
  const mad = medianOfSorted(sortedCopy(sorted.map((v) => Math.abs(v - m))));
  let score = defaultScore;
  if (m >= 1) score = (m - mad) / m;
  if (score < 0 || Number.isNaN(score)) score = 0;
  return { mad, score, median: m };
}

/** (skew score + MAD score) / 2, rounded (RITA calculateStatisticalScore). */
export function statisticalScore(
  values: readonly number[],
  defaultMadScore: number,
): StatisticalScore | undefined {
  if (values.length === 0) return undefined;
  const skew = bowleySkewness(values);
  if (!skew) return undefined;
  const mad = madScore(values, defaultMadScore);
  return { score: round3((skew.score + mad.score) / 2), skew: skew.skew, mad: mad.mad, median: mad.median };
}

/**
 * Timestamp score from whole-second connection times (any order; repeats allowed). Undefined when
 * there are fewer than 4 times or fewer than 3 non-zero intervals (RITA errors out: no beacon).
 */
export function timestampScore(seconds: readonly number[]): StatisticalScore | undefined {
  if (seconds.length < 4) return undefined;
  const ts = sortedCopy(seconds);
  const deltas: number[] = [];
  for (let i = 0; i < ts.length - 1; i++) {
    const d = ts[i + 1] - ts[i];
    if (d > 0) deltas.push(d);
  }
  if (deltas.length < 3) return undefined;
  return statisticalScore(deltas, 1);
}

/** Data-size score from per-connection byte counts; undefined for fewer than 3 values. */
export function dataSizeScore(bytes: readonly number[]): StatisticalScore | undefined {
  if (bytes.length < 3) return undefined;
  return statisticalScore(bytes, 0);
}

export interface HistogramScore {
  /** Connections per bin */
  readonly bins: readonly number[];
  /** Non-empty bins */
  readonly totalBars: number;
  /** Longest run of non-empty bins, wrapping from the end of the window to its start */
  readonly longestRun: number;
  readonly cvScore: number;
  readonly bimodalScore: number;
  readonly score: number;
}

/** Bin edges: `bins` equal steps from start to end, the last edge exactly `end` (computeHistogramBins). */
function binEdges(start: number, end: number, bins: number): number[] {
  const step = (end - start) / bins;
  const edges = [start];
  for (let i = 1; i < bins; i++) edges.push(start + i * step);
  edges.push(end);
  return edges;
}

/** Connections per bin, the way RITA's createHistogram walks sorted times over the edges. */
function fillBins(edges: readonly number[], sortedSeconds: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  let current = 0;
  let nextEdge = edges[1];
  for (const t of sortedSeconds) {
    if (t < nextEdge) {
      counts[current]++;
      continue;
    }
    for (let j = current + 1; j < edges.length - 1; j++) {
      current = j;
      nextEdge = edges[j + 1];
      if (t < edges[j + 1]) break;
    }
    counts[current]++;
  }
  return counts;
}

/** Histogram score over the dataset window [start, end] (seconds); undefined if the window is empty. */
export function histogramScore(
  start: number,
  end: number,
  seconds: readonly number[],
  scoring: BeaconScoring = RITA_BEACON_SCORING,
): HistogramScore | undefined {
  if (seconds.length === 0 || end <= start || scoring.histogramBins < 1) return undefined;
  const bins = fillBins(binEdges(start, end, scoring.histogramBins), sortedCopy(seconds));
  let totalBars = 0;
  let largest = 0;
  for (const b of bins) {
    if (b > 0) totalBars++;
    if (b > largest) largest = b;
  }
  // Frequency of bar heights, heights grouped by a bin of `sensitivity` × the tallest bar.
  const binSize = Math.ceil(largest * scoring.histogramModeSensitivity);
  const freq = new Map<number, number>();
  let longestRun = 0;
  let run = 0;
  for (let i = 0; i < bins.length * 2; i++) {
    const f = bins[i % bins.length];
    if (f > 0) run++;
    else {
      if (run > longestRun) longestRun = run;
      run = 0;
    }
    if (i < bins.length && f > 0) {
      const height = Math.floor(f / binSize) * binSize;
      freq.set(height, (freq.get(height) ?? 0) + 1);
    }
  }
  if (run > longestRun) longestRun = run;
  if (longestRun > bins.length) longestRun = bins.length;

  // Coefficient of variation (population standard deviation / mean).
  const total = bins.reduce((s, b) => s + b, 0);
  const mean = total / bins.length;
  const sd = Math.sqrt(bins.reduce((s, b) => s + (b - mean) ** 2, 0) / bins.length);
  const cv = sd / Math.abs(mean);
  const cvScore = cv > 1 ? 0 : Math.min(1, round3(1 - cv));

  // Bimodal fit: share of lit bins in the two most common bar heights.
  let bimodal = 0;
  const minHours = scoring.histogramBimodalMinHours < 6 ? 11 : scoring.histogramBimodalMinHours;
  if (totalBars >= minHours) {
    let first = 0;
    let second = 0;
    for (const v of freq.values()) {
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) second = v;
    }
    bimodal = (first + second) / Math.max(totalBars - scoring.histogramBimodalOutlierRemoval, 1);
  }
  const bimodalScore = Math.min(1, round3(bimodal));
  return { bins, totalBars, longestRun, cvScore, bimodalScore, score: Math.max(cvScore, bimodalScore) };
}

export interface DurationScore {
  readonly coverage: number;
  readonly consistency: number;
  readonly score: number;
}

/**
 * Duration score: 0 until `durationMinHours` bins are lit; then the larger of the share of the
 * window between the pair's first and last connection and the longest lit run / ideal run.
 */
export function durationScore(
  start: number,
  end: number,
  first: number,
  last: number,
  totalBars: number,
  longestRun: number,
  scoring: BeaconScoring = RITA_BEACON_SCORING,
): DurationScore | undefined {
  if (end <= start || last <= first) return undefined;
  if (totalBars < scoring.durationMinHours) return { coverage: 0, consistency: 0, score: 0 };
  const coverage = Math.min(1, Math.ceil(((last - first) / (end - start)) * 1000) / 1000);
  const consistency = Math.min(
    1,
    Math.ceil((longestRun / scoring.durationIdealConsistentHours) * 1000) / 1000,
  );
  return { coverage, consistency, score: Math.max(coverage, consistency) };
}

/** The four sub-scores; a missing data-size score (no byte counts) is left out and the weights renormalized. */
export interface BeaconSubScores {
  readonly timestamp: number;
  readonly dataSize: number | undefined;
  readonly duration: number;
  readonly histogram: number;
}

/** Weighted beacon score, rounded to 3 decimals (RITA getBeaconScore). */
export function beaconScore(s: BeaconSubScores, scoring: BeaconScoring = RITA_BEACON_SCORING): number {
  let sum = s.timestamp * scoring.timestampWeight + s.duration * scoring.durationWeight;
  sum += s.histogram * scoring.histogramWeight;
  let weights = scoring.timestampWeight + scoring.durationWeight + scoring.histogramWeight;
  if (s.dataSize !== undefined) {
    sum += s.dataSize * scoring.dataSizeWeight;
    weights += scoring.dataSizeWeight;
  }
  return weights > 0 ? round3(sum / weights) : 0;
}

/** RITA's threat buckets (config.go ScoreThresholds): below `base` nothing; then low, medium, high. */
export interface ScoreThresholds {
  readonly base: number;
  readonly low: number;
  readonly medium: number;
  readonly high: number;
}

/** RITA's default beacon thresholds, in percent of the beacon score. */
export const RITA_BEACON_THRESHOLDS: ScoreThresholds = { base: 50, low: 75, medium: 90, high: 100 };

/** RITA's default long-connection thresholds, in seconds (1 h, 4 h, 8 h, 12 h). */
export const RITA_LONG_CONNECTION_THRESHOLDS: ScoreThresholds = {
  base: 3600,
  low: 4 * 3600,
  medium: 8 * 3600,
  high: 12 * 3600,
};

/** Threat categories of RITA, weakest first. */
export const THREAT_CATEGORIES = ["none", "low", "medium", "high"] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

/**
 * RITA calculateBucketedScore: 0 below `base`, then linear between the category scores 0.2 / 0.4 /
 * 0.6 / 0.8 at the thresholds, capped at `high`.
 */
export function bucketedScore(value: number, t: ScoreThresholds): number {
  if (value < t.base) return 0;
  let score: number;
  if (value < t.low) score = 20 + ((value - t.base) / (t.low - t.base)) * 20;
  else if (value < t.medium) score = 40 + ((value - t.low) / (t.medium - t.low)) * 20;
  else score = 60 + ((Math.min(value, t.high) - t.medium) / (t.high - t.medium)) * 20;
  return score / 100;
}

/** RITA GetImpactCategoryFromScore: > 0.6 high, > 0.4 medium, > 0.2 low, else none. */
export function threatCategory(bucketed: number): ThreatCategory {
  if (bucketed > 0.6) return "high";
  if (bucketed > 0.4) return "medium";
  if (bucketed > 0.2) return "low";
  return "none";
}
