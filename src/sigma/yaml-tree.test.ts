/** Located YAML trees: lines of keys, items and scalars; scalar sources; aliases; errors. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getEntry, parseYamlDocuments, toPlain, type YMap } from "./yaml-tree.js";

describe("parseYamlDocuments", () => {
  test("lines of documents, keys and list items; plain values", () => {
    const docs = parseYamlDocuments("# header\ntitle: a\nlist:\n  - x\n  - 0x1F\n---\nb: 'q'\n");
    assert.equal(docs.length, 2);
    assert.equal(docs[0].line, 2);
    assert.equal(docs[1].line, 7);
    const root = docs[0].root as YMap;
    const list = getEntry(root, "list");
    assert.equal(list?.keyLine, 3);
    assert.equal(list?.value.kind, "seq");
    if (list?.value.kind === "seq") {
      assert.deepEqual(
        list.value.items.map((i) => i.line),
        [4, 5],
      );
      const hex = list.value.items[1];
      assert.ok(hex.kind === "scalar" && hex.value === 31 && hex.source === "0x1F" && !hex.quoted);
    }
    const q = getEntry(docs[1].root as YMap, "b")?.value;
    assert.ok(q?.kind === "scalar" && q.quoted && q.source === undefined);
    assert.deepEqual(toPlain(root), { title: "a", list: ["x", 31] });
  });

  test("aliases are expanded; errors are located; empty documents have no root", () => {
    const [a] = parseYamlDocuments("x: &v [1, 2]\ny: *v\n");
    assert.deepEqual(toPlain(a.root as YMap), { x: [1, 2], y: [1, 2] });
    const [bad] = parseYamlDocuments("a: 1\na: 2\n");
    assert.equal(bad.root, undefined);
    assert.match(bad.errors[0], /^line 2: YAML DUPLICATE_KEY/);
    const docs = parseYamlDocuments("a: 1\n---\n");
    assert.equal(docs.length, 2);
    assert.equal(docs[1].root, undefined);
    assert.deepEqual(docs[1].errors, []);
  });

  test("node budget and depth limits", () => {
    const [wide] = parseYamlDocuments("a: [1, 2, 3, 4, 5]\n", { maxNodes: 4, maxDepth: 64 });
    assert.match(wide.errors[0], /expands to more than 4 nodes/);
    const [deep] = parseYamlDocuments("a: [[[[1]]]]\n", { maxNodes: 1000, maxDepth: 3 });
    assert.match(deep.errors[0], /nesting deeper than 3 levels/);
  });
});
