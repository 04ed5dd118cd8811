import assert from "node:assert/strict";
import { test } from "node:test";
import {
  baseName,
  displayValue,
  formatAge,
  formatBytes,
  formatDuration,
  formatPercent,
  formatTime,
} from "./format.js";

test("formatTime: UTC to the second; empty for nothing; unreadable text shown as is", () => {
  assert.equal(formatTime("2026-03-02T09:14:03.2163080Z"), "2026-03-02 09:14:03Z");
  assert.equal(formatTime("2026-03-02T18:14:03+09:00"), "2026-03-02 09:14:03Z");
  assert.equal(formatTime(undefined), "");
  assert.equal(formatTime("yesterday"), "yesterday");
});

test("formatDuration and formatAge pick the largest fitting unit", () => {
  const cases: readonly [number, string][] = [
    [0, "0 s"],
    [45_000, "45 s"],
    [12 * 60_000, "12 min"],
    [3 * 3_600_000, "3 h"],
    [5 * 86_400_000, "5 d"],
    [-5_000, "0 s"],
  ];
  for (const [ms, want] of cases) assert.equal(formatDuration(ms), want, String(ms));
  assert.equal(formatAge("2026-03-02T00:00:00Z", Date.parse("2026-03-04T00:00:00Z")), "2 d");
  assert.equal(formatAge("2026-03-02T00:00:00Z", Date.parse("2026-03-03T23:00:00Z")), "47 h");
  assert.equal(formatAge(undefined), "");
});

test("formatPercent, formatBytes, baseName, displayValue", () => {
  assert.equal(formatPercent(0.874), "87%");
  assert.equal(formatPercent(undefined), "");
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(248_832), "243 KiB");
  assert.equal(formatBytes(1.5 * 1024 * 1024), "1.5 MiB");
  assert.equal(baseName("C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe"), "invoice.pdf.exe");
  assert.equal(baseName("/usr/bin/curl"), "curl");
  assert.equal(baseName(undefined), "");
  assert.equal(displayValue({ a: 1 }), '{"a":1}');
  assert.equal(displayValue("x".repeat(10), 4), "xxxx…");
});
