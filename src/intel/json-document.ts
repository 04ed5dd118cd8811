/**
 * Reads one JSON feed document (MISP event, MISP manifest, STIX bundle) with a size cap, and locates
 * objects in its text for diagnostics: `JsonLocator.lineOf(needle)` gives the 1-based line of the next
 * occurrence of a string (searching forward from the previous hit, so locating all objects of a
 * document costs one pass over its text).
 * Input: a path and the size cap. Output: the parsed value and a locator, or a reported problem.
 */
import { readFile, stat } from "node:fs/promises";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** Finds the line of strings in a document's text, moving forward. */
export class JsonLocator {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** The line of the next occurrence of `needle` (a JSON-quoted string), else the last line reached. */
  lineOf(needle: string): number {
    const quoted = JSON.stringify(needle);
    const at = this.text.indexOf(quoted, this.pos);
    if (at < 0) return this.line;
    // bounded: counts the newlines between the previous hit and this one
    for (let i = this.text.indexOf("\n", this.pos); i >= 0 && i < at; i = this.text.indexOf("\n", i + 1))
      this.line++;
    this.pos = at;
    return this.line;
  }
}

/** A parsed document. */
export interface JsonDocument {
  readonly value: unknown;
  readonly locator: JsonLocator;
}

/**
 * Reads and parses `file`. Rejects with E_IO when it cannot be read; reports E_LIMIT (too large) or
 * E_JSON_SYNTAX (not JSON) and returns undefined.
 */
export async function readJsonDocument(
  file: string,
  maxBytes: number,
  diagnostics: Diagnostics,
): Promise<JsonDocument | undefined> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      diagnostics.error("E_LIMIT", `JSON feed is ${size} bytes, over the ${maxBytes}-byte limit; skipped`, {
        file,
      });
      return undefined;
    }
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new MikiwameError("E_IO", `cannot read feed: ${e instanceof Error ? e.message : String(e)}`, {
      file,
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { value: JSON.parse(text) as unknown, locator: new JsonLocator(text) };
  } catch (e) {
    diagnostics.error("E_JSON_SYNTAX", `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
      file,
    });
    return undefined;
  }
}

/** `value` as a plain object, or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `value[key]` when it is a string (or a finite number, as text). */
export function stringField(o: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = o?.[key];
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

/** `value[key]` when it is an array, else []. */
export function arrayField(o: Record<string, unknown> | undefined, key: string): readonly unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}
