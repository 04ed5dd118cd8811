/**
 * Investigation and recovery: scan every host of the incident and every host that shares its
 * indicators or was reached on an admin port; reset the accounts whose credentials are at risk; seize
 * (malicious) or collect evidence from (suspicious) the root cause's host. A suspicious incident puts
 * scanning and collection first (priority 1). Input: IncidentFacts. Output: DraftActions.
 */
import type { LocalizedText } from "../findings/finding.js";
import type { SharedIndicatorKind } from "../incidents/incident.js";
import { cleanDetails, type DraftAction, findingUnion } from "./draft-action.js";
import type { IncidentFacts } from "./incident-facts.js";
import { baseName, listEn, listJa, lt } from "./plan-text.js";

/** Why a host joined the scan list. */
const SCAN_WHY: Readonly<Record<"root-cause" | SharedIndicatorKind | "lateral", LocalizedText>> = {
  "root-cause": lt("the host where the incident started", "インシデントの起点となったホスト"),
  sha256: lt(
    "ran a file of the incident (same SHA256)",
    "インシデントと同じファイル（同じ SHA256）を実行したホスト",
  ),
  destination: lt("contacted the incident's C&C", "インシデントの C&C と通信したホスト"),
  dropper: lt("ran the same dropper (name and hash)", "同じドロッパー（名前とハッシュ）を実行したホスト"),
  lateral: lt(
    "reached from the incident on an admin port (possible lateral movement)",
    "インシデントから管理用ポートで接続されたホスト（横展開の可能性）",
  ),
};

/** The incident's file hashes and names (to search for), and its C&C addresses/domains. */
function indicatorsOf(facts: IncidentFacts): { hashes: string[]; names: string[]; c2: string[] } {
  const hashes = new Set<string>();
  const names = new Set<string>();
  for (const f of facts.incident.files) {
    if (f.sha256) hashes.add(f.sha256.toLowerCase());
    names.add(baseName(f.path));
  }
  for (const p of facts.incident.processes)
    if ((p.role === "root-cause" || p.role === "payload") && p.image) {
      if (p.sha256) hashes.add(p.sha256.toLowerCase());
      names.add(baseName(p.image));
    }
  const c2 = new Set<string>();
  for (const d of facts.c2) for (const v of [d.address, d.domain]) if (v) c2.add(v);
  return { hashes: [...hashes].sort(), names: [...names].sort(), c2: [...c2].sort() };
}

/** scan-host: every host of the incident, of its shared indicators, and internal hosts reached laterally. */
export function scanActions(facts: IncidentFacts): DraftAction[] {
  const why = new Map<string, Set<keyof typeof SCAN_WHY>>();
  const note = (host: string, w: keyof typeof SCAN_WHY): void => {
    const s = why.get(host) ?? new Set();
    s.add(w);
    why.set(host, s);
  };
  const byAddress = new Map<string, string>();
  for (const h of facts.incident.hosts) {
    note(h.host, h.via);
    for (const a of h.addresses) byAddress.set(a, h.host);
  }
  for (const s of facts.incident.sharedIndicators) for (const h of s.hosts) note(h, s.kind);
  const lateralFindings = new Map<string, string[]>();
  for (const d of facts.incident.destinations) {
    if (d.role !== "lateral" || d.external) continue;
    const target = (d.address !== undefined ? byAddress.get(d.address) : undefined) ?? d.address ?? d.domain;
    if (!target) continue;
    note(target, "lateral");
    lateralFindings.set(target, [...(lateralFindings.get(target) ?? []), ...d.findings]);
  }
  const { hashes, names, c2 } = indicatorsOf(facts);
  const lookFor: string[] = [];
  const lookForJa: string[] = [];
  if (names.length > 0) {
    lookFor.push(
      `the incident's files (${listEn(names)}${hashes.length > 0 ? `, ${hashes.length} SHA256` : ""})`,
    );
    lookForJa.push(
      `インシデントのファイル（${listJa(names)}${hashes.length > 0 ? `、SHA256 ${hashes.length} 件` : ""}）`,
    );
  }
  if (c2.length > 0) {
    lookFor.push(`connections to ${listEn(c2)}`);
    lookForJa.push(`${listJa(c2)} への通信`);
  }
  const search = lookFor.length > 0 ? ` and search it for ${lookFor.join(" and ")}` : "";
  const searchJa = lookForJa.length > 0 ? `、${lookForJa.join("と ")}の痕跡を探してください` : "してください";
  const out: DraftAction[] = [];
  for (const [host, reasons] of why) {
    const order = Object.keys(SCAN_WHY);
    const list = [...reasons].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    out.push({
      kind: "scan-host",
      category: "technical",
      priority: facts.malicious ? 2 : 1,
      host,
      target: host,
      details: cleanDetails({
        why: list.join(","),
        sha256: hashes.join(","),
        files: names.join(", "),
        c2: c2.join(", "),
      }),
      text: lt(
        `Run a full EDR/antivirus scan of ${host}${search}`,
        `${host} を EDR／ウイルス対策ソフトでフルスキャン${searchJa}`,
      ),
      reason: lt(list.map((w) => SCAN_WHY[w].en).join("; "), list.map((w) => SCAN_WHY[w].ja).join("。")),
      findings: findingUnion(lateralFindings.get(host) ?? []),
      points: [],
    });
  }
  return out;
}

/** reset-account: each user whose credentials are at risk; priority 1 while the incident is active. */
export function resetActions(facts: IncidentFacts): DraftAction[] {
  const active = facts.incident.state === "active";
  return facts.incident.users
    .filter((u) => u.credentialsAtRisk)
    .map((u) => ({
      kind: "reset-account",
      category: "technical",
      priority: active ? 1 : 2,
      host: undefined,
      target: u.name,
      details: cleanDetails({ user: u.name, hosts: [...u.hosts].sort().join(", ") }),
      text: lt(
        `Reset the password of ${u.name}, end its sessions everywhere and review where it signed in since the incident began`,
        `${u.name} のパスワードをリセットし、すべてのセッションを終了させ、インシデント開始以降のサインイン先を確認してください`,
      ),
      reason: lt(
        `credential theft or use of this account was seen on ${listEn([...u.hosts].sort())}`,
        `${listJa([...u.hosts].sort())} でこのアカウントの資格情報の窃取または使用が確認されました`,
      ),
      findings: findingUnion(u.findings),
      points: [],
    }));
}

/** seize-host (malicious, priority 3) or collect evidence (suspicious, priority 1) on the root cause's host. */
export function seizeActions(facts: IncidentFacts): DraftAction[] {
  const host = facts.rootHost;
  if (host === undefined) return [];
  const root = facts.rootCause;
  const files = facts.incident.files.filter((f) => f.host === host).map((f) => f.path);
  if (root?.image && !files.includes(root.image)) files.unshift(root.image);
  const details = cleanDetails({
    host,
    rootCause: root?.image,
    sha256: root?.sha256,
    files: files.join(", "),
  });
  const findings = findingUnion(root?.findings ?? []);
  if (facts.malicious)
    return [
      {
        kind: "seize-host",
        category: "technical",
        priority: 3,
        host,
        target: host,
        details,
        text: lt(
          `After isolation, seize ${host} for forensic investigation: capture its memory before any power-off, then image the disk`,
          `隔離した後、${host} を押収して調査してください。電源を切る前にメモリを取得し、その後ディスクのイメージを取得してください`,
        ),
        reason: lt(
          `the root cause${root?.image ? ` ${baseName(root.image)}` : ""} ran on this host; the evidence (memory, disk, logs) shows how it got in and what it did`,
          `起点${root?.image ? `の ${baseName(root.image)} ` : ""}がこのホストで実行されました。侵入経路と活動内容の証拠（メモリ、ディスク、ログ）が残っています`,
        ),
        findings,
        points: [],
      },
    ];
  const names = files.map(baseName);
  return [
    {
      kind: "seize-host",
      category: "technical",
      priority: 1,
      host,
      target: host,
      details,
      text: lt(
        `Collect evidence from ${host} before any cleanup: capture its memory and copy ${names.length > 0 ? listEn(names) : "the suspicious files"} for analysis`,
        `駆除の前に ${host} から証拠を収集してください。メモリを取得し、${names.length > 0 ? listJa(names) : "不審なファイル"} を解析用に複製してください`,
      ),
      reason: lt(
        "the verdict is suspicious: the collected files and memory decide whether it is malware",
        "判定は要注意です。収集したファイルとメモリでマルウェアかどうかを確定します",
      ),
      findings,
      points: [],
    },
  ];
}
