/**
 * The values an export may carry, checked and made canonical: IP addresses (the project's one parser;
 * unspecified, loopback and broadcast addresses are refused — blocking them would break the network,
 * not the attacker), domain names (LDH labels, IDN to punycode, no wildcard), SHA256 and ports.
 * Anything else is refused with a reason, so no log-provided text reaches a firewall rule, a shell
 * script or a zone file unchecked. Input: text from plan actions. Output: canonical text or a reason.
 */
import { domainToASCII } from "node:url";
import { type IpAddress, parseIpAddress } from "../../events/ip-address.js";

/** A checked value, or why it was refused. */
export type CheckedValue<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

const MAX_DOMAIN = 253;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function refused<T>(reason: string): CheckedValue<T> {
  return { ok: false, reason };
}

/** Addresses that must never be blocked (they are ours or nobody's). */
function unblockable(ip: IpAddress): string | undefined {
  if (ip.version === 4) {
    const top = Number(ip.value >> 24n);
    if (top === 0) return "an unspecified (0.0.0.0/8) address";
    if (top === 127) return "a loopback address";
    if (ip.value === 0xffff_ffffn) return "the broadcast address";
    return undefined;
  }
  if (ip.value === 0n) return "the unspecified address (::)";
  if (ip.value === 1n) return "the loopback address (::1)";
  return undefined;
}

/** An IP address to block, canonical (dotted quad / RFC 5952), or why not. */
export function checkAddress(text: string): CheckedValue<IpAddress> {
  const ip = parseIpAddress(text);
  if (!ip) return refused("not a valid IP address");
  const bad = unblockable(ip);
  return bad ? refused(`${bad} cannot be blocked`) : { ok: true, value: ip };
}

/** A domain name, lower case and ASCII (punycode), without a trailing dot, or why not. */
export function checkDomain(text: string): CheckedValue<string> {
  if (text.length === 0 || text.length > MAX_DOMAIN + 1)
    return refused("empty or longer than 253 characters");
  let name = text.endsWith(".") ? text.slice(0, -1) : text;
  if (/[\u0000-\u0020\u007f]/.test(name)) return refused("contains spaces or control characters");
  if (/[^\u0021-\u007e]/.test(name)) {
    const ascii = domainToASCII(name);
    if (ascii === "") return refused("not a valid internationalised domain name");
    name = ascii;
  }
  name = name.toLowerCase();
  if (name.length > MAX_DOMAIN) return refused("longer than 253 characters");
  const labels = name.split(".");
  if (labels.length < 2) return refused("not a fully qualified domain name (needs a dot)");
  for (const l of labels)
    if (!LABEL.test(l)) return refused("not a valid host name (letters, digits, hyphens; labels of 1–63)");
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ""))
    return refused("numeric top-level label (an address, not a name)");
  return { ok: true, value: name };
}

/** A SHA256 in lower-case hex, or why not. */
export function checkSha256(text: string): CheckedValue<string> {
  return /^[0-9a-fA-F]{64}$/.test(text)
    ? { ok: true, value: text.toLowerCase() }
    : refused("not a SHA256 (64 hex digits)");
}

/** A TCP/UDP port 1–65535, or why not. */
export function checkPort(text: string): CheckedValue<number> {
  if (!/^[0-9]{1,5}$/.test(text)) return refused("not a port number");
  const n = Number(text);
  return n >= 1 && n <= 65535 ? { ok: true, value: n } : refused("port out of range 1–65535");
}
