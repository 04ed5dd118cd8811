/**
 * The one-page summary for management, in plain words, in either language: what happened (which hosts,
 * since when, how far the attack got, with the kill-chain step explained), the impact (hosts, accounts,
 * passwords and data at risk, whether it is still active), what needs doing (the priority-1 and -2 plan
 * actions) and the over-detections in one line, with a short glossary. Input: a ReportInput and a
 * language. Output: a ManagementSummary (plain text items), rendered here as Markdown (summary.ja.md /
 * summary.en.md) and by report-html.ts inside the HTML report.
 */
import type { Language } from "../../config/config.js";
import type { Incident } from "../../incidents/incident.js";
import type { ActionPriority } from "../../respond/response-plan.js";
import { baseName } from "../analyze-report.js";
import { escapeMarkdown } from "./escape-markdown.js";
import type { ReportInput } from "./report-input.js";
import { fillLabel, type ReportLabels, reportLabels } from "./report-labels.js";
import { displayTime, formatCount, orderIncidents } from "./report-model.js";

/** Incidents described one by one; the rest are counted. */
export const MAX_SUMMARY_INCIDENTS = 8;
/** Plan actions listed; the rest are counted. */
export const MAX_SUMMARY_ACTIONS = 12;
/** Names listed in one sentence (hosts, accounts …); the rest are counted. */
export const MAX_SUMMARY_NAMES = 6;

/** One urgent plan action, in plain words. */
export interface ManagementAction {
  readonly priority: ActionPriority;
  readonly text: string;
}

/** The management summary in one language: plain-text items, rendered as Markdown or HTML. */
export interface ManagementSummary {
  readonly lang: Language;
  readonly title: string;
  /** `Generated: … · Period of the data: …` */
  readonly subtitle: string;
  readonly happened: readonly string[];
  readonly impact: readonly string[];
  readonly actions: readonly ManagementAction[];
  /** Actions of priority 1-2 not listed */
  readonly moreActions: number;
  readonly overDetections: string;
  readonly gloss: string;
}

function names(list: readonly string[], labels: ReportLabels): string {
  const unique = [...new Set(list)];
  const comma = labels.lang === "ja" ? "、" : ", ";
  const shown = unique.slice(0, MAX_SUMMARY_NAMES).join(comma);
  const rest = unique.length - MAX_SUMMARY_NAMES;
  return rest > 0 ? `${shown}${comma}${fillLabel(labels.text.more, { count: rest })}` : shown;
}

function what(incident: Incident, labels: ReportLabels): string {
  const root = incident.processes.find((p) => p.key === incident.rootCause);
  const payload = incident.processes.find((p) => p.role === "payload" && p.image);
  if (root?.image && payload?.image && payload.key !== root.key)
    return fillLabel(labels.text.msWhatDropper, {
      image: baseName(payload.image),
      dropper: baseName(root.image),
    });
  if (root?.image) return fillLabel(labels.text.msWhatProgram, { image: baseName(root.image) });
  return incident.title[labels.lang];
}

function stageWords(incident: Incident, labels: ReportLabels): string {
  const s = incident.furthestStage;
  if (s === undefined) return labels.text.msNoStage;
  return labels.lang === "ja"
    ? `${labels.stage[s]}（${labels.stageGloss[s]}）`
    : `${labels.stage[s]} (${labels.stageGloss[s]})`;
}

function happened(real: readonly Incident[], input: ReportInput, labels: ReportLabels): string[] {
  const tz = input.timeZone;
  if (real.length === 0) {
    const range = input.summary.timeRange;
    const period = range
      ? `${displayTime(range.first, tz)} – ${displayTime(range.last, tz)}`
      : labels.text.unknown;
    return [fillLabel(labels.text.msNothing, { period })];
  }
  const lines = real.slice(0, MAX_SUMMARY_INCIDENTS).map((i) =>
    fillLabel(labels.text.msIncident, {
      verdict: labels.verdict[i.verdict.verdict],
      what: what(i, labels),
      hosts: names(
        i.hosts.map((h) => h.host),
        labels,
      ),
      first: i.first ? displayTime(i.first, tz) : labels.text.unknown,
      stage: stageWords(i, labels),
      state: i.state === "active" ? labels.text.msStateActive : labels.text.msStateInactive,
    }),
  );
  const rest = real.length - MAX_SUMMARY_INCIDENTS;
  if (rest > 0) lines.push(fillLabel(labels.text.more, { count: rest }));
  return lines;
}

function impact(real: readonly Incident[], labels: ReportLabels): string[] {
  if (real.length === 0) return [];
  const L = labels.text;
  const hosts = real.flatMap((i) => i.hosts.map((h) => h.host));
  const users = real.flatMap((i) => i.users.map((u) => u.name));
  const atRisk = real.flatMap((i) => i.users.filter((u) => u.credentialsAtRisk).map((u) => u.name));
  const exfil = real.flatMap((i) =>
    i.destinations
      .filter((d) => d.role === "exfiltration")
      .map(
        (d) =>
          `${d.address ?? d.domain ?? "?"}${d.bytes !== undefined ? ` (${formatCount(d.bytes)} ${L.bytes})` : ""}`,
      ),
  );
  const reachedObjectives = real.some((i) =>
    i.stages.some((s) => s.stage === "actions_on_objectives" && s.status === "reached"),
  );
  const active = real.filter((i) => i.state === "active");
  const activeWhy = active.flatMap((i) =>
    i.stateReasons.length > 0 ? i.stateReasons.map((r) => r[labels.lang]) : [i.title[labels.lang]],
  );
  const lines = [fillLabel(L.msHosts, { count: new Set(hosts).size, list: names(hosts, labels) })];
  lines.push(users.length > 0 ? fillLabel(L.msAccounts, { list: names(users, labels) }) : L.msNoAccounts);
  if (atRisk.length > 0) lines.push(fillLabel(L.msCredentials, { list: names(atRisk, labels) }));
  if (exfil.length > 0) lines.push(fillLabel(L.msDataAtRisk, { list: names(exfil, labels) }));
  else if (!reachedObjectives) lines.push(L.msNoDataLoss);
  lines.push(active.length > 0 ? fillLabel(L.msActive, { list: names(activeWhy, labels) }) : L.msNotActive);
  return lines;
}

function overDetections(benign: readonly Incident[], labels: ReportLabels): string {
  if (benign.length === 0) return labels.text.msNoOverDetection;
  const byName = new Map<string, Set<string>>();
  for (const i of benign) {
    const root = i.processes.find((p) => p.key === i.rootCause);
    const name = root?.image ? baseName(root.image) : i.title[labels.lang];
    const hosts = byName.get(name) ?? new Set<string>();
    for (const h of i.hosts) hosts.add(h.host);
    byName.set(name, hosts);
  }
  const list = [...byName].map(([name, hosts]) =>
    fillLabel(hosts.size === 1 ? labels.text.msOnHost : labels.text.msOnHosts, { name, count: hosts.size }),
  );
  return fillLabel(labels.text.msOverDetectionLine, { count: benign.length, list: names(list, labels) });
}

/** The management summary of `input` in `lang` (independent of input.lang). */
export function managementSummary(input: ReportInput, lang: Language): ManagementSummary {
  const labels = reportLabels(lang);
  const L = labels.text;
  const ordered = orderIncidents(input.incidents);
  const real = ordered.filter((i) => i.verdict.verdict !== "benign");
  const benign = ordered.filter((i) => i.verdict.verdict === "benign");
  const plans = new Map(input.plans.map((p) => [p.incidentId, p]));
  const seen = new Set<string>();
  const urgent: ManagementAction[] = [];
  for (const i of real)
    for (const a of plans.get(i.id)?.actions ?? []) {
      const text = a.text[lang];
      if (a.priority > 2 || seen.has(text)) continue;
      seen.add(text);
      urgent.push({ priority: a.priority, text });
    }
  urgent.sort((a, b) => a.priority - b.priority);
  const range = input.summary.timeRange;
  const period = range
    ? `${displayTime(range.first, input.timeZone)} – ${displayTime(range.last, input.timeZone)}`
    : L.unknown;
  return {
    lang,
    title: `${L.managementSummary} — mikiwame`,
    subtitle: `${L.generatedAt}: ${displayTime(input.generatedAt, input.timeZone)} · ${L.dataPeriod}: ${period}`,
    happened: happened(real, input, labels),
    impact: impact(real, labels),
    actions: urgent.slice(0, MAX_SUMMARY_ACTIONS),
    moreActions: Math.max(0, urgent.length - MAX_SUMMARY_ACTIONS),
    overDetections: overDetections(benign, labels),
    gloss: L.msGloss,
  };
}

/** The summary's Markdown lines, its title at heading `level` (1 for its own page, 2 inside report.md). */
export function managementSummaryMarkdown(s: ManagementSummary, level: number): string[] {
  const L = reportLabels(s.lang).text;
  const h = (n: number, text: string) => `${"#".repeat(n)} ${escapeMarkdown(text)}`;
  const out: string[] = [h(level, s.title), "", escapeMarkdown(s.subtitle), ""];
  out.push(h(level + 1, L.msWhatHappened), "", ...s.happened.map((x) => `- ${escapeMarkdown(x)}`), "");
  if (s.impact.length > 0)
    out.push(h(level + 1, L.msImpact), "", ...s.impact.map((x) => `- ${escapeMarkdown(x)}`), "");
  out.push(h(level + 1, L.msActions), "");
  if (s.actions.length === 0) out.push(escapeMarkdown(L.msNoActions));
  for (const [n, a] of s.actions.entries()) {
    const priority = escapeMarkdown(fillLabel(L.msPriority, { priority: a.priority }), false);
    out.push(`${n + 1}. **${priority}** — ${escapeMarkdown(a.text, false)}`);
  }
  if (s.moreActions > 0) out.push("", escapeMarkdown(fillLabel(L.msMoreActions, { count: s.moreActions })));
  out.push("", h(level + 1, L.msOverDetections), "", escapeMarkdown(s.overDetections), "");
  out.push(`**${escapeMarkdown(L.msGlossTitle, false)}:** ${escapeMarkdown(s.gloss, false)}`, "");
  return out;
}

/** The summary as a Markdown page (summary.en.md / summary.ja.md). */
export function renderManagementSummaryMarkdown(input: ReportInput, lang: Language): string {
  return managementSummaryMarkdown(managementSummary(input, lang), 1).join("\n");
}
