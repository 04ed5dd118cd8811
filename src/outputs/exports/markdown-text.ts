/**
 * Text from the data made safe for a Markdown field of another tool (TheHive's alert description):
 * one line; Markdown and HTML punctuation backslash-escaped so a value cannot open a link, an image, a
 * table cell, emphasis or an HTML tag; domain names and URL schemes defanged (`example[.]net`,
 * `hxxp://`) so the renderer's auto-linking cannot turn them into links; file names are left readable.
 * Indicator values (already checked) go into code spans instead. Input: text. Output: Markdown text.
 */
import { DOCUMENT_EXTENSIONS, EXECUTABLE_EXTENSIONS } from "../../knowledge/deceptive-file-name.js";
import { commentText } from "./comment-text.js";

const FILE_EXTENSIONS = new Set<string>([
  ...DOCUMENT_EXTENSIONS,
  ...EXECUTABLE_EXTENSIONS,
  "dat",
  "tmp",
  "log",
  "ini",
  "dmp",
]);
const HOST_LIKE =
  /\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.([a-z]{2,63})\b/gi;
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|#~!]/g;

/** Host names in free text with their dots bracketed (file names by extension are left alone). */
export function defang(text: string): string {
  return text
    .replace(/\b(h)(tt)(ps?):\/\//gi, (_m, h: string, _t: string, s: string) => `${h}xx${s}://`)
    .replace(HOST_LIKE, (m, tld: string) =>
      FILE_EXTENSIONS.has(tld.toLowerCase()) ? m : m.replace(/\./g, "[.]"),
    );
}

/** Free text for Markdown: one line, defanged, punctuation escaped. */
export function mdText(text: string): string {
  return defang(commentText(text)).replace(MARKDOWN_SPECIAL, "\\$&");
}

/** A code span holding `text` (one line), fenced with more backticks than any run inside it. */
export function mdCode(text: string): string {
  const one = commentText(text);
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence} ${one} ${fence}`;
}
