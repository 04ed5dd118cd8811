/**
 * What a decoder should produce for a record written with `windowsEvent`: the decoded System
 * section, the EventData/UserData fields and the record header's written time, in the shapes of
 * `src/readers/record.ts` (`EvtxSystem`, `Fields`). Input: the `WindowsEventInput` and the record
 * id it was written with. Used by the fixtures and by tests that read written files back.
 */
import type { FieldScalar, FieldValue, Fields } from "../../events/field-value.js";
import type { EvtxSystem } from "../../readers/record.js";
import { expectedValue, renderedText } from "./expected-value.js";
import { normalizeGuid } from "./guid.js";
import { normalizeSid } from "./sid.js";
import { eventDataFields, toValue, type FieldInput, type WindowsEventInput } from "./windows-event.js";
import { normalizeWindowsTime } from "./windows-time.js";

/** The decoded form of one record. */
export interface ExpectedRecord {
  /** The record header's id (number when ≤ 2^53) */
  readonly recordId: number | bigint;
  /** The record header's written time, ISO-8601 with 7 fractional digits */
  readonly writtenTime: string;
  readonly system: EvtxSystem;
  readonly section: "EventData" | "UserData" | "none";
  readonly data: Fields;
}

function id(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** A field as decoded: typed for template encodings, text for "plain" (no types in plain XML). */
function decoded(v: FieldInput, plain: boolean): FieldValue {
  const e = expectedValue(toValue(v));
  if (e === undefined) throw new TypeError("a BinXml field has no decoded scalar value");
  if (!plain || e === null) return e;
  return Array.isArray(e) ? e.map((x) => renderedText(x as FieldScalar)) : renderedText(e as FieldScalar);
}

/** The System section a decoder should give for `input` written as record `recordId`. */
export function expectedSystem(input: WindowsEventInput, recordId: bigint): EvtxSystem {
  const s: EvtxSystem = {
    providerName: input.providerName,
    eventId: input.eventId,
    recordId: id(recordId),
    channel: input.channel,
    computer: input.computer,
    timeCreated: normalizeWindowsTime(input.timeCreated),
  };
  if (input.providerGuid !== undefined) s.providerGuid = normalizeGuid(input.providerGuid);
  if (input.eventSourceName !== undefined) s.eventSourceName = input.eventSourceName;
  if (input.qualifiers !== undefined) s.qualifiers = input.qualifiers;
  if (input.version !== undefined) s.version = input.version;
  if (input.level !== undefined) s.level = input.level;
  if (input.task !== undefined) s.task = input.task;
  if (input.opcode !== undefined) s.opcode = input.opcode;
  if (input.keywords !== undefined) s.keywords = `0x${input.keywords.toString(16)}`;
  if (input.activityId !== undefined) s.activityId = normalizeGuid(input.activityId);
  if (input.relatedActivityId !== undefined) s.relatedActivityId = normalizeGuid(input.relatedActivityId);
  if (input.processId !== undefined) s.processId = input.processId;
  if (input.threadId !== undefined) s.threadId = input.threadId;
  if (input.userId !== undefined) s.userId = normalizeSid(input.userId);
  return s;
}

/**
 * The decoded record for `input` written as `recordId`. EventData: named `<Data>` by name,
 * unnamed ones collected as an array under `Data`; UserData: leaf elements by name.
 */
export function expectedWindowsEvent(input: WindowsEventInput, recordId: bigint): ExpectedRecord {
  const plain = input.encoding === "plain";
  const data: Fields = {};
  let section: ExpectedRecord["section"] = "none";
  if (input.userData) {
    section = "UserData";
    for (const [k, v] of Object.entries(input.userData.fields)) data[k] = decoded(v, plain);
  } else if (input.eventData !== undefined) {
    section = "EventData";
    const unnamed: FieldValue[] = [];
    for (const f of eventDataFields(input)) {
      if (f.name === undefined) unnamed.push(decoded(f.value, plain));
      else data[f.name] = decoded(f.value, plain);
    }
    if (unnamed.length > 0) data["Data"] = unnamed;
  }
  return {
    recordId: id(recordId),
    writtenTime: normalizeWindowsTime(input.writtenTime ?? input.timeCreated),
    system: expectedSystem(input, recordId),
    section,
    data,
  };
}
