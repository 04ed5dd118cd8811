/**
 * Plain-text tables for the terminal. Input: column specs and rows of cell texts. Output: aligned lines.
 * Every cell goes through escapeTerminal, so no table can carry a control or bidi character from a log.
 * Widths count East Asian wide characters as two columns (Japanese headings and host names line up).
 */
import { escapeTerminal } from "./terminal-escape.js";

export interface TableColumn {
  readonly header: string;
  /** `right` for numbers */
  readonly align?: "left" | "right";
  /** Widest a cell may be (display columns); longer cells are cut with `…` */
  readonly maxWidth?: number;
  /** Which end of a long cell to keep: `start` keeps the beginning (default), `end` the end (paths) */
  readonly keep?: "start" | "end";
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x0300 && cp <= 0x036f) || cp === 0x200b || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
}

/** Terminal columns `text` takes (wide characters 2, combining marks 0, everything else 1). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += isZeroWidth(cp) ? 0 : isWide(cp) ? 2 : 1;
  }
  return width;
}

/** Cuts `text` to at most `max` columns, marking the cut with `…`. */
export function truncateToWidth(text: string, max: number, keep: "start" | "end" = "start"): string {
  if (displayWidth(text) <= max) return text;
  const chars = Array.from(text);
  if (keep === "end") chars.reverse();
  const kept: string[] = [];
  let width = 1; // the ellipsis
  for (const ch of chars) {
    const w = displayWidth(ch);
    if (width + w > max) break;
    kept.push(ch);
    width += w;
  }
  if (keep === "end") return `…${kept.reverse().join("")}`;
  return `${kept.join("")}…`;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

export interface TableOptions {
  /** Prefix of every line (default two spaces) */
  readonly indent?: string;
  /** Print the header line (default true) */
  readonly header?: boolean;
}

/**
 * Renders a table: a header line, then one line per row, columns separated by two spaces, each line
 * prefixed with the indent. Trailing spaces are trimmed.
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string[] {
  const indent = options.indent ?? "  ";
  const all = options.header === false ? rows : [columns.map((c) => c.header), ...rows];
  const cells = all.map((row) =>
    columns.map((c, i) => {
      const text = escapeTerminal(row[i] ?? "");
      return c.maxWidth ? truncateToWidth(text, c.maxWidth, c.keep) : text;
    }),
  );
  const widths = columns.map((_, i) => cells.reduce((max, row) => Math.max(max, displayWidth(row[i])), 0));
  return cells.map((row) =>
    (indent + row.map((text, i) => pad(text, widths[i], columns[i].align ?? "left")).join("  ")).trimEnd(),
  );
}
