/**
 * Quoting for the generated scripts. Every value reaching a script is already checked (a canonical
 * address, a token of `[A-Za-z0-9._-]`), and is quoted anyway so that nothing in it can execute:
 * PowerShell single quotes (which also accept the typographic quotes ‘ ’ ‚ ‛ as delimiters, so those
 * are doubled too) and POSIX sh single quotes (`'\''`). Line breaks and control characters are
 * replaced, so a quoted value is always one line. Input: text. Output: a quoted literal.
 */
import { commentText } from "./comment-text.js";

/** A PowerShell single-quoted string literal (no expansion of `$`, backtick or `$(…)`). */
export function psQuote(text: string): string {
  return `'${commentText(text).replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;
}

/** A POSIX shell single-quoted word (no expansion of `$`, backticks or `$(…)`). */
export function shQuote(text: string): string {
  return `'${commentText(text).replace(/'/g, "'\\''")}'`;
}
