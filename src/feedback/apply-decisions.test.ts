import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../findings/finding.js";
import type { FindingFacts } from "../incidents/applied-decisions.js";
import { decisionFilter, hostInScope } from "./apply-decisions.js";
import type { Decision, DecisionMatch, DecisionVerdict, HostScope } from "./decision.js";

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);
const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
const DROPPER = "C:\\Users\\kato\\AppData\\Local\\Temp\\invoice.pdf.exe";

interface Subject {
  readonly id: string;
  readonly facts: FindingFacts;
  readonly benign?: boolean;
}

function finding(s: Subject): Finding {
  return {
    id: s.id,
    detector: s.facts.detector,
    viewpoint: "process",
    severity: "medium",
    confidence: 0.5,
    attack: [],
    host: s.facts.host,
    subject: { kind: "host" },
    first: undefined,
    last: undefined,
    evidence: [],
    evidenceCount: 0,
    message: { en: s.id, ja: s.id },
    details: s.benign ? { benign: true } : {},
  };
}

function facts(patch: Partial<FindingFacts>): FindingFacts {
  return {
    host: "WS-SALES-07",
    image: undefined,
    sha256: undefined,
    commandLine: undefined,
    path: undefined,
    detector: "process.suspicious-path",
    ...patch,
  };
}

let seq = 0;
function decision(
  verdict: DecisionVerdict,
  match: DecisionMatch,
  hosts: HostScope = { kind: "all" },
  extra: Partial<Decision> = {},
): Decision {
  seq++;
  return {
    id: `D-${seq.toString(16).padStart(12, "0")}`,
    verdict,
    reason: `reason ${seq}`,
    scope: { hosts, match },
    analyst: "alice",
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
    revoked: undefined,
    ...extra,
  };
}

/** Runs the filter on subjects; returns `id → outcome` (`active`, `suppressed:D-…`, `confirmed:D-…`). */
function outcome(decisions: readonly Decision[], subjects: readonly Subject[]): Record<string, string> {
  const byId = new Map(subjects.map((s) => [s.id, s.facts]));
  const r = decisionFilter(decisions)(subjects.map(finding), (f) => byId.get(f.id)!);
  const out: Record<string, string> = {};
  for (const f of r.active) out[f.id] = "active";
  for (const d of r.confirmed) out[d.finding.id] = `confirmed:${d.decisionId}`;
  for (const d of r.suppressed) {
    assert.ok(!(d.finding.id in out), `${d.finding.id} suppressed and active`);
    out[d.finding.id] = `suppressed:${d.decisionId}`;
  }
  assert.equal(r.active.length + r.suppressed.length, subjects.length, "every finding is accounted for");
  return out;
}

describe("decisionFilter: match kinds", () => {
  const beacon07 = { id: "beacon07", facts: facts({ detector: "network.beacon", image: OUTLOOK }) };
  const beacon08 = {
    id: "beacon08",
    facts: facts({ host: "WS-SALES-08.corp.example", detector: "network.beacon", image: OUTLOOK }),
  };
  const outlookOther = {
    id: "outlookOther",
    facts: facts({ detector: "process.suspicious-path", image: OUTLOOK }),
  };
  const hashed = { id: "hashed", facts: facts({ sha256: SHA_A, image: DROPPER }) };
  const file = { id: "file", facts: facts({ path: DROPPER.replaceAll("\\", "/").toUpperCase() }) };
  const cmd = {
    id: "cmd",
    facts: facts({
      detector: "sigma:abc",
      commandLine: "powershell.exe -NoProfile -File C:\\it\\inventory.ps1",
    }),
  };
  const all = [beacon07, beacon08, outlookOther, hashed, file, cmd];

  const CASES: readonly (readonly [
    name: string,
    match: DecisionMatch,
    hosts: HostScope | undefined,
    hits: readonly string[],
  ])[] = [
    [
      "rule on an image file name, all hosts",
      { kind: "rule-on-image", detector: "network.beacon", image: "outlook.exe" },
      undefined,
      ["beacon07", "beacon08"],
    ],
    [
      "rule on an image full path (slashes, case)",
      {
        kind: "rule-on-image",
        detector: "NETWORK.BEACON",
        image: OUTLOOK.replaceAll("\\", "/").toLowerCase(),
      },
      undefined,
      ["beacon07", "beacon08"],
    ],
    [
      "rule on an image, one host",
      { kind: "rule-on-image", detector: "network.beacon", image: "OUTLOOK.EXE" },
      { kind: "host", host: "ws-sales-07" },
      ["beacon07"],
    ],
    [
      "rule on an image, bare host name ≙ FQDN",
      { kind: "rule-on-image", detector: "network.beacon", image: "OUTLOOK.EXE" },
      { kind: "host", host: "WS-SALES-08" },
      ["beacon08"],
    ],
    [
      "rule on another image",
      { kind: "rule-on-image", detector: "network.beacon", image: "svcupd.exe" },
      undefined,
      [],
    ],
    [
      "path of the image covers every detector",
      { kind: "path", path: OUTLOOK },
      undefined,
      ["beacon07", "beacon08", "outlookOther"],
    ],
    [
      "path narrowed to a detector",
      { kind: "path", path: OUTLOOK, detector: "network.beacon" },
      undefined,
      ["beacon07", "beacon08"],
    ],
    ["path of a file finding, / and case", { kind: "path", path: DROPPER }, undefined, ["hashed", "file"]],
    ["sha256", { kind: "sha256", sha256: SHA_A }, undefined, ["hashed"]],
    ["sha256 on another host", { kind: "sha256", sha256: SHA_A }, { kind: "host", host: "WS-SALES-08" }, []],
    ["other sha256", { kind: "sha256", sha256: SHA_B }, undefined, []],
    [
      "command-line pattern",
      { kind: "command-line", pattern: "powershell.exe * -file c:\\it\\*.ps1" },
      undefined,
      ["cmd"],
    ],
    [
      "command-line pattern starting with a wildcard",
      { kind: "command-line", pattern: "*inventory.ps?" },
      undefined,
      ["cmd"],
    ],
    [
      "command-line pattern narrowed to its rule",
      { kind: "command-line", pattern: "*inventory*", detector: "sigma:abc" },
      undefined,
      ["cmd"],
    ],
    [
      "command-line pattern narrowed to another rule",
      { kind: "command-line", pattern: "*inventory*", detector: "sigma:def" },
      undefined,
      [],
    ],
    [
      "command-line pattern is anchored",
      { kind: "command-line", pattern: "powershell.exe -noprofile" },
      undefined,
      [],
    ],
  ];

  for (const [name, match, hosts, hits] of CASES) {
    it(name, () => {
      const d = decision("benign", match, hosts);
      const expected = Object.fromEntries(
        all.map((s) => [s.id, hits.includes(s.id) ? `suppressed:${d.id}` : "active"]),
      );
      assert.deepEqual(outcome([d], all), expected);
    });
  }
});

describe("decisionFilter: verdicts and order", () => {
  const payload = {
    id: "payload",
    facts: facts({ sha256: SHA_A, image: DROPPER, commandLine: "invoice.pdf.exe" }),
  };

  it("keeps the reason and decision id of a suppressed finding", () => {
    const d = decision("benign", { kind: "sha256", sha256: SHA_A });
    const r = decisionFilter([d])([finding(payload)], () => payload.facts);
    assert.deepEqual(r.active, []);
    assert.deepEqual(
      r.suppressed.map((s) => [s.finding.id, s.decisionId, s.reason]),
      [["payload", d.id, d.reason]],
    );
  });

  it("a malware confirmation keeps the finding active and lists it as confirmed", () => {
    const d = decision("malicious", { kind: "path", path: DROPPER });
    const r = decisionFilter([d])([finding(payload)], () => payload.facts);
    assert.deepEqual(
      [r.active.map((f) => f.id), r.confirmed.map((c) => [c.decisionId, c.reason]), r.suppressed],
      [["payload"], [[d.id, d.reason]], []],
    );
  });

  it("malicious wins over benign, whatever the order given", () => {
    const benign = decision("benign", { kind: "sha256", sha256: SHA_A });
    const malicious = decision("malicious", { kind: "command-line", pattern: "invoice*" });
    assert.deepEqual(outcome([benign, malicious], [payload]), { payload: `confirmed:${malicious.id}` });
    assert.deepEqual(outcome([malicious, benign], [payload]), { payload: `confirmed:${malicious.id}` });
  });

  it("the earliest matching decision is reported, whatever the order given", () => {
    const late = decision("benign", { kind: "sha256", sha256: SHA_A });
    const early = decision(
      "benign",
      { kind: "path", path: DROPPER },
      { kind: "all" },
      { at: "2020-01-01T00:00:00.000Z" },
    );
    assert.deepEqual(outcome([late, early], [payload]), { payload: `suppressed:${early.id}` });
    assert.deepEqual(outcome([early, late], [payload]), { payload: `suppressed:${early.id}` });
  });

  it("never touches counter-evidence findings", () => {
    const signed = { id: "signed", facts: payload.facts, benign: true };
    const benign = decision("benign", { kind: "sha256", sha256: SHA_A });
    const malicious = decision("malicious", { kind: "sha256", sha256: SHA_A });
    for (const d of [benign, malicious]) {
      const r = decisionFilter([d])([finding(signed)], () => payload.facts);
      assert.deepEqual([r.active.map((f) => f.id), r.suppressed, r.confirmed], [["signed"], [], []]);
    }
  });

  it("ignores revoked decisions", () => {
    const revoked = decision(
      "benign",
      { kind: "sha256", sha256: SHA_A },
      { kind: "all" },
      {
        revoked: { analyst: "bob", at: "2024-02-01T00:00:00.000Z", reason: "wrong" },
      },
    );
    assert.deepEqual(outcome([revoked], [payload]), { payload: "active" });
  });

  it("no decisions: everything active, in order", () => {
    const subjects = [payload, { id: "other", facts: facts({}) }];
    const r = decisionFilter([])(subjects.map(finding), (f) => subjects.find((s) => s.id === f.id)!.facts);
    assert.deepEqual(
      r.active.map((f) => f.id),
      ["payload", "other"],
    );
  });
});

describe("hostInScope", () => {
  const CASES: readonly (readonly [scope: string, host: string, expected: boolean])[] = [
    ["WS1", "ws1", true],
    ["WS1", "ws1.corp.example", true],
    ["ws1.corp.example", "WS1", true],
    ["ws1.corp.example", "ws1.corp.example", true],
    ["ws1.corp.example", "ws1.other.example", false],
    ["WS1", "ws10", false],
    ["WS1", "ws1x.corp", false],
  ];
  for (const [scope, host, expected] of CASES) {
    it(`${scope} ${expected ? "covers" : "does not cover"} ${host}`, () => {
      assert.equal(hostInScope({ kind: "host", host: scope }, host), expected);
    });
  }
  it("all hosts covers any host", () => {
    assert.equal(hostInScope({ kind: "all" }, "anything"), true);
  });
});

describe("decisionFilter: scale", () => {
  it("10k decisions × 100k findings stays quick (indexed, memoized command lines)", () => {
    const decisions: Decision[] = [];
    for (let i = 0; i < 10_000; i++) {
      const n = i.toString(16).padStart(64, "0");
      const k = i % 4;
      decisions.push(
        decision(
          i % 3 === 0 ? "benign" : "malicious",
          k === 0
            ? { kind: "sha256", sha256: n }
            : k === 1
              ? { kind: "path", path: `C:\\apps\\${i}\\app.exe` }
              : k === 2
                ? { kind: "rule-on-image", detector: `sigma:${i % 50}`, image: `tool${i}.exe` }
                : { kind: "command-line", pattern: `c:\\apps\\${i}\\app.exe --mode *` },
          i % 2 === 0 ? { kind: "all" } : { kind: "host", host: `WS${i % 100}` },
        ),
      );
    }
    const findings: Finding[] = [];
    const factsById = new Map<string, FindingFacts>();
    for (let i = 0; i < 100_000; i++) {
      const id = `f${i}`;
      const j = i % 12_000;
      factsById.set(
        id,
        facts({
          host: `WS${i % 100}`,
          detector: `sigma:${i % 50}`,
          sha256: j.toString(16).padStart(64, "0"),
          image: `C:\\apps\\${j}\\app.exe`,
          commandLine: `C:\\apps\\${j}\\app.exe --mode ${i % 7}`,
        }),
      );
      findings.push(finding({ id, facts: factsById.get(id)! }));
    }
    const r = decisionFilter(decisions)(findings, (f) => factsById.get(f.id)!);
    assert.equal(r.active.length + r.suppressed.length, findings.length);
    assert.ok(r.suppressed.length > 0 && r.confirmed.length > 0);
  });
});
