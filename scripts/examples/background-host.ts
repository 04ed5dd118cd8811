/**
 * A user's ordinary morning on a workstation — the benign activity the incident hides in.
 * Input: a host, its logon time, a document name and the Office app that opens it. Output: the host's
 * processes and activities (added to `host.acts`); returns the processes the incident hangs off.
 */
import { add, browse, resolveName, tls } from "./activities.js";
import { at } from "./clock.js";
import type { Host } from "./hosts.js";
import { CHROME, OFFICE, S32 } from "./pe-images.js";
import { type Proc, proc } from "./processes.js";
import { between, rnd } from "./seeded-random.js";

/** Sites the users browse: host name and address. */
const SITES: readonly [string, string][] = [
  ["www.google.com", "142.250.196.100"],
  ["outlook.office365.com", "52.97.146.162"],
  ["corp-sales.sharepoint.com", "13.107.136.9"],
  ["www.bing.com", "204.79.197.200"],
  ["news.yahoo.co.jp", "183.79.250.123"],
];

/** The processes of a host that the incident hangs off. */
export interface Background {
  readonly explorer: Proc;
  readonly chrome: Proc;
}

/** A user's ordinary morning: logon, Explorer, OneDrive (with its Run key), Chrome, Outlook, a document, services. */
export function backgroundHost(
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
