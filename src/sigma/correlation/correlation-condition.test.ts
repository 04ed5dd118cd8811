import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CorrelationCondition,
  conditionHolds,
  formatCondition,
  isLowerBoundOnly,
  parseCorrelationCondition,
} from "./correlation-condition.js";
import type { CorrelationType } from "./correlation-type.js";

function parsed(raw: unknown, type: CorrelationType, rules = 1): CorrelationCondition {
  const c = parseCorrelationCondition(raw, type, rules);
  if ("reason" in c) assert.fail(`unexpected rejection: ${c.reason}`);
  return c;
}

describe("parseCorrelationCondition: valid", () => {
  const cases: readonly [string, unknown, CorrelationType, number, string, readonly string[]][] = [
    ["one operator", { gte: 100 }, "event_count", 1, "gte 100", []],
    ["range with AND", { gt: 100, lte: 200 }, "event_count", 1, "gt 100 and lte 200", []],
    ["value_count with field", { field: "User", gte: 100 }, "value_count", 1, "gte 100", ["User"]],
    [
      "value_count with a field tuple",
      { field: ["User", "Domain"], gt: 2 },
      "value_count",
      1,
      "gt 2",
      ["User", "Domain"],
    ],
    ["temporal default: all rules", undefined, "temporal", 3, "gte 3", []],
    ["temporal_ordered default", null, "temporal_ordered", 2, "gte 2", []],
    ["temporal 2 of 3", { gte: 2 }, "temporal", 3, "gte 2", []],
    ["value_sum", { field: "bytes_sent", gt: 1000000 }, "value_sum", 1, "gt 1000000", ["bytes_sent"]],
    ["value_avg with a fraction", { field: "BytesOut", gt: 500.5 }, "value_avg", 1, "gt 500.5", ["BytesOut"]],
    ["value_sum may go negative", { field: "delta", lt: -5 }, "value_sum", 1, "lt -5", ["delta"]],
    ["neq", { neq: 3 }, "event_count", 1, "neq 3", []],
    ["eq", { eq: 1 }, "event_count", 1, "eq 1", []],
  ];
  for (const [name, raw, type, rules, text, fields] of cases) {
    test(name, () => {
      const c = parsed(raw, type, rules);
      assert.equal(formatCondition(c), text);
      assert.deepEqual(c.fields, fields);
      assert.equal(c.implicit, raw === undefined || raw === null);
    });
  }

  test("value_percentile keeps its percentile", () => {
    const c = parsed({ field: "Latency", percentile: 95, gte: 500 }, "value_percentile");
    assert.equal(c.percentile, 95);
    assert.deepEqual(c.fields, ["Latency"]);
  });
});

describe("parseCorrelationCondition: rejected with a reason", () => {
  const cases: readonly [string, unknown, CorrelationType, number, RegExp][] = [
    ["missing for event_count", undefined, "event_count", 1, /required for type event_count/],
    ["not a mapping", "gte 5", "event_count", 1, /must be a mapping.*"gte 5"/],
    ["a list", [{ gte: 5 }], "event_count", 1, /must be a mapping.*a list/],
    ["no operator", { field: "User" }, "value_count", 1, /needs a comparison/],
    ["unknown key", { gte: 5, greater: 3 }, "event_count", 1, /unknown key\(s\) "greater"/],
    ["threshold not a number", { gte: "5" }, "event_count", 1, /gte must be a number, got "5"/],
    ["threshold infinite", { gte: Number.POSITIVE_INFINITY }, "event_count", 1, /gte must be a number/],
    ["value_count without field", { gte: 5 }, "value_count", 1, /field is required for type value_count/],
    ["value_sum without field", { gt: 5 }, "value_sum", 1, /field is required for type value_sum/],
    ["field on event_count", { field: "User", gte: 5 }, "event_count", 1, /not used by type event_count/],
    ["field on temporal", { field: "User", gte: 2 }, "temporal", 2, /not used by type temporal/],
    [
      "two fields for value_avg",
      { field: ["a", "b"], gt: 1 },
      "value_avg",
      1,
      /single field name for type value_avg/,
    ],
    ["empty field list", { field: [], gt: 1 }, "value_count", 1, /empty list/],
    ["empty field name", { field: " ", gt: 1 }, "value_count", 1, /must be a field name/],
    ["repeated field", { field: ["a", "a"], gt: 1 }, "value_count", 1, /lists "a" twice/],
    [
      "percentile missing",
      { field: "image", lte: 1 },
      "value_percentile",
      1,
      /needs correlation.condition.percentile/,
    ],
    ["percentile > 100", { field: "x", percentile: 101, gt: 1 }, "value_percentile", 1, /from 0 to 100/],
    [
      "percentile on value_avg",
      { field: "x", percentile: 50, gt: 1 },
      "value_avg",
      1,
      /only used by value_percentile/,
    ],
    ["empty range", { gt: 10, lt: 5 }, "event_count", 1, /can never hold for any count of 1 or more/],
    ["empty integer range", { gt: 3, lt: 4 }, "event_count", 1, /can never hold/],
    ["count below one", { lt: 1 }, "event_count", 1, /can never hold/],
    ["fractional eq on a count", { eq: 2.5 }, "event_count", 1, /can never hold/],
    ["eq excluded by neq", { eq: 3, neq: 3 }, "event_count", 1, /can never hold/],
    ["more rules than listed", { gte: 4 }, "temporal", 3, /between 1 and 3/],
    ["empty real range", { field: "x", gt: 5, lte: 5 }, "value_avg", 1, /can never hold for any value/],
  ];
  for (const [name, raw, type, rules, reason] of cases) {
    test(name, () => {
      const c = parseCorrelationCondition(raw, type, rules);
      assert.ok("reason" in c, "expected a rejection");
      assert.match(c.reason, reason);
    });
  }
});

describe("conditionHolds", () => {
  const cases: readonly [unknown, number, boolean][] = [
    [{ gt: 5 }, 5, false],
    [{ gt: 5 }, 6, true],
    [{ gte: 5 }, 5, true],
    [{ lt: 5 }, 5, false],
    [{ lt: 5 }, 4, true],
    [{ lte: 5 }, 5, true],
    [{ eq: 5 }, 5, true],
    [{ eq: 5 }, 6, false],
    [{ neq: 5 }, 5, false],
    [{ neq: 5 }, 4, true],
    [{ gt: 100, lte: 200 }, 100, false],
    [{ gt: 100, lte: 200 }, 200, true],
    [{ gt: 100, lte: 200 }, 201, false],
  ];
  for (const [raw, value, expected] of cases) {
    test(`${JSON.stringify(raw)} on ${value} is ${expected}`, () => {
      assert.equal(conditionHolds(parsed(raw, "event_count"), value), expected);
    });
  }

  test("only gt/gte are lower bounds", () => {
    assert.equal(isLowerBoundOnly(parsed({ gt: 1, gte: 3 }, "event_count")), true);
    assert.equal(isLowerBoundOnly(parsed({ gt: 1, lte: 3 }, "event_count")), false);
    assert.equal(isLowerBoundOnly(parsed({ neq: 3 }, "event_count")), false);
  });
});
