/**
 * Scoring one pair: the 24-hour windows it is scored on, its samples per window (one per Zeek uid
 * for name pairs, bytes joined by uid), and the RITA scores of each window (beacon-score.ts); the
 * best window wins. A window with at least `strobeConnections` connections is a strobe instead.
 * Input: a PairState, the dataset range, the options. Output: the best BeaconResult, strobe count.
 */
import {
  beaconScore,
  bucketedScore,
  dataSizeScore,
  durationScore,
  histogramScore,
  threatCategory,
  timestampScore,
} from "./beacon-score.js";
import type { BeaconResult } from "./frequency-findings.js";
import type { FrequencyOptions } from "./frequency-options.js";
import type { PairSample } from "./pair-samples.js";
import type { PairState } from "./pair-table.js";

/** First and last second of a dataset (one per Zeek capture or Sysmon host). */
export interface TimeRange {
  min: number;
  max: number;
}

/** One analysis window, in epoch seconds. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** What scoring needs besides the pair. */
export interface ScoringContext {
  readonly range: TimeRange | undefined;
  readonly options: FrequencyOptions;
  /** Zeek uid → bytes sent by the initiator, for http/ssl name pairs */
  readonly uidBytes: ReadonlyMap<string, number>;
}

/** The best beacon window of a pair and the largest strobe count, if any. */
export interface WindowScores {
  readonly beacon?: BeaconResult;
  readonly strobe?: number;
}

/** Scores of one window, or why there were none. */
type WindowOutcome =
  | { readonly kind: "beacon"; readonly result: BeaconResult }
  | { readonly kind: "strobe"; readonly connections: number }
  | { readonly kind: "none" };

/**
 * The analysis windows of a pair: the 24-hour grid counted back from the end of its range (RITA
 * scores the last cell), restricted to the cells where the pair has connections, most recent
 * first, at most `maxWindows` of them.
 */
export function pairWindows(p: PairState, r: TimeRange | undefined, o: FrequencyOptions): TimeWindow[] {
  if (!r || r.max <= r.min) return [];
  const w = Math.max(1, Math.round(o.windowHours * 3600));
  const cells = new Set<number>();
  for (const s of p.samples.within(r.min, r.max)) cells.add(Math.floor((r.max - s.second) / w));
  const out: TimeWindow[] = [];
  for (const k of [...cells].sort((a, b) => a - b).slice(0, o.maxWindows)) {
    const end = r.max - k * w;
    if (end <= r.min) continue;
    out.push({ start: Math.max(r.min, end - w), end });
  }
  return out;
}

/** Samples of a name pair: one per Zeek uid (several HTTP requests on one connection count once). */
export function dedupeByUid(p: PairState, samples: PairSample[]): PairSample[] {
  if (p.kind !== "sni") return samples;
  const seen = new Set<string>();
  return samples.filter((s) => {
    if (s.uid === undefined) return true;
    if (seen.has(s.uid)) return false;
    seen.add(s.uid);
    return true;
  });
}

function bytesOf(p: PairState, s: PairSample, uidBytes: ReadonlyMap<string, number>): number | undefined {
  if (s.bytes !== undefined) return s.bytes;
  return p.kind === "sni" && s.uid !== undefined ? uidBytes.get(s.uid) : undefined;
}

function scoreWindow(p: PairState, w: TimeWindow, ctx: ScoringContext): WindowOutcome {
  const o = ctx.options;
  const { start, end } = w;
  const count = p.samples.countWithin(start, end);
  if (count >= o.strobeConnections) return { kind: "strobe", connections: count };
  const samples = dedupeByUid(p, p.samples.within(start, end));
  const seconds = samples.map((s) => s.second);
  if (new Set(seconds).size < o.scoring.uniqueConnectionThreshold) return { kind: "none" };
  const timestamp = timestampScore(seconds);
  if (!timestamp) return { kind: "none" };
  const bytes: number[] = [];
  for (const s of samples) {
    const b = bytesOf(p, s, ctx.uidBytes);
    if (b !== undefined) bytes.push(b);
  }
  // Data size only when most connections have a byte count (Sysmon 3 has none: weights renormalized).
  const dataSize = bytes.length * 2 >= samples.length ? dataSizeScore(bytes) : undefined;
  const hist = histogramScore(start, end, seconds, o.scoring);
  if (!hist) return { kind: "none" };
  const first = seconds[0];
  const last = seconds[seconds.length - 1];
  const dur = durationScore(start, end, first, last, hist.totalBars, hist.longestRun, o.scoring);
  if (!dur) return { kind: "none" };
  const score = beaconScore(
    { timestamp: timestamp.score, dataSize: dataSize?.score, duration: dur.score, histogram: hist.score },
    o.scoring,
  );
  const category = threatCategory(bucketedScore(score * 100, o.beaconThresholds));
  return {
    kind: "beacon",
    result: {
      score,
      category,
      timestamp,
      dataSize,
      histogram: hist.score,
      duration: dur.score,
      connections: samples.length,
      windowStart: start,
      windowEnd: end,
      first,
      last,
    },
  };
}

/** Best beacon window of a pair (highest score, latest window on ties), and its strobe count if any. */
export function bestWindow(p: PairState, ctx: ScoringContext): WindowScores {
  let beacon: BeaconResult | undefined;
  let strobe: number | undefined;
  for (const w of pairWindows(p, ctx.range, ctx.options)) {
    const outcome = scoreWindow(p, w, ctx);
    if (outcome.kind === "strobe") strobe = Math.max(strobe ?? 0, outcome.connections);
    else if (outcome.kind === "beacon" && (!beacon || outcome.result.score > beacon.score))
      beacon = outcome.result;
  }
  return { beacon, strobe };
}
