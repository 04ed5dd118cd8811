/**
 * One threat-intel indicator of the local indicator list: a value (hash, address, CIDR block, domain,
 * URL), its type, a verdict (malicious / suspicious / benign), where it came from and tags. This module
 * also turns indicator text into its canonical matching key: hashes upper-case hex, addresses in their
 * canonical text (IPv4-mapped IPv6 → IPv4), domains lower case without a trailing dot, URLs as
 * `host[:port]/path?query` (scheme, default port and fragment dropped). Feeds often "defang" their
 * values (`hxxp://evil[.]example`); that is undone first.
 * Input: text. Output: a type, a canonical key, or undefined when the text is not such a value.
 */
import { parseCidr } from "../location/cidr.js";
import { parseIp } from "../location/ip-address.js";

/** The indicator types. */
export const INDICATOR_TYPES = ["md5", "sha1", "sha256", "ipv4", "ipv6", "cidr", "domain", "url"] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** The verdicts a list can give, strongest first. */
export const VERDICTS = ["malicious", "suspicious", "benign"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Other names the type column accepts (as common feeds and MISP exports spell them). */
export const INDICATOR_TYPE_ALIASES: Readonly<Record<string, IndicatorType | "hash" | "ip">> = {
  "sha-256": "sha256",
  "sha-1": "sha1",
  "md-5": "md5",
  hash: "hash",
  filehash: "hash",
  ip: "ip",
  "ip-dst": "ip",
  "ip-src": "ip",
  ipaddress: "ip",
  address: "ip",
  network: "cidr",
  subnet: "cidr",
  hostname: "domain",
  fqdn: "domain",
  host: "domain",
  uri: "url",
  link: "url",
};

/** A threat-intel indicator as loaded. */
export interface Indicator {
  readonly type: IndicatorType;
  /** The canonical matching key (see the module header) */
  readonly value: string;
  readonly verdict: Verdict;
  /** The feed or analyst it came from ("" when the list does not say) */
  readonly source: string;
  readonly tags: readonly string[];
  /** 0..1 when the list gives one; else the analyzer's default for the verdict applies */
  readonly confidence?: number;
  /** Free text from a descriptive column (e.g. the path of a known-good file) */
  readonly note?: string;
  /** Where it was defined: `file:line` */
  readonly origin: string;
}

/** Longest indicator value accepted (a URL); longer text is not an indicator. */
export const MAX_INDICATOR_CHARS = 2_048;
/** Most labels a domain may have (DNS allows 127). */
const MAX_LABELS = 127;

const HEX = /^[0-9a-fA-F]+$/;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Undoes common defanging: a leading `hxxp` → `http`, `[.]` / `(.)` / `{.}` / `[dot]` → `.`, `[:]` → `:`, `[/]` → `/`. */
export function refang(text: string): string {
  if (!/[[({]|hxxp/i.test(text)) return text;
  return text
    .replace(/^hxxp/i, "http")
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, ".")
    .replace(/\[:\]/g, ":")
    .replace(/\[\/\]/g, "/");
}

/** The hash type for a hex text of 32 / 40 / 64 digits. */
export function hashTypeOf(text: string): "md5" | "sha1" | "sha256" | undefined {
  if (!HEX.test(text)) return undefined;
  return text.length === 32 ? "md5" : text.length === 40 ? "sha1" : text.length === 64 ? "sha256" : undefined;
}

/** A domain name in canonical form (lower case, no trailing dot, `*.` dropped), or undefined. */
export function canonicalDomain(text: string): string | undefined {
  let d = text.trim().toLowerCase();
  if (d.startsWith("*.")) d = d.slice(2);
  if (d.endsWith(".")) d = d.slice(0, -1);
  if (d.length === 0 || d.length > 253) return undefined;
  const labels = d.split(".", MAX_LABELS + 1);
  if (labels.length < 2 || labels.length > MAX_LABELS) return undefined;
  for (const l of labels) if (!LABEL.test(l)) return undefined;
  // a dotted quad (or anything ending in a numeric label) is not a domain
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return undefined;
  return d;
}

/**
 * A URL as its matching key `host[:port]/path?query`: scheme and fragment dropped, host lower case,
 * default ports (80, 443) dropped, an empty path as `/`. The host may be a domain or an IP address.
 * Undefined when there is no usable host.
 */
export function canonicalUrl(text: string): string | undefined {
  let s = text.trim();
  const scheme = /^[a-z][a-z0-9+.-]{0,15}:\/\//i.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  const hash = s.indexOf("#");
  if (hash >= 0) s = s.slice(0, hash);
  const end = s.search(/[/?]/);
  let authority = end < 0 ? s : s.slice(0, end);
  let rest = end < 0 ? "/" : s.slice(end);
  if (rest.startsWith("?")) rest = `/${rest}`;
  const at = authority.lastIndexOf("@");
  if (at >= 0) authority = authority.slice(at + 1);
  const host = urlHost(authority);
  return host === undefined ? undefined : `${host}${rest}`;
}

/** `Host:port` of a URL or an HTTP Host header → canonical host (+ non-default port), or undefined. */
export function urlHost(authority: string): string | undefined {
  let host = authority.trim().toLowerCase();
  let port = "";
  const bracket = host.startsWith("[") ? host.indexOf("]") : -1;
  if (bracket > 0) {
    port = host.slice(bracket + 1);
    host = host.slice(1, bracket);
    if (port !== "" && !/^:[0-9]{1,5}$/.test(port)) return undefined;
  } else if (host.indexOf(":") === host.lastIndexOf(":") && host.includes(":")) {
    const colon = host.indexOf(":");
    port = host.slice(colon);
    host = host.slice(0, colon);
    if (!/^:[0-9]{1,5}$/.test(port)) return undefined;
  }
  if (port === ":80" || port === ":443") port = "";
  const ip = parseIp(host);
  if (ip) return ip.version === 6 ? `[${ip.text}]${port}` : `${ip.text}${port}`;
  const d = canonicalDomain(host);
  return d === undefined ? undefined : `${d}${port}`;
}

/** The type of an indicator value when the list does not name it; undefined when it is none of them. */
export function inferIndicatorType(text: string): IndicatorType | undefined {
  const hash = hashTypeOf(text);
  if (hash) return hash;
  const ip = parseIp(text);
  if (ip) return ip.version === 4 ? "ipv4" : "ipv6";
  // address/bits is a block (or nothing, when the prefix is out of range), never a URL path
  if (/^[0-9a-fA-F:.]+\/[0-9]{1,3}$/.test(text)) return parseCidr(text) ? "cidr" : undefined;
  if (text.includes("://") || text.includes("/")) return canonicalUrl(text) ? "url" : undefined;
  return canonicalDomain(text) ? "domain" : undefined;
}

/** The canonical key of `text` as an indicator of `type`, or undefined when it is not one. */
export function canonicalIndicator(type: IndicatorType, text: string): string | undefined {
  switch (type) {
    case "md5":
    case "sha1":
    case "sha256":
      return hashTypeOf(text) === type ? text.toUpperCase() : undefined;
    case "ipv4":
    case "ipv6": {
      const ip = parseIp(text);
      return ip && (ip.version === 4) === (type === "ipv4") ? ip.text : undefined;
    }
    case "cidr":
      return parseCidr(text) ? text.trim().toLowerCase() : undefined;
    case "domain":
      return canonicalDomain(text);
    case "url":
      return canonicalUrl(text);
  }
}

/** True for the hash types. */
export function isHashType(type: IndicatorType): type is "md5" | "sha1" | "sha256" {
  return type === "md5" || type === "sha1" || type === "sha256";
}
