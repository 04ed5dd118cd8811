/**
 * Reads one analytics option from its YAML node, checked against the kind of its default
 * (number / string / boolean / lists / file paths / nested mappings, see `optionKind`), with the
 * number rule of `numberRule` and the closed vocabularies of `OPTION_CHOICES`.
 * Input: the node, the option's key path and default. Output: the value (paths resolved), or a
 * `fail` through the reader (which throws E_CONFIG at the node's line).
 */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { numberRule, OPTION_CHOICES, optionKind, snakeCase } from "./analytics-schema.js";

/** What the option reader needs from its caller. */
export interface ValueReader {
  /** Throws E_CONFIG `path: message` located at `at`'s line */
  readonly fail: (path: string, message: string, at: Node | null | undefined) => never;
  /** Warns about an unknown key at `at`'s line */
  readonly warnUnknown: (path: string, at: Node | null | undefined) => void;
  /** A path from the config, absolute (relative ones against the config file's folder) */
  readonly resolvePath: (path: string) => string;
}

/** One option to read. */
export interface OptionInput {
  /** Key path for messages (`analytics.network.port.vertical_min_ports`) */
  readonly path: string;
  /** camelCase option name */
  readonly key: string;
  readonly node: Node;
  readonly defaultValue: unknown;
  readonly atLeastOne?: readonly string[];
}

function describeRule(rule: { whole: boolean; min: number }): string {
  const what = rule.whole ? "a whole number" : "a number";
  return Number.isFinite(rule.min) ? `${what} ≥ ${rule.min}` : `a finite ${what.slice(2)}`;
}

function readNumber(reader: ValueReader, input: OptionInput, node: Node, defaultValue: number): number {
  const rule = numberRule(input.key, defaultValue, input.atLeastOne);
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < rule.min || (rule.whole && !Number.isInteger(v)))
    return reader.fail(input.path, `must be ${describeRule(rule)}`, node);
  return v;
}

function readString(reader: ValueReader, input: OptionInput, node: Node, what: string): string {
  const v = isScalar(node) ? node.value : undefined;
  const choices = OPTION_CHOICES[input.key];
  if (typeof v !== "string" || v.trim() === "")
    return reader.fail(
      input.path,
      choices ? `must be one of ${choices.join(", ")}` : `must be ${what}`,
      node,
    );
  if (choices && !choices.includes(v))
    return reader.fail(input.path, `must be one of ${choices.join(", ")}`, node);
  return v;
}

function listItems(reader: ValueReader, input: OptionInput, what: string): Node[] {
  if (!isSeq(input.node)) return reader.fail(input.path, `must be a list of ${what}`, input.node);
  return input.node.items as Node[];
}

/** Reads the option (see the module header). */
export function readOptionValue(reader: ValueReader, input: OptionInput): unknown {
  const { node, defaultValue, path } = input;
  const kind = optionKind(input.key, defaultValue);
  switch (kind) {
    case "number":
      return readNumber(reader, input, node, defaultValue as number);
    case "string":
      return readString(reader, input, node, "a text");
    case "boolean": {
      if (!isScalar(node) || typeof node.value !== "boolean")
        return reader.fail(path, "must be true or false", node);
      return node.value;
    }
    case "path":
      return reader.resolvePath(readString(reader, input, node, "a file path"));
    case "string-list":
      return listItems(reader, input, "texts").map((item, i) =>
        readString(reader, { ...input, path: `${path}[${i}]`, node: item }, item, "a text"),
      );
    case "path-list":
      return listItems(reader, input, "file paths").map((item, i) =>
        reader.resolvePath(
          readString(reader, { ...input, path: `${path}[${i}]`, node: item }, item, "a file path"),
        ),
      );
    case "number-list": {
      const sample = (defaultValue as readonly number[])[0] ?? 0;
      return listItems(reader, input, "numbers").map((item, i) =>
        readNumber(reader, { ...input, path: `${path}[${i}]` }, item, sample),
      );
    }
    case "object":
      return readObject(reader, input, node, defaultValue as Readonly<Record<string, unknown>>, false);
    case "object-list": {
      const shape = (defaultValue as readonly Readonly<Record<string, unknown>>[])[0] ?? {};
      return listItems(reader, input, "mappings").map((item, i) =>
        readObject(reader, { ...input, path: `${path}[${i}]`, node: item }, item, shape, true),
      );
    }
    case undefined:
      return reader.fail(path, "cannot be set in the configuration (no known kind: please report)", node);
  }
}

/**
 * A nested mapping (RITA's scoring, thresholds, an admin service): keys from the default's, each read
 * against the default's value. `complete`: every key is required (a list item); otherwise the rest
 * keep their defaults.
 */
function readObject(
  reader: ValueReader,
  input: OptionInput,
  node: Node,
  shape: Readonly<Record<string, unknown>>,
  complete: boolean,
): Record<string, unknown> {
  if (!isMap(node)) return reader.fail(input.path, "must be a mapping", node);
  const byName = new Map(Object.keys(shape).map((k) => [snakeCase(k), k]));
  const out: Record<string, unknown> = complete ? {} : { ...shape };
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : "?";
    const key = byName.get(name);
    if (key === undefined) {
      reader.warnUnknown(`${input.path}.${name}`, pair.key as Node);
      continue;
    }
    const value = pair.value as Node | null;
    if (value === null || (isScalar(value) && value.value === null)) continue;
    out[key] = readOptionValue(reader, {
      path: `${input.path}.${name}`,
      key,
      node: value,
      defaultValue: shape[key],
      atLeastOne: input.atLeastOne,
    });
  }
  if (complete) {
    const missing = [...byName].filter(([, k]) => !(k in out)).map(([n]) => n);
    if (missing.length > 0) return reader.fail(input.path, `needs ${missing.join(", ")}`, node);
  }
  return out;
}
