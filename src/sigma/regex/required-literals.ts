/**
 * Literals a regex cannot match without: for `\\Windows\\[a-z]{8}\.tmp$` the text must contain
 * `\windows\` (lower-cased here). The rule index uses them to skip regex rules cheaply; they never
 * decide a match. Only ASCII letters, digits and punctuation are collected, so that lower-casing
 * the text keeps the literal intact.
 * Input: a regex AST. Output: alternatives (one of them occurs in every match), or undefined.
 */
import type { RegexNode } from "./regex-parser.js";

/** Literals shorter than this filter too little to be worth a key. */
const MIN_LENGTH = 3;

/** The single printable ASCII character a node matches (both cases of one letter count as one), else undefined. */
function singleChar(node: RegexNode): string | undefined {
  if (node.t !== "char" || node.set.negated) return undefined;
  const r = node.set.ranges;
  let chars: number[] = [];
  for (let i = 0; i < r.length; i += 2) {
    if (r[i + 1] - r[i] > 1) return undefined;
    for (let c = r[i]; c <= r[i + 1]; c++) chars.push(c);
  }
  chars = [...new Set(chars.map((c) => String.fromCharCode(c).toLowerCase().charCodeAt(0)))];
  if (chars.length !== 1 || chars[0] < 0x20 || chars[0] > 0x7e) return undefined;
  return String.fromCharCode(chars[0]);
}

/** Alternatives one of which every match contains (lower-cased), or undefined when none is known. */
export function requiredLiterals(node: RegexNode): string[] | undefined {
  switch (node.t) {
    case "char": {
      const c = singleChar(node);
      return c === undefined ? undefined : [c];
    }
    case "rep":
      return node.min >= 1 ? requiredLiterals(node.item) : undefined;
    case "alt": {
      const out: string[] = [];
      for (const item of node.items) {
        const l = requiredLiterals(item);
        if (l === undefined || l.some((s) => s.length < MIN_LENGTH)) return undefined;
        out.push(...l);
      }
      return out;
    }
    case "cat": {
      let best: string[] | undefined;
      const consider = (l: string[] | undefined): void => {
        if (l === undefined) return;
        const shortest = Math.min(...l.map((s) => s.length));
        const bestShortest = best === undefined ? 0 : Math.min(...best.map((s) => s.length));
        if (shortest > bestShortest) best = l;
      };
      let run = "";
      for (const item of node.items) {
        const c = singleChar(item);
        if (c !== undefined) {
          run += c;
          continue;
        }
        if (item.t === "assert") continue; // zero-width: the run goes on
        consider(run === "" ? undefined : [run]);
        run = "";
        consider(requiredLiterals(item));
      }
      consider(run === "" ? undefined : [run]);
      return best;
    }
    default:
      return undefined;
  }
}
