/**
 * Notification (organisational): the administrators of each affected network segment, the security
 * team, and management when the incident is malicious and still active, spread to more than one host,
 * or reached / attempted lateral movement. Each carries `points`: what happened, which hosts, how far
 * on the kill chain, the state, and what is being done (the technical actions already planned).
 * Input: IncidentFacts, the technical drafts, the segment table. Output: DraftActions.
 */
import type { LocalizedText } from "../findings/finding.js";
import { cleanDetails, type DraftAction, findingUnion } from "./draft-action.js";
import type { IncidentFacts } from "./incident-facts.js";
import type { HostSegment, SegmentTable } from "./network-segment.js";
import { baseName, listEn, listJa, lt, stageWords, VERDICT_WORDS } from "./plan-text.js";

/** What each technical kind is, briefly, for the "what is being done" point. */
const DOING: Readonly<Record<string, LocalizedText>> = {
  "isolate-host": lt("isolate", "隔離"),
  "kill-process": lt("stop", "停止"),
  "block-destination": lt("block", "遮断"),
  "delete-file": lt("delete", "削除"),
  "remove-persistence": lt("remove persistence", "永続化の除去"),
  "scan-host": lt("scan", "スキャン"),
  "reset-account": lt("reset", "リセット"),
  "seize-host": lt("seize / collect evidence from", "押収・証拠保全"),
};

/** A short name for a target in a list: the base name of a path. */
function shortTarget(a: DraftAction): string {
  return a.kind === "kill-process" || a.kind === "delete-file" ? baseName(a.target) : a.target;
}

/** The points every notification covers. */
function commonPoints(facts: IncidentFacts, technical: readonly DraftAction[]): LocalizedText[] {
  const inc = facts.incident;
  const v = inc.verdict;
  const verdict = VERDICT_WORDS[v.verdict];
  const pct = Math.round(v.confidence * 100);
  const points: LocalizedText[] = [
    lt(
      `What happened: ${inc.title.en} (${verdict.en}, confidence ${pct}%; incident ${inc.id})`,
      `何が起きたか: ${inc.title.ja}（${verdict.ja}、確信度 ${pct}%、インシデント ${inc.id}）`,
    ),
  ];
  const hosts = inc.hosts.map((h) =>
    h.addresses.length > 0 ? `${h.host} (${h.addresses.join(", ")})` : h.host,
  );
  points.push(lt(`Hosts: ${listEn(hosts, 10)}`, `対象ホスト: ${listJa(hosts, 10)}`));
  const reached = inc.furthestStage ? stageWords(inc.furthestStage) : undefined;
  const attempted = inc.stages.filter((s) => s.status === "attempted").map((s) => stageWords(s.stage));
  points.push(
    lt(
      `Kill chain: ${reached ? `reached ${reached.en}` : "no stage proven"}${attempted.length > 0 ? `; attempted ${listEn(attempted.map((a) => a.en))}` : ""}`,
      `キル・チェーン: ${reached ? `${reached.ja}まで到達` : "到達段階の確証なし"}${attempted.length > 0 ? `。${listJa(attempted.map((a) => a.ja))}を試行` : ""}`,
    ),
  );
  const why = inc.stateReasons;
  points.push(
    inc.state === "active"
      ? lt(
          `State: still active${why.length > 0 ? ` (${why.map((r) => r.en).join("; ")})` : ""}`,
          `状態: 活動中${why.length > 0 ? `（${why.map((r) => r.ja).join("。")}）` : ""}`,
        )
      : lt(
          `State: no longer active at the end of the data${why.length > 0 ? ` (${why.map((r) => r.en).join("; ")})` : ""}`,
          `状態: データの終わりの時点では停止${why.length > 0 ? `（${why.map((r) => r.ja).join("。")}）` : ""}`,
        ),
  );
  const now = technical.filter((a) => a.priority === 1);
  const list = (now.length > 0 ? now : technical).slice(0, 8);
  if (list.length > 0)
    points.push(
      lt(
        `Being done${now.length > 0 ? " now" : ""}: ${list.map((a) => `${DOING[a.kind]?.en ?? a.kind} ${shortTarget(a)}`).join("; ")}`,
        `${now.length > 0 ? "直ちに" : ""}実施する対応: ${list.map((a) => `${shortTarget(a)} の${DOING[a.kind]?.ja ?? a.kind}`).join("、")}`,
      ),
    );
  return points;
}

function segmentLabel(s: HostSegment): LocalizedText {
  if (s.cidr === "")
    return lt("the network of hosts with no known address", "アドレス不明のホストのネットワーク");
  return s.name === s.cidr ? lt(s.cidr, s.cidr) : lt(`${s.name} (${s.cidr})`, `${s.name}（${s.cidr}）`);
}

/** Management is told when the incident is malicious and active, spread, or moving laterally. */
function managementReasons(facts: IncidentFacts): LocalizedText[] {
  if (!facts.malicious) return [];
  const inc = facts.incident;
  const out: LocalizedText[] = [];
  if (inc.state === "active") out.push(lt("it is still active", "まだ活動中です"));
  if (inc.stages.some((s) => s.stage === "lateral_movement"))
    out.push(lt("lateral movement was reached or attempted", "横展開が成功または試行されました"));
  if (inc.hosts.length > 1)
    out.push(lt(`it spans ${inc.hosts.length} hosts`, `${inc.hosts.length} 台のホストに及んでいます`));
  return out;
}

/** notify: segment administrators, the security team, management. */
export function notifyActions(
  facts: IncidentFacts,
  technical: readonly DraftAction[],
  segments: SegmentTable,
): DraftAction[] {
  const inc = facts.incident;
  const points = commonPoints(facts, technical);
  const verdict = VERDICT_WORDS[inc.verdict.verdict];
  const findings = findingUnion(inc.findings);
  const out: DraftAction[] = [];
  const bySegment = new Map<string, { segment: HostSegment; hosts: string[] }>();
  for (const h of inc.hosts) {
    const s = segments.segmentOf(h.addresses);
    const e = bySegment.get(s.cidr) ?? { segment: s, hosts: [] };
    e.hosts.push(h.host);
    bySegment.set(s.cidr, e);
  }
  for (const { segment, hosts } of bySegment.values()) {
    const label = segmentLabel(segment);
    out.push({
      kind: "notify",
      category: "organisational",
      priority: facts.malicious ? 1 : 2,
      host: undefined,
      target: `administrators of ${segment.cidr === "" ? "unknown network" : segment.cidr}`,
      details: cleanDetails({
        audience: "segment-administrators",
        segment: segment.cidr,
        segmentName: segment.name,
        contact: segment.contact,
        hosts: hosts.join(", "),
      }),
      text: lt(
        `Tell the administrators of ${label.en} about the ${verdict.en} incident on ${listEn(hosts)} and what is being done on their network`,
        `${label.ja} の管理者に、${listJa(hosts)} の${verdict.ja}インシデントと、そのネットワークで実施する対応を伝えてください`,
      ),
      reason: lt(
        `their network holds ${listEn(hosts)}; isolation and blocking happen there`,
        `${listJa(hosts)} はこのネットワークにあり、隔離や遮断はそこで行われます`,
      ),
      findings,
      points: [
        ...points,
        lt(
          "Asked of you: carry out the isolation and blocking on your network, and report any other host with the same signs",
          "お願い: 担当ネットワークでの隔離・遮断の実施と、同じ兆候のある他のホストの報告",
        ),
      ],
    });
  }
  out.push({
    kind: "notify",
    category: "organisational",
    priority: 1,
    host: undefined,
    target: "security team",
    details: cleanDetails({ audience: "security-team", incident: inc.id, verdict: inc.verdict.verdict }),
    text: lt(
      `Report incident ${inc.id} (${verdict.en}) to the security team with this plan and its evidence`,
      `インシデント ${inc.id}（${verdict.ja}）をこの対応計画と証拠とともにセキュリティチームへ報告してください`,
    ),
    reason: lt(
      `the verdict is ${verdict.en}: the team owns the response and the look for the same indicators elsewhere`,
      `判定は${verdict.ja}です。対応と他所での同じ指標の調査はセキュリティチームが担います`,
    ),
    findings,
    points,
  });
  const mgmt = managementReasons(facts);
  if (mgmt.length > 0)
    out.push({
      kind: "notify",
      category: "organisational",
      priority: 2,
      host: undefined,
      target: "management",
      details: cleanDetails({ audience: "management", incident: inc.id, verdict: inc.verdict.verdict }),
      text: lt(
        `Inform management of incident ${inc.id}: a malicious program on ${listEn(inc.hosts.map((h) => h.host))}, its impact and the response under way`,
        `インシデント ${inc.id} を上長・経営層に報告してください: ${listJa(inc.hosts.map((h) => h.host))} の悪性プログラム、影響、実施中の対応`,
      ),
      reason: lt(
        `the incident is malicious and ${mgmt.map((r) => r.en).join(", ")}`,
        `悪性と判定され、${mgmt.map((r) => r.ja).join("。")}`,
      ),
      findings,
      points,
    });
  return out;
}
