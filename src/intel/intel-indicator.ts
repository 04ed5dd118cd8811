/**
 * One indicator of the intel store and its canonical form. Types: file hashes (MD5, SHA1, SHA256, imphash),
 * IPv4/IPv6 addresses, CIDR blocks, domains (a listed domain also matches its subdomains) and URLs.
 * Canonical keys: hashes lower-case hex; addresses in canonical text (IPv4-mapped IPv6 → IPv4); blocks
 * with host bits cleared; domains lower case without a trailing dot or a leading `*.`; URLs as
 * `host[:port]/path?query` (scheme, user info, default port and fragment dropped). Defanged text
 * (`hxxp://evil[.]example`) is refanged first.
 * Input: text. Output: a type, a canonical key, or undefined when the text is not such a value.
 */
import { type ParseCidrOptions, parseCidr, parseIpAddress } from "../events/ip-address.js";

/** The indicator types of the store. */
export const INTEL_TYPES = [
  "md5",
  "sha1",
  "sha256",
  "imphash",
  "ipv4",
  "ipv6",
  "cidr",
  "domain",
  "url",
] as const;
export type IntelType = (typeof INTEL_TYPES)[number];

/** An indicator as the store holds it. Times are ISO-8601 UTC text. */
export interface IntelIndicator {
  readonly type: IntelType;
  /** Canonical key (see the module header) */
  readonly value: string;
  /** Feeds or analysts that listed it (first one first) */
  readonly sources: readonly string[];
  /** 0..100 as given by the feed (or the importer's default) */
  readonly confidence: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** Free tags (lower case) */
  readonly tags: readonly string[];
  /** Malware family, e.g. `emotet` */
  readonly family?: string;
  /** Threat kind as the feed names it, e.g. `botnet_cc`, `payload_delivery` */
  readonly threat?: string;
  /** Kill-chain stages (e.g. `command-and-control`) */
  readonly killChain?: readonly string[];
  /** Explicit expiry; without it the per-type decay of decay.ts applies */
  readonly expires?: string;
  /** When the store first received it */
  readonly imported: string;
  /** Where it was read from, `file:line` (of its last import) */
  readonly origin?: string;
}

/** Longest indicator text accepted. */
export const MAX_INTEL_VALUE_CHARS = 2_048;

/** How intel reads CIDR values: the `/prefix` is required (a bare address is an ipv4/ipv6 indicator). */
export const INTEL_CIDR_OPTIONS: ParseCidrOptions = { requirePrefix: true };

const HEX = /^[0-9a-fA-F]+$/;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Undoes common defanging: `hxxp` → `http`, `[.]` `(.)` `{.}` `[dot]` → `.`, `[:]` → `:`, `[/]` → `/`. */
export function refang(text: string): string {
  if (!/[[({]|hxxp/i.test(text)) return text;
  return text
    .replace(/^hxxp/i, "http")
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, ".")
    .replace(/\[:\]/g, ":")
    .replace(/\[\/\]/g, "/");
}

/** The hash type of a hex text of 32 / 40 / 64 digits (32 digits: md5; an imphash must be named). */
export function hexHashType(text: string): "md5" | "sha1" | "sha256" | undefined {
  if (!HEX.test(text)) return undefined;
  return text.length === 32 ? "md5" : text.length === 40 ? "sha1" : text.length === 64 ? "sha256" : undefined;
}

/** A domain in canonical form, or undefined. */
export function canonicalIntelDomain(text: string): string | undefined {
  let d = text.trim().toLowerCase();
  if (d.startsWith("*.")) d = d.slice(2);
  if (d.endsWith(".")) d = d.slice(0, -1);
  if (d.length === 0 || d.length > 253) return undefined;
  const labels = d.split(".", 128);
  if (labels.length < 2 || labels.length > 127) return undefined;
  for (const l of labels) if (!LABEL.test(l)) return undefined;
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return undefined;
  return d;
}

/** `host[:port]` → canonical host (IP or domain) plus a non-default port, or undefined. */
export function canonicalIntelHost(authority: string): string | undefined {
  let host = authority.trim().toLowerCase();
  let port = "";
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close < 0) return undefined;
    port = host.slice(close + 1);
    host = host.slice(1, close);
  } else if (host.split(":").length === 2) {
    const colon = host.indexOf(":");
    port = host.slice(colon);
    host = host.slice(0, colon);
  }
  if (port !== "" && !/^:[0-9]{1,5}$/.test(port)) return undefined;
  if (port === ":80" || port === ":443") port = "";
  const ip = parseIpAddress(host);
  if (ip) return ip.version === 6 ? `[${ip.text}]${port}` : `${ip.text}${port}`;
  const d = canonicalIntelDomain(host);
  return d === undefined ? undefined : `${d}${port}`;
}

/** A URL as its key `host[:port]/path?query`, or undefined when it has no usable host. */
export function canonicalIntelUrl(text: string): string | undefined {
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
  const host = canonicalIntelHost(authority);
  return host === undefined ? undefined : `${host}${rest}`;
}

/** The type of a value when the feed does not name it (32 hex digits → md5), or undefined. */
export function inferIntelType(raw: string): IntelType | undefined {
  const text = refang(raw.trim());
  if (text.length === 0 || text.length > MAX_INTEL_VALUE_CHARS) return undefined;
  const hash = hexHashType(text);
  if (hash) return hash;
  const ip = parseIpAddress(text);
  if (ip) return ip.version === 4 ? "ipv4" : "ipv6";
  if (/^[0-9a-fA-F:.]+\/[0-9]{1,3}$/.test(text))
    return parseCidr(text, INTEL_CIDR_OPTIONS) ? "cidr" : undefined;
  if (text.includes("://") || text.includes("/")) return canonicalIntelUrl(text) ? "url" : undefined;
  return canonicalIntelDomain(text) ? "domain" : undefined;
}

/** The canonical key of `raw` as an indicator of `type`, or undefined when it is not one. */
export function canonicalIntelValue(type: IntelType, raw: string): string | undefined {
  const text = refang(raw.trim());
  if (text.length === 0 || text.length > MAX_INTEL_VALUE_CHARS) return undefined;
  switch (type) {
    case "md5":
    case "sha1":
    case "sha256":
      return hexHashType(text) === type ? text.toLowerCase() : undefined;
    case "imphash":
      return hexHashType(text) === "md5" ? text.toLowerCase() : undefined;
    case "ipv4":
    case "ipv6": {
      const ip = parseIpAddress(text);
      return ip && (ip.version === 4) === (type === "ipv4") ? ip.text : undefined;
    }
    case "cidr":
      return parseCidr(text, INTEL_CIDR_OPTIONS)?.text;
    case "domain":
      return canonicalIntelDomain(text);
    case "url":
      return canonicalIntelUrl(text);
  }
}

/** True for the file-hash types. */
export function isIntelHashType(type: IntelType): boolean {
  return type === "md5" || type === "sha1" || type === "sha256" || type === "imphash";
}

/** Type names feeds use → store type (`ip` is resolved by the value's form). */
export const INTEL_TYPE_ALIASES: Readonly<Record<string, IntelType | "ip" | "hash">> = {
  md5: "md5",
  md5_hash: "md5",
  "md5-hash": "md5",
  sha1: "sha1",
  "sha-1": "sha1",
  sha1_hash: "sha1",
  sha256: "sha256",
  "sha-256": "sha256",
  sha256_hash: "sha256",
  imphash: "imphash",
  hash: "hash",
  filehash: "hash",
  ip: "ip",
  "ip-dst": "ip",
  "ip-src": "ip",
  "ip:port": "ip",
  "ip-dst|port": "ip",
  "ip-src|port": "ip",
  ipv4: "ipv4",
  "ipv4-addr": "ipv4",
  ipv6: "ipv6",
  "ipv6-addr": "ipv6",
  cidr: "cidr",
  network: "cidr",
  subnet: "cidr",
  domain: "domain",
  "domain-name": "domain",
  hostname: "domain",
  fqdn: "domain",
  url: "url",
  uri: "url",
  link: "url",
};

/** Resolves a feed's type name for `value`: an alias, then the value's form for `ip`/`hash`. */
export function resolveIntelType(typeName: string, value: string): IntelType | undefined {
  const alias = INTEL_TYPE_ALIASES[typeName.trim().toLowerCase()];
  if (alias === undefined) return undefined;
  if (alias === "ip") {
    const t = inferIntelType(value);
    return t === "ipv4" || t === "ipv6" || t === "cidr" ? t : undefined;
  }
  if (alias === "hash") {
    const t = hexHashType(value.trim());
    return t;
  }
  return alias;
}
