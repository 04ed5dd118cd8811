/**
 * IP addresses and CIDR ranges for the `cidr` modifier: IPv4 (`10.0.0.0/8`) and IPv6
 * (`fe80::/10`, with `::` compression and embedded IPv4). An IPv4-mapped IPv6 value
 * (`::ffff:10.1.2.3`, as Windows logs IPv4 peers of dual-stack sockets) is matched by IPv4 ranges.
 * Input: strings. Output: parsed addresses and a `contains` test.
 */

export interface IpAddress {
  readonly version: 4 | 6;
  /** 32-bit (v4) or 128-bit (v6) value */
  readonly value: bigint;
}

export interface Cidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
  readonly text: string;
}

const V4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): bigint | undefined {
  const m = V4_RE.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i].length > 1 && m[i][0] === "0")) return undefined;
    v = (v << 8n) | BigInt(octet);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint[] = [];
  // embedded IPv4 in the last 32 bits
  const lastColon = text.lastIndexOf(":");
  if (lastColon !== -1 && text.includes(".", lastColon)) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, lastColon); // `::ffff:1.2.3.4` → `::ffff`; `::1.2.3.4` → `:` (restored to `::`)
    if (text.endsWith(":")) text += ":";
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === "") return [];
    const out: bigint[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length + tail.length;
  let groups: bigint[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    groups = [...head, ...new Array<bigint>(8 - given).fill(0n), ...rest, ...tail];
  } else {
    if (given !== 8) return undefined;
    groups = [...head, ...tail];
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | g;
  return v;
}

/** Parses an IPv4 or IPv6 address (brackets and a `%zone` suffix are ignored). */
export function parseIp(input: string): IpAddress | undefined {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone !== -1) s = s.slice(0, zone);
  if (s.length > 45) return undefined;
  const v4 = parseV4(s);
  if (v4 !== undefined) return { version: 4, value: v4 };
  if (!s.includes(":")) return undefined;
  const v6 = parseV6(s);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

/** Parses `address/prefix` (a bare address is a single-host range). Throws Error with a reason. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  const addr = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!addr) throw new Error(`'${text}' is not an IPv4 or IPv6 network`);
  const bits = addr.version === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new Error(`'${text}' has an invalid prefix length (0–${bits})`);
  }
  const prefix = Number(prefixText);
  const mask = prefixMask(prefix, bits);
  return { version: addr.version, network: addr.value & mask, prefix, text };
}

function prefixMask(prefix: number, bits: number): bigint {
  if (prefix === 0) return 0n;
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** Is the address inside the range? */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  let value = ip.value;
  let version = ip.version;
  if (version === 6 && cidr.version === 4 && value >> 32n === 0xffffn) {
    value = value ^ V4_MAPPED_PREFIX;
    version = 4;
  }
  if (version !== cidr.version) return false;
  const mask = prefixMask(cidr.prefix, version === 4 ? 32 : 128);
  return (value & mask) === cidr.network;
}
