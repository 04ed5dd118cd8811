/**
 * The incident's state at the end of the data: active when one of its processes (not the launcher) is
 * still running at the end of its host's data (as the process analyzer decides), or a C&C destination is
 * still contacted then; inactive otherwise. The reasons say which process / beacon, in English and
 * Japanese. Input: the incident's processes, their states, its destinations. Output: state + reasons.
 */
import { processName } from "../analytics/process/process-node.js";
import type { ProcessStateInfo } from "../analytics/process/process-state.js";
import type { LocalizedText } from "../findings/finding.js";
import type { IncidentDestination, IncidentState } from "./incident.js";
import type { DraftProcess } from "./incident-draft.js";

/** Running processes named one by one in the reasons; the rest are counted. */
const MAX_NAMED = 3;

function nameOf(p: DraftProcess): string {
  return p.info ? processName(p.info) : (p.group?.image?.split(/[\\/]/).pop() ?? p.key);
}

/** The state and its reasons (see the module header). */
export function decideState(
  actors: readonly DraftProcess[],
  destinations: readonly IncidentDestination[],
  stateOf: (key: string) => ProcessStateInfo | undefined,
): { readonly state: IncidentState; readonly reasons: LocalizedText[] } {
  const reasons: LocalizedText[] = [];
  const running = actors.filter((p) => stateOf(p.key)?.state === "running");
  for (const p of running.slice(0, MAX_NAMED)) {
    const last = stateOf(p.key)?.lastActivity?.iso ?? "?";
    reasons.push({
      en: `${nameOf(p)} still running on ${p.host} (last activity ${last})`,
      ja: `${p.host} の ${nameOf(p)} がまだ実行中です（最終活動 ${last}）`,
    });
  }
  if (running.length > MAX_NAMED)
    reasons.push({
      en: `and ${running.length - MAX_NAMED} more running process(es)`,
      ja: `ほかに実行中のプロセスが ${running.length - MAX_NAMED} 件あります`,
    });
  const live = destinations.filter((d) => d.active);
  for (const d of live) {
    const where = d.address ?? d.domain ?? "?";
    const last = d.last?.iso ?? "?";
    reasons.push({
      en: `C&C ${where} still contacted until the end of the data (last contact ${last})`,
      ja: `C&C ${where} への通信がデータの終端まで続いています（最終接続 ${last}）`,
    });
  }
  if (reasons.length > 0) return { state: "active", reasons };
  const unknown = actors.filter((p) => stateOf(p.key)?.state !== "terminated").length;
  const lastSeen = actors
    .map((p) => stateOf(p.key)?.lastActivity)
    .reduce<ProcessStateInfo["lastActivity"]>((a, t) => (t && (!a || t.ms > a.ms) ? t : a), undefined);
  const at = lastSeen?.iso ?? "?";
  reasons.push(
    unknown > 0
      ? {
          en: `no process of the incident is known to run at the end of the data (${unknown} with no end seen; last activity ${at}) and no C&C contact continues`,
          ja: `データの終端で実行中と分かるプロセスはなく（終了が記録されていないもの ${unknown} 件、最終活動 ${at}）、C&C 通信も続いていません`,
        }
      : {
          en: `every process of the incident has stopped (last activity ${at}) and no C&C contact continues`,
          ja: `インシデントのプロセスはすべて終了しており（最終活動 ${at}）、C&C 通信も続いていません`,
        },
  );
  return { state: "inactive", reasons };
}
