/**
 * The over-detection of the report fixture: OUTLOOK.EXE (validly signed, on every host) flagged on two
 * hosts, decided benign by an analyst; one finding suppressed by that decision. Output: an Incident.
 */
import type { Incident } from "../../incidents/incident.js";
import { fixtureProcess } from "./report-fixture-incident.js";
import { KEY, type ReportFixtureText, SHA, t, text } from "./report-fixture-text.js";

/** The Outlook over-detection on two hosts, decided benign by an analyst. */
export function benignIncident(x: ReportFixtureText): Incident {
  const outlook = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
  const signed = {
    image: outlook,
    signature: "valid",
    signer: "Microsoft Corporation",
    sha256: SHA.outlook,
    state: "running" as const,
    verdict: "benign" as const,
    confidence: 0.9,
    severity: "low" as const,
  };
  return {
    id: "INC-0b12cd34ef",
    title: text("OUTLOOK.EXE on 2 hosts (over-detection)", "2 台の OUTLOOK.EXE（過検知）"),
    verdict: {
      verdict: "benign",
      confidence: 0.9,
      score: 0.05,
      decisive: "benign-profile",
      reasons: [
        {
          viewpoint: "process",
          direction: "for",
          weight: 0.5,
          text: text(
            "validly signed by Microsoft Corporation, a trusted publisher",
            "信頼できる発行元 Microsoft Corporation の有効な署名",
          ),
          findingIds: [],
        },
        {
          viewpoint: "history",
          direction: "for",
          weight: 0.3,
          text: text("seen on 14 of 14 hosts", "14 台中 14 台で確認"),
          findingIds: [],
        },
        {
          viewpoint: "direction",
          direction: "against",
          weight: 0.05,
          text: text("OUTLOOK.EXE connected outbound on port 443", "OUTLOOK.EXE が 443 番ポートへ外向き通信"),
          findingIds: ["F-outlook-net"],
        },
      ],
      viewpoints: { direction: "low" },
      decidedBy: "analyst:sato (DEC-0001)",
    },
    severity: "low",
    rootCause: KEY.outlookSales,
    hosts: [
      {
        host: x.host,
        addresses: ["10.1.2.37"],
        via: "root-cause",
        active: true,
        processes: 1,
        first: t("2024-05-14T08:30:00.000Z"),
        last: t("2024-05-14T08:30:00.000Z"),
      },
      {
        host: "WS-HR-02",
        addresses: ["10.1.3.12"],
        via: "sha256",
        active: true,
        processes: 1,
        first: t("2024-05-14T10:02:00.000Z"),
        last: t("2024-05-14T10:02:00.000Z"),
      },
    ],
    sharedIndicators: [{ kind: "sha256", value: SHA.outlook, hosts: [x.host, "WS-HR-02"] }],
    processes: [
      fixtureProcess({
        key: KEY.outlookSales,
        host: x.host,
        role: "root-cause",
        pid: 3312,
        user: x.user,
        start: t("2024-05-14T08:29:40.000Z"),
        findings: ["F-outlook-net"],
        ...signed,
      }),
      fixtureProcess({
        key: KEY.outlookHr,
        host: "WS-HR-02",
        role: "member",
        pid: 2204,
        user: "CORP\\suzuki",
        start: t("2024-05-14T10:01:10.000Z"),
        ...signed,
      }),
    ],
    files: [],
    persistence: [],
    destinations: [],
    users: [
      {
        name: x.user,
        hosts: [x.host],
        processKeys: [KEY.outlookSales],
        credentialsAtRisk: false,
        findings: [],
      },
      {
        name: "CORP\\suzuki",
        hosts: ["WS-HR-02"],
        processKeys: [KEY.outlookHr],
        credentialsAtRisk: false,
        findings: [],
      },
    ],
    first: t("2024-05-14T08:30:00.000Z"),
    last: t("2024-05-14T10:02:00.000Z"),
    state: "inactive",
    stateReasons: [],
    stages: [],
    furthestStage: undefined,
    attack: [],
    cutPoints: [],
    findings: ["F-outlook-net"],
    suppressed: [
      {
        findingId: "F-outlook-suppressed",
        decisionId: "DEC-0001",
        reason: "Outlook starting its own helper is normal (sato)",
      },
    ],
  };
}
