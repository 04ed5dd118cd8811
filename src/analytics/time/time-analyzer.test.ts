import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Finding } from "../../findings/finding.js";
import { logonEvent, processEvent } from "./test-events.test.support.js";
import { TimeAnalyzer } from "./time-analyzer.js";
import type { TimeOptions } from "./time-options.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 2026-03-02 00:00 UTC */
const MONDAY = Date.parse("2026-03-02T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

/** `days` days of office activity (08:00–19:59 UTC, 4 process creations an hour) on WS1 by tanaka. */
function office(
  a: TimeAnalyzer,
  days: number,
  opts: { weekdaysOnly?: boolean; offsetMs?: number } = {},
): void {
  for (let d = 0; d < days; d++) {
    const weekday = (1 + d) % 7;
    if (opts.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    for (let h = 8; h < 20; h++)
      for (let m = 0; m < 4; m++)
        a.observe(
          processEvent(
            iso(MONDAY + d * DAY + h * HOUR + m * 900_000 - (opts.offsetMs ?? 0)),
            "WS1",
            "CORP\\tanaka",
          ),
        );
  }
}

function byDetector(findings: readonly Finding[], detector: string): Finding[] {
  return findings.filter((f) => f.detector === detector).sort((a, b) => a.id.localeCompare(b.id));
}

describe("TimeAnalyzer", () => {
  test("process creation and a logon at 03:00 on a host active 08–20: host and user findings", () => {
    const a = new TimeAnalyzer();
    office(a, 5);
    a.observe(processEvent(iso(MONDAY + 2 * DAY + 3 * HOUR + 60_000), "WS1", "CORP\\tanaka", 9001));
    a.observe(logonEvent(iso(MONDAY + 2 * DAY + 3 * HOUR), "WS1", "CORP", "tanaka", 10));
    const findings = a.finish();
    const off = byDetector(findings, "time.off-hours");
    assert.deepEqual(
      off.map((f) => f.id),
      ["time.off-hours:host:WS1|03", "time.off-hours:user:corp\\tanaka|03"],
    );
    const host = off[0];
    assert.equal(host.viewpoint, "time");
    assert.equal(host.host, "WS1");
    assert.deepEqual(host.subject, { kind: "host" });
    assert.equal(host.severity, "low");
    assert.deepEqual(host.attack, ["T1078"], "a logon is among the activity");
    assert.equal(host.evidenceCount, 2);
    assert.equal(host.evidence.length, 2);
    assert.equal(host.evidence[1].line, 9001, "earliest first: the logon at 03:00:00, then the process");
    assert.equal(host.first?.ms, MONDAY + 2 * DAY + 3 * HOUR);
    assert.equal(host.details.usualHours, "07:00–21:00");
    assert.equal(host.details.processes, 1);
    assert.equal(host.details.logons, 1);
    assert.equal(host.details.baselineDays, 5);
    assert.match(
      host.message.en,
      /^WS1 was active at 03:00–04:00 \(UTC\), outside its usual hours \(07:00–21:00\): 1 process creation, 1 logon\./,
    );
    assert.match(host.message.ja, /通常の活動時間帯（07:00–21:00、UTC）外の 03:00–04:00/);
    const user = off[1];
    assert.deepEqual(user.subject, { kind: "user", user: "corp\\tanaka" });
    assert.equal(user.host, "WS1");
    assert.match(user.message.en, /^User corp\\tanaka was active on WS1 at 03:00/);
    assert.equal(byDetector(findings, "time.unusual-weekday").length, 0, "5 days: weekdays not judged");
    assert.equal(a.stats().baselinesClaimed, 2);
  });

  test("no finding without enough data (one busy day)", () => {
    const a = new TimeAnalyzer();
    office(a, 1);
    a.observe(processEvent(iso(MONDAY + 3 * HOUR), "WS1", "CORP\\tanaka"));
    assert.deepEqual(a.finish(), []);
    assert.equal(a.stats().baselinesClaimed, 0);
  });

  test("activity inside the usual hours raises nothing", () => {
    const a = new TimeAnalyzer();
    office(a, 5);
    a.observe(processEvent(iso(MONDAY + 2 * DAY + 7 * HOUR), "WS1", "CORP\\tanaka"));
    assert.deepEqual(a.finish(), []);
  });

  test("service accounts are left out of the baselines", () => {
    const a = new TimeAnalyzer();
    office(a, 5);
    a.observe(processEvent(iso(MONDAY + 2 * DAY + 3 * HOUR), "WS1", "NT AUTHORITY\\SYSTEM"));
    a.observe(processEvent(iso(MONDAY + 2 * DAY + 3 * HOUR), "WS1", "CORP\\WS1$"));
    assert.deepEqual(a.finish(), []);
    assert.equal(a.stats().ignoredAccounts, 2);
  });

  test("the zone: office hours in Tokyo are the night in UTC; 03:00 Tokyo is flagged", () => {
    const a = new TimeAnalyzer({ timeZone: "Asia/Tokyo" });
    office(a, 5, { offsetMs: 9 * HOUR });
    // 03:00 Tokyo = 18:00 UTC the day before
    a.observe(processEvent(iso(MONDAY + 2 * DAY + 3 * HOUR - 9 * HOUR), "WS1", "CORP\\tanaka"));
    const off = byDetector(a.finish(), "time.off-hours");
    assert.deepEqual(
      off.map((f) => [f.id, f.details.timeZone, f.details.usualHours]),
      [
        ["time.off-hours:host:WS1|03", "Asia/Tokyo", "07:00–21:00"],
        ["time.off-hours:user:corp\\tanaka|03", "Asia/Tokyo", "07:00–21:00"],
      ],
    );
    // the same data read in UTC: the office hours are 23:00–11:00 and 18:00 UTC is outside them
    const utc = new TimeAnalyzer({ subjects: ["host"] });
    office(utc, 5, { offsetMs: 9 * HOUR });
    utc.observe(processEvent(iso(MONDAY + 2 * DAY + 3 * HOUR - 9 * HOUR), "WS1", "CORP\\tanaka"));
    const [f] = utc.finish();
    assert.equal(f.details.hour, 18);
    assert.equal(f.details.usualHours, "22:00–12:00");
  });

  test("activity on a Saturday for a host active Monday–Friday over three weeks", () => {
    const a = new TimeAnalyzer({ subjects: ["host"] });
    office(a, 21, { weekdaysOnly: true });
    // Saturday 2026-03-07 10:10 and 03:10 (the night one is an off-hours finding, not a weekday one)
    a.observe(processEvent(iso(MONDAY + 5 * DAY + 10 * HOUR + 600_000), "WS1", "CORP\\tanaka", 7001));
    a.observe(processEvent(iso(MONDAY + 5 * DAY + 3 * HOUR + 600_000), "WS1", "CORP\\tanaka", 7002));
    const findings = a.finish();
    const weekday = byDetector(findings, "time.unusual-weekday");
    assert.equal(weekday.length, 1);
    const f = weekday[0];
    assert.equal(f.id, "time.unusual-weekday:host:WS1|Saturday");
    assert.equal(f.evidenceCount, 1);
    assert.deepEqual(
      f.evidence.map((p) => p.line),
      [7001],
    );
    assert.equal(f.details.usualWeekdays, "Mon,Tue,Wed,Thu,Fri");
    assert.match(
      f.message.en,
      /WS1 was active on Saturday \(UTC\), a day it is normally idle \(usual days: Mon, Tue, Wed, Thu, Fri\): 1 process creation/,
    );
    assert.match(f.message.ja, /通常は活動のない土曜日/);
    assert.deepEqual(
      byDetector(findings, "time.off-hours").map((f) => f.id),
      ["time.off-hours:host:WS1|03"],
    );
  });

  test("untimed events are counted, not placed", () => {
    const a = new TimeAnalyzer();
    a.observe({ ...processEvent(iso(MONDAY), "WS1", "u"), time: undefined });
    assert.equal(a.stats().untimed, 1);
    assert.equal(a.stats().subjects, 0);
  });

  test("subjects beyond maxSubjects are dropped and counted", () => {
    const a = new TimeAnalyzer({ maxSubjects: 2 });
    a.observe(processEvent(iso(MONDAY), "WS1", "CORP\\a"));
    a.observe(processEvent(iso(MONDAY), "WS2", "CORP\\b"));
    assert.equal(a.stats().subjects, 2);
    assert.equal(a.stats().subjectsDropped, 2);
  });

  const bad: ReadonlyArray<readonly [string, Partial<TimeOptions>, RegExp]> = [
    ["zone", { timeZone: "Nowhere/Land" }, /Nowhere\/Land/],
    ["activity", { activities: ["dns" as never] }, /activities/],
    ["share", { rareHourShare: 2 }, /rareHourShare/],
    ["min days", { minDays: 0 }, /minDays/],
    ["evidence", { evidencePerSlot: 50 }, /evidencePerSlot/],
    ["span", { weekdayMinSpanDays: 3 }, /weekdayMinSpanDays/],
  ];
  for (const [name, options, message] of bad)
    test(`bad ${name} option is E_CONFIG`, () => {
      assert.throws(
        () => new TimeAnalyzer(options),
        (e: unknown) => {
          assert.ok(e instanceof MikiwameError);
          assert.equal(e.code, "E_CONFIG");
          assert.equal(e.location, undefined);
          assert.match(e.message, message);
          return true;
        },
      );
    });
});
