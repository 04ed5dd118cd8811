/**
 * `thehive-alert.json`: one TheHive 5 alert per malicious or suspicious incident (a JSON array; each
 * element is the body of `POST /api/v1/alert`): type `mikiwame-incident`, source `mikiwame`, sourceRef
 * = the incident id, title, a Markdown description with the verdict, state, stages, reasons and the
 * response plan by priority, severity 1–4 (from the incident's severity; a malicious incident is at
 * least 3), TLP and PAP amber (2), tags, and observables (ip / domain / hash with `ioc` for a
 * malicious incident; filename and hostname as context). Input: incidents and their plans, the language.
 * Output: the JSON text.
 */
import type { Language } from "../../config/config.js";
import type { Severity } from "../../findings/severity.js";
import type { Incident } from "../../incidents/incident.js";
import { formatTime, stageWords, VERDICT_WORDS } from "../../respond/plan-text.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { safeJsonStringify } from "../json-text.js";
import { collectExportIndicators, type PlannedIncident, pairPlans } from "./export-indicators.js";
import { mdCode, mdText } from "./markdown-text.js";
import { STIX_PHASE } from "./kill-chain-phases.js";

/** TheHive severities: 1 low, 2 medium, 3 high, 4 critical. */
export const THEHIVE_SEVERITY: Readonly<Record<Severity, 1 | 2 | 3 | 4>> = {
  info: 1,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/** TLP and PAP of every alert and observable: amber. */
export const THEHIVE_AMBER = 2;

/** One observable of an alert. */
export interface TheHiveObservable {
  readonly dataType: "ip" | "domain" | "hash" | "filename" | "hostname";
  readonly data: string;
  readonly message: string;
  readonly tags: readonly string[];
  readonly ioc: boolean;
  readonly tlp: number;
  readonly pap: number;
}

const LABELS = {
  verdict: { en: "Verdict", ja: "判定" },
  state: { en: "State", ja: "状態" },
  active: { en: "active", ja: "活動中" },
  inactive: { en: "inactive", ja: "停止" },
  stage: { en: "Furthest stage", ja: "到達段階" },
  attempted: { en: "attempted", ja: "試行" },
  hosts: { en: "Hosts", ja: "ホスト" },
  period: { en: "Period", ja: "期間" },
  why: { en: "Why", ja: "判定理由" },
  plan: { en: "Response plan", ja: "対応計画" },
  priority: {
    en: ["", "Priority 1 — now", "Priority 2 — today", "Priority 3 — follow-up"],
    ja: ["", "優先度 1 — 直ちに", "優先度 2 — 本日中", "優先度 3 — 事後対応"],
  },
  reason: { en: "why", ja: "理由" },
  indicators: { en: "Indicators", ja: "指標" },
} as const;

function description(
  incident: Incident,
  plan: ResponsePlan,
  lang: Language,
  indicators: readonly string[],
): string {
  const v = incident.verdict;
  const furthest = incident.furthestStage ? stageWords(incident.furthestStage)[lang] : "-";
  const attempted = incident.stages
    .filter((s) => s.status === "attempted")
    .map((s) => stageWords(s.stage)[lang]);
  const from = formatTime(incident.first);
  const to = formatTime(incident.last);
  const lines = [
    `**${LABELS.verdict[lang]}:** ${VERDICT_WORDS[v.verdict][lang]} (${Math.round(v.confidence * 100)}%) · **${LABELS.state[lang]}:** ${LABELS[incident.state][lang]} · **${LABELS.stage[lang]}:** ${mdText(furthest)}${attempted.length > 0 ? ` (${LABELS.attempted[lang]}: ${mdText(attempted.join(", "))})` : ""}`,
    "",
    `**${LABELS.hosts[lang]}:** ${incident.hosts.map((h) => mdText(h.addresses.length > 0 ? `${h.host} (${h.addresses.join(", ")})` : h.host)).join(", ")}`,
    ...(from && to ? ["", `**${LABELS.period[lang]}:** ${from} – ${to}`] : []),
    "",
    `### ${LABELS.why[lang]}`,
    ...v.reasons
      .slice(0, 8)
      .map((r) => `- ${r.direction === "for" ? "+" : "−"} ${r.viewpoint}: ${mdText(r.text[lang])}`),
    "",
    `### ${LABELS.plan[lang]}`,
  ];
  for (const priority of [1, 2, 3] as const) {
    const actions = plan.actions.filter((a) => a.priority === priority);
    if (actions.length === 0) continue;
    lines.push("", `#### ${LABELS.priority[lang][priority]}`);
    actions.forEach((a, i) => {
      lines.push(`${i + 1}. ${mdText(a.text[lang])} — *${LABELS.reason[lang]}:* ${mdText(a.reason[lang])}`);
      for (const p of a.points) lines.push(`   - ${mdText(p[lang])}`);
    });
  }
  if (indicators.length > 0)
    lines.push("", `### ${LABELS.indicators[lang]}`, ...indicators.map((i) => `- ${i}`));
  return lines.join("\n");
}

/** The alert (request body) of one incident. */
export function theHiveAlert(p: PlannedIncident, lang: Language = "en"): Record<string, unknown> {
  const { incident, plan } = p;
  const malicious = incident.verdict.verdict === "malicious";
  const { indicators } = collectExportIndicators([p]);
  const observables: TheHiveObservable[] = [];
  const seen = new Set<string>();
  const add = (o: Omit<TheHiveObservable, "tlp" | "pap" | "tags"> & { tags?: readonly string[] }): void => {
    const key = `${o.dataType}|${o.data}`;
    if (seen.has(key)) return;
    seen.add(key);
    observables.push({ tags: ["mikiwame"], ...o, tlp: THEHIVE_AMBER, pap: THEHIVE_AMBER });
  };
  const lines: string[] = [];
  for (const i of indicators) {
    const dataType = i.type === "sha256" ? "hash" : i.type === "domain" ? "domain" : "ip";
    const message = `${i.role}${i.ports.length > 0 ? ` port ${i.ports.join(",")}` : ""}${i.fileName ? ` ${i.fileName}` : ""}`;
    add({ dataType, data: i.value, message, ioc: malicious, tags: ["mikiwame", `role:${i.role}`] });
    lines.push(`${dataType} ${mdCode(i.value)} (${mdText(message)})`);
    if (i.fileName)
      add({ dataType: "filename", data: i.fileName, message: `${i.role}: ${i.path ?? ""}`, ioc: false });
  }
  for (const h of incident.hosts)
    add({ dataType: "hostname", data: h.host, message: `affected host (${h.via})`, ioc: false });
  const severity = Math.max(THEHIVE_SEVERITY[incident.severity], malicious ? 3 : 1);
  const tags = [
    "mikiwame",
    `verdict:${incident.verdict.verdict}`,
    `state:${incident.state}`,
    ...(incident.furthestStage ? [`kill-chain:${STIX_PHASE[incident.furthestStage]}`] : []),
    ...incident.attack.map((t) => `attack:${t}`),
  ];
  return {
    type: "mikiwame-incident",
    source: "mikiwame",
    sourceRef: incident.id,
    title: `${VERDICT_WORDS[incident.verdict.verdict][lang]}: ${incident.title[lang]}`,
    description: description(incident, plan, lang, lines),
    severity,
    ...(incident.first && { date: incident.first.ms }),
    tags,
    tlp: THEHIVE_AMBER,
    pap: THEHIVE_AMBER,
    observables,
  };
}

/** The text of thehive-alert.json: an array of alerts (empty when nothing is malicious or suspicious). */
export function renderTheHiveAlerts(
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
  lang: Language = "en",
): string {
  const planned = pairPlans(incidents, plans);
  const alerts = planned
    .filter((p) => p.incident.verdict.verdict !== "benign")
    .map((p) => theHiveAlert(p, lang));
  return `${safeJsonStringify(alerts, 2)}\n`;
}
