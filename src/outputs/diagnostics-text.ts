/**
 * Diagnostics as terminal lines. Input: a run's Diagnostics. Output: lines like
 * `warning E_JSON_SYNTAX logs/a.json:12: Unexpected token`, grouped by code (in order of first
 * appearance), at most `perCode` per code followed by a count of the rest, then a total line.
 * Every line is terminal-escaped: file names and messages can carry text from the input.
 */
import { type Diagnostic, type Diagnostics, formatDiagnostic } from "../diagnostics/diagnostics.js";
import type { ErrorCode } from "../diagnostics/error-codes.js";
import { escapeTerminal } from "./terminal-escape.js";

/** One diagnostic as one safe terminal line. */
export function diagnosticLine(d: Diagnostic): string {
  return escapeTerminal(formatDiagnostic(d));
}

/** `2 errors, 1 warning` (English: diagnostics text is not translated). */
export function diagnosticsTotalLine(diagnostics: Diagnostics): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(diagnostics.errors, "error")}, ${plural(diagnostics.warnings, "warning")}`;
}

/**
 * Grouped, limited lines: for each code the first `perCode` kept diagnostics, then
 * `  … N more E_CODE (--verbose lists all)`; last a total line. Empty when there was no diagnostic.
 */
export function groupedDiagnosticLines(diagnostics: Diagnostics, perCode: number): string[] {
  if (diagnostics.total === 0) return [];
  const groups = new Map<ErrorCode, Diagnostic[]>();
  for (const d of diagnostics.list()) {
    const group = groups.get(d.code) ?? [];
    if (group.length === 0) groups.set(d.code, group);
    if (group.length < perCode) group.push(d);
  }
  const lines: string[] = [];
  for (const [code, shown] of groups) {
    for (const d of shown) lines.push(diagnosticLine(d));
    const rest = (diagnostics.counts().get(code) ?? shown.length) - shown.length;
    if (rest > 0) lines.push(`  … ${rest} more ${code} (--verbose lists all)`);
  }
  lines.push(diagnosticsTotalLine(diagnostics));
  return lines;
}
