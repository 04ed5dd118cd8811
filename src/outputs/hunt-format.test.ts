/** Every line format of the hunt timeline: shared properties, then a golden line per format. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HUNT_FORMATS, huntFormatter } from "./hunt-format.js";
import { testEvent, testMatch, testRule } from "./hunt-fixtures.js";
import { type HuntRow, huntRow } from "./hunt-row.js";
import { timesketchDatetime } from "./hunt-timesketch.js";

const rule = testRule({ id: "5f0e4a2b-0000-4000-8000-000000000001", title: "Whoami run", level: "high" });
const row: HuntRow = huntRow(
  testMatch(
    rule,
    testEvent({
      recordId: 9007199254740993n,
      fields: { Image: "C:\\w.exe", CommandLine: "=cmd|' /C calc'!A0", ParentImage: "\u001b[2J\u202e" },
    }),
  ),
  "UTC",
);
const timeless: HuntRow = huntRow(testMatch(rule, testEvent({ iso: "" })), "UTC");

describe("hunt line formats (shared)", () => {
  for (const format of HUNT_FORMATS.filter((f) => f !== "table")) {
    it(`${format}: one line per row, no raw control or bidi character`, () => {
      const f = huntFormatter(format);
      const text = f.formatRow(row);
      assert.ok(text !== undefined);
      assert.equal(text.split(/\r?\n/).length, 2, "exactly one line break, at the end");
      if (format !== "csv") assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u202e]/);
    });
  }
});

describe("hunt CSV", () => {
  const f = huntFormatter("csv");
  it("has Hayabusa's standard header", () => {
    assert.equal(
      f.header,
      "Timestamp,RuleTitle,Level,Computer,Channel,EventID,RecordID,Details,ExtraFieldInfo,RuleID\r\n",
    );
  });
  it("writes the golden row (a formula inside a cell is inert; only a leading one is neutralised)", () => {
    assert.equal(
      f.formatRow(row),
      "2020-05-02 03:40:19.123 +00:00,Whoami run,high,WS1.corp.local,Microsoft-Windows-Sysmon/Operational,1," +
        "9007199254740993,Image: C:\\w.exe ¦ CommandLine: =cmd|' /C calc'!A0 ¦ ParentImage: \u001b[2J\u202e,," +
        "5f0e4a2b-0000-4000-8000-000000000001\r\n",
    );
  });
  it("neutralises a cell that starts with a formula character", () => {
    const r = huntRow(testMatch(testRule({ title: "=HYPERLINK(1)" }), testEvent({ host: "@evil" })), "UTC");
    const cells = f.formatRow(r)!.split(",");
    assert.equal(cells[1], "'=HYPERLINK(1)");
    assert.equal(cells[3], "'@evil");
  });
});

describe("hunt JSONL", () => {
  it("writes the standard keys, exact 64-bit record ids and details as objects", () => {
    const text = huntFormatter("jsonl").formatRow(row)!;
    assert.ok(text.includes('"RecordID":9007199254740993'), "exact, not rounded");
    const o = JSON.parse(text);
    assert.deepEqual(Object.keys(o), [
      "Timestamp",
      "RuleTitle",
      "Level",
      "Computer",
      "Channel",
      "EventID",
      "RecordID",
      "Details",
      "ExtraFieldInfo",
      "RuleID",
    ]);
    assert.equal(o.RuleID, "5f0e4a2b-0000-4000-8000-000000000001");
    assert.deepEqual(o.Details, {
      Image: "C:\\w.exe",
      CommandLine: "=cmd|' /C calc'!A0",
      ParentImage: "\u001b[2J\u202e",
    });
    assert.deepEqual(o.ExtraFieldInfo, {});
    assert.equal(o.EventID, 1);
  });
  it("writes null for an unknown record id", () => {
    assert.equal(JSON.parse(huntFormatter("jsonl").formatRow(timeless)!).RecordID, null);
  });
});

describe("hunt Timesketch", () => {
  it("adds message, datetime and timestamp_desc; details as text", () => {
    const o = JSON.parse(huntFormatter("timesketch").formatRow(row)!);
    assert.equal(o.message, "Whoami run");
    assert.equal(o.datetime, "2020-05-02T03:40:19.123456Z");
    assert.equal(o.timestamp_desc, "Event Time");
    assert.equal(
      o.Details,
      "Image: C:\\w.exe ¦ CommandLine: =cmd|' /C calc'!A0 ¦ ParentImage: \u001b[2J\u202e",
    );
    assert.equal(o.RuleID, rule.id);
  });
  it("cannot show a row without a time", () => {
    assert.equal(huntFormatter("timesketch").formatRow(timeless), undefined);
  });
  it("keeps at most microseconds", () => {
    assert.equal(timesketchDatetime("2020-01-01T00:00:00.1234567Z"), "2020-01-01T00:00:00.123456Z");
    assert.equal(timesketchDatetime("2020-01-01T00:00:00.12Z"), "2020-01-01T00:00:00.12Z");
  });
});
