/**
 * CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`, a bare address = a single host): parsing and membership.
 * IPv4 blocks written in IPv4-mapped IPv6 form (`::ffff:10.0.0.0/104`) become IPv4 blocks, matching
 * how `parseIp` treats mapped addresses.
 * Input: CIDR text. Output: a `Cidr` (base and mask), or undefined when the text is not one.
 */
import { type IpAddress, parseIp } from "./ip-address.js";

/** A block as a base and a mask: 32-bit numbers for IPv4, 128-bit bigints for IPv6. */
export type Cidr =
  | { readonly version: 4; readonly base: number; readonly mask: number }
  | { readonly version: 6; readonly base: bigint; readonly mask: bigint };

const ALL_128 = (1n << 128n) - 1n;

function v4Block(value: number, bits: number): Cidr {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { version: 4, base: (value & mask) >>> 0, mask };
}

/** Parses `address/bits` (or a bare address); undefined when malformed or the prefix is out of range. */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const addressText = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const bitsText = slash < 0 ? undefined : trimmed.slice(slash + 1);
  if (bitsText !== undefined && !/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const ip = parseIp(addressText);
  if (!ip) return undefined;
  const written6 = addressText.includes(":");
  const max = written6 ? 128 : 32;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (bits > max) return undefined;
  if (ip.version === 4) {
    // a mapped or NAT64 block must cover no more than the embedded IPv4 part
    if (written6 && bits < 96) return undefined;
    return v4Block(ip.value, written6 ? bits - 96 : bits);
  }
  const mask = bits === 0 ? 0n : (ALL_128 << BigInt(128 - bits)) & ALL_128;
  return { version: 6, base: ((ip.hi << 64n) | ip.lo) & mask, mask };
}

/** True when `ip` lies in `cidr`. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.version === 4) return ip.version === 4 && (ip.value & cidr.mask) >>> 0 === cidr.base;
  return ip.version === 6 && (((ip.hi << 64n) | ip.lo) & cidr.mask) === cidr.base;
}
