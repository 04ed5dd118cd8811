/**
 * YAML text → located value trees, one per document. Every map key, list item and scalar keeps its
 * 1-based line so that rule errors can point at the exact line. Aliases are expanded here under a
 * node budget (YAML "billion laughs" bombs stop with an error instead of exhausting memory), and
 * nesting depth is bounded.
 * Input: the file text and its name. Output: `YamlDocument`s (a tree or the document's errors).
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from "yaml";

/** A scalar with its line and original text. */
export interface YScalar {
  readonly kind: "scalar";
  readonly value: string | number | boolean | null | bigint;
  /** The source text of a plain (unquoted) scalar, e.g. `0x1F` or `1.0` for numbers */
  readonly source: string | undefined;
  readonly quoted: boolean;
  readonly line: number;
}

export interface YSeq {
  readonly kind: "seq";
  readonly items: readonly YNode[];
  readonly line: number;
}

export interface YEntry {
  readonly key: string;
  readonly keyLine: number;
  readonly value: YNode;
}

export interface YMap {
  readonly kind: "map";
  readonly entries: readonly YEntry[];
  readonly line: number;
}

export type YNode = YScalar | YSeq | YMap;

/** One YAML document: its tree (undefined when empty or broken) and its errors. */
export interface YamlDocument {
  /** 1-based line where the document's content starts */
  readonly line: number;
  readonly root: YNode | undefined;
  readonly errors: readonly string[];
}

/** Limits that keep hostile YAML bounded. */
export interface YamlLimits {
  /** Nodes one document may expand to, aliases included */
  readonly maxNodes: number;
  /** Nesting depth */
  readonly maxDepth: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxNodes: 200_000, maxDepth: 64 };

/** Maps byte offsets of a text to 1-based lines. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

class BudgetExceeded extends Error {}

/** Parses every document of a YAML text into located trees. Never throws. */
export function parseYamlDocuments(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): YamlDocument[] {
  const lines = new LineIndex(text);
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  } catch (e) {
    return [{ line: 1, root: undefined, errors: [`YAML could not be parsed: ${errorText(e)}`] }];
  }
  if (!Array.isArray(parsed)) return [];
  const out: YamlDocument[] = [];
  for (const doc of parsed) {
    const contents = doc.contents as Node | null;
    const start = contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const line = lines.line(start);
    const errors = doc.errors.map(
      (e) => `line ${lines.line(e.pos[0])}: YAML ${e.code}: ${firstLine(e.message)}`,
    );
    if (errors.length > 0 || contents === null) {
      out.push({ line, root: undefined, errors });
      continue;
    }
    const state = { nodes: 0 };
    try {
      const root = convert(contents, doc as Document, lines, limits, state, 0);
      // an empty document (`---` at the end of a file, or only comments) holds a null scalar
      const empty = root.kind === "scalar" && root.value === null;
      out.push({ line, root: empty ? undefined : root, errors: [] });
    } catch (e) {
      const reason =
        e instanceof BudgetExceeded
          ? e.message
          : e instanceof RangeError
            ? `YAML nesting too deep (${errorText(e)})`
            : `YAML could not be read: ${errorText(e)}`;
      out.push({ line, root: undefined, errors: [reason] });
    }
  }
  return out;
}

function convert(
  node: unknown,
  doc: Document,
  lines: LineIndex,
  limits: YamlLimits,
  state: { nodes: number },
  depth: number,
): YNode {
  if (++state.nodes > limits.maxNodes) {
    throw new BudgetExceeded(
      `YAML document expands to more than ${limits.maxNodes} nodes (alias bomb or oversized rule); rejected`,
    );
  }
  if (depth > limits.maxDepth) throw new BudgetExceeded(`YAML nesting deeper than ${limits.maxDepth} levels`);
  const at = (n: { range?: readonly number[] | null }): number => lines.line(n.range?.[0] ?? 0);
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) throw new BudgetExceeded(`line ${at(node)}: unresolved YAML alias *${node.source}`);
    return convert(target, doc, lines, limits, state, depth + 1);
  }
  if (isScalar(node)) {
    const v = node.value;
    const value =
      typeof v === "string" ||
      typeof v === "number" ||
      typeof v === "boolean" ||
      typeof v === "bigint" ||
      v === null
        ? v
        : v instanceof Date
          ? (node.source ?? v.toISOString())
          : String(v);
    const quoted = node.type !== undefined && node.type !== "PLAIN";
    return { kind: "scalar", value, source: quoted ? undefined : node.source, quoted, line: at(node) };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(item, doc, lines, limits, state, depth + 1));
    return { kind: "seq", items, line: at(node) };
  }
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      let key: string;
      let keyLine: number;
      if (isScalar(k)) {
        key = k.value === null ? "" : String(k.value);
        keyLine = at(k);
      } else if (k === null || k === undefined) {
        key = "";
        keyLine = at(node);
      } else {
        throw new BudgetExceeded(`line ${at(k as Node)}: complex (non-scalar) YAML keys are not supported`);
      }
      const value: YNode =
        pair.value === null || pair.value === undefined
          ? { kind: "scalar", value: null, source: undefined, quoted: false, line: keyLine }
          : convert(pair.value, doc, lines, limits, state, depth + 1);
      entries.push({ key, keyLine, value });
    }
    return { kind: "map", entries, line: at(node) };
  }
  throw new BudgetExceeded(`unexpected YAML node at line ${at(node as Node)}`);
}

/** The plain JavaScript value of a tree (maps → objects, sequences → arrays). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case "scalar":
      return node.value;
    case "seq":
      return node.items.map(toPlain);
    case "map": {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) o[e.key] = toPlain(e.value);
      return o;
    }
  }
}

/** The entry of a map with this key, if any. */
export function getEntry(map: YMap, key: string): YEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/** A short description of a node's type for error messages. */
export function describeNode(node: YNode): string {
  if (node.kind === "map") return "a map";
  if (node.kind === "seq") return "a list";
  if (node.value === null) return "null";
  return `a ${typeof node.value}`;
}

function firstLine(s: string): string {
  const i = s.indexOf("\n");
  return i === -1 ? s : s.slice(0, i);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
