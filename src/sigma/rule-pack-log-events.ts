/**
 * Builders of the events the rule pack's log-rule test cases use (Security, System, Application, Defender,
 * firewall, BITS, OpenSSH, PowerShell, Sysmon, RdpCoreTS, WinRM …), made the way src/normalize makes them
 * (EventData names, logsource from the channel), and the case types. The cases are in
 * rule-pack-log-cases-security.ts, -sysmon.ts and -other.ts; rule-pack-log-cases.ts joins them.
 */
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";

/** One sample: why it should (or should not) hit, and the event. */
export type LogSample = readonly [why: string, event: Event];
export interface LogRuleCase {
  readonly id: string;
  readonly hits: readonly LogSample[];
  readonly misses: readonly LogSample[];
}

export const SECURITY = "Security";
export const DEFENDER = "Microsoft-Windows-Windows Defender/Operational";
export const CLASSIC = "Windows PowerShell";
export const SSH = "OpenSSH/Operational";
export const SYSMON = "Microsoft-Windows-Sysmon/Operational";
export const RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
let recordId = 1000;

/** A Windows event of `channel` as the normalizer makes it. */
export function ev(
  channel: string,
  provider: string,
  eventId: number,
  service: string,
  category: string | undefined,
  data: Fields,
): Event {
  const id = ++recordId;
  const fields: Fields = {
    EventID: eventId,
    Channel: channel,
    Provider_Name: provider,
    Computer: "dc01.contoso.local",
    EventRecordID: id,
    ...data,
  };
  return {
    kind: "windows",
    time: { iso: "2026-11-25T09:00:00.0000000Z", ms: Date.UTC(2026, 10, 25, 9) },
    host: "dc01.contoso.local",
    identity: { provider, channel, eventId, recordId: id },
    logsource: {
      product: "windows",
      service,
      ...(category !== undefined && { category, categories: [category] }),
    },
    fields,
    provenance: { file: "rule-pack-log-cases", format: "evtx", recordId: id },
  };
}

/** A Security event. */
export const sec = (eventId: number, data: Fields): Event =>
  ev(SECURITY, "Microsoft-Windows-Security-Auditing", eventId, "security", undefined, data);
export const sys7045 = (data: Fields): Event =>
  ev("System", "Service Control Manager", 7045, "system", undefined, { ServiceName: "x", ...data });
export const app = (eventId: number, data: string): Event =>
  ev("Application", "MSSQLSERVER", eventId, "application", undefined, { Data: data });
export const ps4104 = (text: string): Event =>
  ev(
    "Microsoft-Windows-PowerShell/Operational",
    "Microsoft-Windows-PowerShell",
    4104,
    "powershell",
    "ps_script",
    {
      ScriptBlockText: text,
    },
  );
export const fw = (data: Fields): Event =>
  ev(
    "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall",
    "Microsoft-Windows-Windows Firewall With Advanced Security",
    2004,
    "firewall-as",
    undefined,
    { RuleName: "r", ...data },
  );
export const bits = (url: string): Event =>
  ev(
    "Microsoft-Windows-Bits-Client/Operational",
    "Microsoft-Windows-Bits-Client",
    59,
    "bits-client",
    undefined,
    {
      name: "job",
      url,
    },
  );
export const sysmon = (eventId: number, category: string, data: Fields): Event =>
  ev(SYSMON, "Microsoft-Windows-Sysmon", eventId, "sysmon", category, {
    RuleName: "-",
    ProcessId: 4242,
    ...data,
  });
export const file = (image: string, target: string): Event =>
  sysmon(11, "file_event", { Image: image, TargetFilename: target });
export const reg = (target: string, details: string): Event =>
  sysmon(13, "registry_event", {
    EventType: "SetValue",
    Image: "C:\\Windows\\System32\\reg.exe",
    TargetObject: target,
    Details: details,
  });
export const pipe = (name: string): Event =>
  sysmon(17, "pipe_created", { EventType: "CreatePipe", Image: "C:\\Windows\\svc.exe", PipeName: name });

export const WINSOCK = "Microsoft-Windows-Winsock-WS2HELP/Operational";
/** A Security 4688 as the normalizer makes it (process_creation category, Sysmon field names). */
export const proc4688 = (data: Fields): Event =>
  ev(SECURITY, "Microsoft-Windows-Security-Auditing", 4688, "security", "process_creation", data);
export const rdp = (eventId: number, data: Fields): Event =>
  ev(
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS",
    eventId,
    "rdpcorets",
    undefined,
    data,
  );

/** A classic Windows PowerShell 800 event whose pipeline details hold `text`. */
export function ps800(text: string): Event {
  return ev(CLASSIC, "PowerShell", 800, "powershell-classic", "ps_classic_script", {
    Data: [text, "HostName=ConsoleHost"],
  });
}

/** A PowerShell module-logging 4103 event with `payload`. */
export function ps4103(payload: string): Event {
  return ev(
    "Microsoft-Windows-PowerShell/Operational",
    "Microsoft-Windows-PowerShell",
    4103,
    "powershell",
    "ps_module",
    {
      Payload: payload,
    },
  );
}

/** A WinRM Operational 91 (shell created) event. */
export function winrm91(data: Fields): Event {
  return ev("Microsoft-Windows-WinRM/Operational", "Microsoft-Windows-WinRM", 91, "winrm", undefined, data);
}

/** A Sysmon 3 TCP connection. */
export function sysmonNet(data: Fields): Event {
  return ev(SYSMON, "Microsoft-Windows-Sysmon", 3, "sysmon", "network_connection", {
    RuleName: "-",
    ProcessId: 4,
    Protocol: "tcp",
    SourceIp: "10.0.0.5",
    DestinationIp: "10.0.0.6",
    DestinationPort: 49158,
    ...data,
  });
}

/** A Sysmon 3 SMB connection from System to `ip`. */
export function smbTo(ip: string): Event {
  return sysmonNet({ Image: "System", Initiated: true, DestinationIp: ip, DestinationPort: 445 });
}

/** An RdpCoreTS 131 (connection accepted) from `clientIp` (address:port, as logged). */
export function rdpAccepted(clientIp: string): Event {
  return ev(
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS",
    131,
    "rdpcorets",
    undefined,
    { ConnType: "TCP", ClientIP: clientIp },
  );
}

/** A TerminalServices-RemoteConnectionManager 1149 (RDP user authenticated) on `computer` from `source`. */
export function rcm1149(computer: string, source: string): Event {
  return ev(
    RCM,
    "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
    1149,
    "terminalservices-remoteconnectionmanager",
    undefined,
    { Computer: computer, Param1: "admin", Param2: "CONTOSO", Param3: source },
  );
}
