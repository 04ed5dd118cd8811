import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import {
  FILETIME_UNIX_EPOCH,
  fileTimeFromIso,
  isoFromFileTime,
  normalizeWindowsTime,
  systemTimeFromIso,
} from "./windows-time.js";

describe("FILETIME conversion", () => {
  const rows: [string, bigint, string][] = [
    ["1601-01-01T00:00:00Z", 0n, "1601-01-01T00:00:00.0000000Z"],
    ["1970-01-01T00:00:00Z", FILETIME_UNIX_EPOCH, "1970-01-01T00:00:00.0000000Z"],
    ["2024-01-02T03:04:05.1234567Z", 133486382451234567n, "2024-01-02T03:04:05.1234567Z"],
    ["2026-03-02T09:14:03.5Z", 134169164435000000n, "2026-03-02T09:14:03.5000000Z"],
    ["1969-12-31T23:59:59.9999999Z", FILETIME_UNIX_EPOCH - 1n, "1969-12-31T23:59:59.9999999Z"],
  ];
  for (const [iso, ticks, rendered] of rows) {
    it(`${iso} ⇄ ${ticks}`, () => {
      assert.equal(fileTimeFromIso(iso), ticks);
      assert.equal(isoFromFileTime(ticks), rendered);
      assert.equal(normalizeWindowsTime(iso), rendered);
      assert.equal(normalizeWindowsTime(ticks), rendered);
    });
  }

  const bad = [
    "2024-01-02 03:04:05Z",
    "2024-01-02T03:04:05",
    "2024-01-02T03:04:05+09:00",
    "2024-02-30T00:00:00Z",
    "2024-01-02T03:04:05.12345678Z",
    "1600-12-31T23:59:59Z",
  ];
  for (const iso of bad) {
    it(`refuses "${iso}" with E_EVTX_WRITE`, () => {
      assert.throws(
        () => fileTimeFromIso(iso),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_EVTX_WRITE" && e.location === undefined,
      );
    });
  }
});

describe("systemTimeFromIso", () => {
  it("splits into SYSTEMTIME fields with the day of week", () => {
    assert.deepEqual(systemTimeFromIso("2026-03-02T09:14:03.250Z"), {
      year: 2026,
      month: 3,
      dayOfWeek: 1,
      day: 2,
      hour: 9,
      minute: 14,
      second: 3,
      milliseconds: 250,
    });
  });
});
