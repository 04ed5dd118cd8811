import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "yaml";
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import { CorrelationEngine, type CorrelationMatch } from "./correlation-engine.js";
import { type CorrelationRule, isCorrelationRule, parseCorrelationRule } from "./correlation-rule.js";

// Harness: rules from YAML, events at T0 + seconds, hits summarized in seconds.
const T0 = Date.UTC(2024, 0, 1);

function ev(sec: number, fields: Fields): Event {
  const ms = T0 + sec * 1000;
  return {
    kind: "windows",
    time: { iso: new Date(ms).toISOString(), ms },
    host: "host",
    identity: { provider: "test", channel: "Security", eventId: 0 },
    logsource: {},
    fields,
    provenance: { file: "test.evtx", format: "evtx" },
  };
}

function rule(yaml: string): CorrelationRule {
  const r = parseCorrelationRule(parse(yaml), { file: "test.yml", line: 1 });
  if (!isCorrelationRule(r)) assert.fail(r.reason);
  return r;
}

type Feed = readonly [ref: string, sec: number, fields: Fields];
interface Hit {
  readonly group: Record<string, string>;
  readonly first: number;
  readonly last: number;
  readonly events: number;
  readonly value: number;
}

function hit(m: CorrelationMatch): Hit {
  const s = (ms: number) => (ms - T0) / 1000;
  return {
    group: m.group,
    first: s(m.firstTime.ms),
    last: s(m.lastTime.ms),
    events: m.events.length,
    value: m.value,
  };
}

function run(rules: CorrelationRule[], feed: readonly Feed[]): Hit[] {
  const engine = new CorrelationEngine(rules);
  const out: CorrelationMatch[] = [];
  for (const [ref, sec, fields] of feed) out.push(...engine.push({ ruleId: ref, event: ev(sec, fields) }));
  out.push(...engine.flush());
  return out.map(hit);
}

interface Case {
  readonly name: string;
  readonly feed: readonly Feed[];
  readonly hits: readonly Partial<Hit>[];
}

function table(rules: () => CorrelationRule[], cases: readonly Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const got = run(rules(), c.feed);
      assert.equal(got.length, c.hits.length, `hits: ${JSON.stringify(got)}`);
      c.hits.forEach((want, i) => {
        const g = got[i] as Hit;
        for (const [k, v] of Object.entries(want)) assert.deepEqual(g[k as keyof Hit], v, `hit ${i} ${k}`);
      });
    });
  }
}

const alice = { User: "alice" };
const bob = { User: "bob" };

describe("event_count (threshold: reported when reached, then the group starts afresh)", () => {
  table(
    () => [
      rule(
        "title: c\ncorrelation: {type: event_count, rules: [f], group-by: [User], timespan: 1m, condition: {gte: 3}}",
      ),
    ],
    [
      {
        name: "three within a minute",
        feed: [
          ["f", 0, alice],
          ["f", 20, alice],
          ["f", 40, alice],
        ],
        hits: [{ group: alice, first: 0, last: 40, events: 3, value: 3 }],
      },
      {
        name: "three, but spread over more than a minute",
        feed: [
          ["f", 0, alice],
          ["f", 40, alice],
          ["f", 100, alice],
        ],
        hits: [],
      },
      {
        name: "sliding: the window ending at each event",
        feed: [
          ["f", 0, alice],
          ["f", 50, alice],
          ["f", 70, alice],
          ["f", 90, alice],
        ],
        hits: [{ first: 50, last: 90, events: 3 }],
      },
      {
        name: "the window includes its end (0 s and 60 s are one minute apart)",
        feed: [
          ["f", 0, alice],
          ["f", 30, alice],
          ["f", 60, alice],
        ],
        hits: [{ first: 0, last: 60 }],
      },
      {
        name: "groups are counted apart",
        feed: [
          ["f", 0, alice],
          ["f", 1, bob],
          ["f", 2, alice],
          ["f", 3, bob],
        ],
        hits: [],
      },
      {
        name: "six in a burst are two hits",
        feed: [0, 1, 2, 3, 4, 5].map((s) => ["f", s, alice] as const),
        hits: [
          { first: 0, last: 2 },
          { first: 3, last: 5 },
        ],
      },
      {
        name: "events without the group-by field are not counted",
        feed: [
          ["f", 0, {}],
          ["f", 1, { User: "" }],
          ["f", 2, { User: null }],
        ],
        hits: [],
      },
      {
        name: "other rules are not counted",
        feed: [
          ["f", 0, alice],
          ["g", 1, alice],
          ["f", 2, alice],
        ],
        hits: [],
      },
    ],
  );
});

describe("event_count with an upper bound (windowed: tested once the window has passed)", () => {
  table(
    () => [
      rule(
        "title: c\ncorrelation: {type: event_count, rules: [f], group-by: [User], timespan: 1m, condition: {gt: 1, lte: 2}}",
      ),
    ],
    [
      {
        name: "two in the window: reported when a later event closes it",
        feed: [
          ["f", 0, alice],
          ["f", 30, alice],
          ["f", 200, bob],
        ],
        hits: [{ group: alice, first: 0, last: 30, value: 2 }],
      },
      {
        name: "three in the window: too many",
        feed: [
          ["f", 0, alice],
          ["f", 10, alice],
          ["f", 20, alice],
        ],
        hits: [],
      },
      {
        name: "one in the window: too few",
        feed: [["f", 0, alice]],
        hits: [],
      },
      {
        name: "windows start at a group's first event and do not overlap",
        feed: [
          ["f", 0, alice],
          ["f", 50, alice],
          ["f", 70, alice],
          ["f", 80, alice],
        ],
        hits: [
          { first: 0, last: 50 },
          { first: 70, last: 80 },
        ],
      },
    ],
  );
});

describe("value_count", () => {
  table(
    () => [
      rule(
        "title: c\ncorrelation: {type: value_count, rules: [f], group-by: [IpAddress], timespan: 5m, condition: {field: TargetUserName, gte: 3}}",
      ),
    ],
    [
      {
        name: "three users from one address",
        feed: [
          ["f", 0, { IpAddress: "10.0.0.9", TargetUserName: "a" }],
          ["f", 10, { IpAddress: "10.0.0.9", TargetUserName: "b" }],
          ["f", 20, { IpAddress: "10.0.0.9", TargetUserName: "a" }],
          ["f", 30, { IpAddress: "10.0.0.9", TargetUserName: "c" }],
        ],
        hits: [{ group: { IpAddress: "10.0.0.9" }, value: 3, events: 3, first: 10, last: 30 }],
      },
      {
        name: "one user many times",
        feed: [0, 1, 2, 3, 4].map((s) => ["f", s, { IpAddress: "10.0.0.9", TargetUserName: "a" }] as const),
        hits: [],
      },
      {
        name: "three users, from different addresses",
        feed: [
          ["f", 0, { IpAddress: "10.0.0.1", TargetUserName: "a" }],
          ["f", 1, { IpAddress: "10.0.0.2", TargetUserName: "b" }],
          ["f", 2, { IpAddress: "10.0.0.3", TargetUserName: "c" }],
        ],
        hits: [],
      },
      {
        name: "a user seen again later still counts once, at its latest time",
        feed: [
          ["f", 0, { IpAddress: "x", TargetUserName: "a" }],
          ["f", 200, { IpAddress: "x", TargetUserName: "b" }],
          ["f", 310, { IpAddress: "x", TargetUserName: "a" }],
          ["f", 320, { IpAddress: "x", TargetUserName: "c" }],
        ],
        hits: [{ first: 200, last: 320 }],
      },
      {
        name: "events without the field are not counted",
        feed: [
          ["f", 0, { IpAddress: "x", TargetUserName: "a" }],
          ["f", 1, { IpAddress: "x" }],
          ["f", 2, { IpAddress: "x", TargetUserName: "b" }],
        ],
        hits: [],
      },
    ],
  );

  test("several fields count distinct combinations", () => {
    const r = rule(
      "title: c\ncorrelation: {type: value_count, rules: [f], timespan: 5m, condition: {field: [User, Domain], gte: 2}}",
    );
    const got = run(
      [r],
      [
        ["f", 0, { User: "a", Domain: "X" }],
        ["f", 1, { User: "a", Domain: "X" }],
        ["f", 2, { User: "a", Domain: "Y" }],
      ],
    );
    assert.equal(got.length, 1);
    assert.deepEqual(got[0]?.group, {});
  });
});

describe("temporal (all referenced rules, any order, same group)", () => {
  const feedOf = (...items: [string, number, string][]): Feed[] =>
    items.map(([r, s, host]) => [r, s, { Computer: host, User: "u" }] as const);
  table(
    () => [
      rule(
        "title: c\ncorrelation: {type: temporal, rules: [a, b, c], group-by: [Computer, User], timespan: 5m}",
      ),
    ],
    [
      {
        name: "all three, in any order",
        feed: feedOf(["c", 0, "h1"], ["a", 60, "h1"], ["b", 120, "h1"]),
        hits: [{ group: { Computer: "h1", User: "u" }, value: 3, events: 3, first: 0, last: 120 }],
      },
      { name: "only two", feed: feedOf(["a", 0, "h1"], ["b", 1, "h1"], ["a", 2, "h1"]), hits: [] },
      { name: "one too early", feed: feedOf(["a", 0, "h1"], ["b", 200, "h1"], ["c", 301, "h1"]), hits: [] },
      { name: "on different hosts", feed: feedOf(["a", 0, "h1"], ["b", 1, "h2"], ["c", 2, "h1"]), hits: [] },
      {
        name: "a repeated rule keeps its latest event",
        feed: feedOf(["a", 0, "h1"], ["b", 200, "h1"], ["a", 250, "h1"], ["c", 310, "h1"]),
        hits: [{ first: 200, last: 310, events: 3 }],
      },
    ],
  );

  test("a condition can ask for fewer rules (2 of 3)", () => {
    const r = rule(
      "title: c\ncorrelation: {type: temporal, rules: [a, b, c], timespan: 5m, condition: {gte: 2}}",
    );
    const got = run(
      [r],
      [
        ["c", 0, {}],
        ["c", 1, {}],
        ["a", 2, {}],
      ],
    );
    assert.equal(got.length, 1);
    assert.equal(got[0]?.value, 2);
  });

  test("aliases group different fields of different rules (spec example)", () => {
    const r = rule(`
title: error then connection
correlation:
  type: temporal
  rules: [internal_error, new_network_connection]
  group-by: [internal_ip, remote_ip]
  timespan: 10s
  aliases:
    internal_ip: {internal_error: destination.ip, new_network_connection: source.ip}
    remote_ip: {internal_error: source.ip, new_network_connection: destination.ip}
`);
    const got = run(
      [r],
      [
        ["internal_error", 0, { "destination.ip": "10.0.0.5", "source.ip": "203.0.113.7" }],
        ["new_network_connection", 3, { "source.ip": "10.0.0.6", "destination.ip": "203.0.113.7" }],
        ["new_network_connection", 5, { "source.ip": "10.0.0.5", "destination.ip": "203.0.113.7" }],
      ],
    );
    assert.equal(got.length, 1);
    assert.deepEqual(got[0]?.group, { internal_ip: "10.0.0.5", remote_ip: "203.0.113.7" });
    assert.deepEqual([got[0]?.first, got[0]?.last], [0, 5]);
  });
});

describe("temporal_ordered (the rules in the listed order)", () => {
  table(
    () => [
      rule(
        "title: c\ncorrelation: {type: temporal_ordered, rules: [a, b, c], group-by: [User], timespan: 10m}",
      ),
    ],
    [
      {
        name: "in order",
        feed: [
          ["a", 0, alice],
          ["b", 60, alice],
          ["c", 120, alice],
        ],
        hits: [{ value: 3, events: 3, first: 0, last: 120 }],
      },
      {
        name: "out of order",
        feed: [
          ["b", 0, alice],
          ["a", 60, alice],
          ["c", 120, alice],
        ],
        hits: [],
      },
      {
        name: "a restart of the sequence within the window",
        feed: [
          ["b", 0, alice],
          ["a", 60, alice],
          ["b", 70, alice],
          ["c", 120, alice],
        ],
        hits: [{ first: 0, last: 120, events: 4 }],
      },
      {
        name: "in order, but longer than the window",
        feed: [
          ["a", 0, alice],
          ["b", 300, alice],
          ["c", 601, alice],
        ],
        hits: [],
      },
      {
        name: "in order, but by different users",
        feed: [
          ["a", 0, alice],
          ["b", 1, bob],
          ["c", 2, alice],
        ],
        hits: [],
      },
      {
        name: "equal times follow arrival order",
        feed: [
          ["a", 5, alice],
          ["b", 5, alice],
          ["c", 5, alice],
        ],
        hits: [{ value: 3 }],
      },
    ],
  );

  test("a condition of 2 accepts a then c", () => {
    const r = rule(
      "title: c\ncorrelation: {type: temporal_ordered, rules: [a, b, c], timespan: 10m, condition: {gte: 2}}",
    );
    assert.equal(
      run(
        [r],
        [
          ["c", 0, {}],
          ["a", 1, {}],
          ["c", 2, {}],
        ],
      ).length,
      1,
    );
    assert.equal(
      run(
        [r],
        [
          ["c", 0, {}],
          ["b", 1, {}],
          ["a", 2, {}],
        ],
      ).length,
      0,
    );
  });
});
