/**
 * The Markdown report (GitHub-flavoured) for tickets and mail: the same content as the HTML report —
 * management summary, overview, then every incident (report-markdown-incident.ts). Input: a ReportInput.
 * Output: Markdown text. Values from the logs cannot break a table, start a block, or inject a link,
 * an image or HTML (escape-markdown.ts).
 */
import { VERDICTS } from "../../incidents/verdict.js";
import { escapeMarkdown, markdownCode, markdownTable } from "./escape-markdown.js";
import { managementSummary, managementSummaryMarkdown } from "./management-summary.js";
import { findingsById, plansByIncident, type ReportInput } from "./report-input.js";
import { fillLabel, reportLabels } from "./report-labels.js";
import { incidentMarkdown } from "./report-markdown-incident.js";
import {
  displayTime,
  formatCount,
  hostRows,
  orderIncidents,
  percent,
  stageTallies,
  verdictCounts,
} from "./report-model.js";

const cell = (text: string | number): string => escapeMarkdown(String(text), false);

/** The whole report as Markdown. */
export function renderReportMarkdown(input: ReportInput): string {
  const labels = reportLabels(input.lang);
  const L = labels.text;
  const tz = input.timeZone ?? "UTC";
  const ordered = orderIncidents(input.incidents);
  const s = input.summary;
  const period = s.timeRange
    ? `${displayTime(s.timeRange.first, tz)} – ${displayTime(s.timeRange.last, tz)}`
    : L.unknown;
  const counts = verdictCounts(ordered);
  const out: string[] = [
    `# ${escapeMarkdown(L.reportTitle)}`,
    "",
    escapeMarkdown(`${L.generatedAt}: ${displayTime(input.generatedAt, tz)}`),
    "",
    ...managementSummaryMarkdown(managementSummary(input, input.lang), 2),
    `## ${escapeMarkdown(L.overview)}`,
    "",
    `- **${cell(L.dataPeriod)}:** ${cell(period)}`,
    `- **${cell(L.dataRead)}:** ${cell(
      [
        `${formatCount(s.files.total)} ${L.files}`,
        `${formatCount(s.files.bytes)} ${L.bytes}`,
        `${formatCount(s.records)} ${L.records}`,
        `${formatCount(s.events)} ${L.events}`,
        ...(s.eventsWithoutTime > 0 ? [`${formatCount(s.eventsWithoutTime)} ${L.eventsWithoutTime}`] : []),
        ...(s.files.failed > 0 ? [`${formatCount(s.files.failed)} ${L.failedFiles}`] : []),
        ...(s.files.unknownFormat > 0 ? [`${formatCount(s.files.unknownFormat)} ${L.unknownFiles}`] : []),
      ].join(" · "),
    )}`,
    `- **${cell(L.hostsInData)}:** ${s.hosts.distinct}${s.hosts.distinctCapped ? "+" : ""}`,
    `- **${cell(L.rules)}:** ${cell(s.rules ? fillLabel(L.rulesLine, s.rules) : L.noRules)}`,
    `- **${cell(L.problems)}:** ${cell(fillLabel(L.problemsLine, s.diagnostics))}`,
    "",
    `### ${escapeMarkdown(L.incidentsByVerdict)}`,
    "",
    ...markdownTable(
      VERDICTS.map((v) => cell(labels.verdict[v])),
      [VERDICTS.map((v) => cell(counts[v]))],
    ),
    "",
    `### ${escapeMarkdown(L.stagesAcross)}`,
    "",
    ...markdownTable(
      [L.stage, L.reached, L.attempted].map(cell),
      stageTallies(ordered).map((t) => [cell(labels.stage[t.stage]), cell(t.reached), cell(t.attempted)]),
    ),
    "",
    `### ${escapeMarkdown(L.affectedHosts)}`,
    "",
  ];
  const hosts = hostRows(ordered);
  if (hosts.length === 0) out.push(escapeMarkdown(L.none));
  else
    out.push(
      ...markdownTable(
        [L.host, L.addresses, L.verdict, L.active, L.incidentList].map(cell),
        hosts.map((h) => [
          cell(h.host),
          markdownCode(h.addresses.join(", "), true),
          cell(labels.verdict[h.verdict]),
          cell(h.active ? L.yes : L.no),
          h.incidents.map((id) => markdownCode(id, true)).join(", "),
        ]),
      ),
    );
  out.push("", `### ${escapeMarkdown(L.incidentList)}`, "");
  if (ordered.length === 0) out.push(escapeMarkdown(L.noIncidents));
  else
    out.push(
      ...markdownTable(
        [L.incident, L.verdict, L.title, L.hosts, L.state, L.furthestStage].map(cell),
        ordered.map((i) => [
          markdownCode(i.id, true),
          cell(`${labels.verdict[i.verdict.verdict]} ${percent(i.verdict.confidence)}`),
          cell(i.title[labels.lang]),
          cell(i.hosts.map((h) => h.host).join(", ")),
          cell(labels.incidentState[i.state]),
          cell(i.furthestStage ? labels.stage[i.furthestStage] : L.none),
        ]),
      ),
    );
  out.push("");
  const ctx = { findings: findingsById(input.findings), labels, timeZone: tz };
  const plans = plansByIncident(input.plans);
  for (const i of ordered) out.push(...incidentMarkdown(i, plans.get(i.id), ctx));
  out.push("---", "", escapeMarkdown(L.footer), "");
  return out.join("\n");
}
