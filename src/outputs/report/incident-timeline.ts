/**
 * The timeline of one incident for the reports: its findings and its key events (process starts and
 * ends, files written, persistence set, first contact with each destination) in time order. Input: the
 * incident, the findings by id, the report labels. Output: at most `limit` entries (undated ones last)
 * and how many were left out — the complete list per finding is timeline.csv.
 */
import type { Provenance } from "../../events/provenance.js";
import type { Finding } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import type { Viewpoint } from "../../findings/viewpoint.js";
import type { Incident, IncidentTime } from "../../incidents/incident.js";
import { baseName } from "../analyze-report.js";
import { fillLabel, type ReportLabels } from "./report-labels.js";

/** Entries shown per incident in the HTML and Markdown reports. */
export const MAX_TIMELINE_ENTRIES = 200;

/** What a timeline entry records. */
export const TIMELINE_ENTRY_KINDS = [
  "finding",
  "process-start",
  "process-end",
  "file",
  "persistence",
  "destination",
] as const;
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

/** One line of an incident timeline. */
export interface TimelineEntry {
  readonly kind: TimelineEntryKind;
  readonly time: IncidentTime | undefined;
  readonly host: string;
  /** The sentence, in the report's language (plain text) */
  readonly text: string;
  readonly severity: Severity | undefined;
  readonly viewpoint: Viewpoint | undefined;
  readonly stage: KillChainStage | undefined;
  readonly evidence: Provenance | undefined;
}

/** The shown entries of an incident timeline and how many were left out. */
export interface IncidentTimeline {
  readonly entries: readonly TimelineEntry[];
  /** Entries left out past the limit */
  readonly omitted: number;
}

function entry(
  kind: TimelineEntryKind,
  time: IncidentTime | undefined,
  host: string,
  text: string,
  evidence?: Provenance,
): TimelineEntry {
  return { kind, time, host, text, severity: undefined, viewpoint: undefined, stage: undefined, evidence };
}

function fromFinding(f: Finding, labels: ReportLabels): TimelineEntry {
  return {
    kind: "finding",
    time: f.first,
    host: f.host,
    text: f.message[labels.lang],
    severity: f.severity,
    viewpoint: f.viewpoint,
    stage: f.stage,
    evidence: f.evidence[0],
  };
}

/** The incident's findings and key events, earliest first (undated last), at most `limit`. */
export function incidentTimeline(
  incident: Incident,
  findings: ReadonlyMap<string, Finding>,
  labels: ReportLabels,
  limit = MAX_TIMELINE_ENTRIES,
): IncidentTimeline {
  const L = labels.text;
  const all: TimelineEntry[] = [];
  for (const id of incident.findings) {
    const f = findings.get(id);
    if (f) all.push(fromFinding(f, labels));
  }
  for (const p of incident.processes) {
    if (p.role === "launcher") continue;
    const image = p.image ? baseName(p.image) : p.key;
    if (p.start) all.push(entry("process-start", p.start, p.host, fillLabel(L.tlProcessStart, { image })));
    if (p.end) all.push(entry("process-end", p.end, p.host, fillLabel(L.tlProcessEnd, { image })));
  }
  for (const f of incident.files)
    all.push(
      entry(
        "file",
        f.time,
        f.host,
        fillLabel(L.tlFile, { role: labels.fileRole[f.role], path: f.path }),
        f.evidence,
      ),
    );
  for (const p of incident.persistence)
    all.push(
      entry(
        "persistence",
        p.time,
        p.host,
        fillLabel(L.tlPersistence, { kind: labels.persistenceKind[p.kind], target: p.target }),
        p.evidence,
      ),
    );
  for (const d of incident.destinations) {
    const where = d.address ?? d.domain ?? "?";
    const destination = d.port !== undefined ? `${where}:${d.port}` : where;
    all.push(
      entry(
        "destination",
        d.first,
        d.hosts[0] ?? "",
        fillLabel(L.tlDestination, { destination, role: labels.destinationRole[d.role] }),
      ),
    );
  }
  const at = (e: TimelineEntry) => e.time?.ms ?? Number.POSITIVE_INFINITY;
  all.sort((a, b) => (at(a) === at(b) ? 0 : at(a) - at(b)));
  const entries = all.slice(0, Math.max(0, limit));
  return { entries, omitted: all.length - entries.length };
}
