import assert from "node:assert/strict";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { hex, writeList } from "./reputation-events.test.support.js";
import { createReputationAnalyzer, reputationConfigured, reputationStatus } from "./reputation-setup.js";

test("no indicator list configured: no analyzer, and the summary says reputation was not checked", async () => {
  assert.equal(reputationConfigured({}), false);
  assert.equal(await createReputationAnalyzer({}, new Diagnostics()), undefined);
  const s = reputationStatus(undefined);
  assert.equal(s.checked, false);
  assert.equal(s.text.en, "reputation: not checked (no indicator list configured)");
  assert.match(s.text.ja, /^評価: 未確認/);
});

test("indicator lists and known-good lists load into one analyzer", async () => {
  const bad = writeList("bad.txt", "203.0.113.45\n");
  const good = writeList(
    "good.csv",
    `md5,sha256,path\n${hex("aa", 32)},${hex("bb", 64)},C:\\Windows\\a.exe\n`,
  );
  const d = new Diagnostics();
  const a = await createReputationAnalyzer({ indicatorLists: [bad], knownGoodLists: [good] }, d);
  assert.ok(a);
  assert.equal(a.list.lookupIp("203.0.113.45")?.indicator.verdict, "malicious");
  assert.equal(a.list.lookupHash(hex("bb", 64))?.verdict, "benign");
  const s = reputationStatus(a);
  assert.deepEqual([s.checked, s.indicators, s.files], [true, 3, [bad, good]]);
});

test("bad options are E_CONFIG; a missing list is E_IO", async () => {
  await assert.rejects(
    createReputationAnalyzer({ indicatorLists: ["x"], maliciousConfidence: 2 }, new Diagnostics()),
    (e: unknown) =>
      e instanceof MikiwameError && e.code === "E_CONFIG" && /maliciousConfidence/.test(e.message),
  );
  await assert.rejects(
    createReputationAnalyzer({ indicatorLists: ["/nonexistent/list.txt"] }, new Diagnostics()),
    (e: unknown) =>
      e instanceof MikiwameError && e.code === "E_IO" && e.location?.file === "/nonexistent/list.txt",
  );
});
