/**
 * File hashes as Sysmon writes them: `SHA256=…,MD5=…,IMPHASH=…` (event 1 / 7 `Hashes`, event 15 `Hash`).
 * Input: that text (any order, any case, unknown algorithms ignored). Output: one upper-case hex value
 * per known algorithm.
 */

export const HASH_ALGORITHMS = ["md5", "sha1", "sha256", "imphash"] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export type FileHashes = Partial<Record<HashAlgorithm, string>>;

/** Expected hex length per algorithm: a value of another length is not kept. */
const HEX_LENGTH: Readonly<Record<HashAlgorithm, number>> = { md5: 32, sha1: 40, sha256: 64, imphash: 32 };

/** At most this many `name=value` parts are looked at (the field is input-provided). */
const MAX_PARTS = 16;

/** Parses `MD5=…,SHA256=…` (also `;` separated). Unknown names, bad hex and `IMPHASH=000…` are left out. */
export function parseHashes(text: string | undefined): FileHashes {
  const out: FileHashes = {};
  if (!text) return out;
  const parts = text.split(/[,;]/, MAX_PARTS);
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase().replace("-", "");
    const value = part
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    if (!isAlgorithm(name)) continue;
    if (value.length !== HEX_LENGTH[name] || !/^[0-9A-F]+$/.test(value) || /^0+$/.test(value)) continue;
    out[name] = value;
  }
  return out;
}

function isAlgorithm(s: string): s is HashAlgorithm {
  return (HASH_ALGORITHMS as readonly string[]).includes(s);
}

/** The strongest hash present (SHA256, then SHA1, then MD5), as `sha256:…`, or undefined. */
export function primaryHash(h: FileHashes): string | undefined {
  if (h.sha256) return `sha256:${h.sha256}`;
  if (h.sha1) return `sha1:${h.sha1}`;
  if (h.md5) return `md5:${h.md5}`;
  return undefined;
}
