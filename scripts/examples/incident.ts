/**
 * The incident on WS-SALES-07: delivery of invoice.pdf.exe, installation of svcupd.exe with a Run
 * key, ~60 s C2 beacons to 203.0.113.45:443 for two hours, discovery commands and a scan of
 * 10.0.5.0/24 on SMB/RDP/WinRM (one SMB connection accepted by WS-SALES-08). Input: nothing.
 * Output: the processes and activities of WS-SALES-07 (and the scan's inbound leg on WS-SALES-08).
 */
import { add, ephemeral, type Flow, resolveName, tls } from "./activities.js";
import { backgroundHost } from "./background-host.js";
import { at } from "./clock.js";
import { WS07, WS08 } from "./hosts.js";
import { DROPPER, PAYLOAD, S32 } from "./pe-images.js";
import { type Proc, proc } from "./processes.js";
import { between, rnd } from "./seeded-random.js";

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
export function incident(): void {
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
