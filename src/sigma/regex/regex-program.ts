/**
 * Regex AST → a Thompson NFA program (instructions in flat arrays). Counted repetitions are
 * expanded into copies, so the program size is bounded and checked.
 * Input: a RegexNode. Output: a RegexProgram for the lazy DFA, or a RegexSyntaxError when too large.
 */
import type { CharSet } from "./char-set.js";
import { type RegexAssertion, type RegexNode, RegexSyntaxError } from "./regex-parser.js";

export const OP_CHAR = 0;
export const OP_SPLIT = 1;
export const OP_ASSERT = 2;
export const OP_MATCH = 3;

/** Largest program accepted (instructions after expanding counted repetitions). */
export const MAX_PROGRAM_SIZE = 20_000;
/**
 * Most AST nodes visited while compiling. Empty groups emit no instruction, so nested counted
 * repetitions of them (`(?:(?:(?:){1000}){1000}){1000}`) would otherwise take 10^9 steps to compile
 * into nothing; this bounds the work whatever the pattern.
 */
export const MAX_COMPILE_STEPS = 200_000;

export interface RegexProgram {
  readonly op: readonly number[];
  /** CHAR/ASSERT: next pc; SPLIT: first branch */
  readonly x: readonly number[];
  /** SPLIT: second branch */
  readonly y: readonly number[];
  /** CHAR: the set, per pc */
  readonly sets: readonly (CharSet | undefined)[];
  /** ASSERT: the assertion, per pc */
  readonly asserts: readonly (RegexAssertion | undefined)[];
  readonly start: number;
  /** The pattern can only match at the start of the text (begins with `^`/`\A` outside multi-line mode) */
  readonly anchored: boolean;
}

class Builder {
  readonly op: number[] = [];
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly sets: (CharSet | undefined)[] = [];
  readonly asserts: (RegexAssertion | undefined)[] = [];
  private steps = 0;

  emit(op: number, x: number, y: number, set?: CharSet, what?: RegexAssertion): number {
    if (this.op.length >= MAX_PROGRAM_SIZE) {
      throw new RegexSyntaxError(
        `regex too large: more than ${MAX_PROGRAM_SIZE} automaton states after expanding repetitions`,
        0,
      );
    }
    this.op.push(op);
    this.x.push(x);
    this.y.push(y);
    this.sets.push(set);
    this.asserts.push(what);
    return this.op.length - 1;
  }

  /** Compiles `node` so that it continues at `next`; returns its entry pc. */
  compile(node: RegexNode, next: number): number {
    if (++this.steps > MAX_COMPILE_STEPS) {
      throw new RegexSyntaxError(
        `regex too large: more than ${MAX_COMPILE_STEPS} steps to expand its repetitions`,
        0,
      );
    }
    switch (node.t) {
      case "empty":
        return next;
      case "char":
        return this.emit(OP_CHAR, next, -1, node.set);
      case "assert":
        return this.emit(OP_ASSERT, next, -1, undefined, node.what);
      case "cat": {
        let pc = next;
        for (let i = node.items.length - 1; i >= 0; i--) pc = this.compile(node.items[i], pc);
        return pc;
      }
      case "alt": {
        let pc = this.compile(node.items[node.items.length - 1], next);
        for (let i = node.items.length - 2; i >= 0; i--)
          pc = this.emit(OP_SPLIT, this.compile(node.items[i], next), pc);
        return pc;
      }
      case "rep": {
        let pc = next;
        if (node.max === Infinity) {
          const loop = this.emit(OP_SPLIT, -1, next);
          this.x[loop] = this.compile(node.item, loop);
          pc = loop;
        } else {
          for (let k = node.min; k < node.max; k++)
            pc = this.emit(OP_SPLIT, this.compile(node.item, pc), next);
        }
        for (let k = 0; k < node.min; k++) pc = this.compile(node.item, pc);
        return pc;
      }
    }
  }
}

/** Compiles an AST into a program. Throws RegexSyntaxError when the program would be too large. */
export function compileProgram(node: RegexNode): RegexProgram {
  const b = new Builder();
  const match = b.emit(OP_MATCH, -1, -1);
  const start = b.compile(node, match);
  return { op: b.op, x: b.x, y: b.y, sets: b.sets, asserts: b.asserts, start, anchored: isAnchored(node) };
}

function isAnchored(node: RegexNode): boolean {
  if (node.t === "assert") return node.what === "text-start";
  if (node.t === "cat") return node.items.length > 0 && isAnchored(node.items[0]);
  if (node.t === "alt") return node.items.every(isAnchored);
  return false;
}
