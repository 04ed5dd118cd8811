/**
 * The words of the `analyze` report in English and Japanese: headings, column headers, the short
 * labels of the eleven viewpoints and the kill-chain stages, severities and process states.
 * Input: a language and a key. Output: the text. (The shared report words live in messages.ts.)
 */
import type { Language } from "../config/config.js";
import { KILL_CHAIN_JA, type KillChainStage } from "../findings/kill-chain.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import type { IncidentState, SharedIndicatorKind } from "../incidents/incident.js";
import type { Verdict } from "../incidents/verdict.js";
import type { GroupState } from "../pipeline/analyze-process-groups.js";

const EN = {
  suspiciousProcesses: "Suspicious processes",
  noSuspicious: "No suspicious process",
  topFindings: "Top findings",
  host: "host",
  image: "image",
  process: "process",
  rootCause: "root cause",
  now: "now",
  stage: "stage",
  severity: "severity",
  viewpoint: "viewpoint",
  message: "message",
  yes: "yes",
  no: "no",
  hostLevel: "(host)",
  marks: "marks: C critical, H high, M medium, L low, . none",
  rules: "rules",
  rulesLine: "loaded",
  rejected: "rejected",
  matched: "matched",
  matches: "matches",
  noRules: "no Sigma rules run",
  skipped: "skipped",
  verdict: "verdict",
  reasons: "Why (top reasons per process)",
  incidents: "Incidents",
  noIncidents: "No incident",
  incident: "incident",
  hostList: "hosts",
  state: "state",
  incidentReasons: "Why (top reasons per incident)",
  spread: "spread",
  alsoOn: "also on",
  decidedBy: "decided by analyst decision",
} as const;

/** A key of the analyze report's words. */
export type AnalyzeMessageKey = keyof typeof EN;

const JA: Readonly<Record<AnalyzeMessageKey, string>> = {
  suspiciousProcesses: "疑わしいプロセス",
  noSuspicious: "疑わしいプロセスなし",
  topFindings: "主な所見",
  host: "ホスト",
  image: "イメージ",
  process: "プロセス",
  rootCause: "根本原因",
  now: "現在",
  stage: "段階",
  severity: "深刻度",
  viewpoint: "観点",
  message: "内容",
  yes: "はい",
  no: "いいえ",
  hostLevel: "(ホスト)",
  marks: "記号: C 重大, H 高, M 中, L 低, . なし",
  rules: "ルール",
  rulesLine: "読込",
  rejected: "却下",
  matched: "一致したルール",
  matches: "一致",
  noRules: "Sigma ルールは実行されていません",
  skipped: "省略",
  verdict: "判定",
  reasons: "判定の理由（プロセスごとの主な理由）",
  incidents: "インシデント",
  noIncidents: "インシデントなし",
  incident: "インシデント",
  hostList: "ホスト",
  state: "状態",
  incidentReasons: "判定の理由（インシデントごとの主な理由）",
  spread: "拡散",
  alsoOn: "ほかのホスト",
  decidedBy: "分析者の判断",
};

const CATALOG: Readonly<Record<Language, Readonly<Record<AnalyzeMessageKey, string>>>> = { en: EN, ja: JA };

/** The text of `key` in `lang`. */
export function analyzeMessage(lang: Language, key: AnalyzeMessageKey): string {
  return CATALOG[lang][key];
}

/** Short column labels of the eleven viewpoints (the table has one column each). */
const VIEWPOINT_SHORT: Readonly<Record<Language, Readonly<Record<Viewpoint, string>>>> = {
  en: {
    location: "loc",
    time: "time",
    duration: "dur",
    direction: "dir",
    port: "port",
    volume: "vol",
    frequency: "freq",
    reputation: "rep",
    history: "hist",
    process: "proc",
    state: "state",
  },
  ja: {
    location: "場所",
    time: "時刻",
    duration: "期間",
    direction: "方向",
    port: "ポート",
    volume: "量",
    frequency: "頻度",
    reputation: "評価",
    history: "履歴",
    process: "プロセス",
    state: "状態",
  },
};

/** The short label of a viewpoint. */
export function viewpointLabel(lang: Language, v: Viewpoint): string {
  return VIEWPOINT_SHORT[lang][v];
}

const STAGE_EN: Readonly<Record<KillChainStage, string>> = {
  reconnaissance: "recon",
  weaponization: "weaponization",
  delivery: "delivery",
  exploitation: "exploitation",
  installation: "installation",
  command_and_control: "C&C",
  lateral_movement: "lateral movement",
  actions_on_objectives: "objectives",
};

/** The short label of a kill-chain stage. */
export function stageLabel(lang: Language, stage: KillChainStage): string {
  return lang === "ja" ? KILL_CHAIN_JA[stage] : STAGE_EN[stage];
}

const SEVERITY_JA: Readonly<Record<Severity, string>> = {
  info: "情報",
  low: "低",
  medium: "中",
  high: "高",
  critical: "重大",
};

/** A severity word. */
export function severityLabel(lang: Language, s: Severity): string {
  return lang === "ja" ? SEVERITY_JA[s] : s;
}

/** One-letter severity mark of the viewpoint columns. */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = {
  info: ".",
  low: "L",
  medium: "M",
  high: "H",
  critical: "C",
};

const STATE_JA: Readonly<Record<GroupState, string>> = {
  running: "実行中",
  terminated: "終了",
  unknown: "不明",
};

/** A process state word. */
export function stateLabel(lang: Language, s: GroupState): string {
  return lang === "ja" ? STATE_JA[s] : s;
}

const VERDICT_WORDS: Readonly<Record<Language, Readonly<Record<Verdict, string>>>> = {
  en: { malicious: "malicious", suspicious: "suspicious", benign: "benign" },
  ja: { malicious: "悪性", suspicious: "要注意", benign: "過検知" },
};

/** A verdict word (ja: 悪性 / 要注意 / 過検知). */
export function verdictLabel(lang: Language, v: Verdict): string {
  return VERDICT_WORDS[lang][v];
}

const INCIDENT_STATE_WORDS: Readonly<Record<Language, Readonly<Record<IncidentState, string>>>> = {
  en: { active: "active", inactive: "inactive" },
  ja: { active: "活動中", inactive: "停止" },
};

/** An incident state word (ja: 活動中 / 停止). */
export function incidentStateLabel(lang: Language, s: IncidentState): string {
  return INCIDENT_STATE_WORDS[lang][s];
}

const SHARED_WORDS: Readonly<Record<Language, Readonly<Record<SharedIndicatorKind, string>>>> = {
  en: { sha256: "same SHA256", destination: "same destination", dropper: "same dropper" },
  ja: { sha256: "同じ SHA256", destination: "同じ通信先", dropper: "同じドロッパー" },
};

/** What a shared indicator is, in words (for the spread line). */
export function sharedIndicatorLabel(lang: Language, k: SharedIndicatorKind): string {
  return SHARED_WORDS[lang][k];
}
