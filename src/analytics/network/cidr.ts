/**
 * CIDR blocks (`10.0.0.0/8`, `fc00::/7`, or a bare address meaning a single host) and lists of them,
 * for the internal-network classification. IPv4 and IPv6 are matched separately; an IPv4-mapped IPv6
 * address matches IPv4 blocks (see ip-address.ts).
 * Input: CIDR strings from options/config. Output: a CidrList that answers `contains(address)`.
 * A malformed block is an E_CONFIG MikiwameError naming the block, never silently dropped.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { type IpAddress, parseIpAddress } from "./ip-address.js";

/** One parsed block: the network value with its host bits cleared, and the prefix length. */
export interface Cidr {
  readonly text: string;
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function maskOf(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(bitsOf(family));
  if (prefix === 0) return 0n;
  return ((1n << BigInt(prefix)) - 1n) << (bits - BigInt(prefix));
}

/** Parses `address/prefix` (or a bare address); throws E_CONFIG with the offending text. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  const addressText = slash >= 0 ? text.slice(0, slash) : text;
  const address = parseIpAddress(addressText);
  if (!address) throw new MikiwameError("E_CONFIG", `not a CIDR block: '${text}' (bad address)`);
  // An IPv4-mapped IPv6 block (::ffff:10.0.0.0/104) is kept as the IPv4 block it means.
  const mappedV6 = address.family === 4 && addressText.includes(":");
  let prefix = bitsOf(address.family);
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(p))
      throw new MikiwameError("E_CONFIG", `not a CIDR block: '${text}' (bad prefix)`);
    prefix = Number(p) - (mappedV6 ? 96 : 0);
    if (prefix < 0 || prefix > bitsOf(address.family))
      throw new MikiwameError("E_CONFIG", `not a CIDR block: '${text}' (prefix out of range)`);
  }
  return {
    text,
    family: address.family,
    network: address.value & maskOf(address.family, prefix),
    prefix,
  };
}

/** True when `address` lies in `cidr`. */
export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.family !== address.family) return false;
  return (address.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}

/** A list of CIDR blocks with a membership test; parses once. */
export class CidrList {
  readonly blocks: readonly Cidr[];

  constructor(blocks: readonly string[]) {
    this.blocks = blocks.map(parseCidr);
  }

  /** True when the address (text or parsed) is in any block; false for text that is not an address. */
  contains(address: string | IpAddress): boolean {
    const a = typeof address === "string" ? parseIpAddress(address) : address;
    if (!a) return false;
    for (const b of this.blocks) if (cidrContains(b, a)) return true;
    return false;
  }
}
