/**
 * Local wall-clock time in one IANA time zone (`UTC`, `Asia/Tokyo`, `Europe/Berlin` …), fast enough
 * to call per event: the zone's UTC offset is computed with `Intl.DateTimeFormat` once per 15-minute
 * slot (every offset change in the tz database falls on a quarter hour) and cached, bounded.
 * Input: epoch milliseconds. Output: local hour, weekday, day number and display text.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

/** Where an instant falls on the local calendar. */
export interface LocalTime {
  /** 0–23 */
  readonly hour: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
  /** Local calendar day as days since 1970-01-01 (for counting distinct days) */
  readonly day: number;
}

const SLOT_MS = 15 * 60 * 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_CACHED_SLOTS = 20_000;

/** Local time in one zone. */
export class ZoneClock {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  /** Throws `E_CONFIG` when `timeZone` is not a zone the runtime knows. */
  constructor(timeZone: string) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch (e) {
      throw new MikiwameError(
        "E_CONFIG",
        `time zone ${JSON.stringify(timeZone)} is not known; use an IANA name such as "UTC" or "Asia/Tokyo"`,
        undefined,
        { cause: e },
      );
    }
    this.timeZone = format.resolvedOptions().timeZone;
    this.format = this.timeZone === "UTC" ? undefined : format;
  }

  /** The zone's offset from UTC at `ms`, in milliseconds (Tokyo: +9 h). */
  offsetMs(ms: number): number {
    if (!this.format) return 0;
    const slot = Math.floor(ms / SLOT_MS);
    const cached = this.offsets.get(slot);
    if (cached !== undefined) return cached;
    const at = slot * SLOT_MS;
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
    const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    const offset = Number.isFinite(local) ? local - at : 0;
    if (this.offsets.size >= MAX_CACHED_SLOTS) this.offsets.clear();
    this.offsets.set(slot, offset);
    return offset;
  }

  /** Local hour, weekday and day of `ms`. */
  local(ms: number): LocalTime {
    const localMs = ms + this.offsetMs(ms);
    const day = Math.floor(localMs / DAY_MS);
    const hour = Math.floor((localMs - day * DAY_MS) / HOUR_MS);
    // 1970-01-01 was a Thursday (4)
    const weekday = (((day + 4) % 7) + 7) % 7;
    return { hour, weekday, day };
  }

  /** `2026-03-02 09:14` in this zone. */
  formatMinute(ms: number): string {
    return new Date(ms + this.offsetMs(ms)).toISOString().slice(0, 16).replace("T", " ");
  }
}
