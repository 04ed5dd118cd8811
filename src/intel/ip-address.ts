/**
 * IP addresses and CIDR blocks for the intel store: validated with node:net, held as one bigint
 * (IPv4: 32 bits, IPv6: 128 bits) so blocks index by masked value. IPv4-mapped IPv6 (`::ffff:a.b.c.d`)
 * is treated as the IPv4 address. Input: text. Output: a parsed address or block, or undefined.
 */
import { isIPv4, isIPv6 } from "node:net";

/** A parsed address: version, numeric value and canonical text. */
export interface IntelIp {
  readonly version: 4 | 6;
  readonly value: bigint;
  readonly text: string;
}

/** A parsed CIDR block: canonical `base/prefix` text. */
export interface IntelCidr {
  readonly version: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
  readonly text: string;
}

function v4Value(text: string): bigint {
  let v = 0n;
  for (const part of text.split(".")) v = (v << 8n) | BigInt(Number(part));
  return v;
}

function v4Text(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn)).join(".");
}

function v6Value(text: string): bigint | undefined {
  let t = text;
  const dot = t.lastIndexOf(":");
  if (t.includes(".")) {
    const v4 = v4Value(t.slice(dot + 1));
    t = `${t.slice(0, dot + 1)}${((v4 >> 16n) & 0xffffn).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = t.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] === "" ? [] : halves[0]!.split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1]!.split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(Number.parseInt(g, 16));
  return v;
}

function v6Text(v: bigint): string {
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((v >> s) & 0xffffn));
  // longest run of zero groups (length ≥ 2) becomes `::`
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** Parses an IPv4 or IPv6 address (IPv6 may be in brackets or carry a zone, which is dropped). */
export function parseIntelIp(input: string): IntelIp | undefined {
  let t = input.trim();
  if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1);
  const zone = t.indexOf("%");
  if (zone >= 0) t = t.slice(0, zone);
  if (isIPv4(t)) {
    const value = v4Value(t);
    return { version: 4, value, text: v4Text(value) };
  }
  if (!isIPv6(t)) return undefined;
  const value = v6Value(t.toLowerCase());
  if (value === undefined) return undefined;
  if (value >> 32n === MAPPED_PREFIX >> 32n) {
    const v4 = value & 0xffffffffn;
    return { version: 4, value: v4, text: v4Text(v4) };
  }
  return { version: 6, value, text: v6Text(value) };
}

/** The mask of the top `prefix` bits of a `bits`-wide value. */
export function prefixMask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return prefix === 0 ? 0n : (all << BigInt(bits - prefix)) & all;
}

/** Parses `address/prefix` (host bits are cleared: `10.1.2.3/8` → `10.0.0.0/8`). */
export function parseIntelCidr(input: string): IntelCidr | undefined {
  const t = input.trim();
  const slash = t.indexOf("/");
  if (slash < 0 || !/^[0-9]{1,3}$/.test(t.slice(slash + 1))) return undefined;
  const ip = parseIntelIp(t.slice(0, slash));
  if (!ip) return undefined;
  let prefix = Number(t.slice(slash + 1));
  // an IPv4-mapped block keeps its IPv4 meaning
  if (ip.version === 4 && t.slice(0, slash).includes(":")) prefix -= 96;
  const bits = ip.version === 4 ? 32 : 128;
  if (prefix < 0 || prefix > bits) return undefined;
  const base = ip.value & prefixMask(bits, prefix);
  const text = `${ip.version === 4 ? v4Text(base) : v6Text(base)}/${prefix}`;
  return { version: ip.version, base, prefix, text };
}
