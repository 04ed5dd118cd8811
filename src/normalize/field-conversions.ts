/**
 * The named value conversions that field mappings (ours in mappings/*.json and the user's EDR
 * mapping file) may apply: hex PIDs to numbers, mandatory-label SIDs to integrity levels, and so on.
 * Input: a source field value. Output: the converted value, or undefined when the source carries no
 * usable value (`-`, empty, not convertible) — the target field is then left out.
 */
import type { FieldValue } from "../events/field-value.js";

/** Every conversion a mapping may name. `join-domain-user` takes two sources (domain, user). */
export const FIELD_CONVERSIONS = [
  "rename",
  "to-int",
  "hex-to-int",
  "sid-to-integrity",
  "integrity-name",
  "join-domain-user",
  "join-list",
  "to-string",
] as const;
export type FieldConversion = (typeof FIELD_CONVERSIONS)[number];

const CONVERSION_SET: ReadonlySet<string> = new Set(FIELD_CONVERSIONS);

/** True when `name` is one of FIELD_CONVERSIONS. */
export function isFieldConversion(name: string): name is FieldConversion {
  return CONVERSION_SET.has(name);
}

/** Windows mandatory label SIDs (Security 4688 `MandatoryLabel`) → Sysmon's `IntegrityLevel` words. */
export const INTEGRITY_BY_SID: Readonly<Record<string, string>> = Object.freeze({
  "S-1-16-0": "Untrusted",
  "S-1-16-4096": "Low",
  "S-1-16-8192": "Medium",
  "S-1-16-8448": "MediumPlus",
  "S-1-16-12288": "High",
  "S-1-16-16384": "System",
  "S-1-16-20480": "Protected",
  "S-1-16-28672": "Secure",
});

/** Integrity names as other tools spell them (lower-cased key) → Sysmon's spelling. */
const INTEGRITY_BY_NAME: Readonly<Record<string, string>> = Object.freeze({
  untrusted: "Untrusted",
  low: "Low",
  medium: "Medium",
  mediumplus: "MediumPlus",
  "medium plus": "MediumPlus",
  high: "High",
  system: "System",
  protected: "Protected",
  "protected process": "Protected",
  secure: "Secure",
  appcontainer: "AppContainer",
});

/** True for the values Windows writes for "no value". */
export function isAbsent(v: FieldValue | undefined): boolean {
  return v === undefined || v === null || v === "" || v === "-";
}

/** Applies a single-source conversion. `join-domain-user` must go through `joinDomainUser`. */
export function convertValue(conversion: FieldConversion, v: FieldValue | undefined): FieldValue | undefined {
  if (isAbsent(v)) return undefined;
  switch (conversion) {
    case "rename":
      return v;
    case "to-int":
    case "hex-to-int":
      return toInteger(v as FieldValue);
    case "sid-to-integrity":
      return sidToIntegrity(v as FieldValue);
    case "integrity-name":
      return typeof v === "string" ? (INTEGRITY_BY_NAME[v.toLowerCase()] ?? v) : v;
    case "join-list":
      return Array.isArray(v) ? v.map(scalarText).join(";") : v;
    case "to-string":
      return Array.isArray(v) ? v.map(scalarText).join(", ") : String(v);
    case "join-domain-user":
      return v;
  }
}

function scalarText(v: FieldValue): string {
  return v === null
    ? ""
    : typeof v === "string"
      ? v
      : Array.isArray(v)
        ? v.map(scalarText).join(",")
        : String(v);
}

/**
 * Numbers from `0x1a4c`, `6732`, numbers and bigints. Values beyond 2^53 become bigint, never a
 * rounded number. Anything else is not convertible (undefined).
 */
export function toInteger(v: FieldValue): number | bigint | undefined {
  if (typeof v === "number") return Number.isInteger(v) ? v : undefined;
  if (typeof v === "bigint") return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
  if (typeof v !== "string") return undefined;
  const n = v.length;
  if (n === 0 || n > 40) return undefined;
  if (n > 2 && v.charCodeAt(0) === 48 && (v.charCodeAt(1) === 120 || v.charCodeAt(1) === 88)) {
    for (let i = 2; i < n; i++) {
      const c = v.charCodeAt(i) | 0x20;
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
    }
    if (n - 2 <= 13) return Number.parseInt(v.slice(2), 16);
    const big = BigInt(v);
    return big <= 9007199254740991n ? Number(big) : big;
  }
  let start = 0;
  if (v.charCodeAt(0) === 45) start = 1;
  if (start === n) return undefined;
  for (let i = start; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (n - start <= 15) return Number(v);
  const big = BigInt(v);
  return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
}

/** `S-1-16-12288` → `High`; `Mandatory Label\High Mandatory Level` → `High`; unknown SIDs stay as they are. */
export function sidToIntegrity(v: FieldValue): FieldValue {
  if (typeof v !== "string") return v;
  const known = INTEGRITY_BY_SID[v.toUpperCase()];
  if (known) return known;
  const slash = v.lastIndexOf("\\");
  const tail = slash >= 0 ? v.slice(slash + 1) : v;
  if (tail.endsWith(" Mandatory Level")) {
    const word = tail.slice(0, -" Mandatory Level".length).toLowerCase();
    return INTEGRITY_BY_NAME[word] ?? v;
  }
  return v;
}

/** `DOMAIN\user`, or `user` alone when the domain is absent; undefined when the user is absent. */
export function joinDomainUser(
  domain: FieldValue | undefined,
  user: FieldValue | undefined,
): string | undefined {
  if (isAbsent(user)) return undefined;
  const u = String(user);
  return isAbsent(domain) ? u : `${String(domain)}\\${u}`;
}
