/**
 * The response plan of the fixture's malicious incident: isolate, kill, block (priority 1), delete payload
 * and dropper, remove the Run key, scan, notify (2), interview the user (3). Output: a ResponsePlan.
 */
import type { PlanAction, ResponsePlan } from "../../respond/response-plan.js";
import { type ReportFixtureText, SHA, text } from "./report-fixture-text.js";

function action(
  incidentId: string,
  a: Omit<PlanAction, "id" | "details" | "points" | "findings"> & Partial<PlanAction>,
  n: number,
): PlanAction {
  return { id: `${incidentId}-${a.kind}-${n}`, details: {}, points: [], findings: [], ...a };
}

/** The response plan of the malicious incident. */
export function maliciousPlan(id: string, x: ReportFixtureText): ResponsePlan {
  const a = (
    n: number,
    p: Omit<PlanAction, "id" | "details" | "points" | "findings"> & Partial<PlanAction>,
  ) => action(id, p, n);
  return {
    incidentId: id,
    actions: [
      a(1, {
        kind: "isolate-host",
        category: "technical",
        priority: 1,
        host: x.host,
        target: x.host,
        text: text(`Isolate ${x.host} from the network`, `${x.host} をネットワークから隔離する`),
        reason: text("svcupd.exe is still running and beaconing", "svcupd.exe が実行中で定期通信を継続"),
        findings: ["F-running", "F-beacon"],
      }),
      a(1, {
        kind: "kill-process",
        category: "technical",
        priority: 1,
        host: x.host,
        target: x.payloadImage,
        details: { pid: "7012" },
        text: text("Stop svcupd.exe (pid 7012)", "svcupd.exe（PID 7012）を停止する"),
        reason: text("still running at the end of the data", "データの最後まで実行中"),
        findings: ["F-running"],
      }),
      a(1, {
        kind: "block-destination",
        category: "technical",
        priority: 1,
        host: undefined,
        target: x.c2Address,
        details: { port: "443", domain: x.c2Domain },
        text: text(
          `Block ${x.c2Address} and ${x.c2Domain} at the perimeter and DNS`,
          `${x.c2Address} と ${x.c2Domain} を境界と DNS でブロックする`,
        ),
        reason: text("listed C&C, beaconed every 300 s", "既知の C&C、300 秒ごとに通信"),
        findings: ["F-rep", "F-beacon"],
      }),
      a(1, {
        kind: "delete-file",
        category: "technical",
        priority: 2,
        host: x.host,
        target: x.payloadImage,
        details: { sha256: SHA.payload },
        text: text("Delete the payload svcupd.exe", "ペイロード svcupd.exe を削除する"),
        reason: text("written and started by the dropper", "ドロッパーが作成・起動"),
        findings: ["F-dropper"],
      }),
      a(2, {
        kind: "delete-file",
        category: "technical",
        priority: 2,
        host: x.host,
        target: x.dropperImage,
        details: { sha256: SHA.dropper },
        text: text("Delete the dropper invoice.pdf.exe too", "ドロッパー invoice.pdf.exe も削除する"),
        reason: text(
          "it produced the payload: deleting the payload alone is not enough",
          "ペイロードを作成した元: ペイロードだけの削除では不十分",
        ),
        findings: ["F-dropper", "F-double-ext"],
      }),
      a(1, {
        kind: "remove-persistence",
        category: "technical",
        priority: 2,
        host: x.host,
        target: x.runKey,
        details: { value: x.payloadImage },
        text: text("Remove the Run key svcupd", "Run キー svcupd を削除する"),
        reason: text("starts svcupd.exe at every logon", "ログオンのたびに svcupd.exe を起動"),
        findings: ["F-runkey"],
      }),
      a(1, {
        kind: "scan-host",
        category: "technical",
        priority: 2,
        host: x.host,
        target: x.host,
        text: text(`Run a full malware scan on ${x.host}`, `${x.host} をフルスキャンする`),
        reason: text("the host ran the payload", "ペイロードを実行した端末"),
        findings: ["F-dropper"],
      }),
      a(1, {
        kind: "notify",
        category: "organisational",
        priority: 2,
        host: undefined,
        target: "security team, sales network administrators",
        text: text(
          "Report the incident to the security team and the sales network administrators",
          "セキュリティチームと営業部門のネットワーク管理者に報告する",
        ),
        reason: text("malicious and still active", "悪性で活動中"),
        points: [text("C&C address and time range", "C&C アドレスと期間")],
      }),
      a(1, {
        kind: "interview-user",
        category: "organisational",
        priority: 3,
        host: x.host,
        target: x.user,
        text: text(`Interview ${x.user}`, `${x.user} に聴取する`),
        reason: text("the dropper ran under this account", "ドロッパーはこのアカウントで実行"),
        points: [
          text(
            "Where did invoice.pdf.exe come from (mail, web)?",
            "invoice.pdf.exe の入手経路（メール、Web）は？",
          ),
          text("Was anything unusual seen after opening it?", "開いた後に異常はあったか？"),
        ],
      }),
    ],
  };
}
