/** decideFileVerdict with reputation entries: what is decisive, what only counts, what is never "clean". */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ReputationEntry } from "./file-reputation.js";
import { decideFileVerdict, type FileVerdict } from "./file-verdict.js";

const found = (e: Partial<ReputationEntry>): ReputationEntry => ({
  source: "intel-store",
  status: "found",
  subject: "sha256",
  value: "ab",
  facts: [],
  ...e,
});

const CASES: readonly {
  readonly name: string;
  readonly entries: readonly ReputationEntry[];
  readonly unsigned?: boolean;
  readonly verdict: FileVerdict;
  readonly reason: RegExp;
}[] = [
  {
    name: "store hash hit",
    entries: [found({ verdict: "malicious", confidence: 90 })],
    verdict: "malicious",
    reason: /^intel-store: sha256 malicious, confidence 90$/,
  },
  {
    name: "imphash hit only counts against",
    entries: [found({ subject: "imphash", verdict: "suspicious", confidence: 80 })],
    verdict: "suspicious",
    reason: /^intel-store: imphash suspicious, confidence 80$/,
  },
  {
    name: "online malicious",
    entries: [found({ source: "virustotal", verdict: "malicious", score: 12 })],
    verdict: "malicious",
    reason: /^virustotal: sha256 malicious, score 12$/,
  },
  {
    name: "online harmless is not clean",
    entries: [found({ source: "virustotal", verdict: "harmless", score: 0 })],
    unsigned: true,
    verdict: "unknown",
    reason: /^virustotal: sha256 harmless, score 0: not proof that it is clean$/,
  },
  {
    name: "known-good hash wins over a name finding",
    entries: [found({ source: "allow-list", verdict: "known-good", facts: ["reason: golden image"] })],
    verdict: "likely-benign",
    reason: /^allow-list: sha256 known-good \(reason: golden image\)$/,
  },
  {
    name: "nothing known",
    entries: [
      { source: "intel-store", status: "not-found", subject: "hashes", facts: [] },
      { source: "online", status: "not-checked", subject: "sha256", reason: "x", facts: [] },
    ],
    unsigned: true,
    verdict: "unknown",
    reason: /^no reputation: unknown to intel-store; not checked: online$/,
  },
];

describe("decideFileVerdict with reputation", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const nameFinding = c.name.includes("name finding");
      const r = decideFileVerdict({
        type: "pe",
        nameFindings: nameFinding ? [{ kind: "double-extension", detail: "x.pdf.exe" }] : [],
        versionInfo: undefined,
        sections: [],
        signature: c.unsigned ? { status: "unsigned" } : undefined,
        problems: 0,
        reputation: { entries: c.entries },
      });
      assert.equal(r.verdict, c.verdict);
      assert.ok(
        r.reasons.some((x) => c.reason.test(x)),
        r.reasons.join(" | "),
      );
      if (nameFinding) assert.ok(r.reasons.includes("despite: name: x.pdf.exe"));
    });
  }
});
