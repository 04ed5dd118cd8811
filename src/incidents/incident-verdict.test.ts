import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import { decideIncidentVerdict, mergeReasons, viewpointSeverities } from "./incident-verdict.js";
import type { ProcessVerdict, Verdict, VerdictReason } from "./verdict.js";

function reason(
  viewpoint: Viewpoint,
  weight: number,
  en: string,
  direction: "for" | "against" = "against",
): VerdictReason {
  return { viewpoint, direction, weight, text: { en, ja: en }, findingIds: [en] };
}

function pv(
  verdict: Verdict,
  confidence: number,
  reasons: VerdictReason[] = [],
  score = 0.5,
): ProcessVerdict {
  return { verdict, confidence, score, decisive: undefined, reasons };
}

function finding(id: string, severity: Severity, viewpoint: Viewpoint = "process", benign = false): Finding {
  return {
    id,
    detector: id.split(":")[0],
    viewpoint,
    severity,
    confidence: 0.8,
    attack: [],
    host: "H",
    subject: { kind: "host" },
    first: undefined,
    last: undefined,
    evidence: [],
    evidenceCount: 1,
    message: { en: id, ja: id },
    details: benign ? { benign: true } : {},
  };
}

describe("decideIncidentVerdict", () => {
  const cases: readonly {
    readonly name: string;
    readonly members: ProcessVerdict[];
    readonly want: [Verdict, number];
  }[] = [
    {
      name: "one malicious member makes it malicious (the surest one speaks)",
      members: [pv("suspicious", 0.9), pv("malicious", 0.8), pv("malicious", 0.95)],
      want: ["malicious", 0.95],
    },
    {
      name: "suspicious when no member is malicious",
      members: [pv("benign", 0.9), pv("suspicious", 0.6)],
      want: ["suspicious", 0.6],
    },
    {
      name: "benign only when every member is; the least sure one speaks",
      members: [pv("benign", 0.65), pv("benign", 0.64)],
      want: ["benign", 0.64],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const v = decideIncidentVerdict({ members: c.members, active: [], suppressed: [], confirmed: [] });
      assert.deepEqual([v.verdict, v.confidence], c.want);
      assert.equal(v.decidedBy, undefined);
    });

  it("without members (host-level findings) the findings are weighed themselves", () => {
    const v = decideIncidentVerdict({
      members: [],
      active: [finding("x:1", "low")],
      suppressed: [],
      confirmed: [],
    });
    assert.equal(v.verdict, "benign");
  });

  it("only low findings left active after suppression: still decided by the analyst", () => {
    const d = { finding: finding("a:1", "high"), decisionId: "D-1", reason: "ok" };
    const v = decideIncidentVerdict({
      members: [pv("malicious", 0.9)],
      active: [finding("b:2", "low")],
      suppressed: [d],
      confirmed: [],
    });
    assert.equal(v.verdict, "benign");
    assert.equal(v.decidedBy, "D-1");
  });

  it("viewpoints: the strongest per viewpoint, without info and counter-evidence", () => {
    assert.deepEqual(
      viewpointSeverities([
        finding("a:1", "medium", "process"),
        finding("a:2", "high", "process"),
        finding("b:1", "info", "state"),
        finding("c:1", "high", "reputation", true),
      ]),
      { process: "high" },
    );
  });
});

describe("mergeReasons", () => {
  it("the same reason once with its ids joined; the verdict's side first; per-viewpoint and total caps", () => {
    const a = pv("malicious", 0.9, [
      reason("process", 0.5, "p1"),
      reason("process", 0.4, "p2"),
      reason("process", 0.3, "p3"),
      reason("process", 0.2, "p4"),
      reason("process", 0.2, "normal path", "for"),
    ]);
    const b = pv("malicious", 0.9, [
      { ...reason("process", 0.5, "p1"), findingIds: ["other"] },
      reason("frequency", 0.45, "f1"),
    ]);
    const merged = mergeReasons([a, b], "malicious");
    assert.deepEqual(
      merged.map((r) => `${r.direction}:${r.text.en}`),
      ["against:p1", "against:f1", "against:p2", "against:p3", "for:normal path"],
    );
    assert.deepEqual(merged[0].findingIds, ["other", "p1"]);
    const benign = mergeReasons([a], "benign");
    assert.equal(benign[0].direction, "for");
    const many = pv(
      "malicious",
      1,
      Array.from({ length: 30 }, (_, i) =>
        reason((["process", "port", "time", "volume", "state"] as const)[i % 5], 0.5 - i / 100, `r${i}`),
      ),
    );
    assert.equal(mergeReasons([many], "malicious").length, 10);
  });
});
