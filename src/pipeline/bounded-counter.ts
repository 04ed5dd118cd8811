/**
 * Counting by key with bounded memory. Input: keys (host names, channels …) from the event stream.
 * Output: the top N keys by count. At most `maxKeys` distinct keys are tracked; occurrences of keys first
 * seen after that are still counted in the total (as `others`), and `distinctCapped` says so.
 */

export interface CountEntry {
  readonly key: string;
  readonly count: number;
}

export interface TopCounts {
  /** Distinct keys tracked (at most the counter's cap) */
  readonly distinct: number;
  /** True when more distinct keys appeared than the cap: `distinct` is then a lower bound */
  readonly distinctCapped: boolean;
  /** The most frequent keys, by count (descending) then key */
  readonly top: readonly CountEntry[];
  /** Occurrences not in `top` */
  readonly others: number;
}

/** Default cap on distinct keys per counter. */
export const DEFAULT_MAX_KEYS = 10_000;

export class BoundedCounter {
  private readonly counts = new Map<string, number>();
  private untracked = 0;
  private total = 0;

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** Counts one occurrence (or `n`) of `key`. */
  add(key: string, n = 1): void {
    this.total += n;
    const c = this.counts.get(key);
    if (c !== undefined) this.counts.set(key, c + n);
    else if (this.counts.size < this.maxKeys) this.counts.set(key, n);
    else this.untracked += n;
  }

  /** The `n` most frequent keys, ties broken by key (code-unit order) so output is deterministic. */
  top(n: number): TopCounts {
    const entries = Array.from(this.counts, ([key, count]) => ({ key, count }));
    entries.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const top = entries.slice(0, Math.max(0, n));
    const inTop = top.reduce((sum, e) => sum + e.count, 0);
    return {
      distinct: this.counts.size,
      distinctCapped: this.untracked > 0,
      top,
      others: this.total - inTop,
    };
  }
}
