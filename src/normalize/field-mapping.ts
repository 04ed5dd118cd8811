/**
 * The user's field-mapping file for flat EDR exports (YAML or JSON): which source fields become
 * which event fields, the logsource/identity constants (or source fields with value tables), and
 * where host and time are. `loadFieldMapping` reads and validates one file strictly: any problem is
 * a MikiwameError E_MAPPING naming the file, the line and the key. The format is documented in
 * docs/field-mappings.md.
 * Input: a file path. Output: a validated FieldMapping (applied by user-mapping-normalizer.ts).
 */
import { readFile, stat } from "node:fs/promises";
import { type Document, LineCounter, parseDocument } from "yaml";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { EVENT_KINDS, type EventKind } from "../events/event.js";
import { EPOCH_UNITS, type EpochUnit } from "./event-time.js";
import { FIELD_CONVERSIONS, type FieldConversion } from "./field-conversions.js";

/** How a mapping file says where the time is written. */
export const TIME_FORMATS = ["auto", "iso", ...EPOCH_UNITS] as const;
export type TimeFormat = "auto" | "iso" | EpochUnit;

/** A constant, or a source field (optionally through a value table, with a default). */
export type ValueSelector =
  | { readonly kind: "constant"; readonly value: string | number }
  | {
      readonly kind: "field";
      readonly field: string;
      readonly values?: Readonly<Record<string, string | number>>;
      readonly default?: string | number;
    };

export interface MappedField {
  /** Source path (dots walk nested objects; a dotted key also matches) */
  readonly from: string;
  readonly to: string;
  readonly conversion: FieldConversion;
}

/** A validated field-mapping file. */
export interface FieldMapping {
  /** The file it came from */
  readonly file: string;
  readonly name: string;
  /** Apply only to objects where this field exists (and equals `equals`, when given) */
  readonly match?: { readonly field: string; readonly equals?: string | number | boolean };
  readonly kind: EventKind;
  readonly product?: ValueSelector;
  readonly service?: ValueSelector;
  readonly category?: ValueSelector;
  readonly provider?: ValueSelector;
  readonly channel?: ValueSelector;
  readonly eventId?: ValueSelector;
  readonly host?: string;
  readonly time?: { readonly field: string; readonly format: TimeFormat };
  readonly user?: { readonly to: string; readonly domain?: string; readonly name: string };
  readonly fields: readonly MappedField[];
  /** Keep source fields under their own (flattened) names too; default true */
  readonly keepUnmapped: boolean;
}

/** Mapping files are small; anything bigger is a mistake (wrong file given). */
const MAX_MAPPING_BYTES = 1024 * 1024;
const SINGLE_SOURCE_CONVERSIONS = FIELD_CONVERSIONS.filter((c) => c !== "join-domain-user");

type Path = readonly (string | number)[];

class MappingProblem extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

/** Reads, parses and validates a mapping file. Throws MikiwameError E_MAPPING (file, line, key). */
export async function loadFieldMapping(file: string): Promise<FieldMapping> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_MAPPING_BYTES) {
      throw new MikiwameError(
        "E_MAPPING",
        `mapping file is ${info.size} bytes; at most ${MAX_MAPPING_BYTES} expected`,
        {
          file,
        },
      );
    }
    text = await readFile(file, "utf8");
  } catch (e) {
    if (e instanceof MikiwameError) throw e;
    throw new MikiwameError(
      "E_MAPPING",
      `cannot read mapping file: ${(e as Error).message}`,
      { file },
      { cause: e },
    );
  }
  return parseFieldMapping(text, file);
}

/** Parses and validates mapping text (YAML or JSON); `file` is used in messages. */
export function parseFieldMapping(text: string, file: string): FieldMapping {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0].line ?? lines.linePos(err.pos[0]).line;
    throw new MikiwameError("E_MAPPING", `not valid YAML/JSON: ${err.message.split("\n")[0]}`, {
      file,
      line,
    });
  }
  const root: unknown = doc.toJS();
  try {
    return validate(root, file);
  } catch (e) {
    if (!(e instanceof MappingProblem)) throw e;
    const key = e.path.length > 0 ? e.path.join(".") : "(top level)";
    throw new MikiwameError("E_MAPPING", `${key}: ${e.message}`, { file, line: lineOf(doc, lines, e.path) });
  }
}

function lineOf(doc: Document, lines: LineCounter, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
}

type Obj = Record<string, unknown>;

function obj(v: unknown, path: Path): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new MappingProblem(path, "must be a mapping (key: value)");
  return v as Obj;
}

function onlyKeys(o: Obj, path: Path, known: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k))
      throw new MappingProblem([...path, k], `unknown key (expected one of: ${known.join(", ")})`);
  }
}

function str(v: unknown, path: Path): string {
  if (typeof v !== "string" || v.trim() === "") throw new MappingProblem(path, "must be a non-empty string");
  return v;
}

function scalar(v: unknown, path: Path): string | number {
  if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) return v;
  throw new MappingProblem(path, "must be a string or a number");
}

function oneOf<T extends string>(v: unknown, path: Path, allowed: readonly T[]): T {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new MappingProblem(path, `must be one of: ${allowed.join(", ")}`);
}

function selector(v: unknown, path: Path): ValueSelector | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string" || typeof v === "number") return { kind: "constant", value: scalar(v, path) };
  const o = obj(v, path);
  onlyKeys(o, path, ["field", "values", "default"]);
  const field = str(o.field, [...path, "field"]);
  let values: Record<string, string | number> | undefined;
  if (o.values !== undefined) {
    const vo = obj(o.values, [...path, "values"]);
    values = {};
    for (const [k, val] of Object.entries(vo)) values[k] = scalar(val, [...path, "values", k]);
  }
  const def = o.default === undefined ? undefined : scalar(o.default, [...path, "default"]);
  return { kind: "field", field, values, default: def };
}

function validate(root: unknown, file: string): FieldMapping {
  const r = obj(root, []);
  onlyKeys(
    r,
    [],
    [
      "version",
      "name",
      "match",
      "kind",
      "logsource",
      "identity",
      "host",
      "time",
      "user",
      "fields",
      "keepUnmapped",
    ],
  );
  if (r.version !== 1) throw new MappingProblem(["version"], "must be 1");
  const name = r.name === undefined ? "field-mapping" : str(r.name, ["name"]);
  let match: FieldMapping["match"];
  if (r.match !== undefined) {
    const m = obj(r.match, ["match"]);
    onlyKeys(m, ["match"], ["field", "equals"]);
    const eq = m.equals;
    if (eq !== undefined && typeof eq !== "string" && typeof eq !== "number" && typeof eq !== "boolean") {
      throw new MappingProblem(["match", "equals"], "must be a string, a number or a boolean");
    }
    match = { field: str(m.field, ["match", "field"]), equals: eq };
  }
  const kind = r.kind === undefined ? "windows" : oneOf(r.kind, ["kind"], EVENT_KINDS);
  const ls = r.logsource === undefined ? {} : obj(r.logsource, ["logsource"]);
  onlyKeys(ls, ["logsource"], ["product", "service", "category"]);
  const id = r.identity === undefined ? {} : obj(r.identity, ["identity"]);
  onlyKeys(id, ["identity"], ["provider", "channel", "eventId"]);
  const host = r.host === undefined ? undefined : str(r.host, ["host"]);
  let time: FieldMapping["time"];
  if (r.time !== undefined) {
    if (typeof r.time === "string") time = { field: r.time, format: "auto" };
    else {
      const t = obj(r.time, ["time"]);
      onlyKeys(t, ["time"], ["field", "format"]);
      time = {
        field: str(t.field, ["time", "field"]),
        format: t.format === undefined ? "auto" : oneOf(t.format, ["time", "format"], TIME_FORMATS),
      };
    }
  }
  let user: FieldMapping["user"];
  if (r.user !== undefined) {
    const u = obj(r.user, ["user"]);
    onlyKeys(u, ["user"], ["to", "domain", "name"]);
    user = {
      to: u.to === undefined ? "User" : str(u.to, ["user", "to"]),
      domain: u.domain === undefined ? undefined : str(u.domain, ["user", "domain"]),
      name: str(u.name, ["user", "name"]),
    };
  }
  const fields: MappedField[] = [];
  if (r.fields !== undefined) {
    const f = obj(r.fields, ["fields"]);
    for (const [from, spec] of Object.entries(f)) {
      const path = ["fields", from];
      if (typeof spec === "string") {
        fields.push({ from, to: str(spec, path), conversion: "rename" });
        continue;
      }
      const s = obj(spec, path);
      onlyKeys(s, path, ["to", "conversion"]);
      fields.push({
        from,
        to: str(s.to, [...path, "to"]),
        conversion:
          s.conversion === undefined
            ? "rename"
            : oneOf(s.conversion, [...path, "conversion"], SINGLE_SOURCE_CONVERSIONS),
      });
    }
  }
  if (r.keepUnmapped !== undefined && typeof r.keepUnmapped !== "boolean") {
    throw new MappingProblem(["keepUnmapped"], "must be true or false");
  }
  if (fields.length === 0 && r.keepUnmapped === false) {
    throw new MappingProblem(["fields"], "maps no field and keepUnmapped is false: events would be empty");
  }
  const eventId = selector(id.eventId, ["identity", "eventId"]);
  if (
    eventId?.kind === "constant" &&
    !(typeof eventId.value === "number" && Number.isSafeInteger(eventId.value) && eventId.value >= 0)
  ) {
    throw new MappingProblem(
      ["identity", "eventId"],
      "must be a whole number ≥ 0, or { field, values, default }",
    );
  }
  return {
    file,
    name,
    match,
    kind,
    product: selector(ls.product, ["logsource", "product"]),
    service: selector(ls.service, ["logsource", "service"]),
    category: selector(ls.category, ["logsource", "category"]),
    provider: selector(id.provider, ["identity", "provider"]),
    channel: selector(id.channel, ["identity", "channel"]),
    eventId,
    host,
    time,
    user,
    fields,
    keepUnmapped: r.keepUnmapped !== false,
  };
}
