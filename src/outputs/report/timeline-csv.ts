/**
 * `timeline.csv`: every finding of the run, one row each, in time order (undated last), for
 * spreadsheets and timeline tools. Input: a ReportInput. Output: CSV lines (header first) via
 * csv-row.ts, so a cell that looks like a formula (`=`, `+`, `-`, `@` …) is shown as text. Columns:
 * time (ISO UTC), host, incident, verdict, stage, viewpoint, severity, process, subject, detector,
 * message (in the report language), evidence file and record/line, the suppressing decision, finding id.
 */
import type { Finding, FindingSubject } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import { csvRow } from "../csv-row.js";
import type { ReportInput } from "./report-input.js";
import { evidenceLocation } from "./report-model.js";

/** The CSV columns, in order. */
export const TIMELINE_COLUMNS = [
  "time",
  "host",
  "incident",
  "verdict",
  "stage",
  "viewpoint",
  "severity",
  "process",
  "subject",
  "detector",
  "message",
  "evidence_file",
  "evidence_location",
  "suppressed_by",
  "finding_id",
] as const;
export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];

function subjectText(s: FindingSubject): string {
  switch (s.kind) {
    case "process":
      return s.key;
    case "file":
      return s.path;
    case "flow":
      return `${s.src} -> ${s.dst}${s.port !== undefined ? `:${s.port}` : ""}${s.protocol ? `/${s.protocol}` : ""}`;
    case "address":
      return s.address;
    case "domain":
      return s.domain;
    case "user":
      return s.user;
    case "host":
      return "";
  }
}

interface Owner {
  readonly incident: Incident;
  readonly decisionId: string | undefined;
}

function owners(incidents: readonly Incident[]): Map<string, Owner> {
  const map = new Map<string, Owner>();
  for (const incident of incidents) {
    for (const id of incident.findings) if (!map.has(id)) map.set(id, { incident, decisionId: undefined });
    for (const s of incident.suppressed)
      if (!map.has(s.findingId)) map.set(s.findingId, { incident, decisionId: s.decisionId });
  }
  return map;
}

function row(f: Finding, owner: Owner | undefined, input: ReportInput): string[] {
  const cells: Record<TimelineColumn, string> = {
    time: f.first?.iso ?? "",
    host: f.host,
    incident: owner?.incident.id ?? "",
    verdict: owner?.incident.verdict.verdict ?? "",
    stage: f.stage ?? "",
    viewpoint: f.viewpoint,
    severity: f.severity,
    process: f.subject.kind === "process" ? (f.subject.image ?? "") : "",
    subject: subjectText(f.subject),
    detector: f.detector,
    message: f.message[input.lang],
    evidence_file: f.evidence[0]?.file ?? "",
    evidence_location: evidenceLocation(f.evidence[0]),
    suppressed_by: owner?.decisionId ?? "",
    finding_id: f.id,
  };
  return TIMELINE_COLUMNS.map((c) => cells[c]);
}

/** The findings in time order (undated last; equal times by id). */
export function timelineOrder(findings: readonly Finding[]): Finding[] {
  const at = (f: Finding) => f.first?.ms ?? Number.POSITIVE_INFINITY;
  return [...findings].sort((a, b) => {
    const d = at(a) === at(b) ? 0 : at(a) - at(b);
    return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The CSV lines (each ending in CRLF), header first. */
export function* timelineCsvLines(input: ReportInput): Generator<string> {
  yield csvRow(TIMELINE_COLUMNS);
  const byFinding = owners(input.incidents);
  for (const f of timelineOrder(input.findings)) yield csvRow(row(f, byFinding.get(f.id), input));
}

/** The whole CSV text. */
export function renderTimelineCsv(input: ReportInput): string {
  return [...timelineCsvLines(input)].join("");
}
