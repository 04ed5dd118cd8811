/** Date parsing and the parts the time modifiers extract (UTC; ISO-8601 weeks). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseDateMs, timePartOf } from "./time-part.js";

describe("parseDateMs", () => {
  const ROWS: readonly [string, string | undefined][] = [
    ["2026-03-02T09:14:05Z", "2026-03-02T09:14:05.000Z"],
    ["2026-03-02T09:14:05.1653240Z", "2026-03-02T09:14:05.165Z"],
    ["2026-03-02 09:14:05.132", "2026-03-02T09:14:05.132Z"],
    ["2026-03-02T10:14:05+01:00", "2026-03-02T09:14:05.000Z"],
    ["2026-03-02T04:14:05-0500", "2026-03-02T09:14:05.000Z"],
    ["2026-03-02", "2026-03-02T00:00:00.000Z"],
    ["2026-03-02 09:14", "2026-03-02T09:14:00.000Z"],
    ["yesterday", undefined],
    ["2026-13-45", undefined],
  ];
  for (const [text, iso] of ROWS) {
    test(text, () => {
      const ms = parseDateMs(text);
      assert.equal(ms === undefined ? undefined : new Date(ms).toISOString(), iso);
    });
  }
});

describe("timePartOf", () => {
  const ms = Date.parse("2026-03-02T09:14:05Z");
  const ROWS: readonly [Parameters<typeof timePartOf>[1], number][] = [
    ["minute", 14],
    ["hour", 9],
    ["day", 2],
    ["month", 3],
    ["year", 2026],
    ["week", 10],
  ];
  for (const [part, want] of ROWS) {
    test(part, () => assert.equal(timePartOf(ms, part), want));
  }
  test("ISO weeks at year boundaries", () => {
    assert.equal(timePartOf(Date.parse("2021-01-03T12:00:00Z"), "week"), 53);
    assert.equal(timePartOf(Date.parse("2024-12-30T12:00:00Z"), "week"), 1);
    assert.equal(timePartOf(Date.parse("2026-01-01T00:00:00Z"), "week"), 1);
  });
});
