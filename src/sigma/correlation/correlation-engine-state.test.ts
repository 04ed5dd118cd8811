import assert from "node:assert/strict";
import { ev, type Feed, rules, run, T0 } from "./correlation-harness.test.support.js";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Fields } from "../../events/field-value.js";
import type { SigmaRule } from "../rule-model.js";
import { CorrelationEngine, type CorrelationMatch } from "./correlation-engine.js";
import { isCorrelationRule } from "./correlation-rule.js";
import { legacyCorrelationRule, parseLegacyCountCondition } from "./legacy-aggregation.js";

const ip = (SourceIP: string, bytes: number): Fields => ({ SourceIP, bytes });

const CHAIN = `
title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, successful_login]
  group-by: [User]
  timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition: {gte: 3}
`;

describe("chained correlations", () => {
  const fail = (sec: number, User = "alice"): Feed => ["failed_login", sec, { User, Computer: "pc1" }];
  const ok = (sec: number, User = "alice"): Feed => ["successful_login", sec, { User, Computer: "pc1" }];

  test("failures then a success: only the outer correlation reports, with every event", () => {
    const { hits } = run(rules(CHAIN), [fail(0), fail(10), fail(20), ok(30)]);
    assert.deepEqual(
      hits.map((h) => [h.title, h.events, h.first, h.last, h.group]),
      [["Correlation - Multiple Failed Logins Followed by Successful Login", 4, 0, 30, { User: "alice" }]],
    );
  });

  test("a success before the failures does not match", () => {
    assert.equal(run(rules(CHAIN), [ok(0), fail(10), fail(20), fail(30)]).hits.length, 0);
  });

  test("another user's success does not match", () => {
    assert.equal(run(rules(CHAIN), [fail(0), fail(10), fail(20), ok(30, "bob")]).hits.length, 0);
  });

  test("generate: true on the outer rule reports the inner correlation too", () => {
    const yaml = CHAIN.replace(
      "  timespan: 10m\nlevel: high",
      "  timespan: 10m\n  generate: true\nlevel: high",
    );
    const { hits } = run(rules(yaml), [fail(0), fail(10), fail(20), ok(30)]);
    assert.deepEqual(
      hits.map((h) => h.title),
      ["Multiple failed logons", "Correlation - Multiple Failed Logins Followed by Successful Login"],
    );
  });

  test("an outer group-by field the inner rule did not group by is taken from its events when they agree", () => {
    const yaml = CHAIN.replace(
      "group-by: [User]\n  timespan: 10m\n  condition",
      "group-by: [Computer]\n  timespan: 10m\n  condition",
    );
    assert.equal(run(rules(yaml), [fail(0), fail(10), fail(20), ok(30)]).hits.length, 1);
    const mixed = run(rules(yaml), [fail(0), fail(10, "bob"), fail(20), ok(30)]);
    assert.equal(mixed.hits.length, 0);
    assert.equal(mixed.engine.stats().ungrouped, 1);
  });

  test("a windowed inner correlation feeds the outer one when its windows close", () => {
    const rs = rules(`
title: outer
correlation: {type: event_count, rules: [single], group-by: [User], timespan: 1h, condition: {gte: 2}}
---
title: single failure in a minute
name: single
correlation: {type: event_count, rules: [f], group-by: [User], timespan: 1m, condition: {eq: 1}}
`);
    const { hits } = run(rs, [
      ["f", 0, { User: "alice" }],
      ["f", 100, { User: "alice" }],
      ["f", 200, { User: "bob" }],
    ]);
    assert.deepEqual(
      hits.map((h) => [h.title, h.when, h.first, h.last]),
      [["outer", "push@200", 0, 100]],
    );
  });
});

describe("chained correlations: evidence", () => {
  test("the events of a chained match are listed in time order", () => {
    const engine = new CorrelationEngine(
      rules(`
title: outer
correlation: {type: temporal, rules: [inner, x], timespan: 1h}
---
title: inner
name: inner
correlation: {type: event_count, rules: [f], timespan: 1h, condition: {gte: 2}}
`),
    );
    const out: CorrelationMatch[] = [];
    for (const [ref, sec] of [
      ["f", 0],
      ["x", 5],
      ["f", 10],
    ] as const) {
      out.push(...engine.push({ ruleName: ref, event: ev(sec, {}) }));
    }
    assert.equal(out.length, 1);
    assert.deepEqual(
      out[0]?.events.map((e) => ((e.time?.ms ?? 0) - T0) / 1000),
      [0, 5, 10],
    );
  });
});

describe("bounded state", () => {
  const count3 = () =>
    rules(
      "title: c\ncorrelation: {type: event_count, rules: [f], group-by: [User], timespan: 1h, condition: {gte: 3}}",
    );
  const u = (User: string, sec: number): Feed => ["f", sec, { User }];

  test("the least recently used group is evicted beyond maxGroups, and counted", () => {
    const { hits, engine } = run(
      count3(),
      [u("alice", 0), u("bob", 1), u("alice", 2), u("carol", 3), u("alice", 4), u("bob", 5), u("bob", 6)],
      {
        maxGroups: 2,
      },
    );
    assert.deepEqual(
      hits.map((h) => h.group.User),
      ["alice"],
    );
    const st = engine.stats();
    // carol evicts bob (least recently used: alice was touched after him); bob's return starts afresh
    assert.equal(st.evictedGroups, 1);
    assert.equal(st.evictedEntries, 1);
    assert.equal(engine.evicted, 1);
  });

  test("maxEventsPerGroup drops the oldest entries of a windowed group", () => {
    const r = rules(
      "title: a\ncorrelation: {type: value_avg, rules: [w], timespan: 1h, condition: {field: bytes, gt: 0}}",
    );
    const { hits, engine } = run(
      r,
      [
        ["w", 0, ip("a", 100)],
        ["w", 1, ip("a", 200)],
        ["w", 2, ip("a", 300)],
      ],
      {
        maxEventsPerGroup: 2,
      },
    );
    assert.equal(hits[0]?.value, 250);
    assert.equal(engine.evicted, 1);
  });

  test("a count threshold above maxEventsPerGroup still fits", () => {
    const r = rules(
      "title: c\ncorrelation: {type: event_count, rules: [f], timespan: 1h, condition: {gt: 4}}",
    );
    const { hits, engine } = run(
      r,
      [0, 1, 2, 3, 4].map((s) => u("x", s)),
      { maxEventsPerGroup: 2, maxEvents: 2 },
    );
    assert.equal(hits.length, 1);
    assert.equal(engine.evicted, 0);
  });

  test("maxEvents caps entries over all groups", () => {
    const { engine } = run(count3(), [u("a", 0), u("b", 1), u("c", 2), u("d", 3)], {
      maxEvents: 3,
      maxEventsPerGroup: 3,
    });
    assert.equal(engine.stats().evictedGroups, 1);
  });

  test("groups whose events left the window are dropped without counting as evictions", () => {
    const engine = new CorrelationEngine(count3());
    engine.push({ ruleName: "f", event: ev(0, { User: "a" }) });
    engine.push({ ruleName: "f", event: ev(1, { User: "b" }) });
    assert.equal(engine.stats().groups, 2);
    engine.push({ ruleName: "f", event: ev(7200, { User: "c" }) });
    assert.deepEqual([engine.stats().groups, engine.stats().entries, engine.evicted], [1, 1, 0]);
    engine.flush();
    assert.deepEqual([engine.stats().groups, engine.stats().entries], [0, 0]);
  });

  test("a match without a time is counted, not placed", () => {
    const engine = new CorrelationEngine(count3());
    const timeless = { ...ev(0, { User: "a" }), time: undefined };
    engine.push({ ruleName: "f", event: timeless });
    engine.push({ ruleName: "other", event: timeless });
    assert.equal(engine.stats().untimed, 1);
    assert.equal(engine.stats().entries, 0);
  });

  test("a late match is counted and placed in time order", () => {
    const r = rules("title: o\ncorrelation: {type: temporal_ordered, rules: [a, b], timespan: 1h}");
    const { hits, engine } = run(r, [
      ["b", 100, {}],
      ["x", 200, {}],
      ["a", 50, {}],
    ]);
    assert.equal(engine.stats().late, 1);
    assert.deepEqual(
      hits.map((h) => [h.first, h.last]),
      [[50, 100]],
    );
  });

  test("matches are found by rule id as well as by name", () => {
    const engine = new CorrelationEngine(
      rules("title: c\ncorrelation: {type: event_count, rules: [rule-1], timespan: 1h, condition: {gte: 2}}"),
    );
    assert.equal(engine.push({ ruleId: "rule-1", ruleName: "n", event: ev(0, {}) }).length, 0);
    assert.equal(engine.push({ ruleId: "rule-1", event: ev(1, {}) }).length, 1);
  });

  test("correlations referencing each other throw E_INTERNAL (resolve them first)", () => {
    const loop = rules(`
title: a
name: a
correlation: {type: temporal, rules: [b, x], timespan: 1h}
---
title: b
name: b
correlation: {type: temporal, rules: [a, x], timespan: 1h}
`);
    assert.throws(
      () => new CorrelationEngine(loop),
      (e: unknown) => e instanceof MikiwameError && e.code === "E_INTERNAL" && /loop/.test(e.message),
    );
  });
});

describe("legacy aggregation rules", () => {
  test("`selection | count() by User > 2` with timeframe 1m", () => {
    const base: SigmaRule = {
      ...(parse("kind: rule") as { kind: "rule" }),
      id: "legacy-1",
      name: undefined,
      title: "old style",
      status: undefined,
      level: "low",
      description: undefined,
      author: undefined,
      date: undefined,
      modified: undefined,
      tags: [],
      references: [],
      falsepositives: [],
      fields: [],
      logsource: {},
      source: { file: "old.yml", line: 1 },
      custom: {},
    };
    const legacy = parseLegacyCountCondition("selection | count() by User > 2", "1m");
    if ("reason" in legacy) assert.fail(legacy.reason);
    const r = legacyCorrelationRule(base, legacy);
    if (!isCorrelationRule(r)) assert.fail(r.reason);
    const engine = new CorrelationEngine([r]);
    const out: CorrelationMatch[] = [];
    for (const s of [0, 10, 20, 100, 110])
      out.push(...engine.push({ ruleId: "legacy-1", event: ev(s, { User: "a" }) }));
    out.push(...engine.flush());
    assert.deepEqual(
      out.map((m) => [m.rule.title, m.events.length, m.group]),
      [["old style", 3, { User: "a" }]],
    );
  });
});
