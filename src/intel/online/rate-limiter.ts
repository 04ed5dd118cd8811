/**
 * A queue that spaces calls to one service: at most `perMinute` calls in any 60 s and `perDay` calls in a
 * 24 h window. Input: `acquire()` before each HTTP call. Output: the promise resolves when the call may go
 * (callers wait in order; none is dropped), or says the daily budget is used (then no call is made).
 */
import { type Clock, systemClock } from "./clock.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Limits of one service. VirusTotal's public API: 4 per minute, 500 per day. */
export interface RateLimits {
  readonly perMinute: number;
  readonly perDay: number;
}

/** `granted`: make the call now. `daily-quota-used`: the day's budget is spent; do not call. */
export type RateDecision = "granted" | "daily-quota-used";

/** Counts calls in this process; the day window starts at the first call and restarts 24 h later. */
export class RateLimiter {
  /** Start times of the calls in the last minute, oldest first (never more than `perMinute`). */
  private readonly recent: number[] = [];
  private dayStart = Number.NEGATIVE_INFINITY;
  private dayCount = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(limits.perMinute >= 1) || !(limits.perDay >= 1))
      throw new RangeError(
        `rate limits must be at least 1 (got ${limits.perMinute}/min, ${limits.perDay}/day)`,
      );
  }

  /** Waits for a slot, in call order. Rejects only when `signal` aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<RateDecision> {
    const turn = this.tail.then(() => this.take(signal));
    // The next caller waits for this one whether it was granted, refused or aborted.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Calls granted in the current day window. */
  get usedToday(): number {
    return this.clock.now() - this.dayStart < DAY_MS ? this.dayCount : 0;
  }

  private async take(signal: AbortSignal | undefined): Promise<RateDecision> {
    signal?.throwIfAborted();
    let now = this.clock.now();
    if (now - this.dayStart >= DAY_MS) {
      this.dayStart = now;
      this.dayCount = 0;
    }
    if (this.dayCount >= this.limits.perDay) return "daily-quota-used";
    while (this.recent.length > 0 && now - this.recent[0]! >= MINUTE_MS) this.recent.shift();
    if (this.recent.length >= this.limits.perMinute) {
      await this.clock.sleep(this.recent[0]! + MINUTE_MS - now, signal);
      now = this.clock.now();
      while (this.recent.length > 0 && now - this.recent[0]! >= MINUTE_MS) this.recent.shift();
    }
    this.recent.push(now);
    if (this.recent.length > this.limits.perMinute) this.recent.shift();
    this.dayCount++;
    return "granted";
  }
}
