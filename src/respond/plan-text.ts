/**
 * The wording shared by the plan's actions: localized text, times, lists, file base names, process
 * labels and the verdict / role / stage words in English and Japanese. Input: incident values.
 * Output: short strings for action texts, reasons and points.
 */
import type { LocalizedText } from "../findings/finding.js";
import { KILL_CHAIN_JA, type KillChainStage } from "../findings/kill-chain.js";
import type {
  DestinationRole,
  FileRole,
  IncidentProcess,
  IncidentTime,
  ProcessRole,
} from "../incidents/incident.js";
import type { Verdict } from "../incidents/verdict.js";

/** A localized text from its two languages. */
export function lt(en: string, ja: string): LocalizedText {
  return { en, ja };
}

/** The last part of a Windows or POSIX path (`C:\a\b.exe` → `b.exe`). */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The folder part of a path, with its trailing separator (`C:\a\b.exe` → `C:\a\`); `""` when none. */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return i >= 0 ? path.slice(0, i + 1) : "";
}

/** `2026-03-02 09:14:03 UTC` (seconds precision), or undefined. */
export function formatTime(t: IncidentTime | undefined): string | undefined {
  if (!t || !Number.isFinite(t.ms)) return undefined;
  const d = new Date(t.ms);
  if (Number.isNaN(d.getTime())) return undefined;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** At most this many items are named in a list; the rest are counted. */
export const LIST_LIMIT = 5;

/** `a`, `a and b`, `a, b and c`, `a, b, c, d, e and 3 more`. */
export function listEn(items: readonly string[], limit: number = LIST_LIMIT): string {
  const shown = items.slice(0, limit);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** `a、b、c` and `ほか 3 件`. */
export function listJa(items: readonly string[], limit: number = LIST_LIMIT): string {
  const shown = items.slice(0, limit);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join("、")} ほか ${rest} 件` : shown.join("、");
}

/** `svcupd.exe (PID 4242)`: the image's base name and the pid when known. */
export function processLabel(p: IncidentProcess): string {
  const name = p.image ? baseName(p.image) : p.key;
  return p.pid !== undefined ? `${name} (PID ${p.pid})` : name;
}

/** The verdict words (悪性 / 要注意 / 過検知). */
export const VERDICT_WORDS: Readonly<Record<Verdict, LocalizedText>> = {
  malicious: lt("malicious", "悪性"),
  suspicious: lt("suspicious", "要注意"),
  benign: lt("over-detection", "過検知"),
};

/** What a process role means, in words. */
export const PROCESS_ROLE_WORDS: Readonly<Record<ProcessRole, LocalizedText>> = {
  "root-cause": lt("the root cause of the incident", "インシデントの起点"),
  payload: lt(
    "the payload (its image was written by the incident)",
    "ペイロード（インシデントが書き込んだ実行ファイル）",
  ),
  member: lt("a process of the malicious chain", "悪性のプロセス連鎖の一部"),
  launcher: lt("the process that started the root cause", "起点を起動したプロセス"),
};

/** What a file role means, in words. */
export const FILE_ROLE_WORDS: Readonly<Record<FileRole, LocalizedText>> = {
  dropper: lt("the dropper", "ドロッパー"),
  payload: lt("the payload", "ペイロード"),
  written: lt("an executable the incident wrote", "インシデントが書き込んだ実行ファイル"),
};

/** What a destination role means, in words. */
export const DESTINATION_ROLE_WORDS: Readonly<Record<DestinationRole, LocalizedText>> = {
  c2: lt("C&C server", "C&C サーバ"),
  download: lt("download source", "ダウンロード元"),
  exfiltration: lt("exfiltration destination", "持ち出し先"),
  lateral: lt("internal host reached on an admin port", "管理用ポートで接続された内部ホスト"),
  scanned: lt("scan target", "スキャン対象"),
  contacted: lt("contacted destination", "通信先"),
};

/** Kill-chain stage names in English. */
export const KILL_CHAIN_EN: Readonly<Record<KillChainStage, string>> = {
  reconnaissance: "reconnaissance",
  weaponization: "weaponization",
  delivery: "delivery",
  exploitation: "exploitation",
  installation: "installation",
  command_and_control: "command & control",
  lateral_movement: "lateral movement",
  actions_on_objectives: "actions on objectives",
};

/** A stage name in both languages. */
export function stageWords(stage: KillChainStage): LocalizedText {
  return lt(KILL_CHAIN_EN[stage], KILL_CHAIN_JA[stage]);
}

/** A byte count for people: `248,832 bytes`. */
export function bytesText(n: number): string {
  return `${n.toLocaleString("en-US")} bytes`;
}
