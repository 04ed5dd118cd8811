import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { hex, sysmon, sysmonHashes, writeList } from "./reputation-events.test.support.js";
import { createReputationAnalyzer, reputationStatus } from "./reputation-setup.js";

const NOW = Date.parse("2026-01-10T00:00:00Z");

test("nothing to look up: no analyzer, and the summary says reputation was not checked", async () => {
  const empty = mkdtempSync(join(tmpdir(), "mikiwame-rep-home-"));
  assert.equal(await createReputationAnalyzer({}, new Diagnostics(), { dataDir: empty }), undefined);
  const s = reputationStatus(undefined);
  assert.equal(s.checked, false);
  assert.equal(s.text.en, "reputation: not checked (no indicator list configured)");
  assert.match(s.text.ja, /^評価: 未確認/);
  const forOnline = await createReputationAnalyzer({}, new Diagnostics(), { evenWithoutIntel: true });
  assert.equal(forOnline?.sources.store.size, 0);
});

test("indicator lists import into the store, known-good lists into the allow-list", async () => {
  const bad = writeList("bad.txt", "203.0.113.45\nnot an indicator\n");
  const good = writeList(
    "good.csv",
    `md5,sha256,path\n${hex("aa", 32)},${hex("bb", 64)},C:\\Windows\\a.exe\n`,
  );
  const d = new Diagnostics();
  const a = await createReputationAnalyzer({ indicatorLists: [bad], knownGoodLists: [good] }, d, {
    now: NOW,
  });
  assert.ok(a);
  assert.equal(a.sources.store.lookup("203.0.113.45", { now: NOW })[0]?.indicator.confidence, 75);
  assert.equal(
    a.sources.allowList.match("hash", hex("bb", 64))?.reason,
    `known-good list ${good} (C:\\Windows\\a.exe)`,
  );
  const bad2 = d.list().find((x) => x.code === "E_INDICATOR");
  assert.deepEqual(
    [bad2?.location?.file, bad2?.location?.line],
    [bad, 2],
    "a bad line is located and skipped",
  );
  const s = reputationStatus(a);
  assert.deepEqual([s.checked, s.indicators, s.allowEntries, s.files], [true, 1, 2, [bad, good]]);
  a.observe(sysmon(1, 0, { Image: "C:\\Windows\\a.exe", Hashes: sysmonHashes({ sha256: hex("bb", 64) }) }));
  assert.deepEqual(
    a.finish().map((f) => f.detector),
    ["reputation.known-good"],
  );
});

test("the data directory's store and allow-list are used unless useDataDir is false", async () => {
  const home = mkdtempSync(join(tmpdir(), "mikiwame-rep-home-"));
  mkdirSync(join(home, "intel"));
  const ind = { type: "domain", value: "example-bad.net", sources: ["feed"], confidence: 80, tags: [] };
  writeFileSync(
    join(home, "intel", "indicators.jsonl"),
    `${JSON.stringify({ ...ind, imported: new Date(NOW).toISOString() })}\n{oops\n`,
  );
  const allow = { kind: "destination", value: "8.8.8.8", scope: "global", reason: "dns", author: "soc" };
  writeFileSync(join(home, "intel", "allowlist.jsonl"), `${JSON.stringify(allow)}\n`);
  const d = new Diagnostics();
  const a = await createReputationAnalyzer({}, d, { dataDir: home, now: NOW });
  assert.ok(a);
  assert.deepEqual([a.sources.store.size, a.sources.allowList.size], [1, 1]);
  assert.deepEqual(
    d.list().map((x) => [x.code, x.location?.line]),
    [["E_INDICATOR", 2]],
  );
  assert.equal(await createReputationAnalyzer({ useDataDir: false }, d, { dataDir: home }), undefined);
});

test("bad options are E_CONFIG; a missing list is E_IO", async () => {
  await assert.rejects(
    createReputationAnalyzer({ indicatorLists: ["x"], maliciousThreshold: 2 }, new Diagnostics()),
    (e: unknown) =>
      e instanceof MikiwameError && e.code === "E_CONFIG" && /maliciousThreshold/.test(e.message),
  );
  await assert.rejects(
    createReputationAnalyzer({ indicatorLists: ["/nonexistent/list.txt"] }, new Diagnostics()),
    (e: unknown) =>
      e instanceof MikiwameError && e.code === "E_IO" && e.location?.file === "/nonexistent/list.txt",
  );
  await assert.rejects(
    createReputationAnalyzer({ knownGoodLists: ["/nonexistent/good.csv"] }, new Diagnostics()),
    (e: unknown) =>
      e instanceof MikiwameError && e.code === "E_IO" && e.location?.file === "/nonexistent/good.csv",
  );
});
