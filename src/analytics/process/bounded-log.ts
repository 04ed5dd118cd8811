/**
 * A list that keeps the first `cap` items and counts all of them: per-process activity (files written,
 * connections, DNS queries …) stays bounded however long a process runs.
 * Input: items in arrival order. Output: the kept items and the total count.
 * The list is created on the first add: most processes have no activity of most kinds, and six empty
 * arrays per process were ~200 bytes of each process graph node.
 */

const NONE: readonly never[] = Object.freeze([]);

export class BoundedLog<T> {
  private kept: T[] | undefined;
  private count = 0;

  constructor(private readonly cap: number) {}

  /** Adds one item; returns false when it was counted but not kept (the log is full). */
  add(item: T): boolean {
    this.count++;
    if (this.kept === undefined) {
      if (this.cap <= 0) return false;
      this.kept = [item];
      return true;
    }
    if (this.kept.length >= this.cap) return false;
    this.kept.push(item);
    return true;
  }

  /** The kept items, oldest first. */
  get items(): readonly T[] {
    return this.kept ?? NONE;
  }

  /** Every item added, kept or not. */
  get total(): number {
    return this.count;
  }

  /** Items counted but not kept. */
  get dropped(): number {
    return this.count - (this.kept?.length ?? 0);
  }
}
