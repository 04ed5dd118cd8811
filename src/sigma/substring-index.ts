/**
 * Aho–Corasick multi-pattern search: which of many literals occur in a string, in one pass over
 * it (time linear in the string plus the matches). Used by the rule index to find the rules whose
 * necessary `contains` literal occurs in an event value.
 * Input: literals with a payload each; then strings to scan. Output: the payloads of the literals found.
 * Memory: the trie is kept in typed arrays (first-child / next-sibling while literals are added, then
 * each state's edges sorted by character), about 20 bytes per state — SigmaHQ's Windows rules make
 * some 640,000 states, which one Map per state made into ~120 MB of heap.
 */

/** Edges of a state scanned one by one up to this many; binary search above. */
const LINEAR_EDGES = 8;

/** A copy of `a` with room for at least `n` elements, new slots set to `fill`. */
function grown<A extends Int32Array | Uint16Array>(a: A, n: number, fill: number): A {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (length: number) => A)(Math.max(n, a.length * 2));
  b.set(a);
  b.fill(fill, a.length);
  return b;
}

export class SubstringIndex<T> {
  /** States so far (the root is 0) */
  private count = 1;
  // while adding: the trie as first child / next sibling / edge character per state
  private firstChild = new Int32Array(16).fill(-1);
  private sibling = new Int32Array(16).fill(-1);
  private label = new Uint16Array(16);
  /** The root's children while adding (the root has many) */
  private rootChildren: Map<number, number> | undefined = new Map();
  // once built: each state's edges [offsets[s], offsets[s + 1]), sorted by character
  private offsets = new Int32Array(0);
  private chars = new Uint16Array(0);
  private targets = new Int32Array(0);
  private fail = new Int32Array(0);
  /** nearest state on the fail chain that has an output (-1: none) */
  private dict = new Int32Array(0);
  /** index into `outputs` of the literals ending exactly at a state (-1: none) */
  private outIndex = new Int32Array(16).fill(-1);
  private readonly outputs: T[][] = [];
  /** The root's transitions for ASCII, the most frequent lookup (0 = stay at the root) */
  private readonly rootAscii = new Int32Array(128);
  private built = false;

  /** Adds a literal (must be non-empty). */
  add(literal: string, payload: T): void {
    if (this.built) throw new Error("SubstringIndex: add after build");
    let s = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      let next = s === 0 ? (this.rootChildren?.get(c) ?? -1) : this.childWhileAdding(s, c);
      if (next === -1) {
        next = this.count++;
        this.firstChild = grown(this.firstChild, this.count, -1);
        this.sibling = grown(this.sibling, this.count, -1);
        this.label = grown(this.label, this.count, 0);
        this.outIndex = grown(this.outIndex, this.count, -1);
        this.label[next] = c;
        this.sibling[next] = this.firstChild[s] as number;
        this.firstChild[s] = next;
        if (s === 0) this.rootChildren?.set(c, next);
      }
      s = next;
    }
    const o = this.outIndex[s] as number;
    if (o === -1) {
      this.outIndex[s] = this.outputs.length;
      this.outputs.push([payload]);
    } else this.outputs[o]?.push(payload);
  }

  get size(): number {
    return this.count - 1;
  }

  private childWhileAdding(s: number, c: number): number {
    for (let t = this.firstChild[s] as number; t !== -1; t = this.sibling[t] as number)
      if (this.label[t] === c) return t;
    return -1;
  }

  /** The state reached from `s` by character `c`, or -1 (built trie). */
  private goto(s: number, c: number): number {
    let lo = this.offsets[s] as number;
    let hi = this.offsets[s + 1] as number;
    if (hi - lo <= LINEAR_EDGES) {
      for (; lo < hi; lo++) if (this.chars[lo] === c) return this.targets[lo] as number;
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.chars[mid] as number;
      if (m === c) return this.targets[mid] as number;
      if (m < c) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Lays the edges out by state, sorted by character; frees the adding structures. */
  private compact(): void {
    const n = this.count;
    const offsets = new Int32Array(n + 1);
    for (let s = 0; s < n; s++) {
      let d = 0;
      for (let t = this.firstChild[s] as number; t !== -1; t = this.sibling[t] as number) d++;
      offsets[s + 1] = (offsets[s] as number) + d;
    }
    const chars = new Uint16Array(offsets[n] as number);
    const targets = new Int32Array(offsets[n] as number);
    for (let s = 0; s < n; s++) {
      const start = offsets[s] as number;
      let k = start;
      for (let t = this.firstChild[s] as number; t !== -1; t = this.sibling[t] as number) {
        // insertion sort by character (states have few edges; the root's are sorted once)
        let j = k++;
        const c = this.label[t] as number;
        while (j > start && (chars[j - 1] as number) > c) {
          chars[j] = chars[j - 1] as number;
          targets[j] = targets[j - 1] as number;
          j--;
        }
        chars[j] = c;
        targets[j] = t;
      }
    }
    this.offsets = offsets;
    this.chars = chars;
    this.targets = targets;
    this.outIndex = this.outIndex.slice(0, n);
    this.firstChild = new Int32Array(0);
    this.sibling = new Int32Array(0);
    this.label = new Uint16Array(0);
    this.rootChildren = undefined;
  }

  /** Computes the failure links (breadth-first). */
  build(): void {
    if (this.built) return;
    this.compact();
    const n = this.count;
    this.fail = new Int32Array(n);
    this.dict = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let tail = 0;
    for (let e = this.offsets[0] as number; e < (this.offsets[1] as number); e++)
      queue[tail++] = this.targets[e] as number;
    for (let head = 0; head < tail; head++) {
      const s = queue[head] as number;
      for (let e = this.offsets[s] as number; e < (this.offsets[s + 1] as number); e++) {
        const c = this.chars[e] as number;
        const t = this.targets[e] as number;
        queue[tail++] = t;
        let f = this.fail[s] as number;
        while (f !== 0 && this.goto(f, c) === -1) f = this.fail[f] as number;
        const ft = this.goto(f, c);
        const link = ft !== -1 && ft !== t ? ft : 0;
        this.fail[t] = link;
        this.dict[t] = this.outIndex[link] !== -1 ? link : (this.dict[link] as number);
      }
    }
    for (let e = this.offsets[0] as number; e < (this.offsets[1] as number); e++) {
      const c = this.chars[e] as number;
      if (c < 128) this.rootAscii[c] = this.targets[e] as number;
    }
    this.built = true;
  }

  private next(from: number, c: number): number {
    let state = from;
    if (state === 0 && c < 128) return this.rootAscii[c] as number;
    let next = this.goto(state, c);
    while (next === -1 && state !== 0) {
      state = this.fail[state] as number;
      if (state === 0 && c < 128) return this.rootAscii[c] as number;
      next = this.goto(state, c);
    }
    return next === -1 ? 0 : next;
  }

  /** Calls `found` with the payloads of every literal occurring in `s` (a literal may be reported more than once). */
  scan(s: string, found: (payloads: readonly T[]) => void): void {
    if (!this.built) this.build();
    let state = 0;
    for (let i = 0; i < s.length; i++) {
      state = this.next(state, s.charCodeAt(i));
      const o = this.outIndex[state] as number;
      if (o !== -1) found(this.outputs[o] as T[]);
      for (let d = this.dict[state] as number; d !== -1; d = this.dict[d] as number)
        found(this.outputs[this.outIndex[d] as number] as T[]);
    }
  }

  /** Does any literal occur in `s`? Stops at the first one. */
  occursIn(s: string): boolean {
    if (!this.built) this.build();
    let state = 0;
    for (let i = 0; i < s.length; i++) {
      state = this.next(state, s.charCodeAt(i));
      if (this.outIndex[state] !== -1 || this.dict[state] !== -1) return true;
    }
    return false;
  }
}
