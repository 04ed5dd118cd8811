/**
 * CSV rows (RFC 4180) that are safe to open in a spreadsheet. Input: cell texts. Output: one CSV line
 * ending in CRLF. A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet
 * shows it as text instead of evaluating it as a formula (log fields are attacker-controlled).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: formula-neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (with CRLF) from cell texts. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
