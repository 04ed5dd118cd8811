/**
 * Test support for the incident builder (not shipped): small scenarios run through the real process
 * analyzer, host-address index, persistence retention and per-process grouping, with hand-made
 * findings for what needs many events to detect (beacons, scans). Input: events, extra findings,
 * decisions. Output: the run's findings, groups and incidents.
 */
import { PersistenceEvents } from "../analytics/persistence/persistence-events.js";
import { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import { type EventFactory, guid, pidOf } from "../analytics/process/process-events.test.support.js";
import type { Event } from "../events/event.js";
import type { FieldValue } from "../events/field-value.js";
import type { Finding, FindingSubject } from "../findings/finding.js";
import type { KillChainStage } from "../findings/kill-chain.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import { HostAddresses } from "../pipeline/analyze-host-addresses.js";
import { groupFindings, type ProcessGroup } from "../pipeline/analyze-process-groups.js";
import type { DecisionOutcome } from "./applied-decisions.js";
import { buildIncidents } from "./build-incidents.js";
import type { Incident } from "./incident.js";

export interface ScenarioRun {
  readonly findings: readonly Finding[];
  readonly groups: readonly ProcessGroup[];
  readonly incidents: readonly Incident[];
  readonly processes: ProcessAnalyzer;
}

/** Runs `events` (and the extra findings) through the analyzers, the grouping and the incident builder. */
export function runScenario(
  events: readonly Event[],
  extra: readonly Finding[] = [],
  decide?: (findings: readonly Finding[]) => DecisionOutcome,
): ScenarioRun {
  const processes = new ProcessAnalyzer();
  const addresses = new HostAddresses();
  const persistence = new PersistenceEvents();
  for (const e of events) {
    processes.observe(e);
    addresses.observe(e);
    persistence.observe(e);
  }
  const findings = [...processes.finish(), ...extra];
  const decisions = decide?.(findings);
  const excluded = new Set((decisions?.suppressed ?? []).map((d) => d.finding.id));
  const groups = groupFindings(findings, processes, addresses, { excluded });
  const incidents = buildIncidents({
    findings,
    groups,
    processes,
    hostOf: (a) => addresses.hostOf(a),
    persistence: persistence.records(),
    decisions,
  });
  return { findings, groups, incidents, processes };
}

let n = 0;
/** A hand-made finding (what a network or intel analyzer would emit). */
export function finding(
  f: EventFactory,
  o: {
    detector: string;
    viewpoint: Viewpoint;
    severity: Severity;
    subject: FindingSubject;
    host?: string;
    stage?: KillChainStage;
    attack?: readonly string[];
    confidence?: number;
    details?: Record<string, FieldValue>;
    from?: number;
    to?: number;
  },
): Finding {
  const time = (s: number | undefined) =>
    s === undefined ? undefined : { iso: f.at(s), ms: Date.parse(f.at(s)) };
  return {
    id: `${o.detector}:test-${++n}`,
    detector: o.detector,
    viewpoint: o.viewpoint,
    severity: o.severity,
    confidence: o.confidence ?? 0.9,
    ...(o.stage && { stage: o.stage }),
    attack: o.attack ?? [],
    host: o.host ?? f.host,
    subject: o.subject,
    first: time(o.from),
    last: time(o.to ?? o.from),
    evidence: [],
    evidenceCount: 1,
    message: { en: `${o.detector} (test)`, ja: `${o.detector}（テスト）` },
    details: o.details ?? {},
  };
}

/** A beacon finding of process `key` to `destination`, from `from` to `to` seconds. */
export function beacon(f: EventFactory, key: string, destination: string, from: number, to: number): Finding {
  return finding(f, {
    detector: "network.beacon",
    viewpoint: "frequency",
    severity: "high",
    stage: "command_and_control",
    attack: ["T1071"],
    subject: { kind: "process", key },
    confidence: 0.95,
    details: { destination, ports: "443", connections: 40, intervalMedianSeconds: 60 },
    from,
    to,
  });
}

export const EXPLORER = "C:\\Windows\\explorer.exe";
export const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";

export interface Chain {
  readonly explorer: string;
  readonly dropper: string;
  readonly payload: string;
  readonly shell: string;
  readonly events: Event[];
}

/** A hex SHA256 made of one repeated digit (test only). */
export function sha(d: string): string {
  return d.repeat(64).toUpperCase();
}

/**
 * explorer.exe → a dropper with a document name in Temp (`dropperName`, hash `dropperSha`) that writes
 * and starts a payload (hash `payloadSha`) and sets a Run key; the payload runs discovery through
 * cmd.exe. GUIDs from `base`. `payloadEnds`: the payload stops at `payloadEnds` seconds.
 */
export function malwareChain(
  f: EventFactory,
  base: number,
  o: { dropperName?: string; dropperSha?: string; payloadSha?: string; payloadEnds?: number } = {},
): Chain {
  const explorer = guid(base);
  const dropper = guid(base + 1);
  const payload = guid(base + 2);
  const shell = guid(base + 3);
  const dropperPath = `C:\\Users\\u\\AppData\\Local\\Temp\\${o.dropperName ?? "invoice.pdf.exe"}`;
  const payloadPath = "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\upd\\upd.exe";
  const user = { User: "CORP\\u" };
  const events = [
    f.start(0, explorer, EXPLORER, undefined, user),
    f.fileCreate(5, explorer, dropperPath),
    f.start(10, dropper, dropperPath, explorer, { ...user, Hashes: `SHA256=${o.dropperSha ?? sha("a")}` }),
    f.selfLoad(10.1, dropper, dropperPath, false, "Unavailable"),
    f.fileCreate(11, dropper, payloadPath),
    f.start(12, payload, payloadPath, dropper, { ...user, Hashes: `SHA256=${o.payloadSha ?? sha("b")}` }),
    f.selfLoad(12.1, payload, payloadPath, false, "Unavailable"),
    f.sysmon(13, 13, {
      ProcessGuid: dropper,
      ProcessId: pidOf(dropper),
      EventType: "SetValue",
      TargetObject: "HKU\\S-1-5-21-1\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Upd",
      Details: payloadPath,
    }),
    f.end(14, dropper),
    f.connect(20, payload, "198.51.100.7", 443),
    f.start(100, shell, "C:\\Windows\\System32\\cmd.exe", payload, {
      ...user,
      CommandLine: 'cmd.exe /c "whoami /all & ipconfig /all & net view"',
    }),
    f.end(105, shell),
    f.connect(200, payload, "198.51.100.7", 443),
  ];
  if (o.payloadEnds !== undefined) events.push(f.end(o.payloadEnds, payload));
  return { explorer, dropper, payload, shell, events };
}

/** explorer.exe → a validly signed Outlook in Program Files (a beacon finding makes it an over-detection). */
export function outlook(f: EventFactory, base: number): { readonly key: string; readonly events: Event[] } {
  const explorer = guid(base);
  const key = guid(base + 1);
  return {
    key,
    events: [
      f.start(0, explorer, EXPLORER),
      f.start(1, key, OUTLOOK, explorer, { Hashes: `SHA256=${sha("c")}` }),
      f.selfLoad(1.1, key, OUTLOOK, true, "Valid", { Signature: "Microsoft Corporation" }),
      f.connect(2, key, "52.97.146.162", 443),
      f.connect(300, key, "52.97.146.162", 443),
    ],
  };
}
