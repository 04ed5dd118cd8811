/**
 * The network analytics on Stratosphere's labeled Zeek captures (../shared/corpus/stratosphere-zeek),
 * read in place through the Zeek reader and the normalizer. Flow-level precision and recall against
 * the per-flow `label` column (or, for the unlabeled Nmap capture, its README: every flow is the scan)
 * are printed as test diagnostics and held to the levels measured when this was written.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../findings/finding.js";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import { describeScore, FlowRecorder, type LabeledFlow, score } from "./flow-labels.test.support.js";
import { createNetworkAnalyzers } from "./network-analyzers.js";
import { feedPaths } from "./read-events.test.support.js";

const C2 = new Set(["network.beacon", "network.unusual-port", "network.strobe"]);
const SCANS = new Set(["network.port-scan.vertical", "network.port-scan.horizontal"]);

async function analyze(path: string): Promise<{ findings: Finding[]; flows: LabeledFlow[] }> {
  const recorder = new FlowRecorder();
  const { findings } = await feedPaths([path], createNetworkAnalyzers(), recorder.accept);
  return { findings, flows: recorder.flows };
}

describe("Stratosphere captures", () => {
  it("001 NjRAT: the C2 flows are flagged as a beacon (and an unusual port)", async (t) => {
    const path = corpusPath("stratosphere-zeek", "001-zeek-scenario-malicious", "labeled-conn.log");
    if (!path) return t.skip(corpusSkipReason("stratosphere-zeek/001"));
    const { findings, flows } = await analyze(path);
    const beacon = findings.find((f) => f.detector === "network.beacon");
    assert.ok(beacon, "a beacon");
    assert.deepEqual(beacon.subject, {
      kind: "flow",
      src: "192.168.1.115",
      dst: "41.108.179.197",
      port: 1177,
    });
    assert.equal(beacon.severity, "high");
    const s = score(
      flows,
      findings.filter((f) => C2.has(f.detector)),
      (f) => f.label === "Malicious",
    );
    t.diagnostic(`001 NjRAT C2 (beacon + unusual port findings vs label Malicious): ${describeScore(s)}`);
    assert.equal(s.precision, 1);
    assert.ok(s.recall >= 0.95, describeScore(s));
  });

  it("002 Nmap: the scans are found as vertical and horizontal port scans", async (t) => {
    const path = corpusPath("stratosphere-zeek", "002-zeek-scenario-port-scanning", "conn.log");
    if (!path) return t.skip(corpusSkipReason("stratosphere-zeek/002"));
    const { findings, flows } = await analyze(path);
    const scans = findings.filter((f) => SCANS.has(f.detector));
    assert.deepEqual(scans.map((f) => f.id).sort(), [
      "network.port-scan.horizontal:ip|172.16.1.11",
      "network.port-scan.vertical:ip|172.16.1.11",
    ]);
    assert.ok(scans.every((f) => f.severity === "high" && f.stage === "reconnaissance"));
    // Unlabeled: per its README every flow of this capture is 172.16.1.11 scanning.
    const s = score(flows, scans, (f) => f.src === "172.16.1.11");
    t.diagnostic(
      `002 Nmap scans (scan findings vs README: all flows are the scanner's): ${describeScore(s)}`,
    );
    assert.ok(s.recall >= 0.95, describeScore(s));
  });

  const mixed = [
    ["008-zeek-mixed", 0.99],
    ["010-zeek-mixed", 0.99],
    ["011-zeek-mixed", 0.99],
    ["012-zeek-mixed", 0.99],
  ] as const;
  for (const [dir, minPrecision] of mixed) {
    it(`${dir}: scans from the Internet are found without flagging benign flows`, async (t) => {
      const path = corpusPath("stratosphere-zeek", dir, "data", "conn.log.labeled");
      if (!path) return t.skip(corpusSkipReason(`stratosphere-zeek/${dir}`));
      const { findings, flows } = await analyze(path);
      const scans = findings.filter((f) => SCANS.has(f.detector));
      const s = score(flows, scans, (f) => f.label === "Malicious");
      t.diagnostic(`${dir} scans vs label Malicious (External-Attack-to-Device): ${describeScore(s)}`);
      assert.ok(s.precision >= minPrecision, describeScore(s));
      assert.ok(
        scans.every((f) => f.severity === "low"),
        "scans from the Internet are low severity",
      );
      const c2 = findings.filter((f) => C2.has(f.detector) && f.detector === "network.beacon");
      assert.deepEqual(
        c2.map((f) => f.message.en),
        [],
        "no beacons in a benign host's traffic",
      );
    });
  }
});
