/**
 * Escaping for the Markdown report and the management summaries (GitHub-flavoured Markdown, pasted into
 * tickets and mail). Input: text from the logs, the incidents or the labels. Output: inline Markdown that
 * renders as exactly that text — it cannot end a table cell, start a block, open a link, an image, raw
 * HTML, emphasis or math, and does not turn into an autolink (`http://`, `www.`). Line breaks and control
 * characters become spaces (a line break would end a table row or a list item).
 */

/** ASCII punctuation that GFM could read as markup inline or in a table cell; each gets a backslash. */
const MARKUP = /[`*_[\]<>|~&!$#]/g;
/** A backslash that would escape what follows (ASCII punctuation) or end the text; others stay literal. */
const BACKSLASH = /\\(?=[!-/:-@[-`{-~]|$)/g;
/** Controls, line and paragraph separators: one space each (a newline would break the row or the list). */
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Autolink starts (`scheme://`, `www.`): the `:` or `.` is escaped so no autolink is recognised. */
const AUTOLINK = /(:)(?=\/\/)|(?<=\bwww)(\.)/gi;
/** A list marker, ordered-list number or setext underline at the start of the text (would start a block). */
const BLOCK_START = /^([-+=]|\d+(?=[.)]))/;

/**
 * Plain text as inline Markdown (safe in table cells, list items and paragraphs). `lineStart` (default
 * true): the text may begin a line or a list item, so a leading list marker or number is escaped too.
 */
export function escapeMarkdown(text: string, lineStart = true): string {
  const inline = text
    .replace(BREAKS, " ")
    .replace(BACKSLASH, "\\\\")
    .replace(MARKUP, (c) => `\\${c}`)
    .replace(AUTOLINK, (c) => `\\${c}`);
  if (!lineStart) return inline;
  return inline
    .replace(/^ +/, "") // leading spaces could start an indented code block
    .replace(BLOCK_START, (mark: string) => (/\d/.test(mark) ? `${mark}\\` : `\\${mark}`));
}

/**
 * An indicator (path, command line, address, hash) as an inline code span, which GFM never turns into a
 * link or HTML. The fence is longer than any backtick run inside; `|` is escaped when the span sits in a
 * table cell (GFM removes that backslash before reading the span); a value holding `\|` is written as
 * escaped plain text instead.
 */
export function markdownCode(text: string, inTable: boolean): string {
  let flat = text.replace(BREAKS, " ");
  // `\|` in the value: whether GFM reads `\\|` as an escaped pipe differs between parsers, so plain text
  if (inTable && flat.includes("\\|")) return escapeMarkdown(flat, false);
  if (inTable) flat = flat.replace(/\|/g, "\\|");
  if (flat === "") return "";
  let longest = 0;
  for (const run of flat.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || /^ .* $/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Rows of one Markdown table; past this, one row counts the rest. */
export const MAX_MARKDOWN_ROWS = 500;

/** One GFM table: header cells and rows of finished inline Markdown (escape each cell before). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === "" ? " " : c)).join(" | ")} |`;
  const shown = rows.slice(0, MAX_MARKDOWN_ROWS);
  const more = rows.length - shown.length;
  const note = more > 0 ? [line([`… +${more}`, ...header.slice(1).map(() => "")])] : [];
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...shown.map(line), ...note];
}
