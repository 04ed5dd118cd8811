/**
 * One incident of the Markdown report, with the same sections as the HTML report: facts, kill chain,
 * cut points, spread, process tree (a nested list), timeline, viewpoints, verdict reasons, files,
 * persistence, destinations, accounts, response plan and suppressed findings. Input: the incident, its
 * plan, the findings by id, labels. Output: Markdown lines; every value goes through escape-markdown.ts
 * (prose escaped, indicators as code spans).
 */
import type { Finding, LocalizedText } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { baseName } from "../analyze-report.js";
import { escapeMarkdown, markdownCode, markdownTable } from "./escape-markdown.js";
import { incidentTimeline } from "./incident-timeline.js";
import { processTreeRows } from "./process-tree.js";
import { fillLabel, type ReportLabels } from "./report-labels.js";
import {
  displayTime,
  evidenceText,
  formatCount,
  killChainCells,
  MAX_TABLE_ROWS,
  omittedNote,
  percent,
  planGroups,
  processName,
  viewpointRows,
} from "./report-model.js";

/** What every incident section needs besides the incident. */
export interface IncidentMarkdownContext {
  readonly findings: ReadonlyMap<string, Finding>;
  readonly labels: ReportLabels;
  readonly timeZone: string;
}

/** Prose in a table cell. */
const cell = (text: string | number | undefined): string => escapeMarkdown(String(text ?? ""), false);
/** An indicator in a table cell. */
const cellCode = (text: string | undefined): string => markdownCode(text ?? "", true);
const h3 = (text: string): string => `### ${escapeMarkdown(text)}`;

function facts(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const v = i.verdict;
  const e = (t: string) => escapeMarkdown(t, false);
  const item = (label: string, value: string) => `- **${e(label)}:** ${value}`;
  const decisive = v.decisive ? ` · ${e(L.decisive)}: ${e(labels.decisive[v.decisive])}` : "";
  const out = [
    item(
      L.verdict,
      `**${e(labels.verdict[v.verdict])}** · ${e(L.confidence)} ${percent(v.confidence)} · ${e(L.score)} ${v.score.toFixed(2)}${decisive}`,
    ),
    item(L.decidedBy, e(v.decidedBy ?? L.computed)),
    item(L.severity, e(labels.severity[i.severity])),
    item(L.state, e(labels.incidentState[i.state])),
    ...i.stateReasons.map((r) => `  - ${escapeMarkdown(r[labels.lang])}`),
    item(
      L.furthestStage,
      i.furthestStage
        ? e(`${labels.stage[i.furthestStage]} (${labels.stageGloss[i.furthestStage]})`)
        : e(L.none),
    ),
    item(L.period, e(`${displayTime(i.first, timeZone) || "?"} – ${displayTime(i.last, timeZone) || "?"}`)),
    item(L.hosts, e(i.hosts.map((h) => h.host).join(", "))),
  ];
  const root = i.processes.find((p) => p.key === i.rootCause);
  if (root?.image) out.push(item(labels.processRole["root-cause"], markdownCode(root.image, false)));
  if (i.attack.length > 0) out.push(item("ATT&CK", e(i.attack.join(", "))));
  return out;
}

const MARK = { reached: "●", attempted: "◐", "not-reached": "○" } as const;

function killChain(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels } = ctx;
  const L = labels.text;
  const cells = killChainCells(i);
  const out = [
    h3(L.killChain),
    "",
    ...markdownTable(
      cells.map((c) => cell(labels.stage[c.stage])),
      [cells.map((c) => cell(`${MARK[c.status]}${c.cut ? " ✂" : ""}`))],
    ),
    "",
    escapeMarkdown(`● ${L.reached} ◐ ${L.attempted} ○ ${L.notReached} ✂ ${L.cutPoints}`),
  ];
  if (cells.some((c) => c.evidence.length > 0)) out.push("");
  for (const c of cells)
    if (c.evidence.length > 0)
      out.push(
        `- **${escapeMarkdown(labels.stage[c.stage], false)}** (${escapeMarkdown(c.status === "reached" ? L.reached : L.attempted, false)}): ${escapeMarkdown(
          c.evidence.map((x) => x.message[labels.lang]).join(", "),
          false,
        )}`,
      );
  if (i.cutPoints.length > 0) {
    out.push("", `#### ${escapeMarkdown(L.cutPoints)}`, "");
    for (const c of i.cutPoints)
      out.push(
        `- **${escapeMarkdown(labels.stage[c.stage], false)}:** ${escapeMarkdown(c.text[labels.lang], false)}`,
      );
  }
  return out;
}

function spread(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const out = [
    h3(L.spread),
    "",
    ...markdownTable(
      [L.host, L.addresses, L.via, L.active, L.processes, L.first, L.last].map(cell),
      i.hosts.map((h) => [
        cell(h.host),
        cellCode(h.addresses.join(", ")),
        cell(labels.sharedIndicator[h.via]),
        cell(h.active ? L.yes : L.no),
        cell(h.processes),
        cell(displayTime(h.first, timeZone)),
        cell(displayTime(h.last, timeZone)),
      ]),
    ),
  ];
  if (i.sharedIndicators.length > 0)
    out.push(
      "",
      `#### ${escapeMarkdown(L.sharedIndicators)}`,
      "",
      ...markdownTable(
        [L.kind, L.value, L.hosts].map(cell),
        i.sharedIndicators.map((s) => [
          cell(labels.sharedIndicator[s.kind]),
          cellCode(s.value),
          cell(s.hosts.join(", ")),
        ]),
      ),
    );
  return out;
}

function tree(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const all = processTreeRows(i);
  const rows = all.slice(0, MAX_TABLE_ROWS);
  if (rows.length === 0) return [h3(L.processTree), "", escapeMarkdown(L.none)];
  const out = [h3(L.processTree), "", escapeMarkdown(L.treeLegend), ""];
  for (const r of rows) {
    const p = r.process;
    const indent = "  ".repeat(r.depth);
    const marks = `${r.droppedByParent ? "⇣ " : ""}${r.rootCause ? "◆ " : ""}${r.maliciousBranch ? "▲ " : ""}`;
    const facts = [
      labels.processRole[p.role],
      p.host,
      ...(p.verdict ? [labels.verdict[p.verdict]] : []),
      ...(p.pid !== undefined ? [`${L.pid} ${p.pid}`] : []),
      ...(p.user ? [`${L.user} ${p.user}`] : []),
      `${L.signature} ${p.signature}${p.signer ? ` (${p.signer})` : ""}`,
      ...(p.state ? [labels.processState[p.state]] : []),
      ...(p.start ? [displayTime(p.start, timeZone)] : []),
    ];
    const name = p.image ? baseName(p.image) : p.key;
    out.push(
      `${indent}- ${escapeMarkdown(marks, false)}**${escapeMarkdown(name, false)}** — ${escapeMarkdown(facts.join(" · "), false)}`,
    );
    if (p.image) out.push(`${indent}  ${markdownCode(p.image, false)}`);
    if (p.commandLine)
      out.push(`${indent}  ${escapeMarkdown(L.commandLine, false)}: ${markdownCode(p.commandLine, false)}`);
    if (p.sha256) out.push(`${indent}  SHA256: ${markdownCode(p.sha256, false)}`);
    if (r.droppedBy) {
      const writer = r.droppedBy.image ? baseName(r.droppedBy.image) : r.droppedBy.key;
      out.push(`${indent}  ⇣ ${escapeMarkdown(fillLabel(L.writtenBy, { image: writer }), false)}`);
    }
  }
  if (all.length > rows.length) out.push("", escapeMarkdown(omittedNote(all.length - rows.length)));
  return out;
}

function timeline(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const t = incidentTimeline(i, ctx.findings, labels);
  const out = [
    h3(L.timeline),
    "",
    ...markdownTable(
      [L.time, L.host, L.entry, L.severity, L.viewpoint, L.stage, L.evidence].map(cell),
      t.entries.map((e) => [
        cell(displayTime(e.time, timeZone)),
        cell(e.host),
        cell(e.text),
        cell(e.severity ? labels.severity[e.severity] : ""),
        cell(e.viewpoint ? labels.viewpoint[e.viewpoint] : ""),
        cell(e.stage ? labels.stage[e.stage] : ""),
        cellCode(evidenceText(e.evidence)),
      ]),
    ),
  ];
  if (t.omitted > 0) out.push("", escapeMarkdown(fillLabel(L.moreInCsv, { count: t.omitted })));
  return out;
}

function viewpointsAndReasons(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels } = ctx;
  const L = labels.text;
  const join = (rs: readonly { readonly text: LocalizedText }[]) =>
    cell(rs.map((r) => r.text[labels.lang]).join("; "));
  return [
    h3(L.viewpoints),
    "",
    ...markdownTable(
      [L.viewpoint, L.strongest, L.against, L.for].map(cell),
      viewpointRows(i).map((r) => [
        cell(labels.viewpoint[r.viewpoint]),
        cell(r.severity ? labels.severity[r.severity] : "—"),
        join(r.against),
        join(r.for),
      ]),
    ),
    "",
    h3(L.verdictReasons),
    "",
    ...markdownTable(
      [L.direction, L.viewpoint, L.weight, L.reason].map(cell),
      i.verdict.reasons.map((r) => [
        cell(labels.direction[r.direction]),
        cell(labels.viewpoint[r.viewpoint]),
        cell(r.weight.toFixed(2)),
        cell(r.text[labels.lang]),
      ]),
    ),
  ];
}

/** The tables of files, persistence, destinations and accounts. */
function tables(i: Incident, ctx: IncidentMarkdownContext): string[] {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const section = (title: string, header: readonly string[], rows: string[][]) => [
    "",
    h3(title),
    "",
    ...(rows.length === 0 ? [escapeMarkdown(L.none)] : markdownTable(header.map(cell), rows)),
  ];
  return [
    ...section(
      L.filesTable,
      [L.host, L.path, L.role, "SHA256", L.writer, L.executedBy, L.time, L.evidence],
      i.files.map((f) => [
        cell(f.host),
        cellCode(f.path),
        cell(labels.fileRole[f.role]),
        cellCode(f.sha256),
        cell(processName(i, f.writtenBy)),
        cell(f.executedBy.map((k) => processName(i, k)).join(", ")),
        cell(displayTime(f.time, timeZone)),
        cellCode(evidenceText(f.evidence)),
      ]),
    ),
    ...section(
      L.persistence,
      [L.host, L.kind, L.target, L.value, L.process, L.time, L.evidence],
      i.persistence.map((p) => [
        cell(p.host),
        cell(labels.persistenceKind[p.kind]),
        cellCode(p.target),
        cellCode(p.value),
        cell(processName(i, p.processKey)),
        cell(displayTime(p.time, timeZone)),
        cellCode(evidenceText(p.evidence)),
      ]),
    ),
    ...section(
      L.destinations,
      [L.destination, L.port, L.role, L.hosts, L.connections, L.bytes, L.first, L.last, L.stillContacted],
      i.destinations.map((d) => [
        `${[cellCode(d.address), cellCode(d.domain)].filter(Boolean).join(" ")} ${cell(`(${d.external ? L.external : L.internal})`)}`,
        cell(d.port !== undefined ? `${d.port}${d.protocol ? `/${d.protocol}` : ""}` : (d.protocol ?? "")),
        cell(labels.destinationRole[d.role]),
        cell(d.hosts.join(", ")),
        cell(formatCount(d.connections)),
        cell(d.bytes !== undefined ? formatCount(d.bytes) : ""),
        cell(displayTime(d.first, timeZone)),
        cell(displayTime(d.last, timeZone)),
        cell(d.active ? L.yes : L.no),
      ]),
    ),
    ...section(
      L.users,
      [L.account, L.hosts, L.processes, L.credentialsAtRisk],
      i.users.map((u) => [
        cell(u.name),
        cell(u.hosts.join(", ")),
        cell(u.processKeys.map((k) => processName(i, k)).join(", ")),
        cell(u.credentialsAtRisk ? L.yes : L.no),
      ]),
    ),
  ];
}

function plan(p: ResponsePlan | undefined, ctx: IncidentMarkdownContext): string[] {
  const { labels } = ctx;
  const L = labels.text;
  const lang = labels.lang;
  const e = (t: string) => escapeMarkdown(t, false);
  const out = ["", h3(L.responsePlan)];
  const groups = planGroups(p);
  if (groups.length === 0) out.push("", escapeMarkdown(L.noPlan));
  for (const g of groups) {
    out.push("", `#### ${escapeMarkdown(labels.priority[g.priority])}`, "");
    for (const [n, a] of g.actions.entries()) {
      const where = [
        labels.actionKind[a.kind],
        labels.actionCategory[a.category],
        ...(a.host ? [a.host] : []),
      ];
      out.push(`${n + 1}. **${e(a.text[lang])}** \\[${e(where.join(" · "))}\\]`);
      out.push(`   - ${e(L.target)}: ${markdownCode(a.target, false)}`);
      out.push(`   - ${e(L.reason)}: ${e(a.reason[lang])}`);
      const details = Object.entries(a.details);
      if (details.length > 0)
        out.push(
          `   - ${e(L.details)}: ${details.map(([k, v]) => `${e(k)}=${markdownCode(v, false)}`).join(", ")}`,
        );
      for (const point of a.points) out.push(`   - ${e(L.points)}: ${e(point[lang])}`);
    }
  }
  return out;
}

function suppressed(i: Incident, ctx: IncidentMarkdownContext): string[] {
  if (i.suppressed.length === 0) return [];
  const { labels } = ctx;
  const L = labels.text;
  return [
    "",
    h3(L.suppressed),
    "",
    ...markdownTable(
      [L.finding, L.message, L.host, L.decision, L.reason].map(cell),
      i.suppressed.map((s) => {
        const f = ctx.findings.get(s.findingId);
        return [
          cellCode(s.findingId),
          cell(f?.message[labels.lang]),
          cell(f?.host),
          cellCode(s.decisionId),
          cell(s.reason),
        ];
      }),
    ),
  ];
}

/** The incident as Markdown lines (a `##` section). */
export function incidentMarkdown(
  i: Incident,
  p: ResponsePlan | undefined,
  ctx: IncidentMarkdownContext,
): string[] {
  const { labels } = ctx;
  return [
    `## ${escapeMarkdown(`${labels.verdict[i.verdict.verdict]}: ${i.title[labels.lang]}`)} (${markdownCode(i.id, false)})`,
    "",
    ...facts(i, ctx),
    "",
    ...killChain(i, ctx),
    "",
    ...spread(i, ctx),
    "",
    ...tree(i, ctx),
    "",
    ...timeline(i, ctx),
    "",
    ...viewpointsAndReasons(i, ctx),
    ...tables(i, ctx),
    ...plan(p, ctx),
    ...suppressed(i, ctx),
    "",
  ];
}
