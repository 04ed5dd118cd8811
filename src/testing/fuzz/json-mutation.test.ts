import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyJsonMutations, type Json, type JsonMutation } from "./json-mutation.js";

// depth-first node indices: 0 root, 1 a, 2 b, 3 b[0], 4 b[1]
const DOC: Json = { a: 1, b: [true, "x"] };

describe("applyJsonMutations", () => {
  const rows: readonly [string, JsonMutation, Json][] = [
    ["replace a value by another type", { op: "replace", at: 1, value: [1] }, { a: [1], b: [true, "x"] }],
    ["replace the root", { op: "replace", at: 0, value: "s" }, "s"],
    ["delete a key", { op: "delete", at: 1, value: null }, { b: [true, "x"] }],
    ["delete an array item", { op: "delete", at: 3, value: null }, { a: 1, b: ["x"] }],
    ["duplicate an array item", { op: "duplicate", at: 4, value: null }, { a: 1, b: [true, "x", "x"] }],
    ["wrap in an array", { op: "wrap-array", at: 1, value: null }, { a: [1], b: [true, "x"] }],
    ["wrap in an object", { op: "wrap-object", at: 1, value: "k" }, { a: { k: 1 }, b: [true, "x"] }],
    [
      "rename a key (index modulo the node count)",
      { op: "rename", at: 6, value: "z" },
      { b: [true, "x"], z: 1 },
    ],
  ];
  for (const [name, m, want] of rows) {
    it(name, () => {
      assert.deepEqual(applyJsonMutations(DOC, [m]), want);
      assert.deepEqual(DOC, { a: 1, b: [true, "x"] }, "the input is unchanged");
    });
  }

  it("renames to __proto__ as an own key, not the prototype", () => {
    const out = applyJsonMutations(DOC, [{ op: "rename", at: 1, value: "__proto__" }]) as Record<
      string,
      Json
    >;
    assert.ok(Object.hasOwn(out, "__proto__"));
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(JSON.stringify(out), '{"b":[true,"x"],"__proto__":1}');
  });

  it("takes any JSON value as a key (fuzz finding: an object with a `toString` key broke String())", () => {
    const out = applyJsonMutations(DOC, [{ op: "rename", at: 1, value: { toString: {} } }]);
    assert.equal(JSON.stringify(out), '{"b":[true,"x"],"{\\"toString\\":{}}":1}');
  });
});
