/**
 * Test support: structural mutations of JSON documents for fuzzing importers and readers of JSON —
 * replace a node by a value of another type, delete it, duplicate it (arrays grow), wrap it in an
 * array or an object. Nodes are addressed by their index in a depth-first walk (taken modulo the
 * node count), so a mutation list fits any document and fast-check can shrink it.
 * Input: a parsed JSON value and mutations. Output: a new value (the input is not changed).
 */
import fc from "fast-check";

/** A parsed JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const JSON_MUTATION_OPS = [
  "replace",
  "delete",
  "duplicate",
  "wrap-array",
  "wrap-object",
  "rename",
] as const;
export type JsonMutationOp = (typeof JSON_MUTATION_OPS)[number];

export interface JsonMutation {
  readonly op: JsonMutationOp;
  /** Depth-first index of the node (modulo the number of nodes) */
  readonly at: number;
  /** The new value (replace), the key (rename, wrap-object) */
  readonly value: Json;
}

/** A mutation's value as an object key (String() throws on an object whose `toString` is not a function). */
function keyOf(v: Json): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function clone(v: Json): Json {
  return v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as Json);
}

interface Slot {
  readonly parent: Json[] | { [key: string]: Json } | undefined;
  readonly key: number | string;
}

/** Every node's place (the root has no parent), depth first. Bounded by the document size. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [{ parent: undefined, key: 0 }];
  const walk = (v: Json): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        out.push({ parent: v, key: i });
        walk(v[i]!);
      }
    } else if (v !== null && typeof v === "object") {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k });
        walk(v[k]!);
      }
    }
  };
  walk(root);
  return out;
}

function get(slot: Slot, root: Json): Json {
  if (!slot.parent) return root;
  return Array.isArray(slot.parent) ? slot.parent[slot.key as number]! : slot.parent[slot.key as string]!;
}

/** Applies the mutations in order to a copy of `doc`. */
export function applyJsonMutations(doc: Json, mutations: readonly JsonMutation[]): Json {
  let root = clone(doc);
  for (const m of mutations) {
    const all = slots(root);
    const slot = all[((m.at % all.length) + all.length) % all.length]!;
    const current = get(slot, root);
    let next: Json | undefined;
    switch (m.op) {
      case "replace":
        next = clone(m.value);
        break;
      case "wrap-array":
        next = [current];
        break;
      case "wrap-object":
        next = { [keyOf(m.value)]: current };
        break;
      case "delete":
        next = undefined;
        break;
      case "duplicate":
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, clone(current));
        else if (Array.isArray(current)) current.push(...current.slice(0, 64).map(clone));
        continue;
      case "rename":
        if (slot.parent && !Array.isArray(slot.parent)) {
          delete slot.parent[slot.key as string];
          Object.defineProperty(slot.parent, keyOf(m.value), {
            value: current,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        continue;
    }
    if (!slot.parent) root = next ?? null;
    else if (Array.isArray(slot.parent)) {
      if (next === undefined) slot.parent.splice(slot.key as number, 1);
      else slot.parent[slot.key as number] = next;
    } else if (next === undefined) delete slot.parent[slot.key as string];
    else
      Object.defineProperty(slot.parent, slot.key, {
        value: next,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return root;
}

/** Values that break readers' type assumptions: wrong types, huge and odd numbers, `__proto__`, long strings. */
export const hostileJsonValueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      null,
      true,
      0,
      -1,
      1e308,
      -1e308,
      2 ** 53 + 2,
      "",
      "__proto__",
      "constructor",
      "\u202e\u0000\u001b[2J",
      "x".repeat(5000),
      [],
      {},
      [[[[[[[[]]]]]]]],
    ),
  },
);

/** A list of JSON mutations. */
export function jsonMutationListArb(maxMutations = 4): fc.Arbitrary<JsonMutation[]> {
  return fc.array(
    fc.record({
      op: fc.constantFrom(...JSON_MUTATION_OPS),
      at: fc.nat({ max: 10_000 }),
      value: hostileJsonValueArb,
    }),
    { minLength: 1, maxLength: maxMutations },
  );
}
