/**
 * The bundled example incident (examples/): an indicator list (imported into the run's intel store) naming the payload's SHA256 and the C&C
 * address finds both — the payload as it runs (installation) and the beacon (C&C) in Sysmon and Zeek.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { repoRoot } from "../../testing/corpus.js";
import { createReputationAnalyzer, reputationStatus } from "./reputation-setup.js";
import { feed, writeList } from "./reputation-events.test.support.js";

const PAYLOAD = "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe";
/** The generator's synthetic hash of the payload (scripts/examples/synthetic-hashes.ts: SHA256 of the path). */
const PAYLOAD_SHA256 = createHash("sha256").update(PAYLOAD).digest("hex");

test("examples: the payload's SHA256 and the C&C address are both found", async () => {
  assert.equal(
    PAYLOAD_SHA256.toUpperCase(),
    "01574BAFB9DF4967A03864D65E6C6A9A010B80E479708C8110BD76FF53A4BD36",
  );
  const list = writeList(
    "incident-iocs.txt",
    `# IOCs of the invoice incident\n${PAYLOAD_SHA256},sha256,malicious,ir-team,payload\n203.0.113.45,malicious,ir-team,c2\nexample-bad.net,domain,malicious,ir-team,c2\n`,
  );
  const d = new Diagnostics();
  const analyzer = await createReputationAnalyzer({ indicatorLists: [list] }, d);
  assert.ok(analyzer);
  assert.deepEqual(d.list(), []);
  assert.equal(
    reputationStatus(analyzer).text.en,
    "reputation: checked against 3 indicator(s) and 0 allow-list entries from 1 file(s)",
  );
  const run = await feed([join(repoRoot(), "examples")], analyzer);
  assert.equal(run.diagnostics.errors, 0);
  const by = (pred: (f: (typeof run.findings)[number]) => boolean) => run.findings.filter(pred);

  const payload = by((f) => f.subject.kind === "file" && f.subject.sha256 === PAYLOAD_SHA256.toUpperCase());
  assert.ok(payload.length > 0, "the payload hash is found");
  const ran = payload.find((f) => f.details.context === "process" && f.host === "WS-SALES-07");
  assert.ok(ran, "the payload process on WS-SALES-07");
  assert.equal(ran.detector, "reputation.malicious");
  assert.equal(ran.stage, "installation");
  assert.equal(ran.subject.kind === "file" && ran.subject.path, PAYLOAD);

  const c2 = by((f) => f.details.matched === "203.0.113.45");
  const sysmon3 = c2.find((f) => f.host === "WS-SALES-07" && f.details.context === "connection");
  assert.ok(sysmon3, "the beacon in Sysmon 3");
  // seen in the payload's own Sysmon 3 events: the finding is about that process
  assert.ok(
    sysmon3.subject.kind === "process" && sysmon3.subject.image?.endsWith("\\svcupd.exe"),
    JSON.stringify(sysmon3.subject),
  );
  assert.equal(sysmon3.stage, "command_and_control");
  assert.ok(sysmon3.evidenceCount >= 119, `119 beacons and more: ${sysmon3.evidenceCount}`);
  assert.ok(
    c2.some((f) => f.host === "10.0.5.27" && f.evidence[0]?.format === "zeek"),
    "the beacon in Zeek conn, attributed to 10.0.5.27",
  );
  const dns = by((f) => f.details.matched === "cdn-update.example-bad.net");
  assert.ok(
    dns.some((f) => f.details.match === "subdomain"),
    "the C&C name through its parent domain",
  );
  // nothing on the healthy neighbour
  assert.deepEqual(
    by((f) => f.host.toLowerCase().startsWith("ws-sales-08")),
    [],
  );
});
