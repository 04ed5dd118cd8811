/**
 * One incident of the HTML report: heading with the verdict, the facts (confidence, decided by, state
 * with its reasons, furthest stage, period), the kill-chain bar, cut points, spread (hosts and shared
 * indicators), the process tree, the timeline, the eleven-viewpoint table, the verdict reasons, then
 * (report-html-details.ts) files, persistence, destinations, accounts, the response plan and the
 * suppressed findings. Input: an incident, its plan, the findings by id, labels. Output: SafeHtml.
 */
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { baseName } from "../analyze-report.js";
import { html, type SafeHtml } from "./escape-html.js";
import { incidentTimeline } from "./incident-timeline.js";
import { processTreeHtml } from "./process-tree-html.js";
import { detailsSections } from "./report-html-details.js";
import {
  chainBar,
  code,
  commaList,
  htmlSection,
  htmlTable,
  severityWord,
  verdictBadge,
} from "./report-html-parts.js";
import { fillLabel, type ReportLabels } from "./report-labels.js";
import {
  displayTime,
  evidenceText,
  incidentAnchor,
  killChainCells,
  percent,
  viewpointRows,
} from "./report-model.js";

/** What every incident section needs besides the incident. */
export interface IncidentHtmlContext {
  readonly findings: ReadonlyMap<string, Finding>;
  readonly labels: ReportLabels;
  readonly timeZone: string;
}

function facts(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const L = labels.text;
  const v = incident.verdict;
  const stage = incident.furthestStage;
  const period = `${displayTime(incident.first, ctx.timeZone) || "?"} – ${displayTime(incident.last, ctx.timeZone) || "?"}`;
  return html`<dl class="facts">
<dt>${L.verdict}</dt><dd>${verdictBadge(v.verdict, labels)} ${L.confidence} ${percent(v.confidence)} · ${L.score} ${v.score.toFixed(2)}${
    v.decisive ? html` · ${L.decisive}: ${labels.decisive[v.decisive]}` : ""
  }</dd>
<dt>${L.decidedBy}</dt><dd>${v.decidedBy ?? L.computed}</dd>
<dt>${L.severity}</dt><dd>${severityWord(incident.severity, labels)}</dd>
<dt>${L.state}</dt><dd><span class="${incident.state === "active" ? "state-active" : ""}">${labels.incidentState[incident.state]}</span>${
    incident.stateReasons.length > 0
      ? html`<ul>${incident.stateReasons.map((r) => html`<li>${r[labels.lang]}</li>`)}</ul>`
      : ""
  }</dd>
<dt>${L.furthestStage}</dt><dd>${stage ? html`${labels.stage[stage]} <span class="muted">(${labels.stageGloss[stage]})</span>` : L.none}</dd>
<dt>${L.period}</dt><dd>${period}</dd>
<dt>${L.hosts}</dt><dd>${commaList(incident.hosts.map((h) => h.host))}</dd>
${incident.attack.length > 0 ? html`<dt>ATT&amp;CK</dt><dd>${commaList(incident.attack)}</dd>` : ""}
</dl>`;
}

function killChain(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const cells = killChainCells(incident);
  const bar = chainBar(
    cells.map((c) => ({ stage: c.stage, status: c.status, cut: c.cut })),
    labels,
  );
  const evidence = cells
    .filter((c) => c.evidence.length > 0)
    .map(
      (c) =>
        html`<li><strong>${labels.stage[c.stage]}</strong> (${c.status === "reached" ? labels.text.reached : labels.text.attempted}): ${commaList(
          c.evidence.map((e) => e.message[labels.lang]),
        )}</li>`,
    );
  const cuts =
    incident.cutPoints.length > 0
      ? html`<h4>${labels.text.cutPoints}</h4><ul>${incident.cutPoints.map(
          (c) => html`<li><strong>${labels.stage[c.stage]}</strong>: ${c.text[labels.lang]}</li>`,
        )}</ul>`
      : "";
  return htmlSection(
    labels.text.killChain,
    html`${bar}${evidence.length > 0 ? html`<ul>${evidence}</ul>` : ""}${cuts}`,
  );
}

function spread(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const hosts = htmlTable(
    [L.host, L.addresses, L.via, L.active, L.processes, L.first, L.last],
    incident.hosts.map((h) => [
      h.host,
      code(commaList(h.addresses)),
      labels.sharedIndicator[h.via],
      h.active ? L.yes : L.no,
      h.processes,
      displayTime(h.first, timeZone),
      displayTime(h.last, timeZone),
    ]),
    L.none,
  );
  const shared =
    incident.sharedIndicators.length > 0
      ? html`<h4>${L.sharedIndicators}</h4>${htmlTable(
          [L.kind, L.value, L.hosts],
          incident.sharedIndicators.map((s) => [
            labels.sharedIndicator[s.kind],
            code(s.value),
            commaList(s.hosts),
          ]),
          L.none,
        )}`
      : "";
  return htmlSection(L.spread, html`${hosts}${shared}`);
}

function timeline(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  const t = incidentTimeline(incident, ctx.findings, labels);
  const table = htmlTable(
    [L.time, L.host, L.entry, L.severity, L.viewpoint, L.stage, L.evidence],
    t.entries.map((e) => [
      displayTime(e.time, timeZone),
      e.host,
      e.text,
      severityWord(e.severity, labels),
      e.viewpoint ? labels.viewpoint[e.viewpoint] : "",
      e.stage ? labels.stage[e.stage] : "",
      code(evidenceText(e.evidence)),
    ]),
    L.none,
  );
  const more =
    t.omitted > 0 ? html`<p class="muted">${fillLabel(L.moreInCsv, { count: t.omitted })}</p>` : "";
  return htmlSection(L.timeline, html`${table}${more}`);
}

function viewpoints(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const L = labels.text;
  const list = (reasons: readonly { readonly text: { readonly en: string; readonly ja: string } }[]) =>
    reasons.length === 0 ? "" : html`<ul>${reasons.map((r) => html`<li>${r.text[labels.lang]}</li>`)}</ul>`;
  const rows = viewpointRows(incident).map((r) => [
    labels.viewpoint[r.viewpoint],
    severityWord(r.severity, labels),
    list(r.against),
    list(r.for),
  ]);
  return htmlSection(L.viewpoints, htmlTable([L.viewpoint, L.strongest, L.against, L.for], rows, L.none));
}

function reasons(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const L = labels.text;
  const rows = incident.verdict.reasons.map((r) => [
    html`<span class="dir-${r.direction}">${labels.direction[r.direction]}</span>`,
    labels.viewpoint[r.viewpoint],
    r.weight.toFixed(2),
    r.text[labels.lang],
  ]);
  return htmlSection(
    L.verdictReasons,
    htmlTable([L.direction, L.viewpoint, L.weight, L.reason], rows, L.none),
  );
}

/** The whole incident as one `<article>` (a page of its own when printed). */
export function incidentHtml(
  incident: Incident,
  plan: ResponsePlan | undefined,
  ctx: IncidentHtmlContext,
): SafeHtml {
  const { labels } = ctx;
  const root = incident.processes.find((p) => p.key === incident.rootCause);
  return html`<article class="incident" id="${incidentAnchor(incident.id)}">
<h2>${verdictBadge(incident.verdict.verdict, labels)} ${incident.title[labels.lang]} <small class="mono">${incident.id}</small></h2>
${root?.image ? html`<p class="muted">${labels.processRole["root-cause"]}: <code>${baseName(root.image)}</code></p>` : ""}
${facts(incident, ctx)}
${killChain(incident, ctx)}
${spread(incident, ctx)}
${htmlSection(labels.text.processTree, processTreeHtml(incident, labels, ctx.timeZone))}
${timeline(incident, ctx)}
${viewpoints(incident, ctx)}
${reasons(incident, ctx)}
${detailsSections(incident, plan, ctx)}
</article>`;
}
