/**
 * One line of an indicator list → indicators. Two layouts (see docs/analytics-reputation.md):
 *   - positional: `value[,type][,verdict][,source][,tags][,confidence]` (tab- or comma-separated; the
 *     type column may be left out, a known type or verdict word tells which column is which);
 *   - with a header line naming the columns (`md5,sha1,sha256,path` as hash safelists are written,
 *     or `value,type,verdict,source,tags,confidence`): every hash/value column gives an indicator.
 * Cells may be double-quoted (CSV style). Types are inferred when absent.
 * Input: the line text and the list's defaults. Output: indicators plus the reasons for cells that
 * could not be read (the caller reports them with file:line).
 */
import {
  canonicalIndicator,
  INDICATOR_TYPE_ALIASES,
  INDICATOR_TYPES,
  type Indicator,
  type IndicatorType,
  inferIndicatorType,
  isHashType,
  MAX_INDICATOR_CHARS,
  refang,
  VERDICTS,
  type Verdict,
} from "./indicator.js";

/** Column names a header line may use. */
export const HEADER_COLUMNS = [
  "value", // an indicator of any type (inferred or from `type`)
  "indicator",
  "ioc",
  "md5", // a hash column: the cell must be a hash of that type
  "sha1",
  "sha256",
  "type",
  "verdict",
  "source",
  "tags",
  "confidence",
  "path", // descriptive: kept as the indicator's note
  "name",
  "note",
  "description",
  "comment",
] as const;
export type HeaderColumn = (typeof HEADER_COLUMNS)[number];

const VALUE_COLUMNS: ReadonlySet<HeaderColumn> = new Set([
  "value",
  "indicator",
  "ioc",
  "md5",
  "sha1",
  "sha256",
]);
const NOTE_COLUMNS: ReadonlySet<HeaderColumn> = new Set(["path", "name", "note", "description", "comment"]);

/** Most columns read from one line (the rest is ignored). */
const MAX_COLUMNS = 32;

/** Defaults for what a line leaves out. */
export interface LineDefaults {
  readonly verdict: Verdict;
  readonly source: string;
}

/** What one line gave. */
export interface LineResult {
  readonly indicators: Indicator[];
  /** Why a cell or the line could not be used (empty when all is well) */
  readonly problems: string[];
}

/** Splits a line on tabs (when it has any) or commas; double-quoted cells may hold the separator. */
export function splitColumns(line: string): string[] {
  const sep = line.includes("\t") ? "\t" : ",";
  const out: string[] = [];
  let i = 0;
  while (i <= line.length && out.length < MAX_COLUMNS) {
    if (line[i] === '"') {
      let cell = "";
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            cell += '"';
            j++;
          } else break;
        } else cell += line[j];
      }
      out.push(cell.trim());
      const next = line.indexOf(sep, j);
      if (next < 0) break;
      i = next + 1;
      continue;
    }
    const next = line.indexOf(sep, i);
    out.push((next < 0 ? line.slice(i) : line.slice(i, next)).trim());
    if (next < 0) break;
    i = next + 1;
  }
  return out;
}

/** The header columns of a line, when every cell is a known column name and one names values. */
export function parseHeader(line: string): (HeaderColumn | undefined)[] | undefined {
  const cells = splitColumns(line).map((c) => c.toLowerCase());
  if (!cells.some((c) => VALUE_COLUMNS.has(c as HeaderColumn))) return undefined;
  if (!cells.every((c) => c === "" || (HEADER_COLUMNS as readonly string[]).includes(c))) return undefined;
  return cells.map((c) => (c === "" ? undefined : (c as HeaderColumn)));
}

function isEmptyCell(c: string | undefined): boolean {
  return c === undefined || c === "" || c === "-";
}

function asVerdict(c: string): Verdict | undefined {
  const v = c.toLowerCase();
  if ((VERDICTS as readonly string[]).includes(v)) return v as Verdict;
  if (v === "malware" || v === "bad" || v === "block") return "malicious";
  if (v === "good" || v === "clean" || v === "allow" || v === "known-good") return "benign";
  return undefined;
}

/** A type word → a type, `hash`/`ip` (decided by the value), or undefined when it is not a type word. */
function asType(c: string): IndicatorType | "hash" | "ip" | undefined {
  const t = c.toLowerCase();
  if ((INDICATOR_TYPES as readonly string[]).includes(t)) return t as IndicatorType;
  return Object.hasOwn(INDICATOR_TYPE_ALIASES, t) ? INDICATOR_TYPE_ALIASES[t] : undefined;
}

/** 0..1 from `0.8`, `80` or `80%`; undefined when absent, NaN-like or out of range. */
function asConfidence(c: string): number | undefined | "bad" {
  if (isEmptyCell(c)) return undefined;
  const m = /^([0-9]+(?:\.[0-9]+)?)(%?)$/.exec(c);
  if (!m) return "bad";
  let n = Number(m[1]);
  if (m[2] === "%" || n > 1) n /= 100;
  return n >= 0 && n <= 1 ? n : "bad";
}

function asTags(c: string | undefined): string[] {
  if (isEmptyCell(c)) return [];
  return c!
    .split(/[;| ]+/)
    .filter((t) => t !== "")
    .slice(0, 16);
}

/** A value of a given (or inferred) type → the indicator fields, or the reason it is not one. */
function readValue(
  raw: string,
  declared: IndicatorType | "hash" | "ip" | undefined,
): { type: IndicatorType; value: string } | string {
  if (raw.length > MAX_INDICATOR_CHARS) return `value longer than ${MAX_INDICATOR_CHARS} characters`;
  const text = refang(raw);
  const inferred = inferIndicatorType(text);
  let type: IndicatorType | undefined;
  if (declared === undefined) type = inferred;
  else if (declared === "hash") type = inferred && isHashType(inferred) ? inferred : undefined;
  else if (declared === "ip") type = inferred === "ipv4" || inferred === "ipv6" ? inferred : undefined;
  else type = declared;
  if (type === undefined)
    return declared === undefined
      ? `'${shorten(raw)}' is not a hash, IP address, CIDR block, domain or URL`
      : `'${shorten(raw)}' is not a valid ${declared}`;
  const value = canonicalIndicator(type, text);
  return value === undefined ? `'${shorten(raw)}' is not a valid ${type}` : { type, value };
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Reads a positional line: `value[,type][,verdict][,source][,tags][,confidence]`. */
export function parsePositionalLine(line: string, defaults: LineDefaults, origin: string): LineResult {
  const cells = splitColumns(line);
  const problems: string[] = [];
  let k = 1;
  const declared = cells[k] !== undefined && !isEmptyCell(cells[k]) ? asType(cells[k]) : undefined;
  if (declared !== undefined || (isEmptyCell(cells[k]) && cells.length > 2)) k++;
  let verdict = defaults.verdict;
  if (!isEmptyCell(cells[k])) {
    const v = asVerdict(cells[k]);
    if (!v) {
      problems.push(
        `'${shorten(cells[k])}' is neither an indicator type (${INDICATOR_TYPES.join(", ")}) nor a verdict (${VERDICTS.join(", ")})`,
      );
      return { indicators: [], problems };
    }
    verdict = v;
  }
  const source = isEmptyCell(cells[k + 1]) ? defaults.source : cells[k + 1];
  const tags = asTags(cells[k + 2]);
  const confidence = asConfidence(cells[k + 3] ?? "");
  if (confidence === "bad") {
    problems.push(`confidence '${shorten(cells[k + 3])}' is not a number from 0 to 1 (or a percentage)`);
    return { indicators: [], problems };
  }
  const read = readValue(cells[0], declared);
  if (typeof read === "string") return { indicators: [], problems: [read] };
  const indicator: Indicator = { ...read, verdict, source, tags, origin };
  return { indicators: [confidence === undefined ? indicator : { ...indicator, confidence }], problems };
}

/** Reads a line of a list that has a header line. */
export function parseHeaderedLine(
  line: string,
  header: readonly (HeaderColumn | undefined)[],
  defaults: LineDefaults,
  origin: string,
): LineResult {
  const cells = splitColumns(line);
  const problems: string[] = [];
  const cell = (name: HeaderColumn): string | undefined => {
    const i = header.indexOf(name);
    return i < 0 ? undefined : cells[i];
  };
  const typeCell = cell("type");
  const declared = isEmptyCell(typeCell) ? undefined : asType(typeCell!);
  if (!isEmptyCell(typeCell) && declared === undefined)
    return { indicators: [], problems: [`unknown indicator type '${shorten(typeCell!)}'`] };
  const verdictCell = cell("verdict");
  const verdict = isEmptyCell(verdictCell) ? defaults.verdict : asVerdict(verdictCell!);
  if (!verdict) return { indicators: [], problems: [`unknown verdict '${shorten(verdictCell!)}'`] };
  const confidence = asConfidence(cell("confidence") ?? "");
  if (confidence === "bad") return { indicators: [], problems: ["confidence is not a number from 0 to 1"] };
  const sourceCell = cell("source");
  const source = isEmptyCell(sourceCell) ? defaults.source : sourceCell!;
  const tags = asTags(cell("tags"));
  const note = header
    .map((h, i) => (h !== undefined && NOTE_COLUMNS.has(h) && !isEmptyCell(cells[i]) ? cells[i] : undefined))
    .find((n) => n !== undefined);
  const indicators: Indicator[] = [];
  header.forEach((h, i) => {
    if (h === undefined || !VALUE_COLUMNS.has(h) || isEmptyCell(cells[i])) return;
    const type = h === "md5" || h === "sha1" || h === "sha256" ? h : declared;
    const read = readValue(cells[i], type);
    if (typeof read === "string") {
      problems.push(`${h}: ${read}`);
      return;
    }
    const base: Indicator = { ...read, verdict, source, tags, origin };
    indicators.push({
      ...base,
      ...(confidence === undefined ? {} : { confidence }),
      ...(note === undefined ? {} : { note }),
    });
  });
  if (indicators.length === 0 && problems.length === 0) problems.push("no indicator value on this line");
  return { indicators, problems };
}
