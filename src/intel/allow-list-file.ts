/**
 * The allow-list on disk, `<data dir>/intel/allowlist.jsonl` (one entry per line), and the import of
 * known-good hash lists (a CSV whose header names `md5` / `sha1` / `sha256` columns, as DeepBlueCLI's
 * safelists, or one hash per line) as global hash entries. Bad lines are reported (E_ALLOWLIST,
 * file:line) and skipped. Input: paths, diagnostics. Output: an `AllowList`, or the file written.
 */
import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import {
  ALLOW_KINDS,
  ALLOW_SCOPES,
  type AllowEntry,
  type AllowKind,
  AllowList,
  type AllowScope,
  canonicalAllowValue,
} from "./allow-list.js";
import { csvCells } from "./csv-cells.js";
import { hexHashType } from "./intel-indicator.js";
import { readJsonLines } from "./json-lines-file.js";
import { textLines } from "../readers/text/text-lines.js";

/** The allow-list file of a data directory. */
export function allowListFile(dataDir: string): string {
  return join(dataDir, "intel", "allowlist.jsonl");
}

const MAX_LINE = 65_536;

/** A JSON value → a valid entry, or the reason it is not one. */
export function allowEntryFromJson(value: unknown): AllowEntry | string {
  if (typeof value !== "object" || value === null) return "not an object";
  const o = value as Record<string, unknown>;
  if (typeof o.kind !== "string" || !(ALLOW_KINDS as readonly string[]).includes(o.kind))
    return `kind must be one of ${ALLOW_KINDS.join(", ")}`;
  const scope = o.scope ?? "global";
  if (typeof scope !== "string" || !(ALLOW_SCOPES as readonly string[]).includes(scope))
    return `scope must be one of ${ALLOW_SCOPES.join(", ")}`;
  if (scope !== "global" && (typeof o.scopeValue !== "string" || o.scopeValue === ""))
    return `scope ${scope} needs a scopeValue (the ${scope} name)`;
  if (typeof o.reason !== "string" || o.reason.trim() === "") return "reason is required";
  if (typeof o.author !== "string" || o.author.trim() === "") return "author is required";
  if (typeof o.value !== "string") return "value is required";
  const v = canonicalAllowValue(o.kind as AllowKind, o.value);
  if ("reason" in v) return v.reason;
  return {
    kind: o.kind as AllowKind,
    value: v.value,
    scope: scope as AllowScope,
    ...(scope !== "global" && { scopeValue: o.scopeValue as string }),
    reason: o.reason,
    author: o.author,
    added: typeof o.added === "string" ? o.added : "",
  };
}

/** Loads the allow-list file (missing: empty). Rejects with E_IO when it cannot be read. */
export async function loadAllowList(
  file: string,
  diagnostics: Diagnostics,
  into = new AllowList(),
): Promise<AllowList> {
  await readJsonLines(file, diagnostics, {
    what: "allow-list",
    code: "E_ALLOWLIST",
    maxLineBytes: MAX_LINE,
    decode: allowEntryFromJson,
    add: (e) => into.add(e),
  });
  return into;
}

/** Appends entries to the allow-list file (created with its folder when missing). */
export async function appendAllowEntries(file: string, entries: readonly AllowEntry[]): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true });
  await appendFile(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
}

/** Who and why for imported known-good hashes. */
export interface KnownGoodMeta {
  readonly reason: string;
  readonly author: string;
  readonly added: string;
}

/**
 * Reads a known-good hash list: a CSV with a header naming md5/sha1/sha256 columns (every hash cell gives
 * an entry; a `path` column is appended to the reason), or one hash per line. Returns the entries.
 */
export async function readKnownGoodHashes(
  file: string,
  meta: KnownGoodMeta,
  diagnostics: Diagnostics,
): Promise<AllowEntry[]> {
  const out: AllowEntry[] = [];
  let hashColumns: number[] | undefined;
  let pathColumn = -1;
  let first = true;
  try {
    for await (const { line, text } of textLines(file, MAX_LINE)) {
      if (text === undefined) {
        diagnostics.warn("E_LIMIT", `line longer than ${MAX_LINE} bytes; skipped`, { file, line });
        continue;
      }
      const t = text.trim();
      if (t === "" || t.startsWith("#")) continue;
      const cells = csvCells(t);
      if (first) {
        first = false;
        const header = cells.map((c) => c.toLowerCase());
        const cols = header.flatMap((h, i) => (h === "md5" || h === "sha1" || h === "sha256" ? [i] : []));
        if (cols.length > 0) {
          hashColumns = cols;
          pathColumn = header.indexOf("path");
          continue;
        }
      }
      const hashes = hashColumns ? hashColumns.map((i) => cells[i] ?? "") : [cells[0] ?? ""];
      const note = pathColumn >= 0 ? cells[pathColumn] : undefined;
      for (const h of hashes) {
        if (h === "") continue;
        if (!hexHashType(h)) {
          diagnostics.warn("E_ALLOWLIST", `"${h.slice(0, 80)}" is not an MD5, SHA1 or SHA256; skipped`, {
            file,
            line,
          });
          continue;
        }
        out.push({
          kind: "hash",
          value: h.toLowerCase(),
          scope: "global",
          reason: note ? `${meta.reason} (${note})` : meta.reason,
          author: meta.author,
          added: meta.added,
        });
      }
    }
  } catch (e) {
    throw new MikiwameError(
      "E_IO",
      `cannot read known-good list: ${e instanceof Error ? e.message : String(e)}`,
      { file },
    );
  }
  return out;
}
