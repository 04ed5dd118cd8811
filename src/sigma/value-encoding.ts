/**
 * The encoding modifiers: `wide`/`utf16le`, `utf16be`, `utf16` (with byte-order mark), `base64`
 * and `base64offset`, following pySigma's definitions. Text is encoded as UTF-8 unless an earlier
 * UTF-16 modifier already turned it into bytes (kept as one char per byte, 0–255).
 * Input: a SigmaPattern. Output: the encoded pattern(s).
 */
import { hasSpecial, type PatternPart, patternText, type SigmaPattern } from "./sigma-string.js";

export const UTF16_ENCODINGS = ["utf16le", "utf16be", "utf16"] as const;
export type Utf16Encoding = (typeof UTF16_ENCODINGS)[number];

function bytesOf(p: SigmaPattern, text: string): Buffer {
  return p.binary ? Buffer.from(text, "latin1") : Buffer.from(text, "utf8");
}

/** UTF-16 code units of `text` as bytes (each char of a binary text is one code unit, as in pySigma). */
function utf16(text: string, bigEndian: boolean): string {
  const bytes = Buffer.from(text, "utf16le");
  if (bigEndian) bytes.swap16();
  return bytes.toString("latin1");
}

/** Encodes the literal parts as UTF-16 (wildcards are kept as they are). */
export function encodeUtf16(p: SigmaPattern, encoding: Utf16Encoding): SigmaPattern {
  const parts: PatternPart[] = p.parts.map((part) =>
    part.t === "lit" ? { t: "lit", s: utf16(part.s, encoding === "utf16be") } : part,
  );
  if (encoding === "utf16") parts.unshift({ t: "lit", s: "\xff\xfe" });
  return { parts, binary: true };
}

/** Base64 of the whole value. Throws Error when the value has wildcards. */
export function encodeBase64(p: SigmaPattern): SigmaPattern {
  if (hasSpecial(p)) throw new Error("base64 encoding of a value with wildcards is not allowed");
  return { parts: [{ t: "lit", s: bytesOf(p, patternText(p)).toString("base64") }], binary: false };
}

const START_OFFSETS = [0, 2, 3] as const;
const END_OFFSETS = [undefined, -3, -2] as const;

/**
 * The three base64 forms of a value found at any offset of an encoded text (pySigma's
 * definition: shift by 0–2 bytes, drop the characters that depend on the neighbours).
 * Throws Error when the value has wildcards.
 */
export function encodeBase64Offsets(p: SigmaPattern): SigmaPattern[] {
  if (hasSpecial(p)) throw new Error("base64offset encoding of a value with wildcards is not allowed");
  const data = bytesOf(p, patternText(p));
  const out: SigmaPattern[] = [];
  for (let i = 0; i < 3; i++) {
    const shifted = Buffer.concat([Buffer.alloc(i, 0x20), data]).toString("base64");
    const end = END_OFFSETS[(data.length + i) % 3];
    const s = shifted.slice(START_OFFSETS[i], end);
    out.push({ parts: s === "" ? [] : [{ t: "lit", s }], binary: false });
  }
  return out;
}
