/**
 * IP address parsing for the network analytics: IPv4 dotted quads and IPv6 (with `::` compression,
 * an embedded IPv4 tail and a `%zone` suffix) → a family and a bigint. IPv4-mapped IPv6 addresses
 * (`::ffff:a.b.c.d`) are returned as IPv4 so that both spellings classify the same way.
 * Input: a string from a log field. Output: an IpAddress, or undefined when it is not an address.
 */

/** A parsed address: family 4 (32-bit value) or 6 (128-bit value). */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const LOW_32_BITS = 0xffff_ffffn;
/** Longest text we try to parse: an IPv6 address with an IPv4 tail and a zone is well under this. */
const MAX_ADDRESS_TEXT = 80;

/** Parses an IPv4 dotted quad (exactly four decimal parts 0..255, no leading `+`/spaces). */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || !/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** Parses the groups of one side of an IPv6 `::` (may end with an IPv4 tail when `last`). */
function parseIpv6Groups(text: string, allowV4Tail: boolean): number[] | undefined {
  if (text === "") return [];
  const groups: number[] = [];
  const parts = text.split(":");
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (allowV4Tail && i === parts.length - 1 && p.includes(".")) {
      const v4 = parseIpv4(p);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (p.length === 0 || p.length > 4 || !/^[0-9a-fA-F]+$/.test(p)) return undefined;
    groups.push(Number.parseInt(p, 16));
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const zone = text.indexOf("%");
  const body = zone >= 0 ? text.slice(0, zone) : text;
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const head = parseIpv6Groups(halves[0], false);
    const tail = parseIpv6Groups(halves[1], true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseIpv6Groups(body, true);
    if (all?.length !== 8) return undefined;
    groups = all;
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Parses an IPv4 or IPv6 address; undefined for anything else (host names, `-`, empty). */
export function parseIpAddress(text: string): IpAddress | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_ADDRESS_TEXT) return undefined;
  if (t.includes(":")) {
    const unbracketed = t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : t;
    const v6 = parseIpv6(unbracketed);
    if (v6 === undefined) return undefined;
    if (v6 >> 32n === IPV4_MAPPED_PREFIX >> 32n) return { family: 4, value: v6 & LOW_32_BITS };
    return { family: 6, value: v6 };
  }
  const v4 = parseIpv4(t);
  return v4 === undefined ? undefined : { family: 4, value: v4 };
}
