/**
 * JSON.parse for one value of input text that keeps 64-bit integers exact. Input: the text of one
 * JSON value. Output: the parsed value, with integer literals beyond 2^53 (up to 64 digits) as `bigint` (Windows
 * `Keywords` masks such as -9214364837600034816 are common in Winlogbeat and OTRF exports), or the
 * parser's reason and the character position of the problem.
 */

export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string; readonly position: number | undefined };

// Integer literals of 16+ digits are the only ones that can lie beyond 2^53. Runs longer than 64
// digits (no 64-bit value; BigInt parsing is superlinear, a 60 MB literal took minutes) are left to
// JSON.parse, which reads them as a double.
const LONG_DIGIT_RUN = /-?\d{16,64}/g;
// Big integers travel through JSON.parse as strings with this prefix, then become bigint.
const BIGINT_MARK = "\u0000mikiwame-bigint:";
const BIGINT_MARK_JSON = "\\u0000mikiwame-bigint:";

/** Bytes after which a JSON value may start (so a digit run there is a whole number literal). */
function startsValue(code: number): boolean {
  return (
    code === 0x3a ||
    code === 0x2c ||
    code === 0x5b ||
    code === 0x20 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x09
  );
}

/** Bytes that may follow a whole integer literal (not `.`, `e`, or more digits). */
function endsValue(code: number): boolean {
  return (
    code === 0x2c ||
    code === 0x7d ||
    code === 0x5d ||
    code === 0x20 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x09
  );
}

/**
 * Rewrites integer literals beyond 2^53 (outside strings) as marked strings; returns undefined when
 * there are none. String state is tracked by jumping from quote to quote, only up to each candidate.
 */
function quoteUnsafeIntegers(text: string): string | undefined {
  let out = "";
  let copied = 0;
  let inString = false;
  // The next quote not yet accounted for: each quote is looked at once, however many digit runs
  // there are (searching from each run again was quadratic on a megabytes-long number).
  let nextQuote = text.indexOf('"');
  LONG_DIGIT_RUN.lastIndex = 0;
  for (let m = LONG_DIGIT_RUN.exec(text); m !== null; m = LONG_DIGIT_RUN.exec(text)) {
    const at = m.index;
    for (; nextQuote !== -1 && nextQuote < at; nextQuote = text.indexOf('"', nextQuote + 1)) {
      let backslashes = 0;
      for (let k = nextQuote - 1; k >= 0 && text.charCodeAt(k) === 0x5c; k--) backslashes++;
      if (backslashes % 2 === 0) inString = !inString;
    }
    const end = at + m[0].length;
    if (inString) continue;
    if (at > 0 && !startsValue(text.charCodeAt(at - 1))) continue;
    if (end < text.length && !endsValue(text.charCodeAt(end))) continue;
    if (Number.isSafeInteger(Number(m[0]))) continue;
    out += `${text.slice(copied, at)}"${BIGINT_MARK_JSON}${m[0]}"`;
    copied = end;
  }
  return copied === 0 ? undefined : out + text.slice(copied);
}

function reviveBigint(_key: string, value: unknown): unknown {
  if (typeof value === "string" && value.startsWith(BIGINT_MARK))
    return BigInt(value.slice(BIGINT_MARK.length));
  return value;
}

const POSITION = /at position (\d+)/;

/** Parses one JSON value; integers beyond Number.MAX_SAFE_INTEGER come back as bigint. Never throws. */
export function parseJsonText(text: string): JsonParseResult {
  let quoted: string | undefined;
  try {
    quoted = quoteUnsafeIntegers(text);
    return { ok: true, value: quoted === undefined ? JSON.parse(text) : JSON.parse(quoted, reviveBigint) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const m = POSITION.exec(reason);
    // With big integers quoted, positions are shifted: only trust them for the plain parse.
    const position = m && quoted === undefined ? Number(m[1]) : undefined;
    return { ok: false, reason, position };
  }
}

/** A short name for the kind of a parsed JSON value, for messages. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
    case "bigint":
      return "a number";
    case "boolean":
      return "a boolean";
    default:
      return "an object";
  }
}

/** True for a parsed JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
