/**
 * IP address text → a parsed address: IPv4 as a 32-bit number, IPv6 as two 64-bit halves, with a
 * canonical text form (dotted quad; RFC 5952 compressed IPv6). Accepts the spellings logs use:
 * `[::1]`, zone ids (`fe80::1%eth0`), embedded IPv4 (`::ffff:192.0.2.1`). IPv4-mapped and NAT64
 * well-known-prefix IPv6 addresses are returned as the IPv4 address they carry, so one host has one key.
 * Input: a string. Output: an `IpAddress`, or undefined when the text is not an address.
 */

/** A parsed IP address. */
export type IpAddress =
  | { readonly version: 4; readonly value: number; readonly text: string }
  | { readonly version: 6; readonly hi: bigint; readonly lo: bigint; readonly text: string };

const MASK_64 = (1n << 64n) - 1n;
/** Longest text accepted (a full IPv6 with embedded IPv4 and a zone id fits easily). */
const MAX_TEXT = 100;

/** Parses a dotted-quad IPv4 address into its 32-bit value; undefined if it is not one. */
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
export function formatIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Parses IPv6 text into eight 16-bit groups; undefined if it is not one. */
function parseIpv6Groups(text: string): number[] | undefined {
  let body = text;
  const lastColon = body.lastIndexOf(":");
  if (body.indexOf(".", lastColon) > lastColon) {
    // embedded IPv4 in the last 32 bits: rewrite it as two hex groups
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const readGroups = (s: string): number[] | undefined => {
    if (s === "") return [];
    const out: number[] = [];
    for (const g of s.split(":")) {
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = readGroups(halves[0]);
  if (!head) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const rest = readGroups(halves[1]);
  if (!rest) return undefined;
  const known = head.length + rest.length;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
function formatIpv6Groups(groups: readonly number[]): string {
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
  const left = hex.slice(0, bestStart).join(":");
  const right = hex.slice(bestStart + bestLength).join(":");
  return `${left}::${right}`;
}

/** The IPv6 address with halves `hi`/`lo` as canonical text. */
export function formatIpv6(hi: bigint, lo: bigint): string {
  const groups: number[] = [];
  for (const half of [hi, lo])
    for (let shift = 48n; shift >= 0n; shift -= 16n) groups.push(Number((half >> shift) & 0xffffn));
  return formatIpv6Groups(groups);
}

const NAT64_HI = 0x0064ff9b00000000n;

/**
 * Parses an IP address as it appears in logs. IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::/96`)
 * addresses come back as IPv4. Undefined for anything else (host names, `-`, empty, garbage).
 */
export function parseIp(input: string): IpAddress | undefined {
  let text = input.trim();
  if (text.length === 0 || text.length > MAX_TEXT) return undefined;
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4, text: formatIpv4(v4) };
  if (!text.includes(":")) return undefined;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const groups = parseIpv6Groups(text);
  if (!groups) return undefined;
  let hi = 0n;
  let lo = 0n;
  for (let i = 0; i < 4; i++) hi = (hi << 16n) | BigInt(groups[i]);
  for (let i = 4; i < 8; i++) lo = (lo << 16n) | BigInt(groups[i]);
  const embedded = Number(lo & 0xffffffffn);
  if ((hi === 0n && lo >> 32n === 0xffffn) || (hi === NAT64_HI && lo >> 32n === 0n))
    return { version: 4, value: embedded, text: formatIpv4(embedded) };
  return { version: 6, hi: hi & MASK_64, lo: lo & MASK_64, text: formatIpv6Groups(groups) };
}
