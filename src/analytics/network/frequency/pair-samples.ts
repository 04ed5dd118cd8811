/**
 * The connection samples of one pair, bounded: whole-second times, the initiator's byte counts and
 * Zeek uids, at most `cap` of them — the most recent ones, since the beacon windows are counted
 * back from the end of the data. Older samples pushed out are still counted per hour, so strobe
 * counts stay exact. Events arrive in time order per file, not globally; compaction sorts.
 * Input: samples. Output: sorted views for a time window, counts per window.
 */

/** One connection of a pair. */
export interface PairSample {
  readonly second: number;
  readonly bytes: number | undefined;
  readonly uid: string | undefined;
}

const HOUR = 3600;

export class PairSamples {
  private samples: PairSample[] = [];
  private sorted = true;
  /** Samples pushed out by the cap: hour (epoch seconds / 3600) → count */
  private overflow: Map<number, number> | undefined;
  private dropped = 0;

  /** @param cap samples kept (the most recent) */
  constructor(private readonly cap: number) {}

  /** Adds one sample; returns how many samples the pair now holds (to account a global budget). */
  add(sample: PairSample): number {
    const n = this.samples.length;
    if (n > 0 && sample.second < this.samples[n - 1].second) this.sorted = false;
    this.samples.push(sample);
    // Compact at 1.25 × cap: amortized O(1) per sample while keeping exactly the latest `cap`.
    if (this.samples.length >= Math.max(this.cap + 1, Math.floor(this.cap * 1.25))) this.compact();
    return this.samples.length;
  }

  /** Counts a sample that was not stored (global budget exhausted) so window counts stay exact. */
  countOnly(second: number): void {
    this.dropped++;
    this.overflow ??= new Map();
    const h = Math.floor(second / HOUR);
    this.overflow.set(h, (this.overflow.get(h) ?? 0) + 1);
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    this.samples.sort((a, b) => a.second - b.second);
    this.sorted = true;
  }

  private compact(): void {
    this.ensureSorted();
    const excess = this.samples.length - this.cap;
    if (excess <= 0) return;
    for (let i = 0; i < excess; i++) this.countOnly(this.samples[i].second);
    this.samples = this.samples.slice(excess);
  }

  /** Trims to the cap (call before reading). */
  settle(): void {
    if (this.samples.length > this.cap) this.compact();
    this.ensureSorted();
  }

  /** Samples stored now. */
  get stored(): number {
    return this.samples.length;
  }

  /** Samples pushed out or never stored. */
  get droppedCount(): number {
    return this.dropped;
  }

  /** Stored samples with start ≤ second ≤ end, in time order (call `settle` first). */
  within(start: number, end: number): PairSample[] {
    this.ensureSorted();
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.samples[mid].second < start) lo = mid + 1;
      else hi = mid;
    }
    const out: PairSample[] = [];
    for (let i = lo; i < this.samples.length && this.samples[i].second <= end; i++) out.push(this.samples[i]);
    return out;
  }

  /** Connections in [start, end]: stored ones exactly, pushed-out ones by the hours they fall in. */
  countWithin(start: number, end: number): number {
    let n = this.within(start, end).length;
    if (this.overflow) {
      for (const [h, c] of this.overflow) {
        if (h * HOUR + HOUR - 1 >= start && h * HOUR <= end) n += c;
      }
    }
    return n;
  }
}
