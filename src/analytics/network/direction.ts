/**
 * Direction of a connection (方向性): outbound (internal → external: possible C&C or exfiltration),
 * inbound (external → internal), internal (internal → internal: possible lateral movement) or
 * external (both ends outside our networks, e.g. a sensor in front of a public server).
 * "Internal" is a configurable list of CIDR blocks; the default is every address that cannot be a
 * remote party on the Internet (see DEFAULT_INTERNAL_NETWORKS and docs/analytics-network.md).
 * Input: the initiator and responder addresses. Output: a Direction.
 */
import { CidrList, parseIpAddress } from "../../events/ip-address.js";

/** The directions, as a closed vocabulary. */
export const DIRECTIONS = ["outbound", "inbound", "internal", "external", "unknown"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * Internal networks by default. Decision (documented): everything that is not globally routable
 * counts as ours, because such an address cannot be a remote C&C server. That includes the CGNAT
 * range 100.64.0.0/10: inside a company it is VPN/overlay (e.g. Tailscale) or carrier-side NAT,
 * never a party on the Internet. Multicast and broadcast are local too (LLMNR, mDNS, SSDP).
 */
export const DEFAULT_INTERNAL_NETWORKS: readonly string[] = [
  "10.0.0.0/8", // RFC 1918
  "172.16.0.0/12", // RFC 1918
  "192.168.0.0/16", // RFC 1918
  "100.64.0.0/10", // RFC 6598 shared address space (CGNAT)
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // IPv4 link-local
  "0.0.0.0/8", // "this network" (DHCP clients)
  "224.0.0.0/4", // IPv4 multicast
  "255.255.255.255/32", // limited broadcast
  "fc00::/7", // IPv6 unique local (ULA)
  "fe80::/10", // IPv6 link-local
  "::1/128", // IPv6 loopback
  "::/128", // IPv6 unspecified
  "ff00::/8", // IPv6 multicast
];

/** Classifies connections by direction against a list of internal networks. */
export class DirectionClassifier {
  private readonly internal: CidrList;

  /** @param internalNetworks CIDR blocks counted as internal (throws E_CONFIG on a malformed one) */
  constructor(internalNetworks: readonly string[] = DEFAULT_INTERNAL_NETWORKS) {
    this.internal = new CidrList(internalNetworks);
  }

  /** True for an address inside the internal networks; undefined when the text is not an address. */
  isInternal(address: string): boolean | undefined {
    const a = parseIpAddress(address);
    return a ? this.internal.contains(a) : undefined;
  }

  /** The direction from the initiator `src` to the responder `dst`. */
  classify(src: string, dst: string): Direction {
    const s = this.isInternal(src);
    const d = this.isInternal(dst);
    if (s === undefined || d === undefined) return "unknown";
    if (s && d) return "internal";
    if (s) return "outbound";
    if (d) return "inbound";
    return "external";
  }
}
