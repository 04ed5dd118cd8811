import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../events/event.js";
import type { CorrelationMatch } from "../sigma/correlation/correlation-engine.js";
import { correlationFromDocument } from "../sigma/correlation/correlation-document.js";
import { type CorrelationRule, isCorrelationRule } from "../sigma/correlation/correlation-rule.js";
import { parseRuleText } from "../sigma/rule-loader.js";
import { correlationRow, durationText, listDistinct } from "./hunt-correlation-row.js";
import { huntCsvCells } from "./hunt-csv.js";
import { testEvent } from "./hunt-fixtures.js";
import { huntJsonObject } from "./hunt-jsonl.js";
import { timesketchObject } from "./hunt-timesketch.js";

function correlation(body: string): CorrelationRule {
  const loaded = parseRuleText(
    `title: Spray\nid: s-1\nlevel: medium\ntags: [attack.t1110]\ncorrelation:\n${body}`,
    "c.yml",
  );
  const raw = loaded.correlations[0];
  assert.ok(raw);
  const c = correlationFromDocument(raw);
  assert.ok(isCorrelationRule(c), JSON.stringify(c));
  return c;
}

function match(
  rule: CorrelationRule,
  events: Event[],
  value: number,
  group: Record<string, string>,
): CorrelationMatch {
  const times = events.map((e) => e.time).filter((t) => t !== undefined);
  return { rule, events, group, value, firstTime: times[0]!, lastTime: times[times.length - 1]! };
}

describe("listDistinct", () => {
  const table: [string[], number, string][] = [
    [[], 3, ""],
    [["a", "a", "b"], 3, "a, b"],
    [["a", "b", "c", "d", "e", "a"], 3, "a, b, c (+2)"],
  ];
  for (const [values, max, want] of table) {
    it(`${JSON.stringify(values)} → ${want}`, () => assert.equal(listDistinct(values, max), want));
  }
});

describe("durationText", () => {
  const table: [number, string][] = [
    [0, "0ms"],
    [250, "250ms"],
    [1500, "1.5s"],
    [60_000, "1m"],
    [250_000, "4m10s"],
    [93_784_000, "1d2h3m4s"],
    [-1, ""],
  ];
  for (const [ms, want] of table) it(`${ms} → ${want}`, () => assert.equal(durationText(ms), want));
});

describe("correlationRow", () => {
  const rule = correlation(
    "  type: value_count\n  rules: [failed]\n  group-by: [IpAddress]\n  timespan: 10m\n  condition: {field: TargetUserName, gte: 2}\n",
  );
  const events = [
    testEvent({ iso: "2020-05-02T03:40:00Z", host: "DC1", channel: "Security", eventId: 4625, recordId: 7 }),
    testEvent({
      iso: "2020-05-02T03:45:00.5Z",
      host: "DC2",
      channel: "Security",
      eventId: 4771,
      recordId: 9,
    }),
  ];
  const row = correlationRow(match(rule, events, 2, { IpAddress: "10.0.0.66" }), "Asia/Tokyo");

  it("takes the correlation's title, level, id and tags, and the first event's time in the display zone", () => {
    assert.equal(row.ruleTitle, "Spray");
    assert.equal(row.level, "medium");
    assert.equal(row.ruleId, "s-1");
    assert.deepEqual(row.tags, ["attack.t1110"]);
    assert.equal(row.timestamp, "2020-05-02 12:40:00.000 +09:00");
    assert.equal(row.iso, "2020-05-02T03:40:00Z");
    assert.equal(row.ms, Date.parse("2020-05-02T03:40:00Z"));
  });

  it("lists the events' hosts and channels; no EventID when they differ, no RecordID", () => {
    assert.equal(row.computer, "DC1, DC2");
    assert.equal(row.channel, "Security");
    assert.equal(row.eventId, undefined);
    assert.equal(row.recordId, undefined);
  });

  it("puts the group, the measure with its field and the span in Details, the record ids in ExtraFieldInfo", () => {
    assert.deepEqual(row.details, [
      ["IpAddress", "10.0.0.66"],
      ["DistinctCount", "2"],
      ["Field", "TargetUserName"],
      ["Events", "2"],
      ["Duration", "5m0.5s"],
      ["FirstTime", "2020-05-02 12:40:00.000 +09:00"],
      ["LastTime", "2020-05-02 12:45:00.500 +09:00"],
    ]);
    assert.deepEqual(row.extra, [
      ["Timespan", "10m"],
      ["RecordIDs", "7, 9"],
    ]);
  });

  it("writes an empty EventID cell in CSV and null in JSON lines and Timesketch", () => {
    assert.equal(huntCsvCells(row)[5], "");
    assert.equal(huntJsonObject(row).EventID, null);
    assert.equal(timesketchObject(row)?.EventID, null);
    assert.equal(timesketchObject(row)?.message, "Spray");
  });

  it("names the percentile and rounds a fractional measure", () => {
    const p = correlation(
      "  type: value_percentile\n  rules: [x]\n  timespan: 1h\n  condition: {field: Bytes, percentile: 95, gte: 100}\n",
    );
    const r = correlationRow(match(p, [events[0] as Event], 123.456789012, {}), "UTC");
    assert.deepEqual(r.details.slice(0, 3), [
      ["Percentile", "123.456789"],
      ["PercentileRank", "95"],
      ["Field", "Bytes"],
    ]);
    assert.equal(r.eventId, 4625);
  });
});
