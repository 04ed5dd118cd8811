/**
 * Sysmon events (Microsoft-Windows-Sysmon/Operational) for tests and examples. Input: event id,
 * time, the EventData fields as plain values. Output: a `windowsEvent` record with Sysmon's
 * provider name/GUID, channel, task (= event id), level 4, keywords 0x8000000000000000,
 * UserID S-1-5-18, the event version Sysmon 15 writes, and the field types of Sysmon's manifest
 * (GUIDs as Guid, process ids UInt32, ports UInt16, LogonId HexInt64, GrantedAccess HexInt32,
 * Initiated/…IsIpv6 Bool, everything else String).
 */
import type { EvtxRecordInput } from "./evtx-writer.js";
import { coerceFields, type HelperFieldType, type LooseFieldValue } from "./field-coercion.js";
import { type EventEncoding, type WindowsEventInput, windowsEvent } from "./windows-event.js";
import type { WindowsTime } from "./windows-time.js";

/** Sysmon's provider and channel. */
export const SYSMON_PROVIDER = {
  name: "Microsoft-Windows-Sysmon",
  guid: "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
  channel: "Microsoft-Windows-Sysmon/Operational",
} as const;

/** Event versions written by Sysmon 15 (others: 2). */
export const SYSMON_EVENT_VERSIONS: Readonly<Record<number, number>> = {
  1: 5,
  2: 5,
  3: 5,
  4: 3,
  5: 3,
  6: 4,
  7: 3,
  8: 2,
  9: 2,
  10: 3,
  11: 2,
  12: 2,
  13: 2,
  14: 2,
  15: 2,
  16: 3,
  22: 5,
  23: 5,
  26: 5,
};

/** Non-string field types in Sysmon's manifest. */
export const SYSMON_FIELD_TYPES: Readonly<Record<string, HelperFieldType>> = {
  ProcessGuid: "Guid",
  ParentProcessGuid: "Guid",
  LogonGuid: "Guid",
  SourceProcessGuid: "Guid",
  TargetProcessGuid: "Guid",
  SourceProcessGUID: "Guid",
  TargetProcessGUID: "Guid",
  ProcessId: "UInt32",
  ParentProcessId: "UInt32",
  TerminalSessionId: "UInt32",
  SourceProcessId: "UInt32",
  TargetProcessId: "UInt32",
  SourceThreadId: "UInt32",
  NewThreadId: "UInt32",
  LogonId: "HexInt64",
  GrantedAccess: "HexInt32",
  Initiated: "Bool",
  SourceIsIpv6: "Bool",
  DestinationIsIpv6: "Bool",
  SourcePort: "UInt16",
  DestinationPort: "UInt16",
};

/** Record-level options of the helpers. */
export interface HelperEventOptions {
  /** Default "DESKTOP-MIKIWAME" */
  readonly computer?: string;
  /** Execution/@ProcessID (the logging service's process) */
  readonly processId?: number;
  readonly threadId?: number;
  readonly recordId?: bigint | number;
  readonly version?: number;
  readonly encoding?: EventEncoding;
  readonly writtenTime?: WindowsTime;
}

/** The `WindowsEventInput` of a Sysmon event (for `windowsEvent` or `expectedWindowsEvent`). */
export function sysmonEventInput(
  eventId: number,
  time: WindowsTime,
  fields: Readonly<Record<string, LooseFieldValue>>,
  options: HelperEventOptions = {},
): WindowsEventInput {
  return {
    providerName: SYSMON_PROVIDER.name,
    providerGuid: SYSMON_PROVIDER.guid,
    eventId,
    version: options.version ?? SYSMON_EVENT_VERSIONS[eventId] ?? 2,
    level: 4,
    task: eventId,
    opcode: 0,
    keywords: 0x8000000000000000n,
    timeCreated: time,
    processId: options.processId ?? 3016,
    threadId: options.threadId ?? 4124,
    channel: SYSMON_PROVIDER.channel,
    computer: options.computer ?? "DESKTOP-MIKIWAME",
    userId: "S-1-5-18",
    eventData: coerceFields(fields, SYSMON_FIELD_TYPES),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.recordId !== undefined ? { recordId: options.recordId } : {}),
    ...(options.writtenTime !== undefined ? { writtenTime: options.writtenTime } : {}),
  };
}

/** A Sysmon event record. */
export function sysmonEvent(
  eventId: number,
  time: WindowsTime,
  fields: Readonly<Record<string, LooseFieldValue>>,
  options: HelperEventOptions = {},
): EvtxRecordInput {
  return windowsEvent(sysmonEventInput(eventId, time, fields, options));
}
