/**
 * The one action of a benign incident (an over-detection, 過検知): record it, and have the security team
 * tune the detections or allow-list the program, with the verdict's reasons. Nothing is deleted,
 * blocked, stopped or isolated. Input: a benign Incident. Output: one DraftAction.
 */
import type { LocalizedText } from "../findings/finding.js";
import type { Incident } from "../incidents/incident.js";
import { cleanDetails, type DraftAction, findingUnion } from "./draft-action.js";
import { baseName, listEn, listJa, lt } from "./plan-text.js";

/** At most this many verdict reasons are listed as points. */
const MAX_REASON_POINTS = 8;

/** notify the security team: record the over-detection (priority 3). */
export function overDetectionAction(incident: Incident): DraftAction {
  const root = incident.processes.find((p) => p.key === incident.rootCause) ?? incident.processes[0];
  const program = root?.image ? baseName(root.image) : undefined;
  const signed = root?.signature === "valid" && root.signer ? root.signer : undefined;
  const hosts = incident.hosts.map((h) => h.host);
  const what = program ? `${program}${signed ? ` (signed by ${signed})` : ""}` : "the program";
  const whatJa = program ? `${program}${signed ? `（${signed} の署名あり）` : ""}` : "このプログラム";
  const reasons = [...incident.verdict.reasons].sort(
    (a, b) => (a.direction === b.direction ? 0 : a.direction === "for" ? -1 : 1) || b.weight - a.weight,
  );
  const points: LocalizedText[] = reasons.slice(0, MAX_REASON_POINTS).map((r) => ({
    en: `${r.direction === "for" ? "+" : "-"} ${r.viewpoint}: ${r.text.en}`,
    ja: `${r.direction === "for" ? "+" : "-"} ${r.viewpoint}: ${r.text.ja}`,
  }));
  const decided = incident.verdict.decidedBy;
  const top = reasons.filter((r) => r.direction === "for").slice(0, 3);
  return {
    kind: "notify",
    category: "organisational",
    priority: 3,
    host: undefined,
    target: "security team",
    details: cleanDetails({
      audience: "security-team",
      verdict: "benign",
      confidence: incident.verdict.confidence,
      decidedBy: decided,
      image: root?.image,
      sha256: root?.sha256,
      signer: root?.signer,
      hosts: hosts.join(", "),
    }),
    text: lt(
      `Record ${incident.id} as an over-detection: have the security team tune the detections or allow-list ${what}; do not delete, block or stop anything`,
      `${incident.id} を過検知として記録してください。セキュリティチームに検知の調整または ${whatJa} の許可リスト登録を依頼し、削除・遮断・停止は行わないでください`,
    ),
    reason: lt(
      `${decided ? `an analyst decision (${decided}) marked it benign; ` : ""}${top.length > 0 ? top.map((r) => r.text.en).join("; ") : "only weak evidence"} (hosts: ${listEn(hosts)})`,
      `${decided ? `分析者の判断（${decided}）で過検知とされました。` : ""}${top.length > 0 ? top.map((r) => r.text.ja).join("。") : "弱い兆候のみです"}（ホスト: ${listJa(hosts)}）`,
    ),
    findings: findingUnion(incident.findings),
    points,
  };
}
