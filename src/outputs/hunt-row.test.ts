import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testEvent, testMatch, testRule } from "./hunt-fixtures.js";
import { compareRows, huntRow, huntTimestamp, levelText } from "./hunt-row.js";

describe("huntTimestamp", () => {
  const rows: readonly [string, string, string, string][] = [
    ["UTC keeps milliseconds", "2020-05-02T03:40:19.1234567Z", "UTC", "2020-05-02 03:40:19.123 +00:00"],
    ["UTC pads short fractions", "2020-05-02T03:40:19.5Z", "UTC", "2020-05-02 03:40:19.500 +00:00"],
    ["UTC without fraction", "2020-05-02T03:40:19Z", "UTC", "2020-05-02 03:40:19.000 +00:00"],
    ["a zone shows its offset", "2020-05-02T03:40:19.123Z", "Asia/Tokyo", "2020-05-02 12:40:19.123 +09:00"],
    ["unparsable stays as is", "not a time", "UTC", "not a time"],
  ];
  for (const [name, iso, zone, want] of rows) it(name, () => assert.equal(huntTimestamp(iso, zone), want));
});

describe("huntRow", () => {
  it("fills the standard columns from the rule and the event", () => {
    const rule = testRule({ id: "r-1", title: "Whoami", level: "medium", tags: ["attack.discovery"] });
    const row = huntRow(
      testMatch(rule, testEvent({ recordId: 2n ** 60n, fields: { CommandLine: "whoami" } })),
      "UTC",
    );
    assert.equal(row.timestamp, "2020-05-02 03:40:19.123 +00:00");
    assert.equal(row.iso, "2020-05-02T03:40:19.1234567Z");
    assert.equal(row.ruleTitle, "Whoami");
    assert.equal(levelText(row.level), "med");
    assert.equal(row.computer, "WS1.corp.local");
    assert.equal(row.channel, "Microsoft-Windows-Sysmon/Operational");
    assert.equal(row.eventId, 1);
    assert.equal(row.recordId, 2n ** 60n);
    assert.deepEqual(row.details, [["CommandLine", "whoami"]]);
    assert.equal(row.ruleId, "r-1");
    assert.deepEqual(row.tags, ["attack.discovery"]);
  });

  it("uses the rule name when there is no id, and an empty time when the event has none", () => {
    const row = huntRow(testMatch(testRule({ name: "named" }), testEvent({ iso: "" })), "UTC");
    assert.equal(row.ruleId, "named");
    assert.equal(row.timestamp, "");
    assert.equal(row.ms, undefined);
  });

  it("abbreviates levels as Hayabusa", () => {
    assert.deepEqual(
      [undefined, "informational", "low", "medium", "high", "critical"].map((l) =>
        levelText(l as Parameters<typeof levelText>[0]),
      ),
      ["info", "info", "low", "med", "high", "crit"],
    );
  });
});

describe("compareRows", () => {
  it("orders by time, then rule title, then host, then position; rows without time last", () => {
    const at = (iso: string, title: string, host = "H", offset = 0) =>
      huntRow(testMatch(testRule({ title }), testEvent({ iso, host, offset })), "UTC");
    const rows = [
      at("", "A"),
      at("2020-01-01T00:00:02Z", "A"),
      at("2020-01-01T00:00:01Z", "B"),
      at("2020-01-01T00:00:01Z", "A", "H2"),
      at("2020-01-01T00:00:01Z", "A", "H1", 20),
      at("2020-01-01T00:00:01Z", "A", "H1", 10),
    ];
    const sorted = [...rows].sort(compareRows);
    assert.deepEqual(
      sorted.map((r) => `${r.timestamp.slice(17, 19) || "--"} ${r.ruleTitle} ${r.computer} ${r.position}`),
      ["01 A H1 10", "01 A H1 20", "01 A H2 0", "01 B H 0", "02 A H 0", "-- A H 0"],
    );
  });
});
