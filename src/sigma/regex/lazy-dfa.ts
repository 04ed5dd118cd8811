/**
 * A lazily built DFA over a Thompson NFA program: answers "does the pattern match anywhere in this
 * string" in time linear in the string length, whatever the pattern (no backtracking, so `(a+)+$`
 * on 50 KB of `a` is as fast as any other pattern). DFA states are built on first use and cached per
 * (state, UTF-16 code unit); the cache is bounded and flushed when full.
 * Zero-width assertions are handled by keeping in each DFA state what they depend on: whether we are
 * at the start of the text, and whether the previous character was a newline / a word character.
 * Input: a RegexProgram. Output: `test(s)`.
 */
import { charSetHas, isWordChar } from "./char-set.js";
import type { RegexAssertion } from "./regex-parser.js";
import { OP_ASSERT, OP_CHAR, OP_MATCH, OP_SPLIT, type RegexProgram } from "./regex-program.js";

/**
 * DFA states kept per regex before its cache is flushed. Each state holds a 128-slot table for ASCII
 * plus a map for other characters (about 1 KiB). Most rule regexes need a few dozen states; a few
 * (unanchored, with alternations) need a couple of thousand — measured on SigmaHQ's rules, the largest
 * needed 1,669, and a cap of 1,000 made it rebuild states on every event (3× slower matching overall).
 */
export const MAX_DFA_STATES = 8_000;

/**
 * States kept by all regexes together (about 64 MiB): past it, the regex that needs a new state flushes
 * its own cache, so a rule set full of exploding patterns stays bounded in memory.
 */
export const MAX_TOTAL_DFA_STATES = 64_000;
let totalStates = 0;
/** A collected regex gives its states back to the global count. */
const released = new FinalizationRegistry<{ n: number }>((held) => {
  totalStates -= held.n;
});

/** Cached transitions on non-ASCII characters per state. */
const MAX_HIGH_TRANSITIONS = 256;

const CTX_START = 1;
const CTX_PREV_NL = 2;
const CTX_PREV_WORD = 4;

interface DState {
  /** NFA pcs to continue from (before following empty transitions) */
  readonly kernel: readonly number[];
  readonly ctx: number;
  /** Transitions for ASCII code units (undefined = not computed yet) */
  readonly low: (DState | undefined)[];
  /** Transitions for other code units */
  high: Map<number, DState> | undefined;
  /** Match at end of text from this state: 0 unknown, 1 yes, 2 no */
  eof: number;
}

/** Sentinel state: a match was found. */
const MATCHED: DState = { kernel: [], ctx: 0, low: [], high: undefined, eof: 1 };

export class LazyDfa {
  private readonly states = new Map<string, DState>();
  private initial: DState;
  private readonly mark: Int32Array;
  private generation = 0;
  private readonly stack: number[] = [];
  /** This regex's share of the global state count (read by the finalizer) */
  private readonly held = { n: 0 };

  constructor(private readonly prog: RegexProgram) {
    released.register(this, this.held);
    this.mark = new Int32Array(prog.op.length);
    this.initial = this.intern([prog.start], CTX_START);
  }

  /** DFA states cached now (for tests and diagnostics) */
  get stateCount(): number {
    return this.states.size;
  }

  /** Is there a match anywhere in `s`? */
  test(s: string): boolean {
    let st = this.initial;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      let next = c < 128 ? st.low[c] : st.high?.get(c);
      if (next === undefined) next = this.step(st, c);
      if (next === MATCHED) return true;
      if (this.prog.anchored && next.kernel.length === 0) return false;
      st = next;
    }
    if (st.eof === 0) st.eof = this.closure(st.kernel, st.ctx, -1, undefined) ? 1 : 2;
    return st.eof === 1;
  }

  private intern(kernel: readonly number[], ctx: number): DState {
    const key = `${ctx}:${kernel.join(",")}`;
    let st = this.states.get(key);
    if (st === undefined) {
      if (this.states.size >= MAX_DFA_STATES || totalStates >= MAX_TOTAL_DFA_STATES) this.flush();
      st = { kernel, ctx, low: new Array(128), high: undefined, eof: 0 };
      this.states.set(key, st);
      totalStates++;
      this.held.n++;
    }
    return st;
  }

  /** Drops every cached state; the states still referenced by a running `test` stay valid. */
  private flush(): void {
    totalStates -= this.states.size;
    this.held.n = 0;
    this.states.clear();
    const initial = this.initial;
    this.initial = { kernel: initial.kernel, ctx: initial.ctx, low: new Array(128), high: undefined, eof: 0 };
    this.states.set(`${initial.ctx}:${initial.kernel.join(",")}`, this.initial);
    totalStates++;
    this.held.n++;
  }

  private step(st: DState, c: number): DState {
    const chars: number[] = [];
    let next: DState;
    if (this.closure(st.kernel, st.ctx, c, chars)) {
      next = MATCHED;
    } else {
      const kernel: number[] = [];
      for (const pc of chars) {
        if (charSetHas(this.prog.sets[pc] ?? { ranges: [], negated: false, ci: false }, c))
          kernel.push(this.prog.x[pc]);
      }
      if (!this.prog.anchored) kernel.push(this.prog.start); // unanchored search: a match may start anywhere
      const unique = [...new Set(kernel)].sort((a, b) => a - b);
      const ctx = (c === 0x0a ? CTX_PREV_NL : 0) | (isWordChar(c) ? CTX_PREV_WORD : 0);
      next = this.intern(unique, ctx);
    }
    if (c < 128) st.low[c] = next;
    else {
      if (st.high === undefined) st.high = new Map();
      // bounded: past it, rare characters are simply recomputed (still linear in the text)
      if (st.high.size < MAX_HIGH_TRANSITIONS) st.high.set(c, next);
    }
    return next;
  }

  /**
   * Follows empty transitions from `kernel` at the position before code unit `c` (-1: end of text).
   * Collects the CHAR pcs reached into `chars`; returns true when MATCH is reachable.
   */
  private closure(kernel: readonly number[], ctx: number, c: number, chars: number[] | undefined): boolean {
    const { op, x, y, asserts } = this.prog;
    const gen = ++this.generation;
    if (gen === 0x7fffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
    const g = this.generation;
    const stack = this.stack;
    stack.length = 0;
    for (let i = kernel.length - 1; i >= 0; i--) stack.push(kernel[i]);
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (this.mark[pc] === g) continue;
      this.mark[pc] = g;
      switch (op[pc]) {
        case OP_MATCH:
          return true;
        case OP_CHAR:
          chars?.push(pc);
          break;
        case OP_SPLIT:
          stack.push(y[pc], x[pc]);
          break;
        case OP_ASSERT:
          if (holds(asserts[pc] as RegexAssertion, ctx, c)) stack.push(x[pc]);
          break;
      }
    }
    return false;
  }
}

function holds(what: RegexAssertion, ctx: number, c: number): boolean {
  switch (what) {
    case "text-start":
      return (ctx & CTX_START) !== 0;
    case "line-start":
      return (ctx & (CTX_START | CTX_PREV_NL)) !== 0;
    case "text-end":
      return c === -1;
    case "line-end":
      return c === -1 || c === 0x0a;
    case "word-boundary":
      return ((ctx & CTX_PREV_WORD) !== 0) !== (c !== -1 && isWordChar(c));
    case "not-word-boundary":
      return ((ctx & CTX_PREV_WORD) !== 0) === (c !== -1 && isWordChar(c));
  }
}
