import assert from "node:assert/strict";
import { type Feed, type Hit, rules, run } from "./correlation-harness.test.support.js";
import { describe, test } from "node:test";
import type { Fields } from "../../events/field-value.js";

const ip = (SourceIP: string, bytes: unknown): Fields => ({ SourceIP, bytes: bytes as Fields[string] });

describe("value_sum", () => {
  const sumOver = () =>
    rules(
      "title: s\ncorrelation: {type: value_sum, rules: [w], group-by: [SourceIP], timespan: 1h, condition: {field: bytes, gt: 1000}}",
    );
  const cases: readonly [string, Feed[], readonly Partial<Hit>[]][] = [
    [
      "reported when the sum passes the threshold",
      [
        ["w", 0, ip("a", 400)],
        ["w", 10, ip("a", 400)],
        ["w", 20, ip("a", 300)],
      ],
      [{ value: 1100, events: 3, when: "push@20" }],
    ],
    [
      "only within the hour",
      [
        ["w", 0, ip("a", 400)],
        ["w", 10, ip("a", 400)],
        ["w", 3601, ip("a", 300)],
      ],
      [],
    ],
    [
      "numeric text and hex count; other text does not",
      [
        ["w", 0, ip("a", "500")],
        ["w", 1, ip("a", "n/a")],
        ["w", 2, ip("a", "0x1F4")],
        ["w", 3, ip("a", 1)],
      ],
      [{ value: 1001, events: 3 }],
    ],
    [
      "per source address",
      [
        ["w", 0, ip("a", 600)],
        ["w", 1, ip("b", 600)],
      ],
      [],
    ],
  ];
  for (const [name, feed, want] of cases) {
    test(name, () => {
      const { hits } = run(sumOver(), feed);
      assert.equal(hits.length, want.length, JSON.stringify(hits));
      want.forEach((w, i) => {
        for (const [k, v] of Object.entries(w)) assert.deepEqual(hits[i]?.[k as keyof Hit], v);
      });
    });
  }

  test("events whose field is not a number are counted in stats.noValue", () => {
    const { engine } = run(sumOver(), [
      ["w", 0, ip("a", "n/a")],
      ["w", 1, { SourceIP: "a" }],
    ]);
    assert.equal(engine.stats().noValue, 2);
  });

  test("an upper bound is tested per window", () => {
    const r = rules(
      "title: s\ncorrelation: {type: value_sum, rules: [w], timespan: 1h, condition: {field: bytes, lt: 100}}",
    );
    const { hits } = run(r, [
      ["w", 0, ip("a", 10)],
      ["w", 10, ip("a", 20)],
      ["w", 4000, ip("a", 500)],
    ]);
    assert.deepEqual(
      hits.map((h) => [h.value, h.when]),
      [[30, "push@4000"]],
    );
  });
});

describe("value_avg (windowed)", () => {
  const avg = () =>
    rules(
      "title: a\ncorrelation: {type: value_avg, rules: [w], group-by: [SourceIP], timespan: 1h, condition: {field: bytes, gt: 500}}",
    );
  const cases: readonly [string, Feed[], readonly Partial<Hit>[]][] = [
    [
      "average 450",
      [
        ["w", 0, ip("a", 600)],
        ["w", 10, ip("a", 300)],
      ],
      [],
    ],
    [
      "average 550, at the end of the input",
      [
        ["w", 0, ip("a", 600)],
        ["w", 10, ip("a", 500)],
      ],
      [{ value: 550, when: "flush" }],
    ],
    [
      "closed by the first later event, of any group",
      [
        ["w", 0, ip("a", 600)],
        ["w", 10, ip("a", 700)],
        ["w", 3601, ip("b", 1)],
      ],
      [{ value: 650, group: { SourceIP: "a" }, when: "push@3601" }],
    ],
    [
      "two windows of one group",
      [
        ["w", 0, ip("a", 600)],
        ["w", 4000, ip("a", 100)],
        ["w", 4001, ip("a", 2000)],
      ],
      [
        { value: 600, first: 0, last: 0, when: "push@4000" },
        { value: 1050, first: 4000, last: 4001, when: "flush" },
      ],
    ],
  ];
  for (const [name, feed, want] of cases) {
    test(name, () => {
      const { hits } = run(avg(), feed);
      assert.equal(hits.length, want.length, JSON.stringify(hits));
      want.forEach((w, i) => {
        for (const [k, v] of Object.entries(w)) assert.deepEqual(hits[i]?.[k as keyof Hit], v);
      });
    });
  }
});

describe("value_percentile (windowed)", () => {
  const cases: readonly [string, string, number[], number | undefined][] = [
    ["median 20 ≤ 20", "{field: bytes, percentile: 50, lte: 20}", [10, 30, 20], 20],
    ["median 30 > 20", "{field: bytes, percentile: 50, lte: 20}", [10, 30, 40], undefined],
    [
      "p95 of 1..20 is 19.05",
      "{field: bytes, percentile: 95, gt: 19}",
      [...Array(20).keys()].map((i) => i + 1),
      19.05,
    ],
    [
      "p95 of 1..20 is not above 19.1",
      "{field: bytes, percentile: 95, gt: 19.1}",
      [...Array(20).keys()].map((i) => i + 1),
      undefined,
    ],
  ];
  for (const [name, condition, values, expected] of cases) {
    test(name, () => {
      const r = rules(
        `title: p\ncorrelation: {type: value_percentile, rules: [w], timespan: 1h, condition: ${condition}}`,
      );
      const { hits } = run(
        r,
        values.map((v, i) => ["w", i, ip("a", v)] as const),
      );
      if (expected === undefined) assert.equal(hits.length, 0);
      else {
        assert.equal(hits.length, 1);
        assert.ok(Math.abs((hits[0] as Hit).value - expected) < 1e-9, String(hits[0]?.value));
      }
    });
  }
});
