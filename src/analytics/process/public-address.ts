/**
 * Is an IP address on the Internet? Private (RFC 1918, RFC 4193), loopback, link-local, CGNAT,
 * multicast and unspecified addresses are not. Input: an address as text. Output: a boolean
 * (false for anything that does not parse).
 */

/** True for an IPv4 or IPv6 address outside the private / special ranges. */
export function isPublicAddress(ip: string | undefined): boolean {
  if (!ip) return false;
  const s = ip.trim().toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.replace(/^::ffff:/, ""));
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if ([a, b, Number(v4[3]), Number(v4[4])].some((n) => n > 255)) return false;
    if (a === 10 || a === 127 || a === 0 || a >= 224) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 169 && b === 254) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    return true;
  }
  if (!s.includes(":") || !/^[0-9a-f:.%a-z]+$/.test(s)) return false;
  if (s === "::" || s === "::1") return false;
  return !/^(fe[89ab]|f[cd]|ff)/.test(s);
}
