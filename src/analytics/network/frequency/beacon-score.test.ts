/**
 * RITA's own unit-test vectors (activecm/rita analysis/beacons_test.go) run against our port of
 * the math: same inputs, same expected figures (to 0.001, as RITA checks them).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  beaconScore,
  bucketedScore,
  dataSizeScore,
  durationScore,
  histogramScore,
  RITA_BEACON_SCORING,
  RITA_BEACON_THRESHOLDS,
  RITA_LONG_CONNECTION_THRESHOLDS,
  threatCategory,
  timestampScore,
} from "./beacon-score.js";

function close(actual: number | undefined, expected: number, what: string): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= 0.001,
    `${what}: expected ${expected}, got ${actual}`,
  );
}

describe("timestamp score (RITA TestGetTimestampScore)", () => {
  const cases: { name: string; ts: number[]; score?: number; skew?: number; mad?: number }[] = [
    { name: "simple list", ts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], score: 1, skew: 0, mad: 0 },
    {
      name: "perfect 60 s intervals",
      ts: [
        1517338924, 1517338984, 1517339044, 1517339104, 1517339164, 1517339224, 1517339284, 1517339344,
        1517339404, 1517339464,
      ],
      score: 1,
      skew: 0,
      mad: 0,
    },
    {
      name: "closely-valued intervals",
      ts: [
        1517338924, 1517339022, 1517339121, 1517339220, 1517339320, 1517339420, 1517339520, 1517339621,
        1517339722, 1517339824,
      ],
      score: 0.995,
      skew: 0,
      mad: 1,
    },
    {
      name: "bimodal intervals",
      ts: [
        1517338924, 1517339022, 1517339322, 1517339420, 1517339720, 1517339818, 1517340118, 1517340216,
        1517340516, 1517340614, 1517340914,
      ],
      score: 0.746,
      skew: 0,
      mad: 101,
    },
    {
      name: "random intervals",
      ts: [
        1517338924, 1517338925, 1517339224, 1517339249, 1517344224, 1517344314, 1517344316, 1517344358,
        1517344858, 1517346358,
      ],
      score: 0.083,
      skew: 0.845,
      mad: 89,
    },
    { name: "fewer than 3 non-zero intervals", ts: [60, 60, 60, 60, 60, 60, 60, 60, 60] },
    { name: "fewer than 4 timestamps", ts: [1517338924, 1517338925] },
    { name: "empty", ts: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = timestampScore(c.ts);
      if (c.score === undefined) return assert.equal(r, undefined);
      close(r?.score, c.score, "score");
      close(r?.skew, c.skew ?? 0, "skew");
      close(r?.mad, c.mad ?? 0, "mad");
    });
  }
});

describe("data-size score (RITA TestGetDataSizeScore)", () => {
  const cases: { name: string; bytes: number[]; score?: number; mad?: number }[] = [
    { name: "simple list", bytes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], score: 0.773, mad: 2.5 },
    { name: "identical sizes", bytes: [60, 60, 60, 60, 60, 60, 60, 60, 60], score: 1, mad: 0 },
    { name: "closely-valued sizes", bytes: [98, 99, 99, 100, 100, 100, 101, 101, 102], score: 0.995, mad: 1 },
    { name: "all zero (median < 1: MAD score defaults to 0)", bytes: [0, 0, 0, 0], score: 0.5, mad: 0 },
    { name: "fewer than 3 sizes", bytes: [1, 2] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = dataSizeScore(c.bytes);
      if (c.score === undefined) return assert.equal(r, undefined);
      close(r?.score, c.score, "score");
      close(r?.mad, c.mad ?? 0, "mad");
    });
  }
});

describe("histogram score (RITA TestGetHistogramScore)", () => {
  const h = (bins: number, minHours: number) => ({
    ...RITA_BEACON_SCORING,
    histogramBins: bins,
    histogramBimodalMinHours: minHours,
  });
  const base = 1517338924;
  const cases: {
    name: string;
    min: number;
    max: number;
    ts: number[];
    bins: number;
    minHours: number;
    hist: number[];
    bars: number;
    run: number;
    score: number;
  }[] = [
    {
      name: "simple list",
      min: 1,
      max: 11,
      ts: [
        1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8,
        8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10,
      ],
      bins: 10,
      minHours: 6,
      hist: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      bars: 10,
      run: 10,
      score: 0.478,
    },
    {
      name: "regular hourly connections",
      min: base,
      max: base + 24 * 3600,
      ts: Array.from({ length: 24 }, (_, i) => base + i * 3600),
      bins: 24,
      minHours: 11,
      hist: new Array(24).fill(1),
      bars: 24,
      run: 24,
      score: 1,
    },
    {
      name: "closely-valued timestamps",
      min: 98,
      max: 102,
      ts: [98, 99, 99, 100, 100, 100, 101, 101, 102],
      bins: 8,
      minHours: 6,
      hist: [1, 0, 2, 0, 3, 0, 2, 1],
      bars: 5,
      run: 3,
      score: 0.064,
    },
    {
      name: "random, CV > 1",
      min: 0,
      max: 1000000,
      ts: [524885, 1, 5000, 98654, 50, 41, 965842, 3, 12001, 200400, 104001, 199999],
      bins: 10,
      minHours: 6,
      hist: [7, 2, 1, 0, 0, 1, 0, 0, 0, 1],
      bars: 5,
      run: 4,
      score: 0,
    },
    {
      name: "bimodal histogram",
      min: 0,
      max: 100,
      ts: [1, 2, 3, 4, 15, 21, 22, 23, 24, 35, 41, 42, 43, 44, 55, 61, 62, 63, 64, 75, 81, 82, 83, 84, 95],
      bins: 10,
      minHours: 6,
      hist: [4, 1, 4, 1, 4, 1, 4, 1, 4, 1],
      bars: 10,
      run: 10,
      score: 1,
    },
    {
      name: "gaps and a wrap-around run",
      min: 0,
      max: 250,
      ts: [10, 20, 100, 110, 110, 220],
      bins: 5,
      minHours: 6,
      hist: [2, 0, 3, 0, 1],
      bars: 3,
      run: 2,
      score: 0.028,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = histogramScore(c.min, c.max, c.ts, h(c.bins, c.minHours));
      assert.ok(r);
      assert.deepEqual(r.bins, c.hist);
      assert.equal(r.totalBars, c.bars);
      assert.equal(r.longestRun, c.run);
      close(r.score, c.score, "score");
    });
  }
  it("an empty window has no histogram", () => assert.equal(histogramScore(5, 5, [5]), undefined));
});

describe("duration score (RITA TestGetDurationScore)", () => {
  const b = 1517338924;
  const H = 3600;
  const cases: [string, number, number, number, number, number, number, number][] = [
    // name, histMin, histMax, totalBars, longestRun, coverage, consistency, score (dataset: 24 h from b)
    ["full coverage, full consistency", b, b + 24 * H, 24, 24, 1, 1, 1],
    ["full coverage, no consistency", b, b + 24 * H, 6, 0, 1, 0, 1],
    ["second half", b + 12 * H, b + 24 * H, 6, 0, 0.5, 0, 0.5],
    ["first half", b, b + 12 * H, 6, 0, 0.5, 0, 0.5],
    ["three quarters", b + 6 * H, b + 24 * H, 6, 0, 0.75, 0, 0.75],
    ["max consistency", b + 12 * H, b + 24 * H, 12, 12, 0.5, 1, 1],
    ["max consistency, 6 bars", b + 12 * H, b + 18 * H, 6, 6, 0.25, 0.5, 0.5],
    ["average", b + 6 * H, b + 18 * H, 12, 6, 0.5, 0.5, 0.5],
    ["fewer bars than the minimum", b + 6 * H, b + 18 * H, 3, 1, 0, 0, 0],
  ];
  for (const [name, first, last, bars, run, coverage, consistency, score] of cases) {
    it(name, () => {
      const r = durationScore(b, b + 24 * H, first, last, bars, run);
      close(r?.coverage, coverage, "coverage");
      close(r?.consistency, consistency, "consistency");
      close(r?.score, score, "score");
    });
  }
  it("rejects an empty dataset or pair span", () => {
    assert.equal(durationScore(1, 0, 0, 1, 6, 12), undefined);
    assert.equal(durationScore(0, 1, 1, 0, 6, 12), undefined);
  });
});

describe("beacon score (RITA TestGetBeaconScore) and buckets", () => {
  const weights = (ts: number, ds: number, dur: number, hist: number) => ({
    ...RITA_BEACON_SCORING,
    timestampWeight: ts,
    dataSizeWeight: ds,
    durationWeight: dur,
    histogramWeight: hist,
  });
  const cases: [string, [number, number, number, number], [number, number, number, number], number][] = [
    ["valid scores and weights", [0.8, 0.7, 0.6, 0.5], [0.2, 0.2, 0.3, 0.3], 0.63],
    ["all ones", [1, 1, 1, 1], [0.25, 0.25, 0.25, 0.25], 1],
    ["different scores, equal weights", [0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25], 0.25],
    ["different scores and weights", [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], 0.3],
    ["high precision", [0.111, 0.222, 0.333, 0.444], [0.173, 0.325, 0.299, 0.203], 0.281],
    ["one active weight", [0.25, 1, 1, 1], [1, 0, 0, 0], 0.25],
  ];
  for (const [name, [ts, ds, dur, hist], [wt, wd, wu, wh], expected] of cases) {
    it(name, () => {
      const s = beaconScore(
        { timestamp: ts, dataSize: ds, duration: dur, histogram: hist },
        weights(wt, wd, wu, wh),
      );
      close(s, expected, "score");
    });
  }
  it("renormalizes the weights when there is no data-size score (Sysmon 3)", () => {
    close(beaconScore({ timestamp: 0.9, dataSize: undefined, duration: 0.6, histogram: 0.3 }), 0.6, "score");
  });

  const buckets: [number, number, string][] = [
    [49, 0, "none"],
    [50, 0.2, "none"],
    [62.5, 0.3, "low"],
    [80, 0.4667, "medium"],
    [90, 0.6, "medium"],
    [95, 0.7, "high"],
    [100, 0.8, "high"],
  ];
  for (const [percent, bucketed, category] of buckets) {
    it(`beacon score ${percent}% → ${bucketed} (${category})`, () => {
      const v = bucketedScore(percent, RITA_BEACON_THRESHOLDS);
      close(v, bucketed, "bucketed");
      assert.equal(threatCategory(v), category);
    });
  }
  it("long connections bucket by hours and cap at 12 h", () => {
    close(bucketedScore(30 * 3600, RITA_LONG_CONNECTION_THRESHOLDS), 0.8, "capped");
    close(bucketedScore(6 * 3600, RITA_LONG_CONNECTION_THRESHOLDS), 0.5, "6 h");
    assert.equal(bucketedScore(1800, RITA_LONG_CONNECTION_THRESHOLDS), 0);
  });
});
