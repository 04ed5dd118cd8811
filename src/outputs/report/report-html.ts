/**
 * The HTML report: one self-contained file to hand on and print. Input: a ReportInput. Output: the
 * document text — a strict Content-Security-Policy (nothing may be fetched: no script, font, image or
 * sheet from anywhere; inline styles only), no script at all (sections collapse with <details>), the
 * management summary, the overview (data read, incidents by verdict, stages across incidents, hosts,
 * incident index), then one <article> per incident (report-html-incident.ts), a page each when printed.
 * Every value goes through the `html` template of escape-html.ts.
 */
import type { Incident } from "../../incidents/incident.js";
import { VERDICTS } from "../../incidents/verdict.js";
import { html, SafeHtml } from "./escape-html.js";
import { type ManagementSummary, managementSummary } from "./management-summary.js";
import { incidentHtml } from "./report-html-incident.js";
import { chainBar, code, commaList, htmlSection, htmlTable, verdictBadge } from "./report-html-parts.js";
import { findingsById, plansByIncident, type ReportInput } from "./report-input.js";
import { fillLabel, type ReportLabels, reportLabels } from "./report-labels.js";
import {
  displayTime,
  formatCount,
  hostRows,
  incidentAnchor,
  orderIncidents,
  percent,
  stageTallies,
  verdictCounts,
} from "./report-model.js";
import { REPORT_CSS } from "./report-style.js";

/** The style sheet is the renderer's own constant text, not data. */
const STYLE = new SafeHtml(REPORT_CSS);

/** The policy of the report: nothing loads from anywhere; only the inline style sheet applies. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The management summary as an HTML section. */
export function managementSummaryHtml(s: ManagementSummary): SafeHtml {
  const L = reportLabels(s.lang).text;
  const list = (items: readonly string[]) => html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
  const actions =
    s.actions.length === 0
      ? html`<p>${L.msNoActions}</p>`
      : html`<ol>${s.actions.map(
          (a) =>
            html`<li><strong>${fillLabel(L.msPriority, { priority: a.priority })}</strong> — ${a.text}</li>`,
        )}</ol>`;
  return html`<section id="summary" class="summary-box">
<h2>${s.title}</h2>
<p class="muted">${s.subtitle}</p>
<h4>${L.msWhatHappened}</h4>${list(s.happened)}
${s.impact.length > 0 ? html`<h4>${L.msImpact}</h4>${list(s.impact)}` : ""}
<h4>${L.msActions}</h4>${actions}${s.moreActions > 0 ? html`<p>${fillLabel(L.msMoreActions, { count: s.moreActions })}</p>` : ""}
<h4>${L.msOverDetections}</h4><p>${s.overDetections}</p>
<p class="muted"><strong>${L.msGlossTitle}:</strong> ${s.gloss}</p>
</section>`;
}

function dataRead(input: ReportInput, labels: ReportLabels): SafeHtml {
  const L = labels.text;
  const s = input.summary;
  const tz = input.timeZone;
  const period = s.timeRange
    ? `${displayTime(s.timeRange.first, tz)} – ${displayTime(s.timeRange.last, tz)}`
    : L.unknown;
  const read = [
    `${formatCount(s.files.total)} ${L.files}`,
    `${formatCount(s.files.bytes)} ${L.bytes}`,
    `${formatCount(s.records)} ${L.records}`,
    `${formatCount(s.events)} ${L.events}`,
    ...(s.eventsWithoutTime > 0 ? [`${formatCount(s.eventsWithoutTime)} ${L.eventsWithoutTime}`] : []),
    ...(s.files.failed > 0 ? [`${formatCount(s.files.failed)} ${L.failedFiles}`] : []),
    ...(s.files.unknownFormat > 0 ? [`${formatCount(s.files.unknownFormat)} ${L.unknownFiles}`] : []),
  ].join(" · ");
  const rules = s.rules ? fillLabel(L.rulesLine, s.rules) : L.noRules;
  return html`<dl class="facts">
<dt>${L.dataPeriod}</dt><dd>${period}</dd>
<dt>${L.dataRead}</dt><dd>${read}</dd>
<dt>${L.hostsInData}</dt><dd>${s.hosts.distinct}${s.hosts.distinctCapped ? "+" : ""}</dd>
<dt>${L.rules}</dt><dd>${rules}</dd>
<dt>${L.problems}</dt><dd>${fillLabel(L.problemsLine, s.diagnostics)}</dd>
</dl>`;
}

function overview(input: ReportInput, ordered: readonly Incident[], labels: ReportLabels): SafeHtml {
  const L = labels.text;
  const counts = verdictCounts(ordered);
  const byVerdict = html`<p>${VERDICTS.map((v) => html`${verdictBadge(v, labels)} ${counts[v]} `)}</p>`;
  const stages = chainBar(
    stageTallies(ordered).map((t) => ({
      stage: t.stage,
      status: t.reached > 0 ? "reached" : t.attempted > 0 ? "attempted" : "not-reached",
      note: `${t.reached}${t.attempted > 0 ? ` (+${t.attempted})` : ""}`,
    })),
    labels,
  );
  const hosts = htmlTable(
    [L.host, L.addresses, L.verdict, L.active, L.incidentList],
    hostRows(ordered).map((h) => [
      h.host,
      code(commaList(h.addresses)),
      verdictBadge(h.verdict, labels),
      h.active ? html`<span class="state-active">${L.yes}</span>` : L.no,
      h.incidents.map((id, i) => html`${i > 0 ? ", " : ""}<a href="#${incidentAnchor(id)}">${id}</a>`),
    ]),
    L.none,
  );
  const index = htmlTable(
    [L.incident, L.verdict, L.title, L.hosts, L.state, L.furthestStage],
    ordered.map((i) => [
      html`<a href="#${incidentAnchor(i.id)}">${i.id}</a>`,
      html`${verdictBadge(i.verdict.verdict, labels)} ${percent(i.verdict.confidence)}`,
      i.title[labels.lang],
      commaList(i.hosts.map((h) => h.host)),
      labels.incidentState[i.state],
      i.furthestStage ? labels.stage[i.furthestStage] : L.none,
    ]),
    L.noIncidents,
  );
  return html`<section id="overview"><h2>${L.overview}</h2>
${dataRead(input, labels)}
${htmlSection(L.incidentsByVerdict, byVerdict)}
${htmlSection(L.stagesAcross, stages)}
${htmlSection(L.affectedHosts, hosts)}
${htmlSection(L.incidentList, index)}
</section>`;
}

/** The whole report as one self-contained HTML document (UTF-8). */
export function renderReportHtml(input: ReportInput): string {
  const labels = reportLabels(input.lang);
  const L = labels.text;
  const timeZone = input.timeZone ?? "UTC";
  const ordered = orderIncidents(input.incidents);
  const findings = findingsById(input.findings);
  const plans = plansByIncident(input.plans);
  const ctx = { findings, labels, timeZone };
  const toc = html`<nav class="toc"><strong>${L.contents}</strong><ol>
<li><a href="#summary">${L.managementSummary}</a></li><li><a href="#overview">${L.overview}</a></li>
${ordered.map((i) => html`<li><a href="#${incidentAnchor(i.id)}">${labels.verdict[i.verdict.verdict]}: ${i.title[labels.lang]}</a></li>`)}
</ol></nav>`;
  const doc = html`<!DOCTYPE html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L.reportTitle} — ${displayTime(input.generatedAt, timeZone)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${L.reportTitle}</h1><p class="muted">${L.generatedAt}: ${displayTime(input.generatedAt, timeZone)}</p></header>
${toc}
${managementSummaryHtml(managementSummary(input, input.lang))}
${overview(input, ordered, labels)}
${ordered.map((i) => incidentHtml(i, plans.get(i.id), ctx))}
<footer>${L.footer}</footer>
</body>
</html>
`;
  return doc.value;
}
