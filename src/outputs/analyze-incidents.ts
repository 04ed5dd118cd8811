/**
 * The incident part of the `mikiwame analyze` terminal report: the incident verdict table (id, hosts,
 * root cause, verdict + confidence, furthest stage reached with the furthest attempted one, state) and,
 * under it, each incident's title, its top reasons (viewpoint-tagged, one per viewpoint first) and, when
 * it spans several hosts, the spread line ("also on WS-SALES-08 (same destination 52.97.146.162)").
 * Input: the incidents, the language, how many rows. Output: lines (terminal-escaped).
 */
import { stageIndex } from "../findings/kill-chain.js";
import type { Incident } from "../incidents/incident.js";
import type { VerdictReason } from "../incidents/verdict.js";
import {
  analyzeMessage,
  incidentStateLabel,
  sharedIndicatorLabel,
  stageLabel,
  verdictLabel,
  viewpointLabel,
} from "./analyze-messages.js";
import type { ReportOptions } from "./report-sections.js";
import { escapeTerminal } from "./terminal-escape.js";
import { renderTable } from "./text-table.js";

/** Hosts named in the table cell; the rest are counted. */
const HOSTS_IN_CELL = 2;
/** Reason lines under each incident (the spread line comes on top). */
export const REASONS_PER_INCIDENT = 4;

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

function hostsCell(i: Incident): string {
  const names = i.hosts.map((h) => h.host);
  const shown = names.slice(0, HOSTS_IN_CELL).join(", ");
  return names.length > HOSTS_IN_CELL ? `${shown} +${names.length - HOSTS_IN_CELL}` : shown || "-";
}

function rootCell(i: Incident, options: ReportOptions): string {
  const root = i.processes.find((p) => p.key === i.rootCause);
  if (root?.image) return baseName(root.image);
  return i.rootCause === undefined ? analyzeMessage(options.lang, "hostLevel") : "?";
}

/** The furthest stage reached, with the furthest attempted one beyond it: `C&C (lateral movement?)`. */
export function incidentStageCell(i: Incident, options: ReportOptions): string {
  const { lang } = options;
  const reached = i.furthestStage ? stageLabel(lang, i.furthestStage) : "-";
  const beyond = i.stages
    .filter((s) => s.status === "attempted")
    .filter((s) => !i.furthestStage || stageIndex(s.stage) > stageIndex(i.furthestStage))
    .pop();
  return beyond ? `${reached} (${stageLabel(lang, beyond.stage)}?)` : reached;
}

/** The incident verdict table (at most `top` rows). */
export function renderIncidentTable(
  incidents: readonly Incident[],
  options: ReportOptions & { top?: number },
): string[] {
  const { lang } = options;
  if (incidents.length === 0) return [analyzeMessage(lang, "noIncidents")];
  const shown = incidents.slice(0, options.top ?? 10);
  const rows = shown.map((i) => [
    i.id,
    hostsCell(i),
    rootCell(i, options),
    `${verdictLabel(lang, i.verdict.verdict)} ${Math.round(i.verdict.confidence * 100)}%`,
    incidentStageCell(i, options),
    incidentStateLabel(lang, i.state),
  ]);
  const count =
    lang === "ja"
      ? `${incidents.length} 件${shown.length < incidents.length ? `中 ${shown.length} 件` : ""}`
      : shown.length < incidents.length
        ? `${shown.length} of ${incidents.length}`
        : `${incidents.length}`;
  return [
    `${analyzeMessage(lang, "incidents")} (${count})`,
    ...renderTable(
      [
        { header: analyzeMessage(lang, "incident") },
        { header: analyzeMessage(lang, "hostList"), maxWidth: 40 },
        { header: analyzeMessage(lang, "rootCause"), maxWidth: 40 },
        { header: analyzeMessage(lang, "verdict") },
        { header: analyzeMessage(lang, "stage") },
        { header: analyzeMessage(lang, "state") },
      ],
      rows,
    ),
  ];
}

/** The strongest reason of each viewpoint first, then the rest. */
function diverse(reasons: readonly VerdictReason[]): VerdictReason[] {
  const seen = new Set<string>();
  const first: VerdictReason[] = [];
  const rest: VerdictReason[] = [];
  for (const r of reasons) {
    if (seen.has(r.viewpoint)) rest.push(r);
    else {
      seen.add(r.viewpoint);
      first.push(r);
    }
  }
  return [...first, ...rest];
}

/**
 * The reasons shown under an incident: an analyst decision first, then the verdict's side (against for
 * malicious / suspicious, for when benign), then the other side, each one viewpoint at a time.
 */
function topReasons(i: Incident): VerdictReason[] {
  const side = i.verdict.verdict === "benign" ? "for" : "against";
  const decided = i.verdict.decidedBy === undefined ? [] : i.verdict.reasons.slice(0, 1);
  const others = i.verdict.reasons.filter((r) => !decided.includes(r));
  return [
    ...decided,
    ...diverse(others.filter((r) => r.direction === side)),
    ...diverse(others.filter((r) => r.direction !== side)),
  ].slice(0, REASONS_PER_INCIDENT);
}

/** The spread line of an incident on several hosts, or undefined. */
export function spreadLine(i: Incident, options: ReportOptions): string | undefined {
  const { lang } = options;
  const others = i.hosts.filter((h) => h.via !== "root-cause");
  if (others.length === 0) return undefined;
  const parts = others.map((h) => {
    const shared = i.sharedIndicators.find((s) => s.kind === h.via && s.hosts.includes(h.host));
    const what = h.via === "root-cause" ? "" : sharedIndicatorLabel(lang, h.via);
    return shared ? `${h.host} (${what} ${shared.value})` : `${h.host} (${what})`;
  });
  return lang === "ja"
    ? `${analyzeMessage(lang, "spread")}: ${parts.join(", ")} でも発生`
    : `${analyzeMessage(lang, "spread")}: ${analyzeMessage(lang, "alsoOn")} ${parts.join(", ")}`;
}

/** Each incident's title, top reasons and spread line. */
export function renderIncidentReasons(
  incidents: readonly Incident[],
  options: ReportOptions & { top?: number },
): string[] {
  const { lang } = options;
  const shown = incidents.slice(0, options.top ?? 10);
  if (shown.length === 0) return [];
  const lines = [analyzeMessage(lang, "incidentReasons")];
  for (const i of shown) {
    lines.push(escapeTerminal(`  ${i.id} ${i.title[lang]}`));
    if (i.verdict.decidedBy !== undefined)
      lines.push(escapeTerminal(`    ${analyzeMessage(lang, "decidedBy")} ${i.verdict.decidedBy}`));
    for (const r of topReasons(i))
      lines.push(
        escapeTerminal(
          `    ${r.direction === "against" ? "-" : "+"} [${viewpointLabel(lang, r.viewpoint)}] ${r.text[lang]}`,
        ),
      );
    const spread = spreadLine(i, options);
    if (spread) lines.push(escapeTerminal(`    ${spread}`));
  }
  return lines;
}
