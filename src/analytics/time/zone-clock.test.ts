import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { ZoneClock } from "./zone-clock.js";

describe("ZoneClock", () => {
  // [zone, instant, local hour, weekday (0 = Sunday), offset in minutes, local minute text]
  const cases: ReadonlyArray<readonly [string, string, number, number, number, string]> = [
    ["UTC", "2026-03-02T09:14:00Z", 9, 1, 0, "2026-03-02 09:14"],
    ["Asia/Tokyo", "2026-03-02T09:14:00Z", 18, 1, 540, "2026-03-02 18:14"],
    ["Asia/Tokyo", "2026-03-01T15:00:00Z", 0, 1, 540, "2026-03-02 00:00"],
    ["America/New_York", "2026-03-08T06:59:00Z", 1, 0, -300, "2026-03-08 01:59"],
    ["America/New_York", "2026-03-08T07:00:00Z", 3, 0, -240, "2026-03-08 03:00"],
    ["Asia/Kolkata", "2026-03-02T18:45:00Z", 0, 2, 330, "2026-03-03 00:15"],
    ["Australia/Lord_Howe", "2026-04-04T14:59:00Z", 1, 0, 660, "2026-04-05 01:59"],
    ["Australia/Lord_Howe", "2026-04-04T15:00:00Z", 1, 0, 630, "2026-04-05 01:30"],
    ["Pacific/Kiritimati", "2026-03-02T23:00:00Z", 13, 2, 840, "2026-03-03 13:00"],
    ["UTC", "1969-12-31T23:00:00Z", 23, 3, 0, "1969-12-31 23:00"],
  ];
  for (const [zone, iso, hour, weekday, offset, text] of cases)
    test(`${iso} in ${zone} is ${text}`, () => {
      const clock = new ZoneClock(zone);
      const ms = Date.parse(iso);
      assert.equal(clock.offsetMs(ms), offset * 60_000);
      const local = clock.local(ms);
      assert.equal(local.hour, hour);
      assert.equal(local.weekday, weekday);
      assert.equal(local.day, Math.floor(Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / 86_400_000));
      assert.equal(clock.formatMinute(ms), text);
    });

  test("zone names are canonicalised", () => {
    assert.equal(new ZoneClock("utc").timeZone, "UTC");
  });

  test("an unknown zone is E_CONFIG with no file location", () => {
    assert.throws(
      () => new ZoneClock("Mars/Olympus_Mons"),
      (e: unknown) => {
        assert.ok(e instanceof MikiwameError);
        assert.equal(e.code, "E_CONFIG");
        assert.equal(e.location, undefined);
        assert.match(e.message, /Mars\/Olympus_Mons/);
        return true;
      },
    );
  });
});
