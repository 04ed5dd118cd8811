/**
 * The findings of the report fixture: the dropper chain on the fixture host (double extension, dropper,
 * Run key, scan, beacon, listed C&C, still running) and the Outlook over-detection (one finding kept,
 * one suppressed by an analyst decision). Input: the fixture texts. Output: Finding[].
 */
import type { Provenance } from "../../events/provenance.js";
import type { Finding, FindingSubject, LocalizedText } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import type { Viewpoint } from "../../findings/viewpoint.js";
import { KEY, type ReportFixtureText, SHA, t, text } from "./report-fixture-text.js";

interface FindingSpec {
  readonly id: string;
  readonly detector: string;
  readonly viewpoint: Viewpoint;
  readonly severity: Severity;
  readonly stage?: KillChainStage;
  readonly host: string;
  readonly subject: FindingSubject;
  readonly at: string;
  readonly message: LocalizedText;
  readonly evidence: Provenance;
}

function finding(s: FindingSpec): Finding {
  return {
    id: s.id,
    detector: s.detector,
    viewpoint: s.viewpoint,
    severity: s.severity,
    confidence: 0.8,
    ...(s.stage ? { stage: s.stage } : {}),
    attack: [],
    host: s.host,
    subject: s.subject,
    first: t(s.at),
    last: t(s.at),
    evidence: [s.evidence],
    evidenceCount: 1,
    message: s.message,
    details: {},
  };
}

/** The fixture's findings, every text taken from `x`. */
export function fixtureFindings(x: ReportFixtureText): Finding[] {
  const sysmon = (recordId: number): Provenance => ({
    file: x.evidenceFile,
    format: "evtx",
    chunk: 3,
    recordId,
  });
  const conn = (line: number): Provenance => ({ file: "logs/zeek/conn.log", format: "zeek", line });
  const dropperName = "invoice.pdf.exe";
  const payloadName = "svcupd.exe";
  return [
    finding({
      id: "F-double-ext",
      detector: "process.double-extension",
      viewpoint: "process",
      severity: "high",
      stage: "exploitation",
      host: x.host,
      subject: { kind: "process", key: KEY.dropper, image: x.dropperImage },
      at: "2024-05-14T09:12:03.120Z",
      message: text(`${dropperName} has a double extension`, `${dropperName} は二重拡張子`),
      evidence: sysmon(4101),
    }),
    finding({
      id: "F-dropper",
      detector: "process.dropper",
      viewpoint: "process",
      severity: "high",
      stage: "installation",
      host: x.host,
      subject: { kind: "file", path: x.payloadImage, sha256: SHA.payload },
      at: "2024-05-14T09:12:05.400Z",
      message: text(
        `${dropperName} wrote and started ${payloadName}`,
        `${dropperName} が ${payloadName} を作成して起動`,
      ),
      evidence: sysmon(4107),
    }),
    finding({
      id: "F-runkey",
      detector: "sigma:run-key-temp-image",
      viewpoint: "process",
      severity: "high",
      stage: "installation",
      host: x.host,
      subject: { kind: "process", key: KEY.payload, image: x.payloadImage },
      at: "2024-05-14T09:12:09.000Z",
      message: text(
        `Run key set to start ${payloadName} at logon`,
        `ログオン時に ${payloadName} を起動する Run キーを設定`,
      ),
      evidence: sysmon(4112),
    }),
    finding({
      id: "F-scan",
      detector: "network.port-scan",
      viewpoint: "port",
      severity: "medium",
      stage: "reconnaissance",
      host: x.host,
      subject: { kind: "flow", src: "10.1.2.37", dst: "10.1.2.0/24", port: 445, protocol: "tcp" },
      at: "2024-05-14T09:20:00.000Z",
      message: text(
        "scan of 62 hosts on port 445 from 10.1.2.37",
        "10.1.2.37 から 62 台の 445 番ポートをスキャン",
      ),
      evidence: conn(1200),
    }),
    finding({
      id: "F-beacon",
      detector: "network.beacon",
      viewpoint: "frequency",
      severity: "high",
      stage: "command_and_control",
      host: x.host,
      subject: { kind: "flow", src: "10.1.2.37", dst: x.c2Address, port: 443, protocol: "tcp" },
      at: "2024-05-14T09:15:00.000Z",
      message: text(
        `regular beacon to ${x.c2Address} every 300 s${x.messageTail}`,
        `${x.c2Address} へ 300 秒ごとの定期通信${x.messageTail}`,
      ),
      evidence: conn(233),
    }),
    finding({
      id: "F-rep",
      detector: "intel.address",
      viewpoint: "reputation",
      severity: "critical",
      stage: "command_and_control",
      host: x.host,
      subject: { kind: "address", address: x.c2Address },
      at: "2024-05-14T09:15:00.000Z",
      message: text(`${x.c2Address} is a listed C&C address`, `${x.c2Address} は既知の C&C アドレス`),
      evidence: conn(233),
    }),
    finding({
      id: "F-running",
      detector: "process.state",
      viewpoint: "state",
      severity: "medium",
      host: x.host,
      subject: { kind: "process", key: KEY.payload, image: x.payloadImage },
      at: "2024-05-14T17:59:00.000Z",
      message: text(
        `${payloadName} still running at the end of the data`,
        `${payloadName} はデータの最後まで実行中`,
      ),
      evidence: sysmon(5120),
    }),
    finding({
      id: "F-outlook-net",
      detector: "sigma:office-network-connection",
      viewpoint: "direction",
      severity: "low",
      host: x.host,
      subject: {
        kind: "process",
        key: KEY.outlookSales,
        image: "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
      },
      at: "2024-05-14T08:30:00.000Z",
      message: text("OUTLOOK.EXE connected outbound on port 443", "OUTLOOK.EXE が 443 番ポートへ外向き通信"),
      evidence: sysmon(3900),
    }),
    finding({
      id: "F-outlook-suppressed",
      detector: "sigma:office-child-process",
      viewpoint: "process",
      severity: "medium",
      host: "WS-HR-02",
      subject: {
        kind: "process",
        key: KEY.outlookHr,
        image: "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
      },
      at: "2024-05-14T10:02:00.000Z",
      message: text("OUTLOOK.EXE started a child process", "OUTLOOK.EXE が子プロセスを起動"),
      evidence: { file: "logs/WS-HR-02/Security.evtx", format: "evtx", chunk: 0, recordId: 88210 },
    }),
  ];
}
