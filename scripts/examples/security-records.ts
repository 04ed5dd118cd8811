/**
 * The Security log of a host as EVTX record inputs: logons (4624) and process creations (4688).
 * Input: a host with its activities. Output: `EvtxRecordInput`s in time order, for `writeEvtx`.
 */
import type { EvtxRecordInput } from "../../src/writers/evtx/evtx-writer.js";
import type { LooseFieldValue } from "../../src/writers/evtx/field-coercion.js";
import { securityEvent } from "../../src/writers/evtx/security-event.js";
import { at, ticks } from "./clock.js";
import { DOMAIN_SID, type Host } from "./hosts.js";
import { S32 } from "./pe-images.js";
import type { Proc } from "./processes.js";

/** 4688 (a new process has been created) for process `p`. */
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

/** 4624 (an account was successfully logged on) of `user` on host `h` with logon type `type`. */
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

/** Security log: four logons (service, tanaka's interactive logon, an inventory scanner) and a 4688 per process start. */
export function securityRecords(h: Host): EvtxRecordInput[] {
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
