/**
 * The malicious incident of the examples scenario (test support): the dropper invoice.pdf.exe in
 * tanaka's Temp folder on WS-SALES-07 wrote and started svcupd.exe (Run key SvcUpdate), which beacons
 * to 203.0.113.45:443 (cdn-update.example-bad.net), ran discovery commands and scanned 10.0.5.0/24;
 * still active. Hashes are synthetic (SHA256 of the path, as scripts/examples does).
 */
import type { Incident } from "../incidents/incident.js";
import { destination, fixtureTime, proc } from "./incident-fixture-parts.js";

/** The dropper's path on WS-SALES-07. */
export const DROPPER_PATH = "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe";
/** The payload's path on WS-SALES-07. */
export const PAYLOAD_PATH = "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe";
/** Synthetic SHA256 of the dropper (upper case, as Sysmon writes it). */
export const DROPPER_SHA256 = "0F63E39B65047D941CCBA968D68F83A8CE59C3D73562AF19666620B0760B92E8";
/** Synthetic SHA256 of the payload. */
export const PAYLOAD_SHA256 = "01574BAFB9DF4967A03864D65E6C6A9A010B80E479708C8110BD76FF53A4BD36";
/** The Run value the dropper set. */
export const RUN_KEY =
  "HKU\\S-1-5-21-3457937927-2839227994-823803824-1104\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SvcUpdate";
/** The C&C address and domain of the example. */
export const C2_ADDRESS = "203.0.113.45";
export const C2_DOMAIN = "cdn-update.example-bad.net";

const K_EXPLORER = "{8E6A1C2F-5F1A-65E2-A402-000000000300}";
const K_DROPPER = "{8E6A1C2F-5F1A-65E2-C302-000000000300}";
const K_PAYLOAD = "{8E6A1C2F-5F1A-65E2-C602-000000000300}";
const K_CMD = "{8E6A1C2F-5F1A-65E2-F702-000000000300}";

const F_DOUBLE_EXT = "process.double-extension|WS-SALES-07|invoice.pdf.exe";
const F_TEMP_PATH = "process.suspicious-path|WS-SALES-07|invoice.pdf.exe";
const F_DROPPER = "process.executable-dropped|WS-SALES-07|svcupd.exe";
const F_UNSIGNED_VENDOR = "process.unsigned-vendor-name|WS-SALES-07|svcupd.exe";
const F_RUN_KEY = "process.autorun-registry|WS-SALES-07|SvcUpdate";
const F_BEACON = "network.beacon|WS-SALES-07|203.0.113.45:443";
const F_SCAN = "network.port-scan|WS-SALES-07|10.0.5.0/24";
const F_LATERAL = "network.internal-connection|WS-SALES-07|10.0.5.28:445";
const F_DISCOVERY = "sigma:discovery-commands|WS-SALES-07|cmd.exe";
const F_RUNNING = "state.still-running|WS-SALES-07|svcupd.exe";

/** The malicious incident of the examples scenario, still active. */
export const EXAMPLE_MALICIOUS_INCIDENT: Incident = {
  id: "INC-3f9a1c2b7d",
  title: {
    en: "invoice.pdf.exe on WS-SALES-07 dropped svcupd.exe, which beacons to 203.0.113.45",
    ja: "WS-SALES-07 の invoice.pdf.exe が svcupd.exe を作成し、svcupd.exe が 203.0.113.45 と定期通信",
  },
  verdict: {
    verdict: "malicious",
    confidence: 0.97,
    score: 0.99,
    decisive: undefined,
    reasons: [
      {
        viewpoint: "process",
        direction: "against",
        weight: 0.85,
        text: {
          en: "an executable (invoice.pdf.exe) wrote and started another executable (svcupd.exe): a dropper",
          ja: "実行ファイル invoice.pdf.exe が別の実行ファイル svcupd.exe を作成して起動しました（ドロッパー）",
        },
        findingIds: [F_DROPPER],
      },
      {
        viewpoint: "frequency",
        direction: "against",
        weight: 0.77,
        text: {
          en: "regular connections every ~60 s to 203.0.113.45:443 for two hours (beaconing)",
          ja: "203.0.113.45:443 への約 60 秒間隔の定期通信が 2 時間続いています（ビーコン）",
        },
        findingIds: [F_BEACON],
      },
      {
        viewpoint: "port",
        direction: "against",
        weight: 0.6,
        text: {
          en: "scan of 10.0.5.0/24 on ports 445, 3389 and 5985 (177 attempts in 26 s)",
          ja: "10.0.5.0/24 のポート 445、3389、5985 へのスキャン（26 秒で 177 回）",
        },
        findingIds: [F_SCAN],
      },
    ],
    viewpoints: { process: "critical", frequency: "high", port: "high", state: "medium" },
    decidedBy: undefined,
  },
  severity: "critical",
  rootCause: K_DROPPER,
  hosts: [
    {
      host: "WS-SALES-07",
      addresses: ["10.0.5.27"],
      via: "root-cause",
      active: true,
      processes: 3,
      first: fixtureTime("09:14:03.214"),
      last: fixtureTime("11:14:06.512"),
    },
  ],
  sharedIndicators: [],
  processes: [
    proc({
      key: K_EXPLORER,
      host: "WS-SALES-07",
      role: "launcher",
      image: "C:\\Windows\\explorer.exe",
      pid: 3312,
      user: "CORP\\tanaka",
      signer: "Microsoft Windows",
      signature: "valid",
      state: "running",
      start: fixtureTime("08:50:21.733"),
    }),
    proc({
      key: K_DROPPER,
      host: "WS-SALES-07",
      role: "root-cause",
      image: DROPPER_PATH,
      pid: 4112,
      commandLine: `"${DROPPER_PATH}" `,
      user: "CORP\\tanaka",
      parentKey: K_EXPLORER,
      parentImage: "C:\\Windows\\explorer.exe",
      sha256: DROPPER_SHA256,
      md5: "8DD80284E9E35833E7E9FC7CBEDADE0A",
      signature: "unsigned",
      state: "terminated",
      start: fixtureTime("09:14:03.214"),
      end: fixtureTime("09:14:08.733"),
      verdict: "malicious",
      confidence: 0.95,
      severity: "critical",
      findings: [F_DROPPER, F_DOUBLE_EXT, F_TEMP_PATH, F_RUN_KEY],
    }),
    proc({
      key: K_PAYLOAD,
      host: "WS-SALES-07",
      role: "payload",
      image: PAYLOAD_PATH,
      pid: 4188,
      commandLine: `"${PAYLOAD_PATH}" /silent`,
      user: "CORP\\tanaka",
      parentKey: K_DROPPER,
      parentImage: DROPPER_PATH,
      droppedByKey: K_DROPPER,
      sha256: PAYLOAD_SHA256,
      md5: "309F17C39AD6623A0370FFA670F5B5CB",
      signature: "unsigned",
      state: "running",
      start: fixtureTime("09:14:06.480"),
      verdict: "malicious",
      confidence: 0.97,
      severity: "critical",
      findings: [F_BEACON, F_UNSIGNED_VENDOR, F_SCAN, F_LATERAL, F_RUNNING],
    }),
    proc({
      key: K_CMD,
      host: "WS-SALES-07",
      role: "member",
      image: "C:\\Windows\\System32\\cmd.exe",
      pid: 5020,
      commandLine: 'C:\\Windows\\System32\\cmd.exe /c "whoami /all & ipconfig /all & net view"',
      user: "CORP\\tanaka",
      parentKey: K_PAYLOAD,
      parentImage: PAYLOAD_PATH,
      sha256: "2B40C2D6E1E2F0A6D08E9D0F1B3C7A5E4D6C8B0A9F1E3D5C7B9A1E3F5D7C9B1A",
      signer: "Microsoft Windows",
      signature: "valid",
      state: "terminated",
      start: fixtureTime("10:39:31.007"),
      end: fixtureTime("10:39:33.402"),
      verdict: "malicious",
      confidence: 0.8,
      severity: "medium",
      findings: [F_DISCOVERY],
    }),
  ],
  files: [
    {
      host: "WS-SALES-07",
      path: DROPPER_PATH,
      sha256: DROPPER_SHA256,
      role: "dropper",
      writtenBy: K_EXPLORER,
      executedBy: [K_DROPPER],
      time: fixtureTime("09:13:58.041"),
      evidence: undefined,
    },
    {
      host: "WS-SALES-07",
      path: PAYLOAD_PATH,
      sha256: PAYLOAD_SHA256,
      role: "payload",
      writtenBy: K_DROPPER,
      executedBy: [K_PAYLOAD],
      time: fixtureTime("09:14:05.127"),
      evidence: undefined,
    },
  ],
  persistence: [
    {
      host: "WS-SALES-07",
      kind: "run-key",
      target: RUN_KEY,
      value: PAYLOAD_PATH,
      processKey: K_DROPPER,
      time: fixtureTime("09:14:07.018"),
      evidence: undefined,
      findings: [F_RUN_KEY],
    },
  ],
  destinations: [
    destination({
      hosts: ["WS-SALES-07"],
      processKeys: [K_PAYLOAD],
      address: C2_ADDRESS,
      domain: C2_DOMAIN,
      port: 443,
      role: "c2",
      external: true,
      connections: 119,
      bytes: 318_420,
      first: fixtureTime("09:14:12.030"),
      last: fixtureTime("11:14:06.512"),
      active: true,
      findings: [F_BEACON],
    }),
    destination({
      hosts: ["WS-SALES-07"],
      processKeys: [K_PAYLOAD],
      address: "10.0.5.28",
      port: 445,
      role: "lateral",
      external: false,
      first: fixtureTime("10:41:13.204"),
      last: fixtureTime("10:41:13.204"),
      findings: [F_LATERAL],
    }),
    destination({
      hosts: ["WS-SALES-07"],
      processKeys: [K_PAYLOAD],
      address: "10.0.5.10",
      port: 445,
      role: "lateral",
      external: false,
      first: fixtureTime("10:41:04.870"),
      last: fixtureTime("10:41:04.870"),
      findings: [F_LATERAL],
    }),
    destination({
      hosts: ["WS-SALES-07"],
      processKeys: [K_PAYLOAD],
      address: "10.0.5.1",
      port: 445,
      role: "scanned",
      external: false,
      first: fixtureTime("10:41:02.301"),
      last: fixtureTime("10:41:02.301"),
      findings: [F_SCAN],
    }),
  ],
  users: [
    {
      name: "CORP\\tanaka",
      hosts: ["WS-SALES-07"],
      processKeys: [K_DROPPER, K_PAYLOAD, K_CMD],
      credentialsAtRisk: false,
      findings: [F_DOUBLE_EXT],
    },
  ],
  first: fixtureTime("09:14:03.214"),
  last: fixtureTime("11:14:06.512"),
  state: "active",
  stateReasons: [
    { en: "svcupd.exe still running", ja: "svcupd.exe がまだ動いています" },
    {
      en: "beacon to 203.0.113.45 until the end of the data",
      ja: "データの終わりまで 203.0.113.45 へのビーコンが続いています",
    },
  ],
  stages: [
    { stage: "reconnaissance", status: "reached", first: fixtureTime("10:39:31.007"), evidence: [] },
    { stage: "delivery", status: "reached", first: fixtureTime("09:13:58.041"), evidence: [] },
    { stage: "exploitation", status: "reached", first: fixtureTime("09:14:03.214"), evidence: [] },
    { stage: "installation", status: "reached", first: fixtureTime("09:14:05.127"), evidence: [] },
    { stage: "command_and_control", status: "reached", first: fixtureTime("09:14:12.030"), evidence: [] },
    { stage: "lateral_movement", status: "attempted", first: fixtureTime("10:41:02.118"), evidence: [] },
  ],
  furthestStage: "command_and_control",
  attack: ["T1036.007", "T1046", "T1071.001", "T1547.001"],
  cutPoints: [
    {
      stage: "lateral_movement",
      text: {
        en: "isolate WS-SALES-07 before lateral movement succeeds",
        ja: "横展開が成功する前に WS-SALES-07 を隔離する",
      },
    },
  ],
  findings: [
    F_DROPPER,
    F_BEACON,
    F_DOUBLE_EXT,
    F_UNSIGNED_VENDOR,
    F_RUN_KEY,
    F_SCAN,
    F_TEMP_PATH,
    F_LATERAL,
    F_DISCOVERY,
    F_RUNNING,
  ],
  suppressed: [],
};
