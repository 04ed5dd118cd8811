import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyMutations, describeMutations, type Mutation } from "./buffer-mutation.js";

const INPUT = Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7);

describe("applyMutations", () => {
  const rows: readonly [string, Mutation, number[], number[]?][] = [
    // name, mutation, result, result with keepLength (when different)
    ["flip", { kind: "flip", at: 1, bit: 1 }, [0, 3, 2, 3, 4, 5, 6, 7]],
    ["set8 (offset modulo the length)", { kind: "set8", at: 10, value: 0x1ff }, [0, 1, 0xff, 3, 4, 5, 6, 7]],
    ["set16", { kind: "set16", at: 2, value: 0xbeef }, [0, 1, 0xef, 0xbe, 4, 5, 6, 7]],
    ["set32", { kind: "set32", at: 4, value: 0xffffffff }, [0, 1, 2, 3, 0xff, 0xff, 0xff, 0xff]],
    ["set32 past the end is ignored", { kind: "set32", at: 6, value: 1 }, [0, 1, 2, 3, 4, 5, 6, 7]],
    [
      "inflate u16 to its maximum",
      { kind: "inflate", at: 0, width: 2, factor: 0 },
      [0xff, 0xff, 2, 3, 4, 5, 6, 7],
    ],
    [
      "inflate u32 ×256 saturates",
      { kind: "inflate", at: 4, width: 4, factor: 256 },
      [0, 1, 2, 3, 0xff, 0xff, 0xff, 0xff],
    ],
    ["inflate u16 ×2", { kind: "inflate", at: 2, width: 2, factor: 2 }, [0, 1, 4, 6, 4, 5, 6, 7]],
    ["truncate", { kind: "truncate", at: 3 }, [0, 1, 2], [0, 1, 2, 0, 0, 0, 0, 0]],
    ["splice", { kind: "splice", at: 0, from: 6, length: 4 }, [6, 7, 2, 3, 4, 5, 6, 7]],
    [
      "insert",
      { kind: "insert", at: 2, bytes: [9, 9] },
      [0, 1, 9, 9, 2, 3, 4, 5, 6, 7],
      [0, 1, 9, 9, 2, 3, 4, 5],
    ],
    ["remove", { kind: "remove", at: 5, length: 2 }, [0, 1, 2, 3, 4, 7], [0, 1, 2, 3, 4, 7, 0, 0]],
  ];
  for (const [name, m, want, fixed] of rows) {
    it(name, () => {
      assert.deepEqual([...applyMutations(INPUT, [m])], want);
      assert.deepEqual([...applyMutations(INPUT, [m], { keepLength: true })], fixed ?? want);
    });
  }

  it("never changes its input, and leaves protected bytes alone", () => {
    const out = applyMutations(INPUT, [{ kind: "set8", at: 0, value: 9 }], { protect: 4 });
    assert.deepEqual([...out], [0, 1, 2, 3, 9, 5, 6, 7]);
    assert.deepEqual([...INPUT], [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("describes mutations one per line", () => {
    assert.equal(
      describeMutations([
        { kind: "flip", at: 1, bit: 2 },
        { kind: "truncate", at: 3 },
      ]),
      'flip {"at":1,"bit":2}\ntruncate {"at":3}',
    );
  });
});
