/**
 * The `Details` and `ExtraFieldInfo` of a hunt timeline row, as Hayabusa shows them. Input: the matched
 * rule and event (and the field names the rule's detection uses, when known). Output: two ordered lists
 * of `[key, value]` pairs — the rule-relevant fields, and every other data field — and their one-line
 * text form `Key: value ¦ Key: value`. Windows System fields (EventID, Channel, Computer …) are left out
 * of both: they have columns of their own.
 */
import type { Event } from "../events/event.js";
import { type FieldValue, fieldToString } from "../events/field-value.js";
import type { SigmaRule } from "../sigma/rule-model.js";

/** Between two `Key: value` pairs (Hayabusa's separator). */
export const DETAILS_SEPARATOR = " ¦ ";

/** Shown for a referenced field the event does not have (as Hayabusa). */
export const MISSING_VALUE = "n/a";

/** One `Key: value` pair; the value is the field's text form. */
export type DetailPair = readonly [key: string, value: string];

export interface RowDetails {
  readonly details: readonly DetailPair[];
  readonly extra: readonly DetailPair[];
}

/** Fields the normalizer takes from a Windows event's `<System>` (never in Details / ExtraFieldInfo). */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  "EventID",
  "Channel",
  "Provider_Name",
  "Provider_Guid",
  "Computer",
  "EventRecordID",
  "Version",
  "Level",
  "Task",
  "Opcode",
  "Keywords",
  "TimeCreated",
  "ProcessID",
  "ThreadID",
  "UserID",
  "Security_UserID",
  "ActivityID",
]);

/**
 * The fields shown first for each logsource category (the ones an analyst reads to understand the
 * event); a rule's own detection fields and `fields:` follow.
 */
const CATEGORY_DETAILS: Readonly<Record<string, readonly string[]>> = {
  process_creation: [
    "Image",
    "CommandLine",
    "User",
    "ParentImage",
    "ParentCommandLine",
    "ProcessId",
    "ParentProcessId",
  ],
  network_connection: [
    "Image",
    "Protocol",
    "SourceIp",
    "SourcePort",
    "DestinationIp",
    "DestinationPort",
    "DestinationHostname",
    "User",
  ],
  file_event: ["Image", "TargetFilename"],
  file_delete: ["Image", "TargetFilename"],
  file_access: ["Image", "TargetFilename"],
  file_change: ["Image", "TargetFilename"],
  file_rename: ["Image", "SourceFilename", "TargetFilename"],
  create_stream_hash: ["Image", "TargetFilename", "Hash"],
  registry_event: ["EventType", "TargetObject", "Details", "Image"],
  registry_add: ["EventType", "TargetObject", "Image"],
  registry_delete: ["EventType", "TargetObject", "Image"],
  registry_set: ["EventType", "TargetObject", "Details", "Image"],
  registry_rename: ["EventType", "TargetObject", "NewName", "Image"],
  image_load: ["Image", "ImageLoaded", "Signed", "Signature"],
  driver_load: ["ImageLoaded", "Hashes", "Signed", "Signature"],
  dns_query: ["Image", "QueryName", "QueryResults"],
  process_access: ["SourceImage", "TargetImage", "GrantedAccess", "CallTrace"],
  create_remote_thread: ["SourceImage", "TargetImage", "StartAddress", "StartFunction"],
  pipe_created: ["Image", "PipeName"],
  wmi_event: ["EventType", "Operation", "Consumer", "Destination", "Query"],
  process_tampering: ["Image", "Type"],
  raw_access_thread: ["Image", "Device"],
  ps_script: ["ScriptBlockText", "Path"],
  ps_module: ["ContextInfo", "Payload"],
  ps_classic_start: ["HostApplication"],
};

/** A Hayabusa `details:` template (`Cmdline: %CommandLine% ¦ Proc: %Image%`), when the rule has one. */
function detailsTemplate(rule: SigmaRule): string | undefined {
  const t = rule.custom.details;
  return typeof t === "string" && t.trim() !== "" ? t : undefined;
}

/** One value as a single line: line breaks and tabs become spaces (the raw event keeps them). */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ");
}

function valueText(v: FieldValue | undefined): string {
  return v === undefined ? MISSING_VALUE : fieldToString(v);
}

/** Field names without a Sigma modifier chain (`CommandLine|contains|all` → `CommandLine`). */
function baseName(field: string): string {
  const bar = field.indexOf("|");
  return bar < 0 ? field : field.slice(0, bar);
}

/** Fields of `template` (`%Name%`), in order, with the filled template per key. */
function fromTemplate(template: string, event: Event, used: Set<string>): DetailPair[] {
  const pairs: DetailPair[] = [];
  for (const part of template.split("¦")) {
    const colon = part.indexOf(":");
    const key = (colon < 0 ? part : part.slice(0, colon)).trim();
    const body = colon < 0 ? part : part.slice(colon + 1);
    const value = body
      .replace(/%([^%\s]{1,200})%/g, (_m, name: string) => {
        used.add(name);
        return valueText(event.fields[name]);
      })
      .trim();
    if (key !== "") pairs.push([key, value]);
  }
  return pairs;
}

/**
 * Details and ExtraFieldInfo of a match. Details: the rule's Hayabusa `details:` template when it has
 * one; otherwise the category's usual fields, then the fields the detection uses (`detectionFields`),
 * then the rule's `fields:` — each once, and only those the event has; when none of these is known
 * (e.g. a Security event of a rule without `fields:`), every data field. ExtraFieldInfo: every other
 * field of the event except the System fields, in the event's order.
 */
export function rowDetails(
  rule: SigmaRule,
  event: Event,
  detectionFields: readonly string[] = [],
): RowDetails {
  const used = new Set<string>();
  const template = detailsTemplate(rule);
  let details: DetailPair[];
  if (template !== undefined) details = fromTemplate(template, event, used);
  else {
    details = [];
    const category = event.logsource.category ?? rule.logsource.category;
    const candidates = [
      ...(category === undefined ? [] : (CATEGORY_DETAILS[category] ?? [])),
      ...detectionFields.map(baseName),
      ...rule.fields.map(baseName),
    ];
    for (const name of candidates) {
      if (used.has(name) || SYSTEM_FIELDS.has(name) || !Object.hasOwn(event.fields, name)) continue;
      used.add(name);
      details.push([name, valueText(event.fields[name])]);
    }
  }
  const extra: DetailPair[] = [];
  const windows = event.kind === "windows";
  for (const [name, value] of Object.entries(event.fields)) {
    if (used.has(name) || (windows && SYSTEM_FIELDS.has(name))) continue;
    extra.push([name, valueText(value)]);
  }
  // nothing known to be relevant (a channel without a category, a rule without fields): show them all
  if (details.length === 0 && template === undefined) return { details: extra, extra: [] };
  return { details, extra };
}

/** `Key: value ¦ Key: value` (each value on one line); "" when there are no pairs. */
export function joinDetails(pairs: readonly DetailPair[]): string {
  return pairs.map(([k, v]) => `${k}: ${oneLine(v)}`).join(DETAILS_SEPARATOR);
}

/** The pairs as an object (JSON output); a repeated key keeps its first value. */
export function detailsObject(pairs: readonly DetailPair[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of pairs) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}
