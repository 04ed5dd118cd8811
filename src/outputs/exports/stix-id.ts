/**
 * Deterministic identifiers for the STIX and MISP exports: RFC 4122 UUIDv5 (SHA-1 of a namespace and a
 * name), so the same content gives the same id on every run. Timestamps for STIX are millisecond ISO
 * text taken from the data, never the clock. Input: names and data times. Output: ids and timestamps.
 */
import { createHash } from "node:crypto";

/** The RFC 4122 DNS namespace. */
export const DNS_NAMESPACE = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

/** A UUIDv5 of `name` in `namespace` (both as RFC 4122 defines them). */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const h = createHash("sha1").update(ns).update(name, "utf8").digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** mikiwame's own namespace for export ids (UUIDv5 of `mikiwame.invalid` in the DNS namespace). */
export const MIKIWAME_NAMESPACE = uuidV5(DNS_NAMESPACE, "mikiwame.invalid");

/** `<type>--<uuidv5 of the name>`: a STIX identifier. */
export function stixId(type: string, name: string): string {
  return `${type}--${uuidV5(MIKIWAME_NAMESPACE, `${type}|${name}`)}`;
}

/** When no time is known at all (a STIX timestamp is required): the Unix epoch. */
export const NO_TIME = "1970-01-01T00:00:00.000Z";

/** A STIX timestamp (UTC, millisecond precision) from ISO text, or undefined when it does not parse. */
export function stixTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
