import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import { EventFactory, guid } from "../analytics/process/process-events.test.support.js";
import type { Event } from "../events/event.js";
import type { FieldValue } from "../events/field-value.js";
import type { Finding, FindingSubject } from "../findings/finding.js";
import type { KillChainStage } from "../findings/kill-chain.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import { HostAddresses } from "./analyze-host-addresses.js";
import { groupFindings } from "./analyze-process-groups.js";

const f = new EventFactory("WS1");
const A = guid(0xa);
const B = guid(0xb);
const C = guid(0xc);
const EVENTS: readonly Event[] = [
  f.start(0, A, "C:\\Users\\u\\AppData\\Local\\Temp\\a.exe"),
  f.start(10, B, "C:\\Users\\u\\AppData\\Roaming\\b.exe", A),
  f.start(20, C, "C:\\Users\\u\\AppData\\Roaming\\b.exe"),
  f.end(30, C),
  f.sysmon(3, 100, { ProcessGuid: B, SourceIp: "10.0.0.7", DestinationIp: "10.0.0.9", Initiated: true }),
];

function setup() {
  const processes = new ProcessAnalyzer();
  const addresses = new HostAddresses();
  for (const e of EVENTS) {
    processes.observe(e);
    addresses.observe(e);
  }
  return { processes, addresses };
}

let n = 0;
function finding(o: {
  detector: string;
  viewpoint: Viewpoint;
  severity: Severity;
  subject: FindingSubject;
  host?: string;
  stage?: KillChainStage;
  details?: Record<string, FieldValue>;
  at?: number;
}): Finding {
  const time = o.at === undefined ? undefined : { iso: f.at(o.at), ms: Date.parse(f.at(o.at)) };
  return {
    id: `${o.detector}:${++n}`,
    detector: o.detector,
    viewpoint: o.viewpoint,
    severity: o.severity,
    confidence: 0.5,
    ...(o.stage && { stage: o.stage }),
    attack: [],
    host: o.host ?? "WS1",
    subject: o.subject,
    first: time,
    last: time,
    evidence: [],
    evidenceCount: 1,
    message: { en: "x", ja: "x" },
    details: o.details ?? {},
  };
}

const proc = (key: string): FindingSubject => ({ kind: "process", key });

describe("groupFindings", () => {
  it("reached vs attempted stage, strongest severity per viewpoint, info marks nothing", () => {
    const { processes, addresses } = setup();
    const groups = groupFindings(
      [
        finding({
          detector: "process.x",
          viewpoint: "process",
          severity: "medium",
          subject: proc(B),
          stage: "installation",
        }),
        finding({
          detector: "process.y",
          viewpoint: "process",
          severity: "high",
          subject: proc(B),
          stage: "exploitation",
        }),
        finding({
          detector: "network.lateral-movement",
          viewpoint: "direction",
          severity: "high",
          subject: proc(B),
          stage: "lateral_movement",
        }),
        finding({ detector: "duration.x", viewpoint: "duration", severity: "info", subject: proc(B) }),
      ],
      processes,
      addresses,
    );
    assert.equal(groups.length, 1);
    const [g] = groups;
    assert.equal(g.stage, "installation");
    assert.equal(g.attemptedStage, "lateral_movement");
    assert.deepEqual(g.stages, ["exploitation", "installation"]);
    assert.deepEqual(g.viewpoints, { process: "high", direction: "high" });
    assert.equal(g.score, 8);
    assert.equal(g.severity, "high");
    assert.equal(g.suspicious, true);
    assert.equal(g.state, "running");
    assert.deepEqual(
      g.findings.map((id) => id.split(":")[0]),
      ["network.lateral-movement", "process.y", "process.x", "duration.x"],
      "strongest first, then by id",
    );
  });

  it("counter-evidence is counted, not scored", () => {
    const { processes, addresses } = setup();
    const [g] = groupFindings(
      [
        finding({
          detector: "history.prevalent",
          viewpoint: "history",
          severity: "high",
          subject: proc(A),
          details: { benign: true },
        }),
        finding({ detector: "process.z", viewpoint: "process", severity: "low", subject: proc(A) }),
      ],
      processes,
      addresses,
    );
    assert.equal(g.benignFindings, 1);
    assert.equal(g.severity, "low");
    assert.deepEqual(g.viewpoints, { process: "low" });
    assert.equal(g.suspicious, false);
  });

  it("a Zeek finding naming an image is attributed through the address → host index", () => {
    const { processes, addresses } = setup();
    const groups = groupFindings(
      [
        finding({
          detector: "network.beacon",
          viewpoint: "frequency",
          severity: "high",
          host: "10.0.0.7",
          subject: { kind: "flow", src: "10.0.0.7", dst: "203.0.113.1" },
          details: { image: "b.exe" },
          at: 100,
        }),
      ],
      processes,
      addresses,
    );
    // two b.exe ran on WS1; only B was alive at 100 s (C ended at 30 s)
    assert.equal(groups[0].key, B);
    assert.equal(groups[0].kind, "process");
  });

  it("a host-level finding joins the one process the same detector flagged on that host", () => {
    const { processes, addresses } = setup();
    const scan = (host: string) =>
      finding({
        detector: "network.port-scan.horizontal",
        viewpoint: "port",
        severity: "high",
        host,
        subject: { kind: "address", address: host },
      });
    const one = groupFindings(
      [
        finding({
          detector: "network.port-scan.horizontal",
          viewpoint: "port",
          severity: "high",
          subject: proc(B),
        }),
        scan("10.0.0.7"),
      ],
      processes,
      addresses,
    );
    assert.deepEqual(
      one.map((g) => [g.key, g.findings.length]),
      [[B, 2]],
    );
    const two = groupFindings(
      [
        finding({
          detector: "network.port-scan.horizontal",
          viewpoint: "port",
          severity: "high",
          subject: proc(B),
        }),
        finding({
          detector: "network.port-scan.horizontal",
          viewpoint: "port",
          severity: "high",
          subject: proc(C),
        }),
        scan("10.0.0.7"),
      ],
      processes,
      addresses,
    );
    const host = two.find((g) => g.kind === "host");
    assert.ok(host);
    assert.equal(host.key, "host:WS1");
    assert.equal(host.image, undefined);
    assert.equal(host.rootCause, undefined);
  });

  it("orders groups by severity, then score, then stage", () => {
    const { processes, addresses } = setup();
    const groups = groupFindings(
      [
        finding({ detector: "p", viewpoint: "process", severity: "medium", subject: proc(A) }),
        finding({ detector: "q", viewpoint: "state", severity: "medium", subject: proc(A) }),
        finding({ detector: "p", viewpoint: "process", severity: "high", subject: proc(C) }),
        finding({ detector: "p", viewpoint: "process", severity: "medium", subject: proc(B) }),
      ],
      processes,
      addresses,
    );
    assert.deepEqual(
      groups.map((g) => g.key),
      [C, A, B],
    );
  });

  it("the root cause of a chain: the earliest suspicious process above", () => {
    const { processes, addresses } = setup();
    const groups = groupFindings(
      [finding({ detector: "p", viewpoint: "process", severity: "high", subject: proc(B) })],
      processes,
      addresses,
    );
    // a.exe in Temp is suspicious by the process analyzer's own detectors: it is the root cause of b.exe
    assert.equal(groups[0].rootCause, false);
    assert.equal(groups[0].rootCauseKey, A);
  });
});

describe("HostAddresses", () => {
  it("learns the local end of each host's connections; an address on two hosts is ambiguous", () => {
    const h = new HostAddresses(2);
    const g = new EventFactory("H1");
    h.observe(g.sysmon(3, 1, { SourceIp: "10.0.0.1", DestinationIp: "8.8.8.8", Initiated: "true" }));
    h.observe(g.sysmon(3, 2, { SourceIp: "8.8.4.4", DestinationIp: "10.0.0.2", Initiated: "false" }));
    h.observe(g.sysmon(3, 3, { SourceIp: "127.0.0.1", DestinationIp: "127.0.0.1", Initiated: "true" }));
    h.observe(g.sysmon(3, 4, { SourceIp: "10.0.0.1", Initiated: "true" }, "h2"));
    h.observe(g.sysmon(3, 5, { SourceIp: "10.0.0.3", Initiated: "true" }));
    assert.equal(h.hostOf("10.0.0.2"), "H1");
    assert.equal(h.hostOf("10.0.0.1"), undefined, "ambiguous");
    assert.equal(h.hostOf("127.0.0.1"), undefined);
    assert.deepEqual(h.stats(), { addresses: 2, ambiguous: 1, dropped: 1 });
  });
});
