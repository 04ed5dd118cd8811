/**
 * The user configuration (`config.yaml` in the data directory). Input: the file (YAML). Output: a
 * validated MikiwameConfig with defaults filled in. Unknown keys are warnings (E_CONFIG, located);
 * a bad value or invalid YAML throws MikiwameError E_CONFIG with the file and line.
 * The `analytics:` section is read by analytics-config.ts. Every key is documented in
 * docs/configuration.md; keep the two in step.
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { type AnalyticsConfig, DEFAULT_ANALYTICS_CONFIG, parseAnalyticsConfig } from "./analytics-config.js";

/** Output languages. */
export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The keys config.yaml may hold. */
export const CONFIG_KEYS = ["language", "timezone", "mapping", "workers", "analytics"] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export interface MikiwameConfig {
  /** Language of terminal reports (`en` default, `ja`) */
  readonly language: Language;
  /** Time zone for times shown in the terminal: `UTC` (default), `local`, or an IANA name (`Asia/Tokyo`) */
  readonly timezone: string;
  /** Absolute path of the user's field-mapping file (flat EDR exports), if any */
  readonly mapping: string | undefined;
  /** Worker threads for parsing: `auto` (default) or 1..256 */
  readonly workers: number | "auto";
  /** Internal networks and every analytics module's options (analytics-config.ts); only what the file sets */
  readonly analytics: AnalyticsConfig;
}

/** The configuration used when there is no config file or a key is absent. */
export const DEFAULT_CONFIG: MikiwameConfig = {
  language: "en",
  timezone: "UTC",
  mapping: undefined,
  workers: "auto",
  analytics: DEFAULT_ANALYTICS_CONFIG,
};

/** Config files larger than this are refused (a config is a few lines). */
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_WORKERS = 256;

/** True when `tz` is `UTC`, `local` or a time zone this Node knows. */
export function isValidTimeZone(tz: string): boolean {
  if (tz === "UTC" || tz === "local") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses config text. `file` is used for locations and to resolve a relative `mapping` path.
 * Unknown keys are reported to `diagnostics` as warnings.
 */
export function parseConfig(text: string, file: string, diagnostics: Diagnostics): MikiwameConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const fail = (message: string, line: number | undefined): never => {
    throw new MikiwameError("E_CONFIG", message, { file, line });
  };

  const syntax = doc.errors[0];
  if (syntax) fail(`invalid YAML: ${syntax.message.split("\n")[0]}`, lineCounter.linePos(syntax.pos[0]).line);
  const config: Mutable<MikiwameConfig> = { ...DEFAULT_CONFIG };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) return fail("the configuration must be a mapping of keys to values", lineOf(root) ?? 1);

  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const line = lineOf(keyNode);
    if (key === undefined || !(CONFIG_KEYS as readonly string[]).includes(key)) {
      diagnostics.warn("E_CONFIG", `unknown key ${JSON.stringify(key ?? "?")}: ignored`, { file, line });
      continue;
    }
    const valueNode = pair.value as Node | null;
    const valueLine = lineOf(valueNode) ?? line;
    if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) continue; // unset: default
    const value = isScalar(valueNode) ? valueNode.value : undefined;
    switch (key as ConfigKey) {
      case "language":
        if (typeof value !== "string" || !(LANGUAGES as readonly string[]).includes(value)) {
          fail(`language must be one of ${LANGUAGES.join(", ")}`, valueLine);
        }
        config.language = value as Language;
        break;
      case "timezone":
        if (typeof value !== "string" || !isValidTimeZone(value)) {
          fail("timezone must be UTC, local, or an IANA time zone name such as Asia/Tokyo", valueLine);
        }
        config.timezone = value as string;
        break;
      case "mapping":
        if (typeof value !== "string" || value.trim() === "") {
          fail("mapping must be the path of a field-mapping file", valueLine);
        }
        config.mapping = isAbsolute(value as string)
          ? (value as string)
          : resolve(dirname(file), value as string);
        break;
      case "workers":
        if (value === "auto") config.workers = "auto";
        else if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_WORKERS) {
          config.workers = value;
        } else fail(`workers must be auto or a whole number from 1 to ${MAX_WORKERS}`, valueLine);
        break;
      case "analytics":
        config.analytics = parseAnalyticsConfig(valueNode, { file, lineOf, diagnostics });
        break;
    }
  }
  return config;
}

/**
 * Loads `file`. A missing file gives the defaults (`found: false`); an unreadable, oversized or invalid
 * one throws MikiwameError E_CONFIG.
 */
export async function loadConfig(
  file: string,
  diagnostics: Diagnostics,
): Promise<{ readonly config: MikiwameConfig; readonly found: boolean }> {
  let text: string;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new MikiwameError("E_CONFIG", "not a regular file", { file });
    if (st.size > MAX_CONFIG_BYTES) {
      throw new MikiwameError("E_CONFIG", `larger than ${MAX_CONFIG_BYTES} bytes: not a config file?`, {
        file,
      });
    }
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as { code?: unknown }).code === "ENOENT") return { config: DEFAULT_CONFIG, found: false };
    if (e instanceof MikiwameError) throw e;
    throw new MikiwameError(
      "E_CONFIG",
      `cannot read: ${e instanceof Error ? e.message : String(e)}`,
      { file },
      {
        cause: e,
      },
    );
  }
  return { config: parseConfig(text, file, diagnostics), found: true };
}
