/**
 * The detail sections of one incident in the HTML report: files, persistence, network destinations,
 * accounts, the response plan grouped by priority (each action with its reason, details and points),
 * and the findings suppressed by analyst decisions. Input: the incident, its plan, the findings by id,
 * labels. Output: SafeHtml built with `html` only.
 */
import type { Incident } from "../../incidents/incident.js";
import type { PlanAction, ResponsePlan } from "../../respond/response-plan.js";
import { html, type SafeHtml } from "./escape-html.js";
import type { IncidentHtmlContext } from "./report-html-incident.js";
import { code, commaList, htmlSection, htmlTable } from "./report-html-parts.js";
import { displayTime, evidenceText, formatCount, planGroups, processName } from "./report-model.js";

function files(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  return htmlSection(
    L.filesTable,
    htmlTable(
      [L.host, L.path, L.role, "SHA256", L.writer, L.executedBy, L.time, L.evidence],
      incident.files.map((f) => [
        f.host,
        code(f.path),
        labels.fileRole[f.role],
        code(f.sha256),
        processName(incident, f.writtenBy),
        commaList(f.executedBy.map((k) => processName(incident, k))),
        displayTime(f.time, timeZone),
        code(evidenceText(f.evidence)),
      ]),
      L.none,
    ),
  );
}

function persistence(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  return htmlSection(
    L.persistence,
    htmlTable(
      [L.host, L.kind, L.target, L.value, L.process, L.time, L.evidence],
      incident.persistence.map((p) => [
        p.host,
        labels.persistenceKind[p.kind],
        code(p.target),
        code(p.value),
        processName(incident, p.processKey),
        displayTime(p.time, timeZone),
        code(evidenceText(p.evidence)),
      ]),
      L.none,
    ),
  );
}

function destinations(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels, timeZone } = ctx;
  const L = labels.text;
  return htmlSection(
    L.destinations,
    htmlTable(
      [
        L.destination,
        L.port,
        L.role,
        L.hosts,
        L.processes,
        L.connections,
        L.bytes,
        L.first,
        L.last,
        L.stillContacted,
      ],
      incident.destinations.map((d) => [
        html`${code(d.address)}${d.address && d.domain ? html`<br>` : ""}${code(d.domain)} <small>(${d.external ? L.external : L.internal})</small>`,
        d.port !== undefined ? `${d.port}${d.protocol ? `/${d.protocol}` : ""}` : (d.protocol ?? ""),
        labels.destinationRole[d.role],
        commaList(d.hosts),
        commaList(d.processKeys.map((k) => processName(incident, k))),
        formatCount(d.connections),
        d.bytes !== undefined ? formatCount(d.bytes) : "",
        displayTime(d.first, timeZone),
        displayTime(d.last, timeZone),
        d.active ? L.yes : L.no,
      ]),
      L.none,
    ),
  );
}

function users(incident: Incident, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const L = labels.text;
  return htmlSection(
    L.users,
    htmlTable(
      [L.account, L.hosts, L.processes, L.credentialsAtRisk],
      incident.users.map((u) => [
        u.name,
        commaList(u.hosts),
        commaList(u.processKeys.map((k) => processName(incident, k))),
        u.credentialsAtRisk ? html`<strong class="dir-against">${L.yes}</strong>` : L.no,
      ]),
      L.none,
    ),
  );
}

function actionHtml(a: PlanAction, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const L = labels.text;
  const lang = labels.lang;
  const details = Object.entries(a.details);
  return html`<li><strong>${a.text[lang]}</strong> <small>[${labels.actionKind[a.kind]} · ${labels.actionCategory[a.category]}${
    a.host ? html` · ${a.host}` : ""
  }]</small>
<div>${L.target}: ${code(a.target)}</div>
<div>${L.reason}: ${a.reason[lang]}</div>
${details.length > 0 ? html`<div>${L.details}: ${details.map(([k, v], i) => html`${i > 0 ? ", " : ""}${k}=${code(v)}`)}</div>` : ""}
${a.points.length > 0 ? html`<div>${L.points}:<ul>${a.points.map((p) => html`<li>${p[lang]}</li>`)}</ul></div>` : ""}
</li>`;
}

function plan(p: ResponsePlan | undefined, ctx: IncidentHtmlContext): SafeHtml {
  const { labels } = ctx;
  const groups = planGroups(p);
  const body =
    groups.length === 0
      ? html`<p class="muted">${labels.text.noPlan}</p>`
      : groups.map(
          (g) =>
            html`<h4>${labels.priority[g.priority]}</h4><ol class="actions">${g.actions.map((a) => actionHtml(a, ctx))}</ol>`,
        );
  return htmlSection(labels.text.responsePlan, body);
}

function suppressed(incident: Incident, ctx: IncidentHtmlContext): SafeHtml | string {
  if (incident.suppressed.length === 0) return "";
  const { labels } = ctx;
  const L = labels.text;
  return htmlSection(
    L.suppressed,
    htmlTable(
      [L.finding, L.message, L.host, L.decision, L.reason],
      incident.suppressed.map((s) => {
        const f = ctx.findings.get(s.findingId);
        return [
          code(s.findingId),
          f ? f.message[labels.lang] : "",
          f?.host ?? "",
          code(s.decisionId),
          s.reason,
        ];
      }),
      L.none,
    ),
  );
}

/** Files, persistence, destinations, accounts, the plan and the suppressed findings of one incident. */
export function detailsSections(
  incident: Incident,
  p: ResponsePlan | undefined,
  ctx: IncidentHtmlContext,
): SafeHtml {
  return html`${files(incident, ctx)}
${persistence(incident, ctx)}
${destinations(incident, ctx)}
${users(incident, ctx)}
${plan(p, ctx)}
${suppressed(incident, ctx)}`;
}
