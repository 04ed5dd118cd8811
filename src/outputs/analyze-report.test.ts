import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../findings/finding.js";
import type { AnalyzeResult } from "../pipeline/analyze-logs.js";
import type { ProcessGroup } from "../pipeline/analyze-process-groups.js";
import type { AnalyzeSummary } from "../pipeline/analyze-summary.js";
import { analyzeJsonValue, renderAnalyzeJson } from "./analyze-json.js";
import {
  baseName,
  renderAnalyzeText,
  renderProcessTable,
  renderTopFindings,
  renderVerdictReasons,
} from "./analyze-report.js";

const SUMMARY: AnalyzeSummary = {
  files: { total: 1, byFormat: { evtx: 1, json: 0, zeek: 0 }, unknownFormat: 0, failed: 0, bytes: 10 },
  perFile: [],
  records: 2,
  events: 2,
  eventsWithoutTime: 0,
  timeRange: null,
  hosts: { distinct: 1, distinctCapped: false, top: [{ key: "H", count: 2 }], others: 0 },
  channels: { distinct: 0, distinctCapped: false, top: [], others: 0 },
  eventIds: { distinct: 0, distinctCapped: false, top: [], others: 0 },
  diagnostics: { errors: 0, warnings: 0, byCode: {}, problems: [] },
};

function group(o: Partial<ProcessGroup> & Pick<ProcessGroup, "key" | "severity">): ProcessGroup {
  return {
    kind: "process",
    host: "H",
    image: undefined,
    pid: undefined,
    commandLine: undefined,
    user: undefined,
    rootCause: undefined,
    rootCauseKey: undefined,
    rootCauseImage: undefined,
    chain: [],
    droppedBy: undefined,
    state: undefined,
    stage: undefined,
    attemptedStage: undefined,
    stages: [],
    score: 0,
    viewpoints: {},
    findings: [],
    benignFindings: 0,
    first: undefined,
    last: undefined,
    suspicious: true,
    verdict: { verdict: "suspicious", confidence: 0.5, score: 0.5, decisive: undefined, reasons: [] },
    ...o,
  };
}

function finding(id: string, o: Partial<Finding> = {}): Finding {
  return {
    id,
    detector: id.split(":")[0],
    viewpoint: "process",
    severity: "high",
    confidence: 0.5,
    attack: [],
    host: "H",
    subject: { kind: "host" },
    first: undefined,
    last: undefined,
    evidence: [{ file: "a.evtx", format: "evtx", recordId: 18446744073709551615n }],
    evidenceCount: 1,
    message: { en: `message of ${id}`, ja: `${id} の内容` },
    details: { big: 18446744073709551615n, list: [1n, "x"] },
    ...o,
  };
}

function result(groups: ProcessGroup[], findings: Finding[]): AnalyzeResult {
  return {
    summary: SUMMARY,
    rules: undefined,
    findings,
    groups,
    incidents: [],
    analyzers: {},
    skipped: { sigma: "no rules", location: "E_GEOIP \u001b[2J" },
    timings: { passMs: 1, finishMs: 1, locationMs: 0 },
  };
}

const OPTIONS = { lang: "en", timeZone: "UTC" } as const;

describe("analyze report", () => {
  it("one row per suspicious group: root cause, state, reached and attempted stage, marks; cells escaped", () => {
    const r = result(
      [
        group({
          key: "k1",
          host: "EVIL\u001b[2JHOST",
          image: "C:\\x\\pay.exe",
          severity: "critical",
          rootCause: false,
          rootCauseImage: "C:\\x\\drop.exe",
          state: "running",
          stage: "command_and_control",
          attemptedStage: "lateral_movement",
          viewpoints: { location: "low", frequency: "critical", state: "medium" },
        }),
        group({ key: "host:H", kind: "host", severity: "high", rootCause: undefined }),
        group({
          key: "k3",
          image: "C:\\x\\root.exe",
          severity: "medium",
          rootCause: true,
          stage: "exploitation",
        }),
        group({ key: "k4", severity: "low", suspicious: false }),
      ],
      [],
    );
    assert.deepEqual(renderProcessTable(r, OPTIONS), [
      "Suspicious processes (3 of 4 with findings)",
      "  host             image     verdict         root cause     now      stage                    severity  loc  time  dur  dir  port  vol  freq  rep  hist  proc  state",
      "  EVIL\\x1b[2JHOST  pay.exe   suspicious 50%  no (drop.exe)  running  C&C (lateral movement?)  critical  L    .     .    .    .     .    C     .    .     .     M",
      "  H                (host)    suspicious 50%  -              -        -                        high      .    .     .    .    .     .    .     .    .     .     .",
      "  H                root.exe  suspicious 50%  yes            -        exploitation             medium    .    .     .    .    .     .    .     .    .     .     .",
      "  marks: C critical, H high, M medium, L low, . none",
    ]);
    assert.deepEqual(renderProcessTable(r, { ...OPTIONS, top: 1 }).length, 4, "header, one row, marks");
  });

  it("top findings: one per group and detector, strongest first, in table order, in the chosen language", () => {
    const g1 = group({ key: "k1", image: "C:\\a.exe", severity: "high", findings: ["d1:1", "d1:2", "d2:3"] });
    const g2 = group({ key: "k2", image: "C:\\b.exe", severity: "high", findings: ["d3:4", "d4:5"] });
    const r = result(
      [g1, g2],
      [
        finding("d3:4", { confidence: 0.9 }),
        finding("d1:1"),
        finding("d1:2"),
        finding("d2:3", { severity: "medium" }),
        finding("d4:5", { details: { benign: true } }),
      ],
    );
    const en = renderTopFindings(r, OPTIONS);
    assert.equal(en[0], "Top findings (3 of 3)");
    const cells = en.slice(2).map((l) => l.trim().split(/ {2,}/));
    assert.deepEqual(cells, [
      ["high", "H", "a.exe", "proc", "message of d1:1"],
      ["high", "H", "b.exe", "proc", "message of d3:4"],
      ["medium", "H", "a.exe", "proc", "message of d2:3"],
    ]);
    const ja = renderTopFindings(r, { ...OPTIONS, lang: "ja" });
    assert.equal(ja[0], "主な所見 (3 件中 3 件)");
    assert.match(ja[2], /^ {2}高 .* d1:1 の内容$/);
  });

  it("no incident, no suspicious process: says so; the rule line, skipped parts (escaped) and the compact summary follow", () => {
    const text = renderAnalyzeText(
      result([group({ key: "k", severity: "low", suspicious: false })], []),
      OPTIONS,
    );
    assert.equal(
      text,
      [
        "No incident",
        "",
        "No suspicious process (1 with findings)",
        "",
        "no Sigma rules run",
        "skipped: location (E_GEOIP \\x1b[2J)",
        "",
        "Summary",
        "  files       1 (evtx 1)",
        "  records     2",
        "  events      2",
        "  time range  -",
        "",
        "Hosts (1 distinct)",
        "  host  events",
        "  H          2",
        "",
      ].join("\n"),
    );
  });

  it("baseName takes the last part of Windows and POSIX paths", () => {
    assert.equal(baseName("C:\\a\\b.exe"), "b.exe");
    assert.equal(baseName("/usr/bin/x"), "x");
    assert.equal(baseName("plain"), "plain");
  });
});

describe("analyze --json", () => {
  it("writes bigint record ids and detail values as exact decimal strings", () => {
    const r = result([group({ key: "k", severity: "high", findings: ["d:1"] })], [finding("d:1")]);
    const value = analyzeJsonValue(r);
    assert.deepEqual(Object.keys(value), [
      "summary",
      "rules",
      "analyzers",
      "skipped",
      "timings",
      "incidents",
      "processes",
      "findings",
    ]);
    const parsed = JSON.parse(renderAnalyzeJson(r));
    assert.equal(parsed.findings[0].evidence[0].recordId, "18446744073709551615");
    assert.deepEqual(parsed.findings[0].details, { big: "18446744073709551615", list: ["1", "x"] });
    assert.equal(parsed.rules, null);
    assert.doesNotMatch(renderAnalyzeJson(r), /\u001b/);
  });
});

describe("verdict reasons", () => {
  const benign = group({
    key: "o",
    severity: "high",
    image: "C:\\Program Files\\Microsoft Office\\OUTLOOK.EXE",
    verdict: {
      verdict: "benign",
      confidence: 0.65,
      score: 0.209,
      decisive: undefined,
      reasons: [
        {
          viewpoint: "frequency",
          direction: "against",
          weight: 0.52,
          text: { en: "beacon", ja: "定期通信" },
          findingIds: ["b"],
        },
        {
          viewpoint: "process",
          direction: "for",
          weight: 0.5,
          text: { en: "signed", ja: "署名" },
          findingIds: [],
        },
        {
          viewpoint: "process",
          direction: "for",
          weight: 0.2,
          text: { en: "install folder", ja: "通常の場所" },
          findingIds: [],
        },
      ],
    },
  });

  it("a benign verdict lists why first (過検知の理由), then what spoke against it", () => {
    assert.deepEqual(renderVerdictReasons(result([benign], []), OPTIONS), [
      "Why (top reasons per process)",
      "  H OUTLOOK.EXE: benign (65%, score 0.209)",
      "    + [proc] signed",
      "    + [proc] install folder",
      "    - [freq] beacon",
    ]);
    const ja = renderVerdictReasons(result([benign], []), { ...OPTIONS, lang: "ja" });
    assert.equal(ja[1], "  H OUTLOOK.EXE: 過検知 (65%, score 0.209)");
    assert.equal(ja[2], "    + [プロセス] 署名");
  });

  it("--json carries each group's verdict with its reasons", () => {
    const json = analyzeJsonValue(result([benign], []));
    assert.equal(json.processes[0].verdict.verdict, "benign");
    assert.equal(json.processes[0].verdict.reasons.length, 3);
  });
});
