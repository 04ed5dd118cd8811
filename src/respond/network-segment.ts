/**
 * Which network segment a host belongs to, for "notify the administrators of the affected segment".
 * Input: the host's addresses and the configured segments. Output: the segment (name, block, contact):
 * the most specific configured block that holds an address, else the address's /24 (IPv4) or /64
 * (IPv6), else the "address unknown" segment.
 */
import {
  type Cidr,
  cidrContains,
  formatIpAddress,
  parseIpAddress,
  prefixMask,
  requireCidr,
} from "../events/ip-address.js";
import type { NetworkSegment } from "./plan-options.js";

/** The segment a host was placed in. */
export interface HostSegment {
  /** Configured name, or the block's text; `""` when no address of the host is known */
  readonly name: string;
  /** Canonical block text; `""` when no address is known */
  readonly cidr: string;
  readonly contact: string | undefined;
}

/** The segment of hosts without a usable address. */
export const UNKNOWN_SEGMENT: HostSegment = { name: "", cidr: "", contact: undefined };

/** Configured segments, parsed once. */
export class SegmentTable {
  private readonly blocks: readonly { readonly cidr: Cidr; readonly segment: NetworkSegment }[];

  /** Throws E_CONFIG naming a malformed block. */
  constructor(segments: readonly NetworkSegment[] = []) {
    this.blocks = segments.map((segment) => ({ cidr: requireCidr(segment.cidr), segment }));
  }

  /** The segment of the first address that parses (addresses are tried in order). */
  segmentOf(addresses: readonly string[]): HostSegment {
    for (const text of addresses) {
      const ip = parseIpAddress(text);
      if (!ip) continue;
      let best: { readonly cidr: Cidr; readonly segment: NetworkSegment } | undefined;
      for (const b of this.blocks)
        if (cidrContains(b.cidr, ip) && (!best || b.cidr.prefix > best.cidr.prefix)) best = b;
      if (best) return { name: best.segment.name, cidr: best.cidr.text, contact: best.segment.contact };
      const prefix = ip.version === 4 ? 24 : 64;
      const base = ip.value & prefixMask(ip.version === 4 ? 32 : 128, prefix);
      const cidr = `${formatIpAddress(ip.version, base)}/${prefix}`;
      return { name: cidr, cidr, contact: undefined };
    }
    return UNKNOWN_SEGMENT;
  }
}
