/** The encoding modifiers against known encodings (pySigma's documented base64offset values). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { literalPattern, patternText } from "./sigma-string.js";
import { encodeBase64, encodeBase64Offsets, encodeUtf16 } from "./value-encoding.js";

describe("value encodings", () => {
  test("base64offset of 'http://' (pySigma's example)", () => {
    assert.deepEqual(encodeBase64Offsets(literalPattern("http://")).map(patternText), [
      "aHR0cDovL",
      "h0dHA6Ly",
      "odHRwOi8v",
    ]);
  });

  test("base64offset of 'Invoke-Mimikatz': each variant is inside an encoding at that offset", () => {
    const variants = encodeBase64Offsets(literalPattern("Invoke-Mimikatz")).map(patternText);
    for (const prefix of ["", "x", "xy"]) {
      const encoded = Buffer.from(`${prefix}Invoke-Mimikatz and more`).toString("base64");
      assert.ok(
        variants.some((v) => encoded.includes(v)),
        `${prefix}: ${encoded} / ${variants}`,
      );
    }
  });

  test("base64 of UTF-8 text, and of UTF-16LE bytes", () => {
    assert.equal(patternText(encodeBase64(literalPattern("é"))), Buffer.from("é").toString("base64"));
    const wide = encodeUtf16(literalPattern("é€"), "utf16le");
    assert.equal(patternText(encodeBase64(wide)), Buffer.from("é€", "utf16le").toString("base64"));
  });

  test("utf16 variants", () => {
    assert.equal(patternText(encodeUtf16(literalPattern("cmd"), "utf16le")), "c\0m\0d\0");
    assert.equal(patternText(encodeUtf16(literalPattern("cmd"), "utf16be")), "\0c\0m\0d");
    assert.equal(patternText(encodeUtf16(literalPattern("cmd"), "utf16")), "\xff\xfec\0m\0d\0");
  });

  test("wildcards cannot be base64-encoded", () => {
    const p = { parts: [{ t: "star" as const }, { t: "lit" as const, s: "x" }], binary: false };
    assert.throws(() => encodeBase64(p), /with wildcards is not allowed/);
    assert.throws(() => encodeBase64Offsets(p), /with wildcards is not allowed/);
  });
});
