/**
 * Security-auditing events (channel Security) for tests and examples. Input: event id, time, the
 * EventData fields as plain values. Output: a `windowsEvent` record with the
 * Microsoft-Windows-Security-Auditing provider, the task/version Windows 10 writes for the
 * event, level 0, keywords audit success (0x8020000000000000) or failure (0x8010000000000000),
 * no UserID, and the manifest's field types (…Sid and MandatoryLabel as Sid, …LogonId as
 * HexInt64, ProcessId/NewProcessId as SizeT rendered `0x…`, LogonType/KeyLength UInt32,
 * LogonGuid Guid, everything else String).
 */
import type { EvtxRecordInput } from "./evtx-writer.js";
import { coerceFields, type HelperFieldType, type LooseFieldValue } from "./field-coercion.js";
import type { HelperEventOptions } from "./sysmon-event.js";
import { type WindowsEventInput, windowsEvent } from "./windows-event.js";
import type { WindowsTime } from "./windows-time.js";

/** The Security-Auditing provider and channel. */
export const SECURITY_PROVIDER = {
  name: "Microsoft-Windows-Security-Auditing",
  guid: "{54849625-5478-4994-A5BA-3E3B0328C30D}",
  channel: "Security",
} as const;

export const AUDIT_SUCCESS = 0x8020000000000000n;
export const AUDIT_FAILURE = 0x8010000000000000n;

/** Task category and event version by event id (others: task 0, version 0). */
export const SECURITY_EVENTS: Readonly<Record<number, { readonly task: number; readonly version: number }>> =
  {
    4624: { task: 12544, version: 2 },
    4625: { task: 12544, version: 0 },
    4634: { task: 12545, version: 0 },
    4647: { task: 12545, version: 0 },
    4648: { task: 12544, version: 0 },
    4672: { task: 12548, version: 0 },
    4688: { task: 13312, version: 2 },
    4689: { task: 13313, version: 0 },
    4697: { task: 12289, version: 0 },
    4698: { task: 12804, version: 0 },
    4720: { task: 13824, version: 0 },
    5140: { task: 12808, version: 1 },
    5145: { task: 12811, version: 0 },
  };

/** Event ids logged as audit failures. */
const FAILURE_EVENTS: ReadonlySet<number> = new Set([4625]);

/** Non-string field types in the Security-Auditing manifest. */
export const SECURITY_FIELD_TYPES: Readonly<Record<string, HelperFieldType>> = {
  SubjectUserSid: "Sid",
  TargetUserSid: "Sid",
  MandatoryLabel: "Sid",
  SubjectLogonId: "HexInt64",
  TargetLogonId: "HexInt64",
  TargetLinkedLogonId: "HexInt64",
  ProcessId: "SizeT",
  NewProcessId: "SizeT",
  LogonType: "UInt32",
  KeyLength: "UInt32",
  LogonGuid: "Guid",
};

/** The `WindowsEventInput` of a Security event. */
export function securityEventInput(
  eventId: number,
  time: WindowsTime,
  fields: Readonly<Record<string, LooseFieldValue>>,
  options: HelperEventOptions = {},
): WindowsEventInput {
  const meta = SECURITY_EVENTS[eventId] ?? { task: 0, version: 0 };
  return {
    providerName: SECURITY_PROVIDER.name,
    providerGuid: SECURITY_PROVIDER.guid,
    eventId,
    version: options.version ?? meta.version,
    level: 0,
    task: meta.task,
    opcode: 0,
    keywords: FAILURE_EVENTS.has(eventId) ? AUDIT_FAILURE : AUDIT_SUCCESS,
    timeCreated: time,
    processId: options.processId ?? 684,
    threadId: options.threadId ?? 752,
    channel: SECURITY_PROVIDER.channel,
    computer: options.computer ?? "DESKTOP-MIKIWAME",
    eventData: coerceFields(fields, SECURITY_FIELD_TYPES),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.recordId !== undefined ? { recordId: options.recordId } : {}),
    ...(options.writtenTime !== undefined ? { writtenTime: options.writtenTime } : {}),
  };
}

/** A Security event record. */
export function securityEvent(
  eventId: number,
  time: WindowsTime,
  fields: Readonly<Record<string, LooseFieldValue>>,
  options: HelperEventOptions = {},
): EvtxRecordInput {
  return windowsEvent(securityEventInput(eventId, time, fields, options));
}
