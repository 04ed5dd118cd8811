import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "yaml";
import type { RejectedRule } from "../rule-model.js";
import { type CorrelationRule, isCorrelationRule, parseCorrelationRule } from "./correlation-rule.js";

const SOURCE = { file: "rules/mr_login.yml", line: 7 };

function valid(yaml: string): CorrelationRule {
  const r = parseCorrelationRule(parse(yaml), SOURCE);
  if (!isCorrelationRule(r)) assert.fail(`unexpected rejection: ${r.reason}`);
  return r;
}

function rejected(doc: unknown): RejectedRule {
  const r = parseCorrelationRule(doc, SOURCE);
  if (isCorrelationRule(r)) assert.fail("expected a rejection");
  return r;
}

describe("parseCorrelationRule", () => {
  test("reads every part of a full rule", () => {
    const r = valid(`
title: Failed logins followed by a success
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
name: brute_force_success
status: experimental
description: Detects many failed logins then a success
author: someone
date: 2023-06-16
references: [https://example.org/a]
tags: [attack.credential-access, attack.t1110]
falsepositives: Unlikely
level: high
kill_chain: exploitation
correlation:
  type: temporal_ordered
  rules:
    - multiple_failed_login
    - successful_login
  group-by:
    - User
    - Host
  timespan: 10m
  aliases:
    Host:
      multiple_failed_login: WorkstationName
      successful_login: Computer
  generate: true
`);
    assert.equal(r.kind, "correlation");
    assert.equal(r.type, "temporal_ordered");
    assert.equal(r.id, "b180ead8-d58f-40b2-ae54-c8940995b9b6");
    assert.equal(r.name, "brute_force_success");
    assert.equal(r.status, "experimental");
    assert.equal(r.level, "high");
    assert.equal(r.date, "2023-06-16");
    assert.deepEqual(r.tags, ["attack.credential-access", "attack.t1110"]);
    assert.deepEqual(r.falsepositives, ["Unlikely"]);
    assert.deepEqual(r.references, ["https://example.org/a"]);
    assert.deepEqual(r.rules, ["multiple_failed_login", "successful_login"]);
    assert.deepEqual(r.groupBy, ["User", "Host"]);
    assert.equal(r.timespan.ms, 600_000);
    assert.deepEqual(r.condition.tests, [{ op: "gte", value: 2 }]);
    assert.equal(r.condition.implicit, true);
    assert.equal(r.aliases.get("Host")?.get("successful_login"), "Computer");
    assert.equal(r.generate, true);
    assert.equal(r.legacy, false);
    assert.deepEqual(r.custom, { kill_chain: "exploitation" });
    assert.deepEqual(r.source, SOURCE);
  });

  test("defaults: no group-by (one group), generate false, a single rule as a string", () => {
    const r = valid(`
title: many
correlation:
  type: event_count
  rules: failed_login
  timespan: 1h
  condition: {gte: 100}
`);
    assert.deepEqual(r.rules, ["failed_login"]);
    assert.deepEqual(r.groupBy, []);
    assert.equal(r.generate, false);
    assert.equal(r.id, undefined);
  });

  test("group-by may be a single string", () => {
    const r = valid(`
title: per host
correlation: {type: value_count, rules: [a], group-by: Computer, timespan: 1d, condition: {field: User, gte: 5}}
`);
    assert.deepEqual(r.groupBy, ["Computer"]);
    assert.deepEqual(r.condition.fields, ["User"]);
  });
});

describe("parseCorrelationRule: every invalid rule is rejected with a reason and its location", () => {
  const base = {
    title: "t",
    id: "0e95725d-7320-415d-80f7-004da920fc11",
    correlation: {
      type: "event_count",
      rules: ["a"],
      "group-by": ["User"],
      timespan: "5m",
      condition: { gte: 3 },
    },
  };
  const withCorrelation = (patch: Record<string, unknown>): unknown => ({
    ...base,
    correlation: { ...base.correlation, ...patch },
  });
  const cases: readonly [string, unknown, RegExp][] = [
    ["not a mapping", ["a"], /must be a mapping, got a list/],
    ["no title", { ...base, title: undefined }, /`title` is required/],
    ["long title", { ...base, title: "x".repeat(257) }, /longer than 256/],
    [
      "detection too",
      { ...base, detection: { sel: { a: 1 }, condition: "sel" } },
      /both `detection` and `correlation`/,
    ],
    ["correlation not a mapping", { ...base, correlation: "event_count" }, /`correlation` must be a mapping/],
    ["missing type", withCorrelation({ type: undefined }), /correlation.type is missing/],
    [
      "unknown type",
      withCorrelation({ type: "value_median" }),
      /"value_median" is not supported; use one of event_count/,
    ],
    ["unknown correlation key", withCorrelation({ group_by: ["User"] }), /unknown key\(s\) "group_by"/],
    ["no rules", withCorrelation({ rules: [] }), /must name at least one rule/],
    ["rules not strings", withCorrelation({ rules: [1] }), /correlation.rules` must be a string or a list/],
    ["repeated rule", withCorrelation({ rules: ["a", "a"] }), /lists "a" twice/],
    ["repeated group-by", withCorrelation({ "group-by": ["User", "User"] }), /group-by` lists "User" twice/],
    ["group-by a mapping", withCorrelation({ "group-by": { a: 1 } }), /group-by` must be a string or a list/],
    ["no timespan", withCorrelation({ timespan: undefined }), /timespan is required/],
    ["bad timespan", withCorrelation({ timespan: "1y" }), /unit "y"/],
    ["no condition", withCorrelation({ condition: undefined }), /condition is required for type event_count/],
    ["bad condition", withCorrelation({ condition: { more: 3 } }), /unknown key\(s\) "more"/],
    ["generate not boolean", withCorrelation({ generate: "yes" }), /generate must be true or false/],
    ["aliases not a mapping", withCorrelation({ aliases: ["x"] }), /aliases must be a mapping/],
    [
      "alias without fields",
      withCorrelation({ aliases: { ip: "SourceIp" } }),
      /must map rule names to field names/,
    ],
    [
      "alias field not a string",
      withCorrelation({ aliases: { ip: { a: 3 } } }),
      /aliases.ip.a must be a field name/,
    ],
    ["bad level", { ...base, level: "severe" }, /`level` "severe" is not one of informational/],
    ["bad status", { ...base, status: "beta" }, /`status` "beta" is not one of stable/],
    ["id not a string", { ...base, id: 12 }, /`id` must be a string/],
    ["tags not strings", { ...base, tags: [{ a: 1 }] }, /`tags` must be a string or a list/],
  ];
  for (const [name, doc, reason] of cases) {
    test(name, () => {
      const r = rejected(doc);
      assert.match(r.reason, reason);
      assert.deepEqual(r.source, SOURCE);
      if (typeof (doc as { title?: unknown }).title === "string" && !Array.isArray(doc)) {
        assert.equal(r.title, (doc as { title: string }).title);
      }
    });
  }

  test("a rejection keeps the id to name the rule in a report", () => {
    const r = rejected(withCorrelation({ type: "nope" }));
    assert.equal(r.id, base.id);
    assert.equal(r.title, "t");
  });
});
