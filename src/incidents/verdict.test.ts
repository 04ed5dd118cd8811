/** Unit tests of the verdict model: decisive evidence, counter-evidence, diminishing returns, thresholds. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import {
  combine,
  decideVerdict,
  findingWeight,
  type ProcessFacts,
  SUSPICIOUS_THRESHOLD,
  UNEXPLAINED_THRESHOLD,
  VIEWPOINT_CAP,
  type Verdict,
} from "./verdict.js";

let n = 0;
function f(
  viewpoint: Viewpoint,
  severity: Severity,
  detector = `d${n++}`,
  details: Finding["details"] = {},
  confidence = 1,
): Finding {
  return {
    id: `${detector}:${n++}`,
    detector,
    viewpoint,
    severity,
    confidence,
    attack: [],
    host: "H",
    subject: { kind: "process", key: "k" },
    first: undefined,
    last: undefined,
    evidence: [],
    evidenceCount: 1,
    message: { en: detector, ja: detector },
    details,
  };
}

const SIGNED: ProcessFacts = { trustedSignature: { signer: "Microsoft Corporation" }, normalPath: true };

describe("decideVerdict", () => {
  const cases: {
    name: string;
    findings: Finding[];
    facts?: ProcessFacts;
    verdict: Verdict;
    decisive?: string;
  }[] = [
    { name: "no findings → benign", findings: [], verdict: "benign" },
    {
      name: "malicious hash is decisive even alone",
      findings: [f("reputation", "high", "reputation.malicious", { context: "process", matched: "ab" })],
      verdict: "malicious",
      decisive: "malicious-hash",
    },
    {
      name: "beacon to a listed address is decisive",
      findings: [
        f("frequency", "medium", "network.beacon", { destination: "203.0.113.45" }),
        f("reputation", "medium", "reputation.suspicious", {
          context: "connection",
          matched: "203.0.113.45",
        }),
      ],
      verdict: "malicious",
      decisive: "listed-beacon",
    },
    {
      name: "one strong viewpoint alone never convicts",
      findings: [f("frequency", "critical"), f("frequency", "critical"), f("frequency", "high")],
      verdict: "suspicious",
    },
    {
      name: "strong evidence from two viewpoints convicts",
      findings: [f("process", "high"), f("process", "high"), f("frequency", "high")],
      verdict: "malicious",
    },
    {
      name: "a signed beacon in its install folder is an over-detection",
      findings: [f("frequency", "high", "network.beacon")],
      facts: SIGNED,
      verdict: "benign",
    },
    {
      name: "full benign profile is decisive",
      findings: [
        f("frequency", "high", "network.beacon"),
        f("process", "high"),
        f("history", "info", "history.prevalent", { benign: true }),
        f("reputation", "info", "reputation.known-good", { benign: true }),
      ],
      facts: { ...SIGNED, reputationChecked: true },
      verdict: "benign",
      decisive: "benign-profile",
    },
    {
      name: "benign profile needs a reputation check",
      findings: [
        f("process", "high"),
        f("port", "high"),
        f("history", "info", "history.prevalent", { benign: true }),
        f("reputation", "info", "reputation.known-good", { benign: true }),
      ],
      facts: SIGNED,
      verdict: "benign",
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const v = decideVerdict(c.findings, c.facts);
      assert.equal(v.verdict, c.verdict);
      assert.equal(v.decisive, c.decisive);
      assert.ok(v.confidence >= 0.5 && v.confidence <= 1);
      if (v.verdict === "benign") assert.ok(v.reasons.some((r) => r.direction === "for"));
    });

  it("many weak signals of one detector count once (diminishing returns)", () => {
    const many = Array.from({ length: 200 }, () => f("direction", "low", "network.internal-connection"));
    const one = decideVerdict(many.slice(0, 1));
    const all = decideVerdict(many);
    assert.equal(all.score, one.score);
    assert.equal(all.verdict, "benign");
    assert.deepEqual(all.reasons[0].findingIds.length, 200);
  });

  it("distinct weak detectors add up with diminishing returns, capped per viewpoint", () => {
    const w = findingWeight(f("process", "low"));
    const five = decideVerdict(Array.from({ length: 5 }, () => f("process", "low")));
    assert.equal(five.score, Math.round(combine(Array(5).fill(w)) * 1000) / 1000);
    assert.ok(five.score < 5 * w);
    const lots = decideVerdict(Array.from({ length: 100 }, () => f("process", "critical")));
    assert.equal(lots.score, VIEWPOINT_CAP);
  });

  it("counter-evidence is listed and damps the score", () => {
    const bare = decideVerdict([f("port", "high"), f("process", "medium")]);
    const signed = decideVerdict([f("port", "high"), f("process", "medium")], SIGNED);
    assert.ok(signed.score < bare.score);
    assert.deepEqual(
      signed.reasons.filter((r) => r.direction === "for").map((r) => r.weight),
      [0.5, 0.2],
    );
  });

  it("context viewpoints (duration, state, time, location) never make the second convicting viewpoint", () => {
    // a dropped payload started seconds after it was written: the drop-latency finding restates the drop
    const v = decideVerdict([
      f("process", "critical"),
      f("duration", "high"),
      f("state", "high"),
      f("time", "high"),
    ]);
    assert.ok(v.score >= 0.8, String(v.score));
    assert.equal(v.verdict, "suspicious");
    // a second behavioural viewpoint convicts
    assert.equal(decideVerdict([f("process", "critical"), f("frequency", "high")]).verdict, "malicious");
  });

  it("the dropper of a payload judged malicious is malicious (decisive), whatever its own score", () => {
    const v = decideVerdict([f("process", "low")], {
      ...SIGNED,
      maliciousPayload: { key: "p", image: "svcupd.exe" },
    });
    assert.equal(v.verdict, "malicious");
    assert.equal(v.decisive, "malicious-payload");
    assert.equal(v.confidence, 0.95);
    assert.match(v.reasons[0]?.text.en ?? "", /wrote and started svcupd\.exe, judged malicious/);
  });

  it("thresholds: one medium finding with nothing for the process is suspicious (unexplained), not benign", () => {
    const v = decideVerdict([f("process", "medium", "x", {}, 0.5)]);
    assert.ok(v.score < SUSPICIOUS_THRESHOLD && v.score >= UNEXPLAINED_THRESHOLD, String(v.score));
    assert.equal(v.verdict, "suspicious");
    assert.equal(v.confidence, 0.5);
    // the same finding with a fact in the process's favour is an over-detection
    const signed = decideVerdict([f("process", "medium", "x", {}, 0.5)], SIGNED);
    assert.equal(signed.verdict, "benign");
  });

  it("thresholds: low-severity evidence alone is benign with its reason", () => {
    const v = decideVerdict([f("process", "low", "x", {}, 0.5)]);
    assert.ok(v.score < UNEXPLAINED_THRESHOLD);
    assert.equal(v.verdict, "benign");
    assert.match(v.reasons.at(-1)?.text.en ?? "", /only weak evidence/);
  });

  it("a process of a malicious chain carries that as evidence", () => {
    const alone = decideVerdict([f("process", "low")]);
    const chained = decideVerdict([f("process", "low")], {
      maliciousRoot: { key: "r", image: "invoice.pdf.exe" },
    });
    assert.equal(alone.verdict, "benign");
    assert.equal(chained.verdict, "suspicious");
    assert.match(chained.reasons[0].text.en, /invoice\.pdf\.exe/);
  });
});
