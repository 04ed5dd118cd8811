/**
 * IP addresses and CIDR blocks, the one parser the whole project uses. Accepts the spellings logs use:
 * IPv4 dotted quads, IPv6 with `::` compression, an embedded IPv4 tail, brackets (`[::1]`) and a zone id
 * (`fe80::1%eth0`, dropped). IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is returned as the IPv4 address it
 * carries, so both spellings are one host; NAT64 well-known-prefix addresses (`64:ff9b::/96`) are too when
 * the caller asks (`nat64AsIpv4`). Addresses hold one bigint (32 or 128 bits) and canonical text (dotted
 * quad; RFC 5952 IPv6). CIDR blocks (`10.0.0.0/8`, a bare address = one host) clear their host bits.
 * Input: text from logs, config or intel feeds. Output: `IpAddress` / `Cidr` / `CidrList`, or undefined
 * (`requireCidr` throws E_CONFIG naming the block and the reason).
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** The IP versions. */
export const IP_VERSIONS = [4, 6] as const;
export type IpVersion = (typeof IP_VERSIONS)[number];

/** A parsed address: its version, its value (32 or 128 bits) and its canonical text. */
export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
  readonly text: string;
}

/** How `parseIpAddress` treats special spellings. */
export interface ParseIpOptions {
  /** Return NAT64 well-known-prefix addresses (`64:ff9b::a.b.c.d`) as the IPv4 address they carry. */
  readonly nat64AsIpv4?: boolean;
}

/** Longest text accepted (a full IPv6 with an embedded IPv4 and a zone id fits easily). */
const MAX_TEXT = 100;
const LOW_32 = 0xffff_ffffn;
const MAPPED_TOP = 0xffffn; // value >> 32 of ::ffff:a.b.c.d
const NAT64_TOP = 0x64ff9bn << 64n; // value >> 32 of 64:ff9b::a.b.c.d

/** Bits in an address of this version. */
export function addressBits(version: IpVersion): 32 | 128 {
  return version === 4 ? 32 : 128;
}

/** Parses a dotted-quad IPv4 address (four decimal parts of 1–3 digits, each ≤ 255) to its 32-bit value. */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + part;
}

/** Dotted-quad text of a 32-bit IPv4 value. */
export function formatIpv4(value: number | bigint): string {
  const v = Number(value);
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Reads colon-separated hex groups (1–4 digits each); an empty string is no groups. */
function readGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const out: number[] = [];
  for (const g of text.split(":")) {
    if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return undefined;
    out.push(Number.parseInt(g, 16));
  }
  return out;
}

/** Parses IPv6 text (no brackets, no zone) into its 128-bit value. */
function parseIpv6(text: string): bigint | undefined {
  let body = text;
  const lastColon = body.lastIndexOf(":");
  if (body.indexOf(".", lastColon) > lastColon) {
    // an embedded IPv4 in the last 32 bits: rewrite it as two hex groups
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const head = readGroups(halves[0]);
  if (!head) return undefined;
  let groups = head;
  if (halves.length === 1) {
    if (head.length !== 8) return undefined;
  } else {
    const tail = readGroups(halves[1]);
    if (!tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** RFC 5952 text of a 128-bit value: lower case, no leading zeros, the longest zero run (≥ 2) as `::`. */
export function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** Canonical text of a value of the given version. */
export function formatIpAddress(version: IpVersion, value: bigint): string {
  return version === 4 ? formatIpv4(value) : formatIpv6(value);
}

function ipv4(value: bigint): IpAddress {
  return { version: 4, value, text: formatIpv4(value) };
}

/**
 * Parses an IP address as it appears in logs (surrounding spaces, brackets and an IPv6 zone id are
 * ignored). IPv4-mapped addresses, and NAT64 ones with `nat64AsIpv4`, come back as IPv4.
 * Undefined for anything else (host names, `-`, empty, garbage).
 */
export function parseIpAddress(input: string, options: ParseIpOptions = {}): IpAddress | undefined {
  let text = input.trim();
  if (text.length === 0 || text.length > MAX_TEXT) return undefined;
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return ipv4(BigInt(v4));
  if (!text.includes(":")) return undefined;
  const zone = text.indexOf("%");
  const value = parseIpv6(zone >= 0 ? text.slice(0, zone) : text);
  if (value === undefined) return undefined;
  const top = value >> 32n;
  if (top === MAPPED_TOP || (options.nat64AsIpv4 === true && top === NAT64_TOP)) return ipv4(value & LOW_32);
  return { version: 6, value, text: formatIpv6(value) };
}

/** The mask of the top `prefix` bits of a `bits`-wide value. */
export function prefixMask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return prefix === 0 ? 0n : (all << BigInt(bits - prefix)) & all;
}

/** A CIDR block: the network value with host bits cleared, the prefix length and canonical `base/prefix`. */
export interface Cidr {
  readonly version: IpVersion;
  readonly base: bigint;
  readonly prefix: number;
  readonly text: string;
}

/** Why a text is not a CIDR block. */
export const CIDR_PROBLEMS = ["bad address", "bad prefix", "prefix out of range"] as const;
export type CidrProblem = (typeof CIDR_PROBLEMS)[number];

/** How `readCidr` treats its input (on top of how the address part is parsed). */
export interface ParseCidrOptions extends ParseIpOptions {
  /** Reject a bare address (no `/prefix`) as a "bad prefix" instead of reading it as one host. */
  readonly requirePrefix?: boolean;
}

/** A CIDR parse: the block, or the reason the text is not one. */
export type CidrParse = { readonly cidr: Cidr } | { readonly problem: CidrProblem };

/**
 * Parses `address/prefix` (or a bare address = one host) and says why it failed. A block written in
 * IPv4-mapped IPv6 form (`::ffff:10.0.0.0/104`) is the IPv4 block it means (prefix − 96, at least 96).
 */
export function readCidr(input: string, options: ParseCidrOptions = {}): CidrParse {
  const text = input.trim();
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIpAddress(addressText, options);
  if (!ip) return { problem: "bad address" };
  const written6 = addressText.includes(":");
  let prefix = addressBits(ip.version);
  if (slash < 0 && options.requirePrefix === true) return { problem: "bad prefix" };
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(prefixText)) return { problem: "bad prefix" };
    prefix = Number(prefixText) - (ip.version === 4 && written6 ? 96 : 0);
    if (prefix < 0 || prefix > addressBits(ip.version)) return { problem: "prefix out of range" };
  }
  const base = ip.value & prefixMask(addressBits(ip.version), prefix);
  return {
    cidr: { version: ip.version, base, prefix, text: `${formatIpAddress(ip.version, base)}/${prefix}` },
  };
}

/** Parses `address/prefix` (or a bare address); undefined when malformed or the prefix is out of range. */
export function parseCidr(text: string, options: ParseCidrOptions = {}): Cidr | undefined {
  const r = readCidr(text, options);
  return "cidr" in r ? r.cidr : undefined;
}

/** Parses a CIDR block from configuration; throws E_CONFIG naming the block and the reason. */
export function requireCidr(text: string, options: ParseCidrOptions = {}): Cidr {
  const r = readCidr(text, options);
  if ("problem" in r) throw new MikiwameError("E_CONFIG", `not a CIDR block: '${text}' (${r.problem})`);
  return r.cidr;
}

/** True when `ip` lies in `cidr` (an IPv4 address is never in an IPv6 block, and vice versa). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.version !== ip.version) return false;
  return (ip.value & prefixMask(addressBits(cidr.version), cidr.prefix)) === cidr.base;
}

/** A list of CIDR blocks with a membership test; parses once, throws E_CONFIG on a malformed block. */
export class CidrList {
  readonly blocks: readonly Cidr[];

  constructor(blocks: readonly string[], options: ParseCidrOptions = {}) {
    this.blocks = blocks.map((b) => requireCidr(b, options));
  }

  /** True when the address (text or parsed) is in any block; false for text that is not an address. */
  contains(address: string | IpAddress): boolean {
    const a = typeof address === "string" ? parseIpAddress(address) : address;
    if (!a) return false;
    for (const b of this.blocks) if (cidrContains(b, a)) return true;
    return false;
  }
}
