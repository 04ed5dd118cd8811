/**
 * The Sigma condition grammar: `and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`, `N of …`,
 * `… of them`, with the spec's precedence (least to most binding: or, and, not, `x of`, parentheses).
 * Keywords are case-insensitive; identifiers are case-sensitive. A legacy aggregation
 * (`selection | count() by X > 5`) is split off and returned apart.
 * Input: a condition string. Output: a ConditionNode AST (or a thrown Error with the reason).
 */

export type ConditionNode =
  | { readonly t: "id"; readonly name: string }
  | { readonly t: "and"; readonly args: readonly ConditionNode[] }
  | { readonly t: "or"; readonly args: readonly ConditionNode[] }
  | { readonly t: "not"; readonly arg: ConditionNode }
  /** `count` is a number or "all"; `pattern` is an identifier pattern (with `*`) or "them" */
  | { readonly t: "of"; readonly count: number | "all"; readonly pattern: string; readonly them: boolean };

export interface ParsedCondition {
  readonly node: ConditionNode;
  /** the part after a top-level `|` (legacy aggregation), if any */
  readonly aggregation: string | undefined;
}

/** Longest condition accepted, and deepest nesting. */
export const MAX_CONDITION_LENGTH = 20_000;
const MAX_DEPTH = 200;

const KEYWORDS = new Set(["and", "or", "not", "of", "them", "all", "(", ")"]);

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|[^\s()]+)/gy;
  for (;;) {
    const start = re.lastIndex;
    const m = re.exec(text);
    if (!m) {
      if (text.slice(start).trim() !== "")
        throw new Error(`cannot read condition near '${text.slice(start)}'`);
      break;
    }
    tokens.push(m[1]);
  }
  return tokens;
}

/** Parses a condition. Throws Error with a reason on bad syntax. */
export function parseCondition(text: string): ParsedCondition {
  if (text.length > MAX_CONDITION_LENGTH)
    throw new Error(`condition longer than ${MAX_CONDITION_LENGTH} characters`);
  const pipe = text.indexOf("|");
  const expr = pipe === -1 ? text : text.slice(0, pipe);
  const aggregation = pipe === -1 ? undefined : text.slice(pipe + 1).trim();
  const tokens = tokenize(expr);
  if (tokens.length === 0) throw new Error("condition is empty");
  const p = new ConditionParser(tokens);
  const node = p.parseOr(0);
  if (p.pos < tokens.length) throw new Error(`unexpected '${tokens[p.pos]}' in condition '${text.trim()}'`);
  return { node, aggregation };
}

class ConditionParser {
  pos = 0;

  constructor(private readonly tokens: readonly string[]) {}

  private peekLower(): string | undefined {
    return this.tokens[this.pos]?.toLowerCase();
  }

  parseOr(depth: number): ConditionNode {
    if (depth > MAX_DEPTH) throw new Error(`condition nested deeper than ${MAX_DEPTH} levels`);
    const args = [this.parseAnd(depth)];
    while (this.peekLower() === "or") {
      this.pos++;
      args.push(this.parseAnd(depth));
    }
    return args.length === 1 ? args[0] : { t: "or", args };
  }

  private parseAnd(depth: number): ConditionNode {
    const args = [this.parseNot(depth)];
    while (this.peekLower() === "and") {
      this.pos++;
      args.push(this.parseNot(depth));
    }
    return args.length === 1 ? args[0] : { t: "and", args };
  }

  private parseNot(depth: number): ConditionNode {
    if (this.peekLower() === "not") {
      this.pos++;
      if (depth > MAX_DEPTH) throw new Error(`condition nested deeper than ${MAX_DEPTH} levels`);
      return { t: "not", arg: this.parseNot(depth + 1) };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): ConditionNode {
    const tok = this.tokens[this.pos];
    if (tok === undefined) throw new Error("condition ends where an identifier was expected");
    const lower = tok.toLowerCase();
    if (tok === "(") {
      this.pos++;
      const node = this.parseOr(depth + 1);
      if (this.tokens[this.pos] !== ")") throw new Error("missing ')' in condition");
      this.pos++;
      return node;
    }
    if ((lower === "all" || /^\d+$/.test(tok)) && this.tokens[this.pos + 1]?.toLowerCase() === "of") {
      const target = this.tokens[this.pos + 2];
      if (target === undefined || (KEYWORDS.has(target.toLowerCase()) && target.toLowerCase() !== "them")) {
        throw new Error(`'${tok} of' needs an identifier pattern or 'them'`);
      }
      this.pos += 3;
      const count = lower === "all" ? "all" : Number(tok);
      if (count === 0) throw new Error("'0 of' is not a valid quantifier");
      const them = target.toLowerCase() === "them";
      return { t: "of", count, pattern: them ? "*" : target, them };
    }
    if (KEYWORDS.has(lower)) throw new Error(`unexpected '${tok}' where an identifier was expected`);
    this.pos++;
    return { t: "id", name: tok };
  }
}

/** Does an identifier match an `x of` pattern (`*` = any run of characters)? */
export function identifierMatches(pattern: string, name: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === name;
  if (!name.startsWith(parts[0]) || !name.endsWith(parts[parts.length - 1])) return false;
  let pos = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const at = name.indexOf(parts[i], pos);
    if (at === -1) return false;
    pos = at + parts[i].length;
  }
  return name.length - parts[parts.length - 1].length >= pos;
}
