/**
 * The terminal report of `mikiwame analyze`. Input: an AnalyzeResult, the language, the display zone
 * and how many rows to show. Output: text — first the incident verdict table and each incident's top
 * reasons and spread (analyze-incidents.ts), then the per-process viewpoint table (one row per
 * suspicious process: host, image, verdict, root cause, state, furthest kill-chain stage, strongest
 * severity, one mark per viewpoint), then the top reasons of each process verdict, then the top
 * findings with their one-sentence messages, then the rule line and the short run summary. Every cell
 * is terminal-escaped (text-table.ts).
 */
import type { Finding } from "../findings/finding.js";
import type { VerdictReason } from "../incidents/verdict.js";
import { severityRank } from "../findings/severity.js";
import { VIEWPOINTS } from "../findings/viewpoint.js";
import type { AnalyzeResult } from "../pipeline/analyze-logs.js";
import type { ProcessGroup } from "../pipeline/analyze-process-groups.js";
import { renderIncidentReasons, renderIncidentTable } from "./analyze-incidents.js";
import {
  analyzeMessage,
  SEVERITY_MARK,
  severityLabel,
  stageLabel,
  stateLabel,
  verdictLabel,
  viewpointLabel,
} from "./analyze-messages.js";
import type { ReportOptions } from "./report-sections.js";
import { renderSummaryText } from "./summary-report.js";
import { escapeTerminal } from "./terminal-escape.js";
import { renderTable, type TableColumn } from "./text-table.js";

export interface AnalyzeReportOptions extends ReportOptions {
  /** Rows of the process table and of the findings list (default 10) */
  readonly top?: number;
}

/** The last part of a Windows or POSIX path. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

function rootCauseCell(g: ProcessGroup, options: ReportOptions): string {
  const { lang } = options;
  if (g.rootCause === true) return analyzeMessage(lang, "yes");
  if (g.rootCause === false)
    return `${analyzeMessage(lang, "no")} (${g.rootCauseImage ? baseName(g.rootCauseImage) : "?"})`;
  return "-";
}

function stageCell(g: ProcessGroup, options: ReportOptions): string {
  const { lang } = options;
  const reached = g.stage ? stageLabel(lang, g.stage) : "-";
  return g.attemptedStage ? `${reached} (${stageLabel(lang, g.attemptedStage)}?)` : reached;
}

function imageCell(g: ProcessGroup, options: ReportOptions): string {
  if (g.kind === "host") return analyzeMessage(options.lang, "hostLevel");
  return g.image ? baseName(g.image) : "?";
}

function verdictCell(g: ProcessGroup, options: ReportOptions): string {
  return `${verdictLabel(options.lang, g.verdict.verdict)} ${Math.round(g.verdict.confidence * 100)}%`;
}

/** The strongest reason of each viewpoint first (several viewpoints explain more), then the rest. */
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
  return [...first, ...rest].slice(0, REASONS_PER_PROCESS);
}

/** Reasons listed per process under the table. */
export const REASONS_PER_PROCESS = 3;

/**
 * The top reasons of each process of the table (against and for), so the verdict explains itself;
 * a benign verdict always lists why (過検知の理由).
 */
export function renderVerdictReasons(result: AnalyzeResult, options: AnalyzeReportOptions): string[] {
  const { lang } = options;
  const shown = result.groups.filter((g) => g.suspicious).slice(0, options.top ?? 10);
  if (shown.length === 0) return [];
  const lines = [analyzeMessage(lang, "reasons")];
  for (const g of shown) {
    const v = g.verdict;
    lines.push(
      escapeTerminal(
        `  ${g.host === "" ? "-" : g.host} ${imageCell(g, options)}: ${verdictLabel(lang, v.verdict)} (${Math.round(v.confidence * 100)}%, score ${v.score})`,
      ),
    );
    const against = diverse(v.reasons.filter((r) => r.direction === "against"));
    const forIt = diverse(v.reasons.filter((r) => r.direction === "for"));
    const picked = v.verdict === "benign" ? [...forIt, ...against] : [...against, ...forIt];
    for (const r of picked.slice(0, REASONS_PER_PROCESS + (v.verdict === "benign" ? 1 : 0)))
      lines.push(
        escapeTerminal(
          `    ${r.direction === "against" ? "-" : "+"} [${viewpointLabel(lang, r.viewpoint)}] ${r.text[lang]}`,
        ),
      );
  }
  return lines;
}

/** The per-process viewpoint table (suspicious groups, at most `top` rows). */
export function renderProcessTable(result: AnalyzeResult, options: AnalyzeReportOptions): string[] {
  const { lang } = options;
  const top = options.top ?? 10;
  const suspicious = result.groups.filter((g) => g.suspicious);
  const withFindings = result.groups.length;
  if (suspicious.length === 0)
    return [
      lang === "ja"
        ? `${analyzeMessage(lang, "noSuspicious")} (所見のあるもの ${withFindings} 件)`
        : `${analyzeMessage(lang, "noSuspicious")} (${withFindings} with findings)`,
    ];
  const shown = suspicious.slice(0, top);
  const columns: TableColumn[] = [
    { header: analyzeMessage(lang, "host"), maxWidth: 30 },
    { header: analyzeMessage(lang, "image"), maxWidth: 40 },
    { header: analyzeMessage(lang, "verdict") },
    { header: analyzeMessage(lang, "rootCause"), maxWidth: 40 },
    { header: analyzeMessage(lang, "now") },
    { header: analyzeMessage(lang, "stage") },
    { header: analyzeMessage(lang, "severity") },
    ...VIEWPOINTS.map((v) => ({ header: viewpointLabel(lang, v) })),
  ];
  const rows = shown.map((g) => [
    g.host === "" ? "-" : g.host,
    imageCell(g, options),
    verdictCell(g, options),
    rootCauseCell(g, options),
    g.state ? stateLabel(lang, g.state) : "-",
    stageCell(g, options),
    severityLabel(lang, g.severity),
    ...VIEWPOINTS.map((v) => {
      const s = g.viewpoints[v];
      return s ? SEVERITY_MARK[s] : ".";
    }),
  ]);
  const count =
    lang === "ja"
      ? `所見のある ${withFindings} 件中 ${suspicious.length} 件`
      : `${suspicious.length} of ${withFindings} with findings`;
  return [
    `${analyzeMessage(lang, "suspiciousProcesses")} (${count})`,
    ...renderTable(columns, rows),
    `  ${analyzeMessage(lang, "marks")}`,
  ];
}

/**
 * The strongest findings of the suspicious groups, with their messages: one per group and detector
 * (a beacon seen by Sysmon and by Zeek is listed once), shown under the group's host and process,
 * strongest first and, within a severity, in the order of the process table.
 */
export function renderTopFindings(result: AnalyzeResult, options: AnalyzeReportOptions): string[] {
  const { lang } = options;
  const top = options.top ?? 10;
  const groupOf = new Map<string, ProcessGroup>();
  for (const g of result.groups) if (g.suspicious) for (const id of g.findings) groupOf.set(id, g);
  const seen = new Set<string>();
  const listed: { readonly f: Finding; readonly g: ProcessGroup }[] = [];
  for (const f of result.findings) {
    const g = groupOf.get(f.id);
    if (!g || f.details.benign === true) continue;
    const key = `${g.key}\u0000${f.detector}`;
    if (seen.has(key)) continue;
    seen.add(key);
    listed.push({ f, g });
  }
  if (listed.length === 0) return [];
  // strongest first; within a severity, in the order of the table (the story before the noise)
  const rank = new Map(result.groups.map((g, i) => [g.key, i]));
  const order = new Map(listed.map((e, i) => [e, i]));
  listed.sort(
    (a, b) =>
      severityRank(b.f.severity) - severityRank(a.f.severity) ||
      (rank.get(a.g.key) ?? 0) - (rank.get(b.g.key) ?? 0) ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  const shown = listed.slice(0, top);
  const rows = shown.map(({ f, g }) => [
    severityLabel(lang, f.severity),
    g.host === "" ? "-" : g.host,
    imageCell(g, options),
    viewpointLabel(lang, f.viewpoint),
    f.message[lang],
  ]);
  const count =
    lang === "ja" ? `${listed.length} 件中 ${shown.length} 件` : `${shown.length} of ${listed.length}`;
  return [
    `${analyzeMessage(lang, "topFindings")} (${count})`,
    ...renderTable(
      [
        { header: analyzeMessage(lang, "severity") },
        { header: analyzeMessage(lang, "host"), maxWidth: 30 },
        { header: analyzeMessage(lang, "process"), maxWidth: 30 },
        { header: analyzeMessage(lang, "viewpoint") },
        { header: analyzeMessage(lang, "message") },
      ],
      rows,
    ),
  ];
}

/** `rules: 19 loaded, 0 rejected; 6 matched (10 matches)`, or a note that none ran. */
export function renderRuleLine(result: AnalyzeResult, options: ReportOptions): string {
  const { lang } = options;
  const r = result.rules;
  if (!r) return analyzeMessage(lang, "noRules");
  const m = (k: Parameters<typeof analyzeMessage>[1]) => analyzeMessage(lang, k);
  return `${m("rules")}: ${r.loaded} ${m("rulesLine")}, ${r.rejected} ${m("rejected")}; ${r.matched} ${m("matched")} (${r.matches} ${m("matches")})`;
}

/** The whole terminal report, ending in a line break. */
export function renderAnalyzeText(result: AnalyzeResult, options: AnalyzeReportOptions): string {
  const sections = [
    renderIncidentTable(result.incidents, options),
    renderIncidentReasons(result.incidents, options),
    renderProcessTable(result, options),
    renderVerdictReasons(result, options),
    renderTopFindings(result, options),
  ].filter((s) => s.length > 0);
  const body = sections.map((lines) => lines.join("\n")).join("\n\n");
  const skipped = Object.entries(result.skipped).filter(([name]) => name !== "sigma");
  const skippedLines = skipped.map(([name, why]) =>
    escapeTerminal(`${analyzeMessage(options.lang, "skipped")}: ${name} (${why})`),
  );
  const rules = [renderRuleLine(result, options), ...skippedLines].join("\n");
  return `${body}\n\n${rules}\n\n${renderSummaryText(result.summary, { ...options, compact: true })}`;
}
