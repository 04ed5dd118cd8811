/**
 * Text that goes into a comment line of a script, ruleset or list (PowerShell, sh, nft, hosts file,
 * zone file) and into the names of rules: one line, no control characters, bounded; values from logs
 * are shown JSON-quoted so a newline, a quote or `$(…)` stays visible text and can never end the
 * comment. Input: any string. Output: a safe one-line fragment.
 */
import { safeJsonStringify } from "../json-text.js";

/** Longest value quoted into a comment. */
export const MAX_COMMENT_VALUE = 120;

/** Characters that end a line or hide text in some consumer (C0/C1 controls, NEL, LS/PS, bidi controls). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Our own words for a comment (no data expected): unsafe characters become `?`. */
export function commentText(text: string): string {
  return text.replace(UNSAFE, "?");
}

/** A value from the data, JSON-quoted with escapes and truncated, for a comment. */
export function quotedValue(value: string): string {
  const cut = value.length > MAX_COMMENT_VALUE ? `${value.slice(0, MAX_COMMENT_VALUE)}…` : value;
  return commentText(safeJsonStringify(cut));
}

/** An identifier (incident id) reduced to `[A-Za-z0-9._-]`, at most 64 characters, for rule names. */
export function safeToken(text: string): string {
  const t = text.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  return t === "" ? "_" : t;
}
