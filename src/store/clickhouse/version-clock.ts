/**
 * Row versions for the ClickHouse store's ReplacingMergeTree tables: the row with the highest version
 * of a key wins. Input: nothing (the wall clock). Output: strictly increasing integers, microseconds
 * since the epoch (so a later process writes higher versions than an earlier one, clocks permitting).
 */
export class VersionClock {
  private last = 0;

  /** The next version: the current time in µs, or one more than the last if the clock stood still. */
  next(): number {
    const now = Date.now() * 1000;
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }
}
