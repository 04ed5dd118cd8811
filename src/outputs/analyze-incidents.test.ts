import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Incident, IncidentHost, IncidentProcess } from "../incidents/incident.js";
import { renderIncidentReasons, renderIncidentTable, spreadLine } from "./analyze-incidents.js";

const OPTIONS = { lang: "en", timeZone: "UTC" } as const;

function host(name: string, via: IncidentHost["via"]): IncidentHost {
  return { host: name, addresses: [], via, active: true, processes: 1, first: undefined, last: undefined };
}

function root(key: string, image: string): IncidentProcess {
  return {
    key,
    host: "WS1",
    image,
    pid: 1,
    commandLine: undefined,
    user: undefined,
    parentKey: undefined,
    parentImage: undefined,
    droppedByKey: undefined,
    sha256: undefined,
    md5: undefined,
    signer: undefined,
    signature: "unsigned",
    role: "root-cause",
    state: "running",
    start: undefined,
    end: undefined,
    verdict: "malicious",
    confidence: 0.9,
    severity: "high",
    findings: [],
  };
}

function incident(o: Partial<Incident> & Pick<Incident, "id">): Incident {
  return {
    title: { en: "drop.exe on WS1 dropped pay.exe", ja: "WS1 の drop.exe が pay.exe を投下" },
    verdict: {
      verdict: "malicious",
      confidence: 0.97,
      score: 0.99,
      decisive: undefined,
      reasons: [
        {
          viewpoint: "process",
          direction: "against",
          weight: 0.6,
          text: { en: "p1", ja: "プ1" },
          findingIds: [],
        },
        {
          viewpoint: "process",
          direction: "against",
          weight: 0.5,
          text: { en: "p2", ja: "プ2" },
          findingIds: [],
        },
        {
          viewpoint: "frequency",
          direction: "against",
          weight: 0.5,
          text: { en: "beacon", ja: "ビーコン" },
          findingIds: [],
        },
        {
          viewpoint: "process",
          direction: "for",
          weight: 0.2,
          text: { en: "normal path", ja: "通常" },
          findingIds: [],
        },
        {
          viewpoint: "port",
          direction: "against",
          weight: 0.4,
          text: { en: "scan\u001b[2J", ja: "スキャン" },
          findingIds: [],
        },
      ],
      viewpoints: {},
      decidedBy: undefined,
    },
    severity: "high",
    rootCause: "k1",
    hosts: [host("WS1", "root-cause")],
    sharedIndicators: [],
    processes: [root("k1", "C:\\x\\drop.exe")],
    files: [],
    persistence: [],
    destinations: [],
    users: [],
    first: undefined,
    last: undefined,
    state: "active",
    stateReasons: [],
    stages: [
      { stage: "installation", status: "reached", first: undefined, evidence: [] },
      { stage: "command_and_control", status: "reached", first: undefined, evidence: [] },
      { stage: "lateral_movement", status: "attempted", first: undefined, evidence: [] },
    ],
    furthestStage: "command_and_control",
    attack: [],
    cutPoints: [],
    findings: [],
    suppressed: [],
    ...o,
  };
}

const SPREAD = incident({
  id: "INC-bbbbbbbbbb",
  title: { en: "OUTLOOK.EXE polling 52.97.146.162 on 3 hosts (over-detection)", ja: "過検知" },
  verdict: {
    verdict: "benign",
    confidence: 0.64,
    score: 0.2,
    decisive: undefined,
    reasons: [
      {
        viewpoint: "frequency",
        direction: "against",
        weight: 0.5,
        text: { en: "beacon", ja: "ビーコン" },
        findingIds: [],
      },
      {
        viewpoint: "process",
        direction: "for",
        weight: 0.5,
        text: { en: "signed", ja: "署名" },
        findingIds: [],
      },
    ],
    viewpoints: {},
    decidedBy: undefined,
  },
  rootCause: "o1",
  processes: [root("o1", "C:\\Program Files\\OUTLOOK.EXE")],
  hosts: [host("WS1", "root-cause"), host("WS2", "destination"), host("WS3", "sha256")],
  sharedIndicators: [
    { kind: "destination", value: "52.97.146.162", hosts: ["WS1", "WS2"] },
    { kind: "sha256", value: "ab12", hosts: ["WS1", "WS3"] },
  ],
  stages: [{ stage: "command_and_control", status: "reached", first: undefined, evidence: [] }],
  state: "inactive",
});

describe("incident table", () => {
  it("one row per incident: id, hosts, root cause, verdict, furthest (+attempted) stage, state", () => {
    const lines = renderIncidentTable([incident({ id: "INC-aaaaaaaaaa" }), SPREAD], OPTIONS);
    assert.deepEqual(lines, [
      "Incidents (2)",
      "  incident        hosts        root cause   verdict        stage                    state",
      "  INC-aaaaaaaaaa  WS1          drop.exe     malicious 97%  C&C (lateral movement?)  active",
      "  INC-bbbbbbbbbb  WS1, WS2 +1  OUTLOOK.EXE  benign 64%     C&C                      inactive",
    ]);
    const ja = renderIncidentTable([SPREAD], { ...OPTIONS, lang: "ja", top: 1 });
    assert.equal(ja[0], "インシデント (1 件)");
    assert.match(ja[2], /過検知 64% +遠隔操作 +停止$/);
    assert.deepEqual(renderIncidentTable([], OPTIONS), ["No incident"]);
    assert.equal(renderIncidentTable([SPREAD, SPREAD], { ...OPTIONS, top: 1 })[0], "Incidents (1 of 2)");
  });

  it("a host-level incident has no root-cause image", () => {
    const lines = renderIncidentTable(
      [incident({ id: "INC-c", rootCause: undefined, processes: [] })],
      OPTIONS,
    );
    assert.match(lines[2], /INC-c +WS1 +\(host\)/);
  });
});

describe("incident reasons", () => {
  it("title, then the verdict's side one viewpoint at a time (escaped), at most 4 lines", () => {
    assert.deepEqual(renderIncidentReasons([incident({ id: "INC-a" })], OPTIONS), [
      "Why (top reasons per incident)",
      "  INC-a drop.exe on WS1 dropped pay.exe",
      "    - [proc] p1",
      "    - [freq] beacon",
      "    - [port] scan\\x1b[2J",
      "    - [proc] p2",
    ]);
  });

  it("benign: the reasons for it first; the spread line names each other host and its shared indicator", () => {
    const lines = renderIncidentReasons([SPREAD], OPTIONS);
    assert.deepEqual(lines.slice(2), [
      "    + [proc] signed",
      "    - [freq] beacon",
      "    spread: also on WS2 (same destination 52.97.146.162), WS3 (same SHA256 ab12)",
    ]);
    assert.equal(
      spreadLine(SPREAD, { ...OPTIONS, lang: "ja" }),
      "拡散: WS2 (同じ通信先 52.97.146.162), WS3 (同じ SHA256 ab12) でも発生",
    );
    assert.equal(spreadLine(incident({ id: "x" }), OPTIONS), undefined);
  });

  it("an analyst decision is named and its reason comes first", () => {
    const decided = incident({
      id: "INC-d",
      verdict: {
        verdict: "benign",
        confidence: 1,
        score: 0,
        decisive: undefined,
        reasons: [
          {
            viewpoint: "process",
            direction: "for",
            weight: 1,
            text: { en: "analyst decision D-1: marked as an over-detection (tool)", ja: "判断" },
            findingIds: [],
          },
        ],
        viewpoints: {},
        decidedBy: "D-1",
      },
    });
    assert.deepEqual(renderIncidentReasons([decided], OPTIONS).slice(2), [
      "    decided by analyst decision D-1",
      "    + [proc] analyst decision D-1: marked as an over-detection (tool)",
    ]);
  });
});
