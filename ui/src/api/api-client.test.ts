import assert from "node:assert/strict";
import { test } from "node:test";
import { apiUrl, dispositionFileName, safeFileName } from "./api-client.js";

test("apiUrl: the /api/ path with the non-empty parameters", () => {
  assert.equal(apiUrl("incidents"), "/api/incidents");
  assert.equal(
    apiUrl("/incidents", { verdict: "benign", q: "", host: undefined, limit: 50 }),
    "/api/incidents?verdict=benign&limit=50",
  );
  assert.equal(apiUrl("events", { q: "a&b=c d" }), "/api/events?q=a%26b%3Dc+d");
});

test("dispositionFileName: RFC 6266 names, UTF-8 first", () => {
  const cases: readonly [string | null, string | undefined][] = [
    [null, undefined],
    ["attachment", undefined],
    ['attachment; filename="INC-1-blocklist.txt"', "INC-1-blocklist.txt"],
    ["attachment; filename=plain.csv", "plain.csv"],
    [`attachment; filename="x.txt"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.html`, "報告.html"],
    [`attachment; filename="fallback.txt"; filename*=UTF-8''%E0%A4%A`, "fallback.txt"],
  ];
  for (const [header, want] of cases) assert.equal(dispositionFileName(header), want, String(header));
});

test("safeFileName: no folders, no reserved or control characters, never empty", () => {
  const cases: readonly [string, string][] = [
    ["report.html", "report.html"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Windows\\evil.ps1", "evil.ps1"],
    ['a<b>c:"d|e?f*g\u0001.txt', "a_b_c__d_e_f_g_.txt"],
    ["", "download"],
    ["..", "download"],
    ["x".repeat(300), "x".repeat(200)],
  ];
  for (const [name, want] of cases) assert.equal(safeFileName(name), want, name);
});
