/**
 * The bound on gunzipped input (gzip bombs). Readers stream gzip content, so memory is never the
 * problem; time is: 10 MB of gzip can expand to 10 GB of zeros and keep a reader busy for minutes.
 * Past a free allowance, content that expands more than a ratio no real log reaches is stopped.
 * Input: bytes decompressed and compressed bytes read so far. Output: the reason to stop, or undefined.
 */

export interface GunzipLimits {
  /** Decompressed bytes always accepted, whatever the ratio */
  readonly freeBytes: number;
  /** Past `freeBytes`: the largest decompressed ÷ compressed ratio accepted */
  readonly maxRatio: number;
}

/**
 * 1 GiB free, then at most 200×. Logs compress 5–30× (EVTX mostly-empty chunks more, but an honest
 * .evtx is at most a few GiB); gzip's own maximum is about 1032×, which is what a bomb uses.
 */
export const DEFAULT_GUNZIP_LIMITS: GunzipLimits = { freeBytes: 1024 * 1024 * 1024, maxRatio: 200 };

/** Why reading must stop (a sentence for an E_LIMIT diagnostic), or undefined while within the limits. */
export function gunzipLimitProblem(
  decompressed: number,
  compressed: number,
  limits: GunzipLimits = DEFAULT_GUNZIP_LIMITS,
): string | undefined {
  if (decompressed <= limits.freeBytes) return undefined;
  if (decompressed <= limits.maxRatio * Math.max(compressed, 1)) return undefined;
  const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return (
    `gzip content expands more than ${limits.maxRatio}× (${mib(decompressed)} from ${mib(compressed)} ` +
    `of compressed input; a decompression bomb?)`
  );
}
