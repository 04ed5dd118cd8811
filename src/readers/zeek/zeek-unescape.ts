/**
 * Zeek's TSV escaping undone. Input: one raw value from a Zeek TSV log, where separators and
 * unprintable bytes are written as `\xHH`. Output: the text. Escaped bytes are decoded as UTF-8
 * (older Zeek escapes every non-ASCII byte, so `\xe2\x80\x99` is `’`); when they are not valid UTF-8
 * the bytes from 0x80 up stay written as `\xHH` rather than becoming U+FFFD, so nothing is lost.
 * Other backslashes are left alone, as Zeek's own ASCII input reader does.
 */
import { TextDecoder } from "node:util";

const ESCAPE = /\\x([0-9a-fA-F]{2})/g;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeBytes(value: string): string | undefined {
  const parts: Buffer[] = [];
  let last = 0;
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(value); m !== null; m = ESCAPE.exec(value)) {
    if (m.index > last) parts.push(Buffer.from(value.slice(last, m.index), "utf8"));
    parts.push(Buffer.of(Number.parseInt(m[1], 16)));
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(Buffer.from(value.slice(last), "utf8"));
  try {
    return strictUtf8.decode(Buffer.concat(parts));
  } catch {
    return undefined;
  }
}

/** Undoes Zeek's `\xHH` escapes in one value. */
export function unescapeZeek(value: string): string {
  if (!value.includes("\\x")) return value;
  const decoded = decodeBytes(value);
  if (decoded !== undefined) return decoded;
  // Not valid UTF-8 once decoded: decode only the ASCII escapes, keep the others written out.
  return value.replace(ESCAPE, (written, hex: string) => {
    const byte = Number.parseInt(hex, 16);
    return byte < 0x80 ? String.fromCharCode(byte) : written;
  });
}
