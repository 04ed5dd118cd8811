/**
 * Which events are "activity" for the time (時刻) baselines, and whose: process creation (Sysmon 1,
 * Security 4688), logons (Security 4624 of the configured logon types) and, when enabled, outgoing
 * connections (Sysmon 3, Zeek `conn` from an internal originator). Each is attributed to a host and,
 * where the event names one, a user (`DOMAIN\name`, lower case).
 * Input: an event. Output: an `Activity`, or undefined when the event is not one.
 */
import type { Event } from "../../events/event.js";
import { type FieldValue, fieldToString } from "../../events/field-value.js";
import { parseIpAddress } from "../../events/ip-address.js";
import { addressScope, isInternalScope, LOCATION_IP_OPTIONS } from "../location/address-scope.js";

/** The kinds of activity a baseline is built from. */
export const ACTIVITY_KINDS = ["process", "logon", "network"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One activity event's kind and owners. */
export interface Activity {
  readonly kind: ActivityKind;
  /** Host name (Windows) or the internal originator's address (Zeek); "" if unknown */
  readonly host: string;
  /** `domain\name` in lower case, when the event names a user */
  readonly user: string | undefined;
}

function text(value: FieldValue | undefined): string {
  return value === undefined ? "" : fieldToString(value).trim();
}

/** `CORP\Tanaka` → `corp\tanaka`; empty and `-` → undefined. */
export function normalizeUser(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return v === "" || v === "-" || v === "\\" || v === "-\\-" ? undefined : v;
}

function joinUser(domain: FieldValue | undefined, name: FieldValue | undefined): string | undefined {
  const n = text(name);
  if (n === "" || n === "-") return undefined;
  const d = text(domain);
  return normalizeUser(d === "" || d === "-" ? n : `${d}\\${n}`);
}

/** The activity `event` is, if any. `logonTypes`: the 4624 logon types that count. */
export function classifyActivity(
  event: Event,
  logonTypes: ReadonlySet<number>,
  kinds: ReadonlySet<ActivityKind>,
): Activity | undefined {
  const f = event.fields;
  const category = event.logsource.category;
  if (category === "process_creation") {
    if (!kinds.has("process")) return undefined;
    return { kind: "process", host: event.host, user: normalizeUser(text(f.User)) };
  }
  if (event.kind === "windows" && event.identity.eventId === 4624 && event.logsource.service === "security") {
    if (!kinds.has("logon")) return undefined;
    const type = Number(text(f.LogonType));
    if (!logonTypes.has(type)) return undefined;
    return { kind: "logon", host: event.host, user: joinUser(f.TargetDomainName, f.TargetUserName) };
  }
  if (!kinds.has("network")) return undefined;
  if (category === "network_connection")
    return { kind: "network", host: event.host, user: normalizeUser(text(f.User)) };
  if (event.kind === "network" && event.identity.channel === "conn") {
    const ip = parseIpAddress(text(f.SourceIp), LOCATION_IP_OPTIONS);
    if (!ip || !isInternalScope(addressScope(ip))) return undefined;
    return { kind: "network", host: ip.text, user: undefined };
  }
  return undefined;
}
