/**
 * A suspicious incident (test support): an unsigned synchelper.exe on WS-FIN-03 read LSASS memory
 * (CORP\sato's credentials at risk), called 198.51.100.23:8443 (c2), downloaded from 192.0.2.80 and
 * set a scheduled task; no longer running.
 */
import type { Incident } from "../incidents/incident.js";
import { destination, fixtureTime, proc } from "./incident-fixture-parts.js";

const K_SYNC = "{5C21D0E4-5F1A-65E2-1103-000000000400}";
const SYNC = "C:\\ProgramData\\SyncHelper\\synchelper.exe";
const SYNC_SHA256 = "06A1AD61ED854AF3CEBCDE0E43025461C594AFE7374BC83CF1D224D2B4E3B829";
const F_LSASS = "sigma:lsass-memory-access|WS-FIN-03|synchelper.exe";
const F_SYNC_PATH = "process.suspicious-path|WS-FIN-03|synchelper.exe";
const F_SYNC_TASK = "process.scheduled-task|WS-FIN-03|SyncHelper Update";
const F_SYNC_C2 = "reputation.suspicious|WS-FIN-03|198.51.100.23";

/** The suspicious incident: credentials at risk, no longer active. */
export const EXAMPLE_SUSPICIOUS_INCIDENT: Incident = {
  id: "INC-c47e02a6f1",
  title: {
    en: "unsigned synchelper.exe on WS-FIN-03 read LSASS memory and called 198.51.100.23",
    ja: "WS-FIN-03 の署名のない synchelper.exe が LSASS のメモリを読み取り、198.51.100.23 と通信",
  },
  verdict: {
    verdict: "suspicious",
    confidence: 0.62,
    score: 0.66,
    decisive: undefined,
    reasons: [
      {
        viewpoint: "process",
        direction: "against",
        weight: 0.6,
        text: {
          en: "read the memory of lsass.exe (credential theft)",
          ja: "lsass.exe のメモリを読み取りました（認証情報の窃取）",
        },
        findingIds: [F_LSASS],
      },
      {
        viewpoint: "reputation",
        direction: "against",
        weight: 0.35,
        text: {
          en: "198.51.100.23 is on a suspicious-address list",
          ja: "198.51.100.23 は要注意アドレスのリストに載っています",
        },
        findingIds: [F_SYNC_C2],
      },
    ],
    viewpoints: { process: "high", reputation: "medium" },
    decidedBy: undefined,
  },
  severity: "high",
  rootCause: K_SYNC,
  hosts: [
    {
      host: "WS-FIN-03",
      addresses: ["10.0.7.15"],
      via: "root-cause",
      active: false,
      processes: 1,
      first: fixtureTime("13:02:11.500"),
      last: fixtureTime("13:20:45.100"),
    },
  ],
  sharedIndicators: [],
  processes: [
    proc({
      key: K_SYNC,
      host: "WS-FIN-03",
      role: "root-cause",
      image: SYNC,
      pid: 7720,
      commandLine: `"${SYNC}" --sync`,
      user: "CORP\\sato",
      sha256: SYNC_SHA256,
      signature: "unsigned",
      state: "terminated",
      start: fixtureTime("13:02:11.500"),
      end: fixtureTime("13:20:45.100"),
      verdict: "suspicious",
      confidence: 0.62,
      severity: "high",
      findings: [F_LSASS, F_SYNC_PATH, F_SYNC_TASK, F_SYNC_C2],
    }),
  ],
  files: [
    {
      host: "WS-FIN-03",
      path: "C:\\ProgramData\\SyncHelper\\cache.dat",
      sha256: undefined,
      role: "written",
      writtenBy: K_SYNC,
      executedBy: [],
      time: fixtureTime("13:05:40.000"),
      evidence: undefined,
    },
  ],
  persistence: [
    {
      host: "WS-FIN-03",
      kind: "scheduled-task",
      target: "\\SyncHelper Update",
      value: `${SYNC} --sync`,
      processKey: K_SYNC,
      time: fixtureTime("13:02:14.900"),
      evidence: undefined,
      findings: [F_SYNC_TASK],
    },
  ],
  destinations: [
    destination({
      address: "198.51.100.23",
      port: 8443,
      role: "c2",
      external: true,
      hosts: ["WS-FIN-03"],
      processKeys: [K_SYNC],
      connections: 12,
      first: fixtureTime("13:03:00.000"),
      last: fixtureTime("13:20:30.000"),
      active: false,
      findings: [F_SYNC_C2],
    }),
    destination({
      address: "192.0.2.80",
      domain: "files.example-share.test",
      port: 80,
      role: "download",
      external: true,
      hosts: ["WS-FIN-03"],
      processKeys: [K_SYNC],
      connections: 1,
      bytes: 1_204_224,
      first: fixtureTime("13:02:20.000"),
      last: fixtureTime("13:02:24.000"),
    }),
  ],
  users: [
    {
      name: "CORP\\sato",
      hosts: ["WS-FIN-03"],
      processKeys: [K_SYNC],
      credentialsAtRisk: true,
      findings: [F_LSASS],
    },
  ],
  first: fixtureTime("13:02:11.500"),
  last: fixtureTime("13:20:45.100"),
  state: "inactive",
  stateReasons: [
    { en: "synchelper.exe exited at 13:20:45", ja: "synchelper.exe は 13:20:45 に終了しました" },
  ],
  stages: [
    { stage: "installation", status: "reached", first: fixtureTime("13:02:14.900"), evidence: [] },
    { stage: "command_and_control", status: "reached", first: fixtureTime("13:03:00.000"), evidence: [] },
    { stage: "lateral_movement", status: "attempted", first: fixtureTime("13:10:00.000"), evidence: [] },
  ],
  furthestStage: "command_and_control",
  attack: ["T1003.001", "T1053.005", "T1071.001"],
  cutPoints: [],
  findings: [F_LSASS, F_SYNC_C2, F_SYNC_PATH, F_SYNC_TASK],
  suppressed: [],
};
