/**
 * The store on disk: `<data dir>/intel/indicators.jsonl`, one indicator per line (JSON). Loading
 * streams the file with a line cap; a line that is not a valid indicator is reported (E_INDICATOR,
 * file:line) and skipped. Saving writes a temporary file and renames it over the old one.
 * Input: a data directory (or a file path). Output: an `IntelStore`, or the file written.
 */
import { createWriteStream } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { canonicalIntelValue, INTEL_TYPES, type IntelIndicator, type IntelType } from "./intel-indicator.js";
import { IntelStore } from "./intel-store.js";
import { readJsonLines } from "./json-lines-file.js";

/** The intel folder of a data directory. */
export function intelDir(dataDir: string): string {
  return join(dataDir, "intel");
}

/** The indicator file of a data directory. */
export function intelStoreFile(dataDir: string): string {
  return join(intelDir(dataDir), "indicators.jsonl");
}

/** Longest line of the store file. */
const MAX_STORE_LINE = 262_144;

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
}

/** A stored line → an indicator, or the reason it is not one. */
export function indicatorFromJson(value: unknown): IntelIndicator | string {
  if (typeof value !== "object" || value === null) return "not an object";
  const o = value as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== "string" || !(INTEL_TYPES as readonly string[]).includes(type)) return "unknown type";
  if (typeof o.value !== "string") return "no value";
  const canonical = canonicalIntelValue(type as IntelType, o.value);
  if (canonical === undefined) return `"${o.value.slice(0, 80)}" is not a valid ${type}`;
  const sources = strings(o.sources);
  const tags = strings(o.tags);
  if (!sources || !tags || typeof o.confidence !== "number" || typeof o.imported !== "string")
    return "sources, tags, confidence or imported missing";
  const opt = (k: string): string | undefined => (typeof o[k] === "string" ? (o[k] as string) : undefined);
  const killChain = strings(o.killChain);
  const out: Record<string, unknown> = {
    type,
    value: canonical,
    sources,
    confidence: o.confidence,
    tags,
    imported: o.imported,
  };
  for (const k of ["firstSeen", "lastSeen", "family", "threat", "expires", "origin"])
    if (opt(k) !== undefined) out[k] = opt(k);
  if (killChain) out.killChain = killChain;
  return out as unknown as IntelIndicator;
}

/** Loads the store file; a missing file is an empty store. Rejects with E_IO when it cannot be read. */
export async function loadIntelStore(
  file: string,
  diagnostics: Diagnostics,
  into = new IntelStore(),
): Promise<IntelStore> {
  await readJsonLines(file, diagnostics, {
    what: "intel store",
    code: "E_INDICATOR",
    maxLineBytes: MAX_STORE_LINE,
    decode: indicatorFromJson,
    add: (i) => into.add(i),
  });
  return into;
}

/** Writes the store (atomically: temp file, then rename). */
export async function saveIntelStore(file: string, store: IntelStore): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  for (const i of store.entries()) if (!out.write(`${JSON.stringify(i)}\n`)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  await rename(tmp, file);
}
