/**
 * The benign incident of the examples scenario (test support): OUTLOOK.EXE polling Exchange Online on
 * WS-SALES-07 and WS-SALES-08 — an over-detection. Its destination is even flagged c2, to prove that
 * a benign incident never gets a block or any other destructive action.
 */
import type { Incident } from "../incidents/incident.js";
import { destination, fixtureTime, proc } from "./incident-fixture-parts.js";

const K_OUTLOOK7 = "{8E6A1C2F-5F1A-65E2-B102-000000000300}";
const K_OUTLOOK8 = "{3D94B7A0-5F1A-65E2-B402-000000000300}";
const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
const OUTLOOK_SHA256 = "D25566003433C51441C6E3C14EF3881FFB63A3D54985E661295960B277858FDD";
const F_OUTLOOK_BEACON7 = "network.beacon|WS-SALES-07|52.97.146.162:443";
const F_OUTLOOK_BEACON8 = "network.beacon|WS-SALES-08|52.97.146.162:443";

/** The benign incident: OUTLOOK.EXE polling Exchange Online on two hosts (an over-detection). */
export const EXAMPLE_BENIGN_INCIDENT: Incident = {
  id: "INC-8b20e4d915",
  title: {
    en: "OUTLOOK.EXE polling 52.97.146.162 on 2 hosts (over-detection)",
    ja: "2 台のホストで OUTLOOK.EXE が 52.97.146.162 に定期接続（過検知）",
  },
  verdict: {
    verdict: "benign",
    confidence: 0.95,
    score: 0.12,
    decisive: "benign-profile",
    reasons: [
      {
        viewpoint: "process",
        direction: "for",
        weight: 0.5,
        text: {
          en: "validly signed by Microsoft Corporation, a trusted publisher",
          ja: "信頼できる発行元 Microsoft Corporation の有効な署名があります",
        },
        findingIds: [],
      },
      {
        viewpoint: "history",
        direction: "for",
        weight: 0.3,
        text: { en: "seen on 2 of 2 hosts", ja: "2 台中 2 台のホストで見られます" },
        findingIds: [],
      },
      {
        viewpoint: "frequency",
        direction: "against",
        weight: 0.24,
        text: {
          en: "regular connections to 52.97.146.162:443",
          ja: "52.97.146.162:443 への定期的な接続",
        },
        findingIds: [F_OUTLOOK_BEACON7, F_OUTLOOK_BEACON8],
      },
      {
        viewpoint: "process",
        direction: "for",
        weight: 0.2,
        text: {
          en: "runs from its normal install folder",
          ja: "通常のインストール先フォルダーから実行されています",
        },
        findingIds: [],
      },
    ],
    viewpoints: { frequency: "medium" },
    decidedBy: undefined,
  },
  severity: "low",
  rootCause: K_OUTLOOK7,
  hosts: [
    {
      host: "WS-SALES-07",
      addresses: ["10.0.5.27"],
      via: "root-cause",
      active: true,
      processes: 1,
      first: fixtureTime("08:55:08.204"),
      last: fixtureTime("11:19:41.000"),
    },
    {
      host: "WS-SALES-08.corp.example",
      addresses: ["10.0.5.28"],
      via: "destination",
      active: true,
      processes: 1,
      first: fixtureTime("08:57:12.880"),
      last: fixtureTime("11:18:02.000"),
    },
  ],
  sharedIndicators: [
    { kind: "destination", value: "52.97.146.162:443", hosts: ["WS-SALES-07", "WS-SALES-08.corp.example"] },
  ],
  processes: [
    proc({
      key: K_OUTLOOK7,
      host: "WS-SALES-07",
      role: "root-cause",
      image: OUTLOOK,
      pid: 6204,
      user: "CORP\\tanaka",
      sha256: OUTLOOK_SHA256,
      signer: "Microsoft Corporation",
      signature: "valid",
      state: "running",
      start: fixtureTime("08:55:08.204"),
      verdict: "benign",
      confidence: 0.95,
      severity: "medium",
      findings: [F_OUTLOOK_BEACON7],
    }),
    proc({
      key: K_OUTLOOK8,
      host: "WS-SALES-08.corp.example",
      role: "member",
      image: OUTLOOK,
      pid: 5880,
      user: "CORP\\suzuki",
      sha256: OUTLOOK_SHA256,
      signer: "Microsoft Corporation",
      signature: "valid",
      state: "running",
      start: fixtureTime("08:57:12.880"),
      verdict: "benign",
      confidence: 0.95,
      severity: "medium",
      findings: [F_OUTLOOK_BEACON8],
    }),
  ],
  files: [],
  persistence: [],
  destinations: [
    destination({
      address: "52.97.146.162",
      domain: "outlook.office365.com",
      port: 443,
      role: "c2",
      external: true,
      hosts: ["WS-SALES-07", "WS-SALES-08.corp.example"],
      processKeys: [K_OUTLOOK7, K_OUTLOOK8],
      connections: 64,
      active: true,
      first: fixtureTime("08:55:10.001"),
      last: fixtureTime("11:19:41.000"),
      findings: [F_OUTLOOK_BEACON7, F_OUTLOOK_BEACON8],
    }),
  ],
  users: [
    {
      name: "CORP\\tanaka",
      hosts: ["WS-SALES-07"],
      processKeys: [K_OUTLOOK7],
      credentialsAtRisk: false,
      findings: [],
    },
    {
      name: "CORP\\suzuki",
      hosts: ["WS-SALES-08.corp.example"],
      processKeys: [K_OUTLOOK8],
      credentialsAtRisk: false,
      findings: [],
    },
  ],
  first: fixtureTime("08:55:08.204"),
  last: fixtureTime("11:19:41.000"),
  state: "active",
  stateReasons: [{ en: "OUTLOOK.EXE still running", ja: "OUTLOOK.EXE がまだ動いています" }],
  stages: [],
  furthestStage: undefined,
  attack: [],
  cutPoints: [],
  findings: [F_OUTLOOK_BEACON7, F_OUTLOOK_BEACON8],
  suppressed: [],
};
