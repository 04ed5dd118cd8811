/**
 * Checks and normalises a value before it is sent to a service or used as a cache key.
 * Input: a kind and the raw value. Output: the normalised value, or a reason it cannot be looked up.
 */
import { isIP } from "node:net";
import type { LookupKind } from "./reputation-source.js";

/** The longest value accepted (URLs included); longer ones are refused, not truncated. */
export const MAX_LOOKUP_VALUE_LENGTH = 2048;

const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** `{ ok: true, value }` with the normalised value, or `{ ok: false, reason }`. */
export type NormalisedValue =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Hashes: MD5/SHA-1/SHA-256 hex, lower-cased. IPs: IPv4/IPv6 as given (IPv6 lower-cased). Domains:
 * lower-cased, trailing dot removed. URLs: http(s) URLs, trimmed but otherwise as given (VirusTotal
 * identifies a URL by its exact text).
 */
export function normaliseLookupValue(kind: LookupKind, raw: string): NormalisedValue {
  const v = raw.trim();
  if (v === "") return { ok: false, reason: `empty ${kind}` };
  if (v.length > MAX_LOOKUP_VALUE_LENGTH)
    return { ok: false, reason: `${kind} longer than ${MAX_LOOKUP_VALUE_LENGTH} characters` };
  switch (kind) {
    case "hash": {
      const h = v.toLowerCase();
      return HASH.test(h)
        ? { ok: true, value: h }
        : { ok: false, reason: `not an MD5, SHA-1 or SHA-256 hash: ${v}` };
    }
    case "ip":
      return isIP(v) !== 0
        ? { ok: true, value: v.toLowerCase() }
        : { ok: false, reason: `not an IP address: ${v}` };
    case "domain": {
      const d = v.toLowerCase().replace(/\.$/, "");
      return DOMAIN.test(d) ? { ok: true, value: d } : { ok: false, reason: `not a domain name: ${v}` };
    }
    case "url": {
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        return { ok: false, reason: `not a URL: ${v}` };
      }
      if (u.protocol !== "http:" && u.protocol !== "https:")
        return { ok: false, reason: `only http and https URLs can be looked up: ${v}` };
      return { ok: true, value: v };
    }
  }
}
