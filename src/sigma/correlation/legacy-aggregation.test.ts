import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RejectedRule, SigmaRule } from "../rule-model.js";
import { correlationFromDocument } from "./correlation-document.js";
import { type CorrelationRule, isCorrelationRule } from "./correlation-rule.js";
import {
  type LegacyCountCondition,
  legacyCorrelationRule,
  parseLegacyCountCondition,
} from "./legacy-aggregation.js";

const SOURCE = { file: "rules/old_style.yml", line: 1 };

function legacy(condition: string, timeframe: unknown = "5m"): LegacyCountCondition {
  const l = parseLegacyCountCondition(condition, timeframe);
  if ("reason" in l) assert.fail(`unexpected rejection: ${l.reason}`);
  return l;
}

describe("parseLegacyCountCondition", () => {
  const ok: readonly [string, string | undefined, string, string | undefined, readonly string[], string][] = [
    ["selection | count() > 10", "selection", "event_count", undefined, [], "gt 10"],
    [
      "selection | count() by TargetUserName > 10",
      "selection",
      "event_count",
      undefined,
      ["TargetUserName"],
      "gt 10",
    ],
    [
      "sel and not filter | count(TargetUserName) by IpAddress >= 5",
      "sel and not filter",
      "value_count",
      "TargetUserName",
      ["IpAddress"],
      "gte 5",
    ],
    [
      "sel | count() by ComputerName, User < 3",
      "sel",
      "event_count",
      undefined,
      ["ComputerName", "User"],
      "lt 3",
    ],
    ["sel | COUNT( ) BY User == 2", "sel", "event_count", undefined, ["User"], "eq 2"],
    ["sel | count() by User = 2", "sel", "event_count", undefined, ["User"], "eq 2"],
    ["sel | count() by User != 2", "sel", "event_count", undefined, ["User"], "neq 2"],
    ["sel | count() <= 4", "sel", "event_count", undefined, [], "lte 4"],
    ["sel | sum(bytes) by src > 1000000", "sel", "value_sum", "bytes", ["src"], "gt 1000000"],
    ["sel | avg(duration) by host > 2.5", "sel", "value_avg", "duration", ["host"], "gt 2.5"],
    ["count() by User > 10", undefined, "event_count", undefined, ["User"], "gt 10"],
  ];
  for (const [condition, search, type, field, groupBy, cond] of ok) {
    test(condition, () => {
      const l = legacy(condition);
      assert.equal(l.search, search);
      assert.equal(l.type, type);
      assert.equal(l.field, field);
      assert.deepEqual(l.groupBy, groupBy);
      assert.equal(l.condition.tests.map((t) => `${t.op} ${t.value}`).join(" and "), cond);
      assert.equal(l.timespan.ms, 300_000);
    });
  }

  test("timeframe sets the window; none means the whole input", () => {
    assert.equal(legacy("sel | count() > 1", "30s").timespan.ms, 30_000);
    const none = parseLegacyCountCondition("sel | count() > 1", undefined);
    assert.ok(!("reason" in none));
    assert.equal(none.timespan.ms, Number.POSITIVE_INFINITY);
    assert.equal(none.timespan.text, "unbounded");
  });

  const bad: readonly [string, unknown, RegExp][] = [
    ["sel | count() > 1 | count() > 2", "5m", /one "\| aggregation" part, found 2/],
    [" | count() > 1", "5m", /no detection part before/],
    ["sel | min(bytes) > 1", "5m", /min\(\) aggregation has no Sigma correlation equivalent/],
    ["sel | max(bytes) by x > 1", "5m", /max\(\) aggregation/],
    ["sel | sum() > 1", "5m", /sum\(\) needs a field/],
    ["sel | median(x) > 1", "5m", /unknown aggregation function "median"/],
    ["sel | count() by User", "5m", /is not of the form/],
    ["sel | count() by User > many", "5m", /is not of the form/],
    ["sel | count() by User, > 3", "5m", /invalid group-by field ""/],
    ["sel | count() by User, User > 3", "5m", /repeats a group-by field/],
    ["sel | count() < 1", "5m", /can never hold/],
    ["sel | near other", "5m", /`near` aggregation is not supported/],
    ["sel | count() > 1", "5 minutes", /timeframe "5 minutes"/],
    ["sel | count() > 1", "1M", /unit "M"/],
    [`sel | count() by ${"x".repeat(5000)} > 1`, "5m", /longer than 4096/],
  ];
  for (const [condition, timeframe, reason] of bad) {
    test(`rejects ${condition.slice(0, 60)} (${String(timeframe)})`, () => {
      const l = parseLegacyCountCondition(condition, timeframe);
      assert.ok("reason" in l, "expected a rejection");
      assert.match(l.reason, reason);
    });
  }
});

function sigmaRule(patch: Partial<SigmaRule>): SigmaRule {
  return {
    kind: "rule",
    id: "5638f7c0-ac70-491d-8465-2a65075e0d86",
    name: undefined,
    title: "Many failed logins (legacy)",
    status: "test",
    level: "medium",
    description: undefined,
    author: undefined,
    date: undefined,
    modified: undefined,
    tags: ["attack.t1110"],
    references: [],
    falsepositives: [],
    fields: [],
    logsource: { product: "windows", service: "security" },
    source: SOURCE,
    custom: {},
    ...patch,
  };
}

describe("legacyCorrelationRule", () => {
  test("counts the rule's own matches, keeps its metadata, hides single matches", () => {
    const r = legacyCorrelationRule(sigmaRule({}), legacy("sel | count() by TargetUserName > 10"));
    if (!isCorrelationRule(r)) assert.fail(r.reason);
    assert.equal(r.type, "event_count");
    assert.deepEqual(r.rules, ["5638f7c0-ac70-491d-8465-2a65075e0d86"]);
    assert.deepEqual(r.groupBy, ["TargetUserName"]);
    assert.equal(r.title, "Many failed logins (legacy)");
    assert.equal(r.level, "medium");
    assert.equal(r.generate, false);
    assert.equal(r.legacy, true);
    assert.deepEqual(r.source, SOURCE);
  });

  test("references the name when there is no id", () => {
    const r = legacyCorrelationRule(
      sigmaRule({ id: undefined, name: "failed" }),
      legacy("sel | count() > 1"),
    );
    if (!isCorrelationRule(r)) assert.fail(r.reason);
    assert.deepEqual(r.rules, ["failed"]);
  });

  test("is rejected, with the rule's location, without an id or a name", () => {
    const r = legacyCorrelationRule(
      sigmaRule({ id: undefined }),
      legacy("sel | count() > 1"),
    ) as RejectedRule;
    assert.match(r.reason, /needs an `id` or a `name`/);
    assert.deepEqual(r.source, SOURCE);
  });
});

describe("correlationFromDocument", () => {
  const document = {
    title: "Brute force (old style)",
    id: "aaaaaaaa-0000-4000-8000-000000000001",
    level: "high",
    logsource: { product: "windows", service: "security" },
    detection: { selection: { EventID: 4625 }, condition: "selection | count() by TargetUserName > 10" },
    timeframe: "10m",
    kill_chain: "delivery",
  };

  test("a legacy aggregation rule becomes an event_count correlation over its own id", () => {
    const r = correlationFromDocument({
      source: SOURCE,
      document,
      legacy: {
        aggregation: "count() by TargetUserName > 10",
        timeframe: "10m",
        ruleId: document.id,
        ruleTitle: document.title,
      },
    });
    if (!isCorrelationRule(r)) assert.fail(r.reason);
    assert.deepEqual(r.rules, [document.id]);
    assert.equal(r.timespan.ms, 600_000);
    assert.equal(r.level, "high");
    assert.deepEqual(r.custom, { kill_chain: "delivery" });
  });

  test("a bad aggregation is rejected with the document's location, id and title", () => {
    const r = correlationFromDocument({
      source: SOURCE,
      document,
      legacy: { aggregation: "max(x) > 1", timeframe: "10m", ruleId: document.id, ruleTitle: document.title },
    }) as RejectedRule;
    assert.match(r.reason, /max\(\) aggregation/);
    assert.deepEqual(r.source, SOURCE);
    assert.equal(r.id, document.id);
    assert.equal(r.title, document.title);
  });

  test("a correlation document is parsed as such", () => {
    const r = correlationFromDocument({
      source: SOURCE,
      document: {
        title: "c",
        correlation: { type: "temporal", rules: ["a", "b"], "group-by": ["Host"], timespan: "5m" },
      },
    }) as CorrelationRule;
    assert.equal(r.type, "temporal");
    assert.equal(r.legacy, false);
  });
});
