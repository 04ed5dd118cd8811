import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Finding } from "../../findings/finding.js";
import type { Severity } from "../../findings/severity.js";
import { timeline } from "./timeline.js";

function finding(id: string, iso: string | undefined, severity: Severity = "low"): Finding {
  const first = iso === undefined ? undefined : { iso, ms: Date.parse(iso) };
  return {
    id,
    detector: "test",
    viewpoint: "time",
    severity,
    confidence: 0.5,
    attack: [],
    host: "WS1",
    subject: { kind: "host" },
    first,
    last: first,
    evidence: [],
    evidenceCount: 0,
    message: { en: id, ja: id },
    details: {},
  };
}

describe("timeline", () => {
  const findings = [
    finding("c", "2026-03-02T10:41:02Z"),
    finding("undated-low", undefined, "low"),
    finding("a", "2026-03-02T09:14:03Z", "medium"),
    finding("b", "2026-03-02T09:14:03Z", "high"),
    finding("d", "2026-03-02T09:59:59.999Z"),
    finding("undated-high", undefined, "high"),
  ];

  test("ordered by time, then severity, bucketed by the hour (UTC); undated apart", () => {
    const t = timeline(findings);
    assert.equal(t.timeZone, "UTC");
    assert.deepEqual(
      t.buckets.map((b) => [b.label, b.start.iso, b.end.iso, b.findings.map((f) => f.id)]),
      [
        ["2026-03-02 09:00", "2026-03-02T09:00:00.000Z", "2026-03-02T10:00:00.000Z", ["b", "a", "d"]],
        ["2026-03-02 10:00", "2026-03-02T10:00:00.000Z", "2026-03-02T11:00:00.000Z", ["c"]],
      ],
    );
    assert.deepEqual(
      t.undated.map((f) => f.id),
      ["undated-high", "undated-low"],
    );
  });

  test("buckets are aligned to local time in the zone (India, +05:30)", () => {
    const t = timeline(findings, { timeZone: "Asia/Kolkata" });
    assert.deepEqual(
      t.buckets.map((b) => [b.label, b.start.iso, b.findings.map((f) => f.id)]),
      [
        ["2026-03-02 14:00", "2026-03-02T08:30:00.000Z", ["b", "a"]],
        ["2026-03-02 15:00", "2026-03-02T09:30:00.000Z", ["d"]],
        ["2026-03-02 16:00", "2026-03-02T10:30:00.000Z", ["c"]],
      ],
    );
  });

  test("a day-wide bucket", () => {
    const t = timeline(findings, { bucketMs: 86_400_000, timeZone: "Asia/Tokyo" });
    assert.deepEqual(
      t.buckets.map((b) => [b.label, b.findings.length]),
      [["2026-03-02 00:00", 4]],
    );
  });

  test("empty input", () => {
    assert.deepEqual(timeline([]).buckets, []);
  });

  test("a bad bucket width or zone is E_CONFIG", () => {
    for (const options of [{ bucketMs: 0 }, { bucketMs: Number.NaN }, { timeZone: "Bad/Zone" }])
      assert.throws(
        () => timeline(findings, options),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_CONFIG" && e.location === undefined,
      );
  });
});
