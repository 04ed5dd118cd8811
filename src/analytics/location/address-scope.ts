/**
 * Address scope: is an IP address public (worth a GeoIP / ASN lookup) or one of the special-purpose
 * ranges (private, loopback, link-local, shared/CGNAT, multicast, documentation, reserved …)?
 * The ranges follow the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates);
 * IPv6 outside the global unicast block 2000::/3 is reserved. Non-public addresses are internal to
 * mikiwame's analyses and never looked up.
 * Input: a parsed `IpAddress`. Output: an `AddressScope`.
 */
import {
  type Cidr,
  cidrContains,
  type IpAddress,
  type ParseIpOptions,
  parseCidr,
} from "../../events/ip-address.js";

/**
 * How the location analysis parses addresses and blocks: NAT64 well-known-prefix addresses
 * (`64:ff9b::a.b.c.d`) are the IPv4 host they carry, so one host has one key.
 */
export const LOCATION_IP_OPTIONS: ParseIpOptions = { nat64AsIpv4: true };

/**
 * True when `text` is an `internal_networks` block both analyses accept: the network analysis reads a
 * NAT64 block as IPv6, the location analysis (LOCATION_IP_OPTIONS) as the IPv4 block it carries.
 */
export function isInternalNetworkBlock(text: string): boolean {
  return parseCidr(text) !== undefined && parseCidr(text, LOCATION_IP_OPTIONS) !== undefined;
}

/** The scopes an address can have; only `public` addresses are looked up. */
export const ADDRESS_SCOPES = [
  "public",
  "internal", // a public block the configuration declares as the organisation's own (`internalNetworks`)
  "private", // RFC 1918, IPv6 ULA fc00::/7 and the deprecated site-local fec0::/10
  "shared", // 100.64.0.0/10, carrier-grade NAT (RFC 6598)
  "loopback",
  "link-local",
  "multicast",
  "broadcast",
  "documentation", // TEST-NET-1/2/3, 2001:db8::/32, 3fff::/20
  "unspecified", // 0.0.0.0/8, ::
  "reserved", // everything else set aside (240/4, benchmarking, protocol assignments, IPv6 outside 2000::/3)
] as const;
export type AddressScope = (typeof ADDRESS_SCOPES)[number];

/** The scopes of addresses on the organisation's own side (direction: an endpoint inside the network). */
export const INTERNAL_SCOPES: ReadonlySet<AddressScope> = new Set<AddressScope>([
  "internal",
  "private",
  "shared",
  "loopback",
  "link-local",
]);

/** Special-purpose ranges, most specific first (the first match wins). */
const SPECIAL_RANGES: ReadonlyArray<readonly [string, AddressScope]> = [
  ["255.255.255.255/32", "broadcast"],
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.0.2.0/24", "documentation"],
  ["192.31.196.0/24", "reserved"],
  ["192.52.193.0/24", "reserved"],
  ["192.88.99.0/24", "reserved"],
  ["192.168.0.0/16", "private"],
  ["192.175.48.0/24", "reserved"],
  ["198.18.0.0/15", "reserved"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["64:ff9b:1::/48", "reserved"],
  ["100::/64", "reserved"],
  ["2001:db8::/32", "documentation"],
  ["2001::/23", "reserved"],
  ["3fff::/20", "documentation"],
  ["5f00::/16", "reserved"],
  ["fc00::/7", "private"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "private"],
  ["ff00::/8", "multicast"],
];

function compileRange(
  cidr: string,
  scope: AddressScope,
): { readonly cidr: Cidr; readonly scope: AddressScope } {
  const parsed = parseCidr(cidr, LOCATION_IP_OPTIONS);
  if (!parsed) throw new Error(`address-scope: bad range ${cidr}`);
  return { cidr: parsed, scope };
}

const COMPILED = SPECIAL_RANGES.map(([cidr, scope]) => compileRange(cidr, scope));
const GLOBAL_UNICAST = compileRange("2000::/3", "public").cidr;

/** The scope of an address: `public`, or the special-purpose range it falls in. */
export function addressScope(ip: IpAddress): AddressScope {
  for (const r of COMPILED) if (cidrContains(r.cidr, ip)) return r.scope;
  if (ip.version === 4) return "public";
  return cidrContains(GLOBAL_UNICAST, ip) ? "public" : "reserved";
}

/** True for addresses on the organisation's own side (declared internal, private, CGNAT, loopback, link-local). */
export function isInternalScope(scope: AddressScope): boolean {
  return INTERNAL_SCOPES.has(scope);
}
