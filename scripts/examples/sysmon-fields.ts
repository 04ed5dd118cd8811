/**
 * Sysmon event data for one activity of the example incident, shared by the EVTX Sysmon log and the
 * Winlogbeat ECS lines. Input: an `Act`. Output: the Sysmon event ID (1, 3, 5, 7, 11, 13, 22) and its
 * EventData fields, or undefined for an activity Sysmon does not log.
 */
import type { LooseFieldValue } from "../../src/writers/evtx/field-coercion.js";
import type { Act } from "./activities.js";
import { utcTime } from "./clock.js";
import { pe } from "./pe-images.js";
import { userOf } from "./processes.js";
import { hashes } from "./synthetic-hashes.js";

/** Sysmon's task name per event ID (Winlogbeat's `event.action` / `winlog.task`). */
export const SYSMON_NAMES: Record<number, string> = {
  1: "Process Create (rule: ProcessCreate)",
  3: "Network connection detected (rule: NetworkConnect)",
  5: "Process terminated (rule: ProcessTerminate)",
  7: "Image loaded (rule: ImageLoad)",
  11: "File created (rule: FileCreate)",
  13: "Registry value set (rule: RegistryEvent)",
  22: "Dns query (rule: DnsQuery)",
};

/** The Sysmon event ID and EventData fields of activity `a` (undefined if Sysmon does not log it). */
export function sysmonFields(a: Act): [number, Record<string, LooseFieldValue>] | undefined {
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
