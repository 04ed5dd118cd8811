import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { boolField, guidField, intField, textField } from "./event-fields.js";

describe("event field reads", () => {
  it("textField skips '-', '?', empty and takes the first usable name", () => {
    assert.equal(textField({ A: "-", B: "?", C: " x " }, "A", "B", "C"), "x");
    assert.equal(textField({ A: 42 }, "A"), "42");
    assert.equal(textField({ A: ["first", "second"] }, "A"), "first");
    assert.equal(textField({ A: null }, "A"), undefined);
    assert.equal(textField({}, "A"), undefined);
  });

  const ints: [string, unknown, number | undefined][] = [
    ["number", 4242, 4242],
    ["decimal string", "4242", 4242],
    ["hex string", "0x1a4c", 6732],
    ["bigint within range", 12n, 12],
    ["bigint beyond 2^53", 2n ** 60n, undefined],
    ["negative", -1, undefined],
    ["fraction", 1.5, undefined],
    ["text", "abc", undefined],
  ];
  for (const [name, v, want] of ints)
    it(`intField: ${name}`, () => assert.equal(intField({ P: v as number }, "P"), want));

  it("boolField reads booleans, 'true'/'false' in any case, 1/0", () => {
    assert.equal(boolField({ S: true }, "S"), true);
    assert.equal(boolField({ S: "FALSE" }, "S"), false);
    assert.equal(boolField({ S: "1" }, "S"), true);
    assert.equal(boolField({ S: 0 }, "S"), false);
    assert.equal(boolField({ S: "maybe" }, "S"), undefined);
  });

  it("guidField treats the all-zero GUID as missing", () => {
    assert.equal(guidField({ G: "{00000000-0000-0000-0000-000000000000}" }, "G"), undefined);
    assert.equal(
      guidField({ G: "{8E6A1C2F-69A5-4E18-02A3-00100000150C}" }, "G"),
      "{8E6A1C2F-69A5-4E18-02A3-00100000150C}",
    );
  });
});
