import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Analyzer } from "../findings/finding.js";
import type { DecisionFilter, FindingFacts } from "../incidents/applied-decisions.js";
import { loadRules, type LoadedRules } from "../sigma/rule-loader.js";
import { repoRoot } from "../testing/corpus.js";
import { type AnalyzeResult, analyzeLogs } from "./analyze-logs.js";

const EXAMPLES = join(repoRoot(), "examples");
const PACK = join(repoRoot(), "rules", "mikiwame");

function base(path: string | undefined): string | undefined {
  return path?.split("\\").pop();
}

let rules: LoadedRules;
let result: AnalyzeResult;
let diagnostics: Diagnostics;
before(async () => {
  rules = await loadRules([PACK]);
  diagnostics = new Diagnostics();
  result = await analyzeLogs([EXAMPLES], { diagnostics, rules });
});

describe("analyzeLogs on the example incident", () => {
  it("puts the payload and its dropper at the top of WS-SALES-07's processes", () => {
    const [payload, dropper] = result.groups;
    assert.equal(payload.host, "WS-SALES-07");
    assert.equal(base(payload.image), "svcupd.exe");
    assert.equal(payload.rootCause, false);
    assert.equal(base(payload.rootCauseImage), "invoice.pdf.exe");
    assert.equal(base(payload.droppedBy), "invoice.pdf.exe");
    assert.equal(payload.state, "running");
    assert.equal(payload.stage, "command_and_control");
    assert.equal(payload.attemptedStage, "lateral_movement");
    assert.equal(payload.severity, "high");
    assert.deepEqual(
      payload.chain.map((l) => [base(l.image), l.via]),
      [
        ["explorer.exe", "origin"],
        ["invoice.pdf.exe", "parent+dropper"],
        ["svcupd.exe", "parent+dropper"],
      ],
    );

    assert.equal(base(dropper.image), "invoice.pdf.exe");
    assert.equal(dropper.rootCause, true);
    assert.equal(dropper.state, "terminated");
    assert.equal(dropper.stage, "installation");
  });

  it("attributes the Zeek views of the beacon, the scan and the second stage to svcupd.exe", () => {
    const [payload] = result.groups;
    const byId = new Map(result.findings.map((f) => [f.id, f]));
    const zeek = payload.findings
      .map((id) => byId.get(id))
      .filter((f) => f?.host === "10.0.5.27")
      .map((f) => f?.detector)
      .sort();
    assert.deepEqual(zeek, [
      "network.beacon",
      "network.lateral-movement",
      "network.port-scan.horizontal",
      "network.volume.delivery",
    ]);
    assert.ok(!result.groups.some((g) => g.kind === "host" && g.suspicious), "no host-level row left");
  });

  it("merges the Sysmon 1 and the Security 4688 hit of one rule into one finding", () => {
    const double = result.findings.filter((f) => f.detector === "sigma:c4156666-2ddf-44b2-9b5e-db1bd05868cb");
    assert.equal(double.length, 1);
    assert.equal(double[0].evidenceCount, 2);
    assert.deepEqual(double[0].evidence.map((p) => base(p.file.replaceAll("/", "\\"))).sort(), [
      "WS-SALES-07_Security.evtx",
      "WS-SALES-07_Sysmon.evtx",
    ]);
  });

  it("counts the rules, runs every analyzer and reports only the unreadable README", () => {
    assert.deepEqual(result.rules, {
      files: rules.files,
      loaded: rules.rules.length,
      rejected: 0,
      correlations: rules.correlations.length,
      filters: 0,
      warnings: 0,
      matched: 6,
      matches: 10,
    });
    // every analyzer of the pass reports its counters (other modules may add more analyzers)
    for (const name of [
      "history",
      "host-addresses",
      "location",
      "network.direction",
      "network.flow-attribution",
      "network.frequency",
      "network.port-scan",
      "network.unusual-port",
      "network.volume",
      "persistence",
      "process",
      "sigma",
      "time",
    ])
      assert.ok(result.analyzers[name], name);
    assert.equal(result.analyzers.sigma.events, result.summary.events);
    assert.deepEqual(result.skipped, { reputation: "not checked: no indicator list given (--indicators)" });
    assert.deepEqual(
      diagnostics.list().map((d) => [d.code, base(d.location.file?.replaceAll("/", "\\"))]),
      [["E_FORMAT_UNKNOWN", "README.md"]],
    );
  });
});

describe("analyzeLogs: incidents and analyst decisions", () => {
  it("builds the incidents: the malicious one around invoice.pdf.exe first, the Outlook over-detection", () => {
    assert.deepEqual(
      result.incidents.map((i) => [
        i.verdict.verdict,
        base(i.processes.find((p) => p.key === i.rootCause)?.image),
      ]),
      [
        ["malicious", "invoice.pdf.exe"],
        ["benign", "OUTLOOK.EXE"],
      ],
    );
  });

  it("facts resolve through the process graph; a suppression leaves the findings listed and the incident benign", async () => {
    const facts = new Map<string, FindingFacts>();
    const chain = new Set(["invoice.pdf.exe", "svcupd.exe", "cmd.exe"]);
    const decisions: DecisionFilter = (findings, factsOf) => {
      for (const f of findings) facts.set(f.id, factsOf(f));
      const hit = findings.filter((f) => chain.has(base(facts.get(f.id)?.image)?.toLowerCase() ?? ""));
      const ids = new Set(hit.map((f) => f.id));
      return {
        active: findings.filter((f) => !ids.has(f.id)),
        suppressed: hit.map((finding) => ({ finding, decisionId: "D-1", reason: "lab test" })),
        confirmed: [],
      };
    };
    const r = await analyzeLogs([EXAMPLES], { diagnostics: new Diagnostics(), rules, decisions });
    // the Zeek view of the beacon (an address pair) resolves to the payload's image, host and hash
    const zeek = r.findings.find((f) => f.id === "network.beacon:ip:ip|10.0.5.27|203.0.113.45");
    assert.ok(zeek);
    assert.deepEqual(facts.get(zeek.id), {
      host: "WS-SALES-07",
      image: "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe",
      sha256: "01574bafb9df4967a03864d65e6c6a9a010b80e479708c8110bd76ff53a4bd36",
      commandLine: '"C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe" /silent',
      path: undefined,
      detector: "network.beacon",
    });
    assert.equal(r.findings.length, result.findings.length, "suppressed findings stay in the run's findings");
    const i = r.incidents.find((x) => x.rootCause === result.incidents[0].rootCause);
    assert.ok(i);
    assert.equal(i.verdict.verdict, "benign");
    assert.equal(i.verdict.decidedBy, "D-1");
    assert.ok(i.suppressed.length >= 30);
    assert.ok(i.suppressed.every((s) => s.decisionId === "D-1"));
    const payload = r.groups.find((g) => base(g.image) === "svcupd.exe");
    assert.notEqual(
      payload?.verdict.verdict,
      "malicious",
      "the group's verdict leaves suppressed findings out",
    );
  });
});

describe("analyzeLogs without its optional parts", () => {
  it("a GeoIP file that cannot be opened: located error, location skipped, the rest runs", async () => {
    const d = new Diagnostics();
    const missing = join(EXAMPLES, "no-such.mmdb");
    const r = await analyzeLogs([join(EXAMPLES, "evtx")], {
      diagnostics: d,
      location: { geoipDatabase: missing },
    });
    const geo = d.list().filter((x) => x.code === "E_GEOIP");
    assert.equal(geo.length, 1);
    assert.equal(geo[0].severity, "error");
    assert.equal(geo[0].location.file, missing);
    assert.match(geo[0].message, /^location analysis skipped: /);
    assert.ok(r.skipped.location);
    assert.equal(r.skipped.sigma, "no rules");
    assert.equal(r.rules, undefined);
    assert.equal(base(r.groups[0].image), "svcupd.exe");
  });

  it("an analyzer that throws is reported once at the event, counted, and the run goes on", async () => {
    const d = new Diagnostics();
    let seen = 0;
    const broken: Analyzer = {
      name: "broken",
      observe: () => {
        seen++;
        throw new Error("bad state");
      },
      finish: () => [],
      stats: () => ({ seen }),
    };
    const r = await analyzeLogs([join(EXAMPLES, "zeek", "dns.log")], {
      diagnostics: d,
      location: false,
      analyzers: [broken],
    });
    assert.equal(r.skipped.location, "disabled");
    const internal = d.list().filter((x) => x.code === "E_INTERNAL");
    assert.equal(internal.length, 1);
    assert.match(
      internal[0].message,
      /^analyzer broken failed on an event \(later failures are counted\): Error: bad state$/,
    );
    assert.equal(base(internal[0].location.file?.replaceAll("/", "\\")), "dns.log");
    assert.equal(internal[0].location.line, 9);
    assert.deepEqual(r.analyzers.broken, { seen: r.summary.events, analyzerErrors: r.summary.events });
  });
});
