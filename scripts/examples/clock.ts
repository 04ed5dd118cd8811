/**
 * The example incident's clock: every time is microseconds since the Unix epoch on 2026-03-02 (UTC).
 * Input: "hh:mm:ss.fff" strings or microsecond counts. Output: microseconds, ISO 8601 text,
 * Sysmon `UtcTime` text and FILETIME ticks for the EVTX writer.
 */
import { FILETIME_UNIX_EPOCH } from "../../src/writers/evtx/windows-time.js";

const DAY_US = Date.UTC(2026, 2, 2) * 1000;

/** "09:14:03.214" on 2026-03-02 → microseconds since the Unix epoch. */
export const at = (hms: string): number => {
  const [h, m, s] = hms.split(":");
  return DAY_US + (Number(h) * 3600 + Number(m) * 60) * 1e6 + Math.round(Number(s) * 1e6);
};

/** Microseconds → ISO 8601 with milliseconds ("2026-03-02T09:14:03.214Z"). */
export const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();

/** Microseconds → Sysmon's `UtcTime` form ("2026-03-02 09:14:03.214"). */
export const utcTime = (us: number): string => iso(us).slice(0, 23).replace("T", " ");

/** Microseconds → FILETIME ticks (100 ns since 1601). */
export const ticks = (us: number): bigint => FILETIME_UNIX_EPOCH + BigInt(us) * 10n;
