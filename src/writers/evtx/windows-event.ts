/**
 * The standard Windows `<Event>` record, built the way Windows builds it. Input: the System
 * fields, and EventData `<Data Name="…">` values or a UserData subtree. Output: an
 * `EvtxRecordInput` for the writer.
 *
 * Layout (as in Windows-written Sysmon/Security logs): one outer template
 * `<Event xmlns=…><System>…</System>%payload</Event>` whose System values are optional
 * substitutions — 0 Level, 1 Opcode, 2 Task, 3 EventID, 4 Qualifiers, 5 Keywords (HexInt64),
 * 6 TimeCreated/@SystemTime (FileTime), 7 Correlation/@ActivityID, 8 Execution/@ProcessID,
 * 9 Execution/@ThreadID, 10 EventRecordID, 11 Version, 12 Security/@UserID (Sid),
 * 13 Correlation/@RelatedActivityID, 14 Provider/@Name, 15 Provider/@Guid, 16 Channel,
 * [17 Provider/@EventSourceName when the event has one] — with Computer as literal text, so a
 * template is per computer as in Windows. Absent fields get Null values (readers omit them).
 * The payload is, by `encoding`:
 * - "binxml" (Windows' own way, the default): an optional BinXml (0x21) substitution holding a
 *   nested template instance `<EventData><Data Name="X">%0</Data>…</EventData>` (or UserData);
 * - "inline": the EventData/UserData elements inside the outer template, after the System values;
 * - "plain": no template at all, the whole event as a literal element tree.
 * The same layout (computer, provider attributes, field names and types) gives the same
 * template GUID, so the writer reuses one definition per chunk.
 */
import {
  type ContentNode,
  type ElementNode,
  element,
  optionalSub,
  type SubstitutionNode,
  sub,
  type TemplateDefinition,
  type TemplateInstanceNode,
  templateInstance,
  text,
} from "./binxml-node.js";
import type { FieldScalar } from "../../events/field-value.js";
import type { EvtxRecordInput } from "./evtx-writer.js";
import { expectedValue, renderedText } from "./expected-value.js";
import { guidFromSeed } from "./guid.js";
import type { EvtxValue, ValueType } from "./value-types.js";
import type { WindowsTime } from "./windows-time.js";

/** The XML namespace of `<Event>`. */
export const EVENT_NAMESPACE = "http://schemas.microsoft.com/win/2004/08/events/event";

/** How the EventData/UserData part is stored. */
export const EVENT_ENCODINGS = ["binxml", "inline", "plain"] as const;
export type EventEncoding = (typeof EVENT_ENCODINGS)[number];

/** A field value: a typed value, or a string (written as String). */
export type FieldInput = EvtxValue | string;

/** One `<Data>` entry; without a name it is written as `<Data>value</Data>`. */
export interface EventDataField {
  readonly name?: string;
  readonly value: FieldInput;
}

/** `<UserData><name xmlns="…"><field>value</field>…</name></UserData>`. */
export interface UserDataInput {
  readonly name: string;
  readonly xmlns?: string;
  readonly fields: Readonly<Record<string, FieldInput>>;
}

/** Everything in one Windows event. Optional System fields left undefined are omitted. */
export interface WindowsEventInput {
  readonly providerName: string;
  readonly providerGuid?: string;
  readonly eventSourceName?: string;
  readonly eventId: number;
  readonly qualifiers?: number;
  readonly version?: number;
  readonly level?: number;
  readonly task?: number;
  readonly opcode?: number;
  readonly keywords?: bigint;
  readonly timeCreated: WindowsTime;
  readonly activityId?: string;
  readonly relatedActivityId?: string;
  readonly processId?: number;
  readonly threadId?: number;
  readonly channel: string;
  readonly computer: string;
  /** Security/@UserID, a SID string */
  readonly userId?: string;
  /** `<EventData>`: a record (insertion order kept) or a list (allows unnamed `<Data>`) */
  readonly eventData?: Readonly<Record<string, FieldInput>> | readonly EventDataField[];
  /** `<UserData>` instead of EventData */
  readonly userData?: UserDataInput;
  /** Default "binxml" */
  readonly encoding?: EventEncoding;
  /** Default: assigned by the writer */
  readonly recordId?: bigint | number;
  /** The record header's written time; default `timeCreated` */
  readonly writtenTime?: WindowsTime;
}

const NULL: EvtxValue = { type: "Null" };
const SYSTEM_VALUES = 17;
const ESN_INDEX = 17;

/** Normalizes a field input into a typed value. */
export function toValue(v: FieldInput): EvtxValue {
  return typeof v === "string" ? { type: "String", value: v } : v;
}

/** The EventData fields as a list. */
export function eventDataFields(input: WindowsEventInput): readonly EventDataField[] {
  const d = input.eventData;
  if (d === undefined) return [];
  if (Array.isArray(d)) return d as readonly EventDataField[];
  return Object.entries(d as Readonly<Record<string, FieldInput>>).map(([name, value]) => ({ name, value }));
}

interface Slot {
  readonly name?: string;
  readonly value: EvtxValue;
}

function declared(v: EvtxValue): { type: ValueType; array: boolean } {
  if (v.type === "Null") return { type: "String", array: false };
  return { type: v.type, array: "array" in v && v.array === true };
}

function slotSub(index: number, v: EvtxValue): ContentNode {
  const d = declared(v);
  return sub(index, d.type, d.array);
}

/** The payload element (EventData or UserData) with substitutions from `first`, and its values. */
function payloadTree(
  input: WindowsEventInput,
  first: number,
): { tree: ElementNode; values: EvtxValue[] } | undefined {
  if (input.userData) {
    const u = input.userData;
    const slots: Slot[] = Object.entries(u.fields).map(([name, v]) => ({ name, value: toValue(v) }));
    const inner = element(
      u.name,
      u.xmlns ? { xmlns: u.xmlns } : {},
      slots.map((s, i) => element(s.name!, {}, [slotSub(first + i, s.value)])),
    );
    return { tree: element("UserData", {}, [inner]), values: slots.map((s) => s.value) };
  }
  const fields = eventDataFields(input);
  if (input.eventData === undefined) return undefined;
  const values = fields.map((f) => toValue(f.value));
  const children = fields.map((f, i) =>
    element("Data", f.name === undefined ? {} : { Name: f.name }, [slotSub(first + i, values[i]!)]),
  );
  return { tree: element("EventData", {}, children), values };
}

function systemTree(input: WindowsEventInput): ElementNode {
  const provider: Record<string, SubstitutionNode> = {
    Name: optionalSub(14, "String"),
    Guid: optionalSub(15, "Guid"),
  };
  if (input.eventSourceName !== undefined) provider["EventSourceName"] = optionalSub(ESN_INDEX, "String");
  return element("System", {}, [
    element("Provider", provider),
    element("EventID", { Qualifiers: optionalSub(4, "UInt16") }, [optionalSub(3, "UInt16")]),
    element("Version", {}, [optionalSub(11, "UInt8")]),
    element("Level", {}, [optionalSub(0, "UInt8")]),
    element("Task", {}, [optionalSub(2, "UInt16")]),
    element("Opcode", {}, [optionalSub(1, "UInt8")]),
    element("Keywords", {}, [optionalSub(5, "HexInt64")]),
    element("TimeCreated", { SystemTime: optionalSub(6, "FileTime") }),
    element("EventRecordID", {}, [optionalSub(10, "UInt64")]),
    element("Correlation", {
      ActivityID: optionalSub(7, "Guid"),
      RelatedActivityID: optionalSub(13, "Guid"),
    }),
    element("Execution", { ProcessID: optionalSub(8, "UInt32"), ThreadID: optionalSub(9, "UInt32") }),
    element("Channel", {}, [optionalSub(16, "String")]),
    element("Computer", {}, input.computer),
    element("Security", { UserID: optionalSub(12, "Sid") }),
  ]);
}

function opt<T>(v: T | undefined, f: (x: T) => EvtxValue): EvtxValue {
  return v === undefined ? NULL : f(v);
}

function systemValues(input: WindowsEventInput, recordId: bigint): EvtxValue[] {
  const v: EvtxValue[] = [
    opt(input.level, (x) => ({ type: "UInt8", value: x })),
    opt(input.opcode, (x) => ({ type: "UInt8", value: x })),
    opt(input.task, (x) => ({ type: "UInt16", value: x })),
    { type: "UInt16", value: input.eventId },
    opt(input.qualifiers, (x) => ({ type: "UInt16", value: x })),
    opt(input.keywords, (x) => ({ type: "HexInt64", value: x })),
    { type: "FileTime", value: input.timeCreated },
    opt(input.activityId, (x) => ({ type: "Guid", value: x })),
    opt(input.processId, (x) => ({ type: "UInt32", value: x })),
    opt(input.threadId, (x) => ({ type: "UInt32", value: x })),
    { type: "UInt64", value: recordId },
    opt(input.version, (x) => ({ type: "UInt8", value: x })),
    opt(input.userId, (x) => ({ type: "Sid", value: x })),
    opt(input.relatedActivityId, (x) => ({ type: "Guid", value: x })),
    { type: "String", value: input.providerName },
    opt(input.providerGuid, (x) => ({ type: "Guid", value: x })),
    { type: "String", value: input.channel },
  ];
  if (input.eventSourceName !== undefined) v.push({ type: "String", value: input.eventSourceName });
  return v;
}

const definitions = new Map<string, TemplateDefinition>();
const MAX_CACHED_DEFINITIONS = 1024;

/** One definition object per distinct tree, with a GUID derived from the tree. */
function definitionFor(root: ElementNode, kind: string): TemplateDefinition {
  const key = `${kind}\n${JSON.stringify(root)}`;
  let def = definitions.get(key);
  if (def === undefined) {
    if (definitions.size >= MAX_CACHED_DEFINITIONS) definitions.clear();
    def = { guid: guidFromSeed(`mikiwame:evtx-template:${key}`), root };
    definitions.set(key, def);
  }
  return def;
}

/** The root of a Windows event record as a template instance ("binxml" or "inline" encoding). */
export function windowsEventTemplate(input: WindowsEventInput, recordId: bigint): TemplateInstanceNode {
  const encoding = input.encoding ?? "binxml";
  const sys = systemValues(input, recordId);
  const first = input.eventSourceName !== undefined ? SYSTEM_VALUES + 1 : SYSTEM_VALUES;
  const children: ContentNode[] = [systemTree(input)];
  const values = [...sys];
  if (encoding === "inline") {
    const p = payloadTree(input, first);
    if (p) {
      children.push(p.tree);
      values.push(...p.values);
    }
  } else {
    const p = payloadTree(input, 0);
    if (p) {
      children.push(optionalSub(first, "BinXml"));
      const innerDef = definitionFor(p.tree, "payload");
      values.push({ type: "BinXml", value: templateInstance(innerDef, p.values) });
    }
  }
  const outer = element("Event", { xmlns: EVENT_NAMESPACE }, children);
  return templateInstance(definitionFor(outer, encoding), values);
}

/** The XML text of a scalar value as decoders render it; undefined for an absent or Null value. */
function literalText(v: EvtxValue | undefined): string | undefined {
  const e = v === undefined ? undefined : expectedValue(v);
  if (e === undefined || e === null || Array.isArray(e)) return undefined;
  return renderedText(e as FieldScalar);
}

function literalAttrs(pairs: Record<string, EvtxValue | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pairs)) {
    const t = literalText(v);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

function literalElement(name: string, attrs: Record<string, string>, v?: EvtxValue): ElementNode {
  const t = literalText(v);
  return element(name, attrs, t === undefined ? [] : [text(t)]);
}

/** Expands one slot into `<Data>` elements (arrays repeat the element, as readers render them). */
function literalSlots(
  tag: (name: string | undefined) => [string, Record<string, string>],
  slots: readonly Slot[],
): ElementNode[] {
  const out: ElementNode[] = [];
  for (const s of slots) {
    const [name, attrs] = tag(s.name);
    const e = expectedValue(s.value);
    if (Array.isArray(e))
      for (const x of e)
        out.push(element(name, attrs, x === null ? [] : [text(renderedText(x as FieldScalar))]));
    else out.push(literalElement(name, attrs, s.value));
  }
  return out;
}

/** The same event as a literal element tree, without templates ("plain" encoding). */
export function windowsEventElement(input: WindowsEventInput, recordId: bigint): ElementNode {
  const s = systemValues(input, recordId);
  const provider = literalAttrs({
    Name: s[14],
    Guid: s[15],
    ...(input.eventSourceName !== undefined ? { EventSourceName: s[17] } : {}),
  });
  const system = element("System", {}, [
    element("Provider", provider),
    literalElement("EventID", literalAttrs({ Qualifiers: s[4] }), s[3]),
    ...(input.version !== undefined ? [literalElement("Version", {}, s[11])] : []),
    ...(input.level !== undefined ? [literalElement("Level", {}, s[0])] : []),
    ...(input.task !== undefined ? [literalElement("Task", {}, s[2])] : []),
    ...(input.opcode !== undefined ? [literalElement("Opcode", {}, s[1])] : []),
    ...(input.keywords !== undefined ? [literalElement("Keywords", {}, s[5])] : []),
    element("TimeCreated", literalAttrs({ SystemTime: s[6] })),
    literalElement("EventRecordID", {}, s[10]),
    element("Correlation", literalAttrs({ ActivityID: s[7], RelatedActivityID: s[13] })),
    element("Execution", literalAttrs({ ProcessID: s[8], ThreadID: s[9] })),
    literalElement("Channel", {}, s[16]),
    element("Computer", {}, input.computer),
    element("Security", literalAttrs({ UserID: s[12] })),
  ]);
  const children: ContentNode[] = [system];
  if (input.userData) {
    const u = input.userData;
    const slots = Object.entries(u.fields).map(([name, v]) => ({ name, value: toValue(v) }));
    const inner = element(
      u.name,
      u.xmlns ? { xmlns: u.xmlns } : {},
      literalSlots((n) => [n!, {}], slots),
    );
    children.push(element("UserData", {}, [inner]));
  } else if (input.eventData !== undefined) {
    const slots = eventDataFields(input).map((f) => ({ name: f.name, value: toValue(f.value) }));
    children.push(
      element(
        "EventData",
        {},
        literalSlots((n) => ["Data", n === undefined ? ({} as Record<string, string>) : { Name: n }], slots),
      ),
    );
  }
  return element("Event", { xmlns: EVENT_NAMESPACE }, children);
}

/** A Windows event record for `writeEvtx`: EventRecordID follows the id the writer assigns. */
export function windowsEvent(input: WindowsEventInput): EvtxRecordInput {
  const plain = input.encoding === "plain";
  return {
    root: (id: bigint) => (plain ? windowsEventElement(input, id) : windowsEventTemplate(input, id)),
    writtenTime: input.writtenTime ?? input.timeCreated,
    ...(input.recordId !== undefined ? { recordId: input.recordId } : {}),
  };
}
