/**
 * Synthetic, deterministic hashes for the example incident (no real binary behind them).
 * Input: a text (an image path, a seed string). Output: upper-case hex digests and Sysmon's
 * `Hashes` field text.
 */
import { createHash } from "node:crypto";

/** The upper-case hex digest of `s` with the Node hash algorithm `alg`. */
export const digest = (alg: string, s: string): string =>
  createHash(alg).update(s).digest("hex").toUpperCase();

/** Sysmon's `Hashes` value for an image path: MD5, SHA256 and IMPHASH derived from the path. */
export const hashes = (file: string): string =>
  `MD5=${digest("md5", file)},SHA256=${digest("sha256", file)},IMPHASH=${digest("md5", `imphash:${file}`)}`;
