/**
 * Generates the bundled example incident in `examples/` with mikiwame's own writers:
 * WS-SALES-07 (user CORP\tanaka) runs a fake invoice `invoice.pdf.exe` from Temp on 2026-03-02
 * ~09:14 UTC; the dropper writes and starts `svcupd.exe`, sets a Run key, and the payload beacons
 * to 203.0.113.45:443 every ~60 s for two hours, runs discovery commands and scans 10.0.5.0/24.
 * Around it: ordinary activity on WS-SALES-07 and WS-SALES-08 (user CORP\suzuki).
 * Input: nothing (fixed times, fixed GUIDs, a seeded PRNG). Output: the same bytes every run —
 * examples/evtx/*.evtx (Sysmon, Security), examples/json/*.jsonl (Winlogbeat ECS, WS-SALES-08),
 * examples/zeek/{conn,dns}.log (a sensor on the core switch). Hashes are synthetic.
 * Run: `npm run build && node dist/scripts/gen-examples.js [outDir]` (default: <repo>/examples).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type EvtxRecordInput, writeEvtx } from "../src/writers/evtx/evtx-writer.js";
import type { LooseFieldValue } from "../src/writers/evtx/field-coercion.js";
import { securityEvent } from "../src/writers/evtx/security-event.js";
import { SYSMON_EVENT_VERSIONS, SYSMON_PROVIDER, sysmonEvent } from "../src/writers/evtx/sysmon-event.js";
import { FILETIME_UNIX_EPOCH } from "../src/writers/evtx/windows-time.js";

// ---- time, randomness, identifiers -----------------------------------------------------------

const DAY_US = Date.UTC(2026, 2, 2) * 1000;
/** "09:14:03.214" on 2026-03-02 → microseconds since the Unix epoch. */
const at = (hms: string): number => {
  const [h, m, s] = hms.split(":");
  return DAY_US + (Number(h) * 3600 + Number(m) * 60) * 1e6 + Math.round(Number(s) * 1e6);
};
const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString();
const utcTime = (us: number) => iso(us).slice(0, 23).replace("T", " ");
const ticks = (us: number) => FILETIME_UNIX_EPOCH + BigInt(us) * 10n;

let seed = 20260302;
/** mulberry32: a small seeded PRNG, so every run gives the same numbers. */
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const digest = (alg: string, s: string) => createHash(alg).update(s).digest("hex").toUpperCase();
const hashes = (file: string) =>
  `MD5=${digest("md5", file)},SHA256=${digest("sha256", file)},IMPHASH=${digest("md5", `imphash:${file}`)}`;

// ---- hosts, files, processes -----------------------------------------------------------------

interface Host {
  readonly name: string;
  readonly ip: string;
  readonly user: string;
  readonly userSid: string;
  readonly logonId: bigint;
  readonly logonGuid: string;
  readonly machine: string;
  pidSeed: number;
  procSeq: number;
  readonly acts: Act[];
}

const DOMAIN_SID = "S-1-5-21-3457937927-2839227994-823803824";
const mkHost = (
  name: string,
  ip: string,
  user: string,
  rid: number,
  logonId: bigint,
  machine: string,
): Host => ({
  name,
  ip,
  user,
  userSid: `${DOMAIN_SID}-${rid}`,
  logonId,
  logonGuid: `{${machine}-5F1A-65E2-0000-0020${logonId.toString(16).padStart(8, "0").toUpperCase()}}`,
  machine,
  pidSeed: 4000,
  procSeq: 0x2a0,
  acts: [],
});
const WS07 = mkHost("WS-SALES-07", "10.0.5.27", "tanaka", 1104, 0x5a3f21n, "8E6A1C2F");
const WS08 = mkHost("WS-SALES-08", "10.0.5.28", "suzuki", 1107, 0x61b0c4n, "3D94B7A0");
const DNS_SERVER = "10.0.0.10";

/** PE version info and signer of an image (no signer = unsigned). */
interface Pe {
  readonly version: string;
  readonly description: string;
  readonly product: string;
  readonly company: string;
  readonly original: string;
  readonly signer?: string;
}
const WINDOWS = "Microsoft® Windows® Operating System";
const MS = "Microsoft Corporation";
const win = (description: string, original: string): Pe => ({
  version: "10.0.19041.3636 (WinBuild.160101.0800)",
  description,
  product: WINDOWS,
  company: MS,
  original,
  signer: "Microsoft Windows",
});
const office = (description: string, original: string): Pe => ({
  version: "16.0.17328.20162",
  description,
  product: "Microsoft Office",
  company: MS,
  original,
  signer: MS,
});
const S32 = "C:\\Windows\\System32\\";
const OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";
const CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
const DROPPER = "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe";
const PAYLOAD = "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe";
const PE: Record<string, Pe> = {
  "C:\\Windows\\explorer.exe": win("Windows Explorer", "EXPLORER.EXE"),
  [`${S32}userinit.exe`]: win("Userinit Logon Application", "USERINIT.EXE"),
  [`${S32}svchost.exe`]: win("Host Process for Windows Services", "svchost.exe"),
  [`${S32}taskhostw.exe`]: win("Host Process for Windows Tasks", "taskhostw.exe"),
  [`${S32}SearchProtocolHost.exe`]: win("Microsoft Windows Search Protocol Host", "SearchProtocolHost.exe"),
  [`${S32}cmd.exe`]: win("Windows Command Processor", "Cmd.Exe"),
  [`${S32}conhost.exe`]: win("Console Window Host", "CONHOST.EXE"),
  [`${S32}whoami.exe`]: win("whoami - displays logged on user information", "whoami.exe"),
  [`${S32}ipconfig.exe`]: win("IP Configuration Utility", "ipconfig.exe"),
  [`${S32}net.exe`]: win("Net Command", "net.exe"),
  [`${S32}wininet.dll`]: win("Internet Extensions for Win32", "wininet.dll"),
  [`${S32}winhttp.dll`]: win("Windows HTTP Services", "winhttp.dll"),
  [`${S32}bcrypt.dll`]: win("Windows Cryptographic Primitives Library", "bcrypt.dll"),
  [CHROME]: {
    version: "122.0.6261.95",
    description: "Google Chrome",
    product: "Google Chrome",
    company: "Google LLC",
    original: "chrome.exe",
    signer: "Google LLC",
  },
  "C:\\Program Files\\Google\\Chrome\\Application\\122.0.6261.95\\chrome.dll": {
    version: "122.0.6261.95",
    description: "Google Chrome",
    product: "Google Chrome",
    company: "Google LLC",
    original: "chrome.dll",
    signer: "Google LLC",
  },
  [`${OFFICE}OUTLOOK.EXE`]: office("Microsoft Outlook", "Outlook.exe"),
  [`${OFFICE}WINWORD.EXE`]: office("Microsoft Word", "WinWord.exe"),
  [`${OFFICE}EXCEL.EXE`]: office("Microsoft Excel", "Excel.exe"),
  [`${OFFICE}wwlib.dll`]: office("Microsoft Word", "wwlib.dll"),
  "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe": {
    version: "24.020.0128.0003",
    description: "Microsoft OneDrive",
    product: "Microsoft OneDrive",
    company: MS,
    original: "OneDrive.exe",
    signer: MS,
  },
  [DROPPER]: {
    version: "24.1.20604.0",
    description: "Adobe Acrobat Reader",
    product: "Adobe Acrobat Reader",
    company: "Adobe Systems Incorporated",
    original: "AcroRd32.exe",
  },
  [PAYLOAD]: {
    version: "10.0.19041.1",
    description: "Host Process for Windows Services",
    product: WINDOWS,
    company: MS,
    original: "svchost.exe",
  },
};
const pe = (image: string): Pe => PE[image] ?? win("-", "-");

interface Proc {
  readonly host: Host;
  readonly pid: number;
  readonly guid: string;
  readonly image: string;
  readonly cmd: string;
  readonly cwd: string;
  readonly parent: Proc | undefined;
  readonly system: boolean;
  readonly integrity: "Medium" | "System";
}

/** A process; `start` adds its creation (Sysmon 1, Security 4688) at that time. */
function proc(
  host: Host,
  image: string,
  cmd: string,
  parent: Proc | undefined,
  start?: number,
  system = false,
): Proc {
  host.pidSeed += between(4, 900);
  const pid = host.pidSeed - (host.pidSeed % 4);
  host.procSeq += 1;
  const t = start ?? at("08:41:00");
  const ts = Math.floor(t / 1e6);
  const guid = `{${host.machine}-${(ts >>> 16).toString(16).toUpperCase().padStart(4, "0")}-${(ts & 0xffff)
    .toString(16)
    .toUpperCase()
    .padStart(
      4,
      "0",
    )}-${host.procSeq.toString(16).toUpperCase().padStart(4, "0")}-0010${pid.toString(16).toUpperCase().padStart(8, "0")}}`;
  const p: Proc = {
    host,
    pid,
    guid,
    image,
    cmd,
    cwd: system ? S32 : `C:\\Users\\${host.user}\\`,
    parent,
    system,
    integrity: system ? "System" : "Medium",
  };
  if (start !== undefined) host.acts.push({ t: start, kind: "start", p });
  return p;
}

const userOf = (p: Proc) => (p.system ? "NT AUTHORITY\\SYSTEM" : `CORP\\${p.host.user}`);

// ---- activities -------------------------------------------------------------------------------

interface Flow {
  readonly dst: string;
  readonly dport: number;
  readonly sport: number;
  /** Zeek view: service, duration (s), bytes, state, history, or undefined if the sensor did not see it */
  readonly zeek?: {
    service: string;
    duration: number;
    orig: number;
    resp: number;
    state: string;
    history: string;
  };
  readonly src?: string;
  readonly inbound?: boolean;
}
type Act =
  | { t: number; kind: "start" | "end"; p: Proc }
  | { t: number; kind: "load"; p: Proc; dll: string }
  | { t: number; kind: "file"; p: Proc; target: string }
  | { t: number; kind: "reg"; p: Proc; key: string; details: string }
  | { t: number; kind: "dns"; p: Proc; query: string; answers: readonly string[]; sport: number }
  | { t: number; kind: "net"; p: Proc; flow: Flow };

/** An activity without its process (Omit spread over the union). */
type ActOf = Act extends infer A ? (A extends Act ? Omit<A, "p"> : never) : never;
const add = (p: Proc, a: ActOf) => p.host.acts.push({ ...a, p } as Act);
const ephemeral = (_h: Host) => between(49700, 64999);

function tls(p: Proc, t: number, dst: string, orig: number, resp: number, duration: number): void {
  const flow: Flow = {
    dst,
    dport: 443,
    sport: ephemeral(p.host),
    zeek: { service: "ssl", duration, orig, resp, state: "SF", history: "ShADadFf" },
  };
  add(p, { t, kind: "net", flow });
}

function resolveName(p: Proc, t: number, query: string, answers: readonly string[]): void {
  add(p, { t, kind: "dns", query, answers, sport: ephemeral(p.host) });
}

function browse(p: Proc, from: number, to: number, sites: readonly [string, string][]): void {
  for (let t = from; t < to; t += between(90, 600) * 1e6 + between(0, 999999)) {
    const [name, ip] = pick(sites);
    resolveName(p, t, name, [ip]);
    tls(p, t + between(20000, 90000), ip, between(900, 4000), between(8000, 900000), between(1, 40) + rnd());
  }
}

// ---- the scenario -------------------------------------------------------------------------------

const SITES: readonly [string, string][] = [
  ["www.google.com", "142.250.196.100"],
  ["outlook.office365.com", "52.97.146.162"],
  ["corp-sales.sharepoint.com", "13.107.136.9"],
  ["www.bing.com", "204.79.197.200"],
  ["news.yahoo.co.jp", "183.79.250.123"],
];

/** The processes of a host that the incident hangs off. */
interface Background {
  readonly explorer: Proc;
  readonly chrome: Proc;
}

/** A user's ordinary morning: logon, Explorer, OneDrive (with its Run key), Chrome, Outlook, a document, services. */
function backgroundHost(
  h: Host,
  logon: number,
  docName: string,
  app: "WINWORD.EXE" | "EXCEL.EXE",
): Background {
  const winlogon = proc(h, `${S32}winlogon.exe`, "winlogon.exe", undefined, undefined, true);
  const services = proc(h, `${S32}services.exe`, `${S32}services.exe`, undefined, undefined, true);
  const svcNetsvcs = proc(
    h,
    `${S32}svchost.exe`,
    `${S32}svchost.exe -k netsvcs -p -s Schedule`,
    services,
    at("08:45:12.118") + between(0, 9e5),
    true,
  );
  const svcWu = proc(
    h,
    `${S32}svchost.exe`,
    `${S32}svchost.exe -k netsvcs -p -s wuauserv`,
    services,
    at("08:46:40.502") + between(0, 9e5),
    true,
  );
  const userinit = proc(h, `${S32}userinit.exe`, `${S32}userinit.exe`, winlogon, logon + 3.1e6);
  const explorer = proc(h, "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", userinit, logon + 3.6e6);
  add(userinit, { t: logon + 34e6, kind: "end" });
  const onedrive = proc(
    h,
    "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe",
    '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background',
    explorer,
    logon + 21e6,
  );
  add(onedrive, {
    t: logon + 23.4e6,
    kind: "reg",
    key: `HKU\\${h.userSid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive`,
    details: '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background',
  });
  add(onedrive, { t: logon + 21.3e6, kind: "load", dll: onedrive.image });
  const chrome = proc(h, CHROME, `"${CHROME}"`, explorer, logon + 110e6);
  add(chrome, { t: logon + 110.4e6, kind: "load", dll: CHROME });
  add(chrome, {
    t: logon + 110.9e6,
    kind: "load",
    dll: "C:\\Program Files\\Google\\Chrome\\Application\\122.0.6261.95\\chrome.dll",
  });
  proc(
    h,
    CHROME,
    `"${CHROME}" --type=renderer --lang=ja --num-raster-threads=4 --renderer-client-id=7`,
    chrome,
    logon + 112e6,
  );
  const outlook = proc(h, `${OFFICE}OUTLOOK.EXE`, `"${OFFICE}OUTLOOK.EXE" `, explorer, logon + 290e6);
  add(outlook, { t: logon + 290.5e6, kind: "load", dll: outlook.image });
  for (let t = logon + 300e6; t < at("11:20:00"); t += between(240, 420) * 1e6) {
    tls(outlook, t, "52.97.146.162", between(1500, 3000), between(2000, 9000), between(1, 3) + rnd());
  }
  browse(chrome, logon + 115e6, at("11:18:00"), SITES);
  for (let t = at("08:55:00"); t < at("11:20:00"); t += between(900, 1500) * 1e6) {
    const task = proc(
      h,
      `${S32}taskhostw.exe`,
      "taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly",
      svcNetsvcs,
      t,
      true,
    );
    add(task, { t: t + between(2, 9) * 1e6, kind: "end" });
  }
  for (let t = at("09:02:00"); t < at("11:20:00"); t += between(1800, 2700) * 1e6) {
    const sph = proc(
      h,
      `${S32}SearchProtocolHost.exe`,
      `"${S32}SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe_S-1-5-21`,
      services,
      t,
      true,
    );
    add(sph, { t: t + between(30, 90) * 1e6, kind: "end" });
  }
  resolveName(svcWu, at("09:20:11.402"), "fe3cr.delivery.mp.microsoft.com", ["20.190.159.4"]);
  tls(svcWu, at("09:20:11.460"), "20.190.159.4", 5321, 48211, 2.41);
  resolveName(svcWu, at("10:20:13.877"), "fe3cr.delivery.mp.microsoft.com", ["20.190.159.4"]);
  tls(svcWu, at("10:20:13.930"), "20.190.159.4", 5290, 47930, 2.12);
  const opened = at("09:31:10.552") + between(0, 6e8);
  const doc = proc(
    h,
    `${OFFICE}${app}`,
    `"${OFFICE}${app}" /n "C:\\Users\\${h.user}\\Documents\\${docName}"`,
    explorer,
    opened,
  );
  add(doc, { t: opened + 91_000, kind: "load", dll: doc.image });
  add(doc, {
    t: opened + 2_310_000,
    kind: "file",
    target: `C:\\Users\\${h.user}\\Documents\\~$${docName.slice(2)}`,
  });
  tls(doc, opened + 3_870_000, "52.109.8.22", 2210, 6154, 0.84);
  return { explorer, chrome };
}

/** PID 4 on WS-SALES-08, which accepts the scan's SMB connection. */
const SYSTEM08: Proc = {
  host: WS08,
  pid: 4,
  guid: `{${WS08.machine}-5F1A-65E2-EB03-000000000000}`,
  image: "System",
  cmd: "",
  cwd: "",
  parent: undefined,
  system: true,
  integrity: "System",
};

/** WS-SALES-07: the user's morning, and the infection from delivery to the internal scan. */
function incident(): void {
  const h = WS07;
  const { explorer, chrome } = backgroundHost(h, at("08:50:18.204"), "Q1_sales_report.docx", "WINWORD.EXE");
  // Delivery: the user downloads invoice.zip and opens the "PDF" inside it.
  add(chrome, { t: at("09:12:47.615"), kind: "file", target: "C:\\Users\\tanaka\\Downloads\\invoice.zip" });
  add(explorer, { t: at("09:13:58.041"), kind: "file", target: DROPPER });
  // Exploitation / installation: the dropper writes and starts the payload, sets a Run key, exits.
  const dropper = proc(h, DROPPER, `"${DROPPER}" `, explorer, at("09:14:03.214"));
  add(dropper, { t: at("09:14:03.309"), kind: "load", dll: DROPPER });
  add(dropper, { t: at("09:14:03.371"), kind: "load", dll: `${S32}wininet.dll` });
  add(dropper, { t: at("09:14:05.127"), kind: "file", target: PAYLOAD });
  const payload = proc(h, PAYLOAD, `"${PAYLOAD}" /silent`, dropper, at("09:14:06.480"));
  add(payload, { t: at("09:14:06.561"), kind: "load", dll: PAYLOAD });
  add(payload, { t: at("09:14:06.603"), kind: "load", dll: `${S32}winhttp.dll` });
  add(payload, { t: at("09:14:06.622"), kind: "load", dll: `${S32}bcrypt.dll` });
  add(dropper, {
    t: at("09:14:07.018"),
    kind: "reg",
    key: `HKU\\${h.userSid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SvcUpdate`,
    details: PAYLOAD,
  });
  add(dropper, { t: at("09:14:08.733"), kind: "end" });
  // Command and control: ~60 s beacons with jitter for two hours; one larger module download.
  const C2 = "203.0.113.45";
  for (const hms of ["09:14:10.155", "09:44:12.431", "10:14:13.902", "10:44:15.276"]) {
    resolveName(payload, at(hms), "cdn-update.example-bad.net", [C2]);
  }
  let n = 0;
  for (let t = at("09:14:12.030"); t < at("11:14:30"); t += 60e6 + between(-3000, 4000) * 1000, n++) {
    const big = n === 1;
    tls(payload, t, C2, between(310, 420), big ? 248_832 : between(170, 260), big ? 3.87 : 0.2 + rnd() * 0.6);
  }
  // Discovery, then a scan of the local /24 on SMB, RDP and WinRM.
  const cmd = proc(
    h,
    `${S32}cmd.exe`,
    `${S32}cmd.exe /c "whoami /all & ipconfig /all & net view"`,
    payload,
    at("10:39:31.007"),
  );
  for (const [img, line, dt] of [
    ["whoami.exe", "whoami  /all", 0.12],
    ["ipconfig.exe", "ipconfig  /all", 0.61],
    ["net.exe", "net  view", 1.05],
  ] as const) {
    const c = proc(h, `${S32}${img}`, line, cmd, at("10:39:31.007") + dt * 1e6);
    add(c, { t: at("10:39:31.007") + (dt + 0.4) * 1e6, kind: "end" });
  }
  add(cmd, { t: at("10:39:33.402"), kind: "end" });
  const up: Record<number, Record<number, string>> = {
    1: { 445: "REJ", 3389: "REJ", 5985: "REJ" },
    10: { 445: "SF", 3389: "SF", 5985: "SF" },
    28: { 445: "SF", 3389: "REJ", 5985: "REJ" },
    31: { 445: "SF", 3389: "REJ", 5985: "REJ" },
    44: { 445: "SF", 3389: "REJ", 5985: "REJ" },
  };
  let t = at("10:41:02.118");
  for (let host = 1; host <= 60; host++) {
    if (host === 27) continue;
    for (const port of [445, 3389, 5985]) {
      t += between(40, 260) * 1000;
      const state = up[host]?.[port] ?? "S0";
      const history = state === "SF" ? "ShAFf" : state === "REJ" ? "Sr" : "S";
      const flow: Flow = {
        dst: `10.0.5.${host}`,
        dport: port,
        sport: ephemeral(h),
        zeek: {
          service: state === "SF" && port === 445 ? "smb" : "",
          duration: state === "S0" ? 0 : 0.001 + rnd() * 0.01,
          orig: 0,
          resp: 0,
          state,
          history,
        },
      };
      add(payload, { t, kind: "net", flow });
      if (host === 28 && port === 445)
        add(SYSTEM08, { t: t + 700, kind: "net", flow: { ...flow, src: h.ip, inbound: true } });
    }
  }
}

// ---- Sysmon / Security fields -----------------------------------------------------------------

const SYSMON_NAMES: Record<number, string> = {
  1: "Process Create (rule: ProcessCreate)",
  3: "Network connection detected (rule: NetworkConnect)",
  5: "Process terminated (rule: ProcessTerminate)",
  7: "Image loaded (rule: ImageLoad)",
  11: "File created (rule: FileCreate)",
  13: "Registry value set (rule: RegistryEvent)",
  22: "Dns query (rule: DnsQuery)",
};

function sysmonFields(a: Act): [number, Record<string, LooseFieldValue>] | undefined {
  const p = a.p;
  const head = {
    RuleName: "-",
    UtcTime: utcTime(a.t),
    ProcessGuid: p.guid,
    ProcessId: p.pid,
    Image: p.image,
  };
  switch (a.kind) {
    case "start": {
      const m = pe(p.image);
      const parent = p.parent;
      return [
        1,
        {
          ...head,
          FileVersion: m.version,
          Description: m.description,
          Product: m.product,
          Company: m.company,
          OriginalFileName: m.original,
          CommandLine: p.cmd,
          CurrentDirectory: p.cwd,
          User: userOf(p),
          LogonGuid: p.system ? `{${p.host.machine}-5F1A-65E2-0000-0020E7030000}` : p.host.logonGuid,
          LogonId: p.system ? 0x3e7n : p.host.logonId,
          TerminalSessionId: p.system ? 0 : 1,
          IntegrityLevel: p.integrity,
          Hashes: hashes(p.image),
          ParentProcessGuid: parent?.guid ?? "{00000000-0000-0000-0000-000000000000}",
          ParentProcessId: parent?.pid ?? 0,
          ParentImage: parent?.image ?? "-",
          ParentCommandLine: parent?.cmd ?? "-",
          ParentUser: parent ? userOf(parent) : "-",
        },
      ];
    }
    case "end":
      return [5, { ...head, User: userOf(p) }];
    case "load": {
      const m = pe(a.dll);
      return [
        7,
        {
          ...head,
          ImageLoaded: a.dll,
          FileVersion: m.version,
          Description: m.description,
          Product: m.product,
          Company: m.company,
          OriginalFileName: m.original,
          Hashes: hashes(a.dll),
          Signed: m.signer ? "true" : "false",
          Signature: m.signer ?? "-",
          SignatureStatus: m.signer ? "Valid" : "Unavailable",
          User: userOf(p),
        },
      ];
    }
    case "file":
      return [11, { ...head, TargetFilename: a.target, CreationUtcTime: utcTime(a.t), User: userOf(p) }];
    case "reg":
      return [
        13,
        {
          RuleName: "-",
          EventType: "SetValue",
          UtcTime: utcTime(a.t),
          ProcessGuid: p.guid,
          ProcessId: p.pid,
          Image: p.image,
          TargetObject: a.key,
          Details: a.details,
          User: userOf(p),
        },
      ];
    case "dns":
      return [
        22,
        {
          ...head,
          QueryName: a.query,
          QueryStatus: "0",
          QueryResults: a.answers.map((x) => `::ffff:${x};`).join(""),
          Image: p.image,
          User: userOf(p),
        },
      ];
    case "net": {
      const f = a.flow;
      const inbound = f.inbound === true;
      return [
        3,
        {
          ...head,
          User: userOf(p),
          Protocol: "tcp",
          Initiated: !inbound,
          SourceIsIpv6: false,
          SourceIp: inbound ? f.src! : p.host.ip,
          SourceHostname: inbound ? "WS-SALES-07.corp.example" : `${p.host.name}.corp.example`,
          SourcePort: f.sport,
          SourcePortName: "-",
          DestinationIsIpv6: false,
          DestinationIp: inbound ? p.host.ip : f.dst,
          DestinationHostname: "-",
          DestinationPort: f.dport,
          DestinationPortName:
            { 443: "https", 445: "microsoft-ds", 3389: "ms-wbt-server", 5985: "-" }[f.dport] ?? "-",
        },
      ];
    }
  }
}

function security4688(p: Proc): Record<string, LooseFieldValue> {
  const h = p.host;
  return {
    SubjectUserSid: p.system ? "S-1-5-18" : h.userSid,
    SubjectUserName: p.system ? `${h.name}$` : h.user,
    SubjectDomainName: "CORP",
    SubjectLogonId: p.system ? 0x3e7n : h.logonId,
    NewProcessId: p.pid,
    NewProcessName: p.image,
    TokenElevationType: "%%1936",
    ProcessId: p.parent?.pid ?? 0,
    CommandLine: p.cmd,
    TargetUserSid: "S-1-0-0",
    TargetUserName: "-",
    TargetDomainName: "-",
    TargetLogonId: 0n,
    ParentProcessName: p.parent?.image ?? "",
    MandatoryLabel: p.system ? "S-1-16-16384" : "S-1-16-8192",
  };
}

function logon4624(
  h: Host,
  type: number,
  user: string,
  sid: string,
  logonId: bigint,
  auth: string,
  ip: string,
  proc: string,
) {
  return {
    SubjectUserSid: "S-1-5-18",
    SubjectUserName: `${h.name}$`,
    SubjectDomainName: "CORP",
    SubjectLogonId: 0x3e7n,
    TargetUserSid: sid,
    TargetUserName: user,
    TargetDomainName: type === 5 ? "NT AUTHORITY" : "CORP",
    TargetLogonId: logonId,
    LogonType: type,
    LogonProcessName: type === 2 ? "User32 " : type === 5 ? "Advapi  " : "Kerberos",
    AuthenticationPackageName: auth,
    WorkstationName: type === 3 ? "-" : h.name,
    LogonGuid:
      type === 3 ? "{7C4E1A52-9D2B-4F3A-8E61-0B5C2D9A1F44}" : "{00000000-0000-0000-0000-000000000000}",
    TransmittedServices: "-",
    LmPackageName: "-",
    KeyLength: 0,
    ProcessId: type === 3 ? 0 : 0x2c4,
    ProcessName: proc,
    IpAddress: ip,
    IpPort: type === 2 ? "0" : "-",
    ImpersonationLevel: "%%1833",
    RestrictedAdminMode: "-",
    TargetOutboundUserName: "-",
    TargetOutboundDomainName: "-",
    VirtualAccount: "%%1843",
    TargetLinkedLogonId: 0n,
    ElevatedToken: type === 2 ? "%%1843" : "%%1842",
  };
}

// ---- writers -----------------------------------------------------------------------------------

/** The host's activities in log order, each with its log time (a little after the event). */
function logged(h: Host): { a: Act; logT: number }[] {
  return h.acts
    .map((a) => ({ a, logT: a.t + between(80, 2600) }))
    .sort((x, y) => x.logT - y.logT || x.a.t - y.a.t);
}

function sysmonRecords(h: Host): EvtxRecordInput[] {
  const out: EvtxRecordInput[] = [];
  for (const { a, logT } of logged(h)) {
    const f = sysmonFields(a);
    if (f)
      out.push(sysmonEvent(f[0], ticks(logT), f[1], { computer: h.name, processId: 3016, threadId: 4124 }));
  }
  return out;
}

/** Security log: four logons (service, tanaka's interactive logon, an inventory scanner) and a 4688 per process start. */
function securityRecords(h: Host): EvtxRecordInput[] {
  const inventory = `${DOMAIN_SID}-1215`;
  const logons: [string, number, string, string, bigint, string, string, string][] = [
    ["08:45:09.871", 5, "SYSTEM", "S-1-5-18", 0x3e7n, "Negotiate", "-", `${S32}services.exe`],
    ["08:50:18.102", 2, h.user, h.userSid, h.logonId, "Negotiate", "127.0.0.1", `${S32}svchost.exe`],
    ["10:05:44.630", 3, "svc_inventory", inventory, 0x6c2e11n, "Kerberos", "10.0.0.20", "-"],
    ["10:05:46.118", 3, "svc_inventory", inventory, 0x6c2e5an, "Kerberos", "10.0.0.20", "-"],
  ];
  const items: [number, number, Record<string, LooseFieldValue>][] = logons.map(([hms, ...l]) => [
    at(hms),
    4624,
    logon4624(h, ...l),
  ]);
  for (const a of h.acts) if (a.kind === "start") items.push([a.t + 150, 4688, security4688(a.p)]);
  return items
    .sort((x, y) => x[0] - y[0])
    .map(([t, id, fields]) => securityEvent(id, ticks(t), fields, { computer: h.name }));
}

const wire = (v: LooseFieldValue): string =>
  typeof v === "bigint"
    ? `0x${v.toString(16)}`
    : typeof v === "object"
      ? String((v as { value?: unknown }).value)
      : String(v);

function ecsLines(h: Host): string[] {
  let recordId = 48211;
  return logged(h).flatMap(({ a, logT }) => {
    const f = sysmonFields(a);
    if (!f) return [];
    const [id, fields] = f;
    recordId++;
    const doc = {
      "@timestamp": iso(logT),
      agent: { type: "winlogbeat", version: "8.12.2", name: h.name },
      ecs: { version: "8.0.0" },
      event: {
        code: String(id),
        kind: "event",
        provider: SYSMON_PROVIDER.name,
        action: SYSMON_NAMES[id],
        created: iso(logT + between(400, 1900) * 1000),
      },
      host: {
        name: h.name.toLowerCase(),
        hostname: h.name,
        ip: [h.ip],
        os: { family: "windows", name: "Windows 10 Pro", build: "19045.4046" },
      },
      log: { level: "information" },
      winlog: {
        api: "wineventlog",
        channel: SYSMON_PROVIDER.channel,
        computer_name: `${h.name}.corp.example`,
        event_id: String(id),
        provider_name: SYSMON_PROVIDER.name,
        provider_guid: SYSMON_PROVIDER.guid.toLowerCase(),
        record_id: String(recordId),
        version: SYSMON_EVENT_VERSIONS[id],
        task: SYSMON_NAMES[id],
        opcode: "Info",
        process: { pid: 3016, thread: { id: 4124 } },
        user: { identifier: "S-1-5-18", name: "SYSTEM", domain: "NT AUTHORITY", type: "User" },
        event_data: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, wire(v)])),
      },
    };
    return [JSON.stringify(doc)];
  });
}

function zeekLogs(): { conn: string; dns: string } {
  const head = (path: string, fields: string[], types: string[]) =>
    [
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      `#path\t${path}`,
      "#open\t2026-03-02-08-45-00",
      `#fields\t${fields.join("\t")}`,
      `#types\t${types.join("\t")}`,
    ].join("\n");
  let uidSeed = 0;
  const uid = () =>
    `C${digest("sha1", `uid:${uidSeed++}`)
      .slice(0, 17)
      .replace(/[0-9]/g, (d) => "kLmNpQrStU"[Number(d)]!)}`;
  const rows: { t: number; conn: string; dns?: string }[] = [];
  const zt = (us: number) => (us / 1e6).toFixed(6);
  for (const h of [WS07, WS08]) {
    for (const a of h.acts) {
      if (a.kind === "dns") {
        const id = uid();
        const tid = between(1, 65535);
        const rtt = (0.0008 + rnd() * 0.02).toFixed(6);
        const common = `${zt(a.t)}\t${id}\t${h.ip}\t${a.sport}\t${DNS_SERVER}\t53\tudp`;
        rows.push({
          t: a.t,
          conn: `${common}\tdns\t${rtt}\t${30 + a.query.length}\t${46 + a.query.length + 16 * a.answers.length}\tSF\tT\tT\t0\tDd\t1\t${58 + a.query.length}\t1\t${74 + a.query.length + 16 * a.answers.length}\t-`,
          dns: `${common}\t${tid}\t${rtt}\t${a.query}\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t${a.answers.join(",")}\t${a.answers.map(() => "300.000000").join(",")}\tF`,
        });
      } else if (a.kind === "net" && a.flow.zeek && a.flow.inbound !== true) {
        const f = a.flow;
        const z = f.zeek!;
        const local = f.dst.startsWith("10.") ? "T" : "F";
        const pk = (b: number) => Math.max(1, Math.ceil(b / 1200) + 2);
        const s0 = z.state === "S0";
        const op = s0 || z.state === "REJ" ? 1 : pk(z.orig);
        const rp = z.state === "S0" ? 0 : z.state === "REJ" ? 1 : pk(z.resp);
        rows.push({
          t: a.t,
          conn: `${zt(a.t)}\t${uid()}\t${h.ip}\t${f.sport}\t${f.dst}\t${f.dport}\ttcp\t${z.service || "-"}\t${
            s0 ? "-\t-\t-" : `${z.duration.toFixed(6)}\t${z.orig}\t${z.resp}`
          }\t${z.state}\tT\t${local}\t0\t${z.history}\t${op}\t${op * 52 + z.orig}\t${rp}\t${rp * 40 + z.resp}\t-`,
        });
      }
    }
  }
  rows.sort((x, y) => x.t - y.t);
  const connFields =
    "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents";
  const connTypes =
    "time string addr port addr port enum string interval count count string bool bool count string count count count count set[string]";
  const dnsFields =
    "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected";
  const dnsTypes =
    "time string addr port addr port enum count interval string count string count string count string bool bool bool bool count vector[string] vector[interval] bool";
  const close = "#close\t2026-03-02-11-20-00\n";
  return {
    conn: `${head("conn", connFields.split(" "), connTypes.split(" "))}\n${rows.map((r) => r.conn).join("\n")}\n${close}`,
    dns: `${head("dns", dnsFields.split(" "), dnsTypes.split(" "))}\n${rows.flatMap((r) => (r.dns ? [r.dns] : [])).join("\n")}\n${close}`,
  };
}

// ---- main ---------------------------------------------------------------------------------------

/** The repository root: the nearest folder above this script with a package.json, else the working directory. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) if (existsSync(join(dir, "package.json"))) return dir;
  return process.cwd();
}

function main(): void {
  const out = resolve(process.argv[2] ?? join(repoRoot(), "examples"));
  incident();
  backgroundHost(WS08, at("08:52:41.770"), "Q1_pipeline.xlsx", "EXCEL.EXE");
  for (const d of ["evtx", "json", "zeek"]) mkdirSync(join(out, d), { recursive: true });
  const files: [string, Buffer | string, number][] = [];
  const sysmon = sysmonRecords(WS07);
  const security = securityRecords(WS07);
  const ecs = ecsLines(WS08);
  const zeek = zeekLogs();
  files.push(["evtx/WS-SALES-07_Sysmon.evtx", writeEvtx(sysmon, { dirty: true }), sysmon.length]);
  files.push([
    "evtx/WS-SALES-07_Security.evtx",
    writeEvtx(security, { firstRecordId: 88120, dirty: true }),
    security.length,
  ]);
  files.push(["json/WS-SALES-08_sysmon.jsonl", `${ecs.join("\n")}\n`, ecs.length]);
  files.push([
    "zeek/conn.log",
    zeek.conn,
    zeek.conn.split("\n").filter((l) => l && !l.startsWith("#")).length,
  ]);
  files.push(["zeek/dns.log", zeek.dns, zeek.dns.split("\n").filter((l) => l && !l.startsWith("#")).length]);
  for (const [name, data, n] of files) {
    writeFileSync(join(out, name), data);
    console.log(`${name}\t${n} records\t${Buffer.byteLength(data)} bytes`);
  }
  const kinds = new Map<string, number>();
  for (const a of WS07.acts) {
    const f = sysmonFields(a);
    if (f) kinds.set(`WS-SALES-07 Sysmon ${f[0]}`, (kinds.get(`WS-SALES-07 Sysmon ${f[0]}`) ?? 0) + 1);
  }
  for (const a of WS08.acts) {
    const f = sysmonFields(a);
    if (f) kinds.set(`WS-SALES-08 Sysmon ${f[0]}`, (kinds.get(`WS-SALES-08 Sysmon ${f[0]}`) ?? 0) + 1);
  }
  for (const [k, v] of [...kinds].sort()) console.log(`${k}\t${v}`);
}

main();
