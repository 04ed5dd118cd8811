/**
 * Escaping for the terminal. Input: any text that may come from a log (a field can hold `\x1b[2J` or
 * U+202E). Output: the same text with every control character (C0, DEL, C1) and every Unicode bidi
 * control shown as a visible escape (`\x1b`, `\u202e`), so a log value can neither drive the
 * terminal nor reorder what the analyst reads. For display only: the result is not meant to be parsed back.
 */

/** C0 controls, DEL, C1 controls, ALM, LRM/RLM, LRE…RLO, LRI…PDI. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Short escapes for the common controls; the rest as `\xHH` / `\uHHHH`. */
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `text` with control and bidi characters replaced by visible escapes. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Like escapeTerminal, but keeps line breaks (`\n`) for multi-line messages. */
export function escapeTerminalLines(text: string): string {
  return text.split("\n").map(escapeTerminal).join("\n");
}
