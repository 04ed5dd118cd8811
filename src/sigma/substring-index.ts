/**
 * Aho–Corasick multi-pattern search: which of many literals occur in a string, in one pass over
 * it (time linear in the string plus the matches). Used by the rule index to find the rules whose
 * necessary `contains` literal occurs in an event value.
 * Input: literals with a payload each; then strings to scan. Output: the payloads of the literals found.
 */

export class SubstringIndex<T> {
  private readonly goto: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** payloads of the literal ending exactly at a state */
  private readonly out: (T[] | undefined)[] = [undefined];
  /** nearest state on the fail chain that has an output (-1: none) */
  private readonly dict: number[] = [-1];
  /** The root's transitions for ASCII, the most frequent lookup (0 = stay at the root) */
  private readonly rootAscii = new Int32Array(128);
  private built = false;

  /** Adds a literal (must be non-empty). */
  add(literal: string, payload: T): void {
    if (this.built) throw new Error("SubstringIndex: add after build");
    let s = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      let next = this.goto[s].get(c);
      if (next === undefined) {
        next = this.goto.length;
        this.goto.push(new Map());
        this.fail.push(0);
        this.out.push(undefined);
        this.dict.push(-1);
        this.goto[s].set(c, next);
      }
      s = next;
    }
    const o = this.out[s];
    if (o === undefined) this.out[s] = [payload];
    else o.push(payload);
  }

  get size(): number {
    return this.goto.length - 1;
  }

  /** Computes the failure links (breadth-first). */
  build(): void {
    const queue: number[] = [];
    for (const child of this.goto[0].values()) {
      this.fail[child] = 0;
      queue.push(child);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [c, t] of this.goto[s]) {
        queue.push(t);
        let f = this.fail[s];
        while (f !== 0 && !this.goto[f].has(c)) f = this.fail[f];
        const ft = this.goto[f].get(c);
        this.fail[t] = ft !== undefined && ft !== t ? ft : 0;
        const ff = this.fail[t];
        this.dict[t] = this.out[ff] !== undefined ? ff : this.dict[ff];
      }
    }
    for (const [c, t] of this.goto[0]) if (c < 128) this.rootAscii[c] = t;
    this.built = true;
  }

  private next(from: number, c: number): number {
    let state = from;
    if (state === 0 && c < 128) return this.rootAscii[c];
    let next = this.goto[state].get(c);
    while (next === undefined && state !== 0) {
      state = this.fail[state];
      if (state === 0 && c < 128) return this.rootAscii[c];
      next = this.goto[state].get(c);
    }
    return next ?? 0;
  }

  /** Calls `found` with the payloads of every literal occurring in `s` (a literal may be reported more than once). */
  scan(s: string, found: (payloads: readonly T[]) => void): void {
    if (!this.built) this.build();
    let state = 0;
    for (let i = 0; i < s.length; i++) {
      state = this.next(state, s.charCodeAt(i));
      const o = this.out[state];
      if (o !== undefined) found(o);
      for (let d = this.dict[state]; d !== -1; d = this.dict[d]) found(this.out[d] as T[]);
    }
  }

  /** Does any literal occur in `s`? Stops at the first one. */
  occursIn(s: string): boolean {
    if (!this.built) this.build();
    let state = 0;
    for (let i = 0; i < s.length; i++) {
      state = this.next(state, s.charCodeAt(i));
      if (this.out[state] !== undefined || this.dict[state] !== -1) return true;
    }
    return false;
  }
}
