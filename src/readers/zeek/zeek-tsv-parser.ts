/**
 * Zeek TSV logs, line by line. Input: the text lines of one file. Output: one ZeekRecord per data
 * row, typed by the current header block; header lines update the block (headers may repeat
 * mid-file when logs are concatenated; a missing `#close` is fine).
 *
 * Columns that a labeling tool appended with runs of spaces instead of tabs (IoT-23) are split
 * back into columns (space-joined-columns.ts).
 *
 * Problems, each reported once where it would otherwise repeat on every row:
 * rows before any `#fields` header → E_ZEEK_HEADER (rows skipped until a header);
 * `#types` missing, of another length than `#fields`, or naming an unknown type → E_ZEEK_HEADER
 * (the column is read as text); a row with the wrong number of columns → E_ZEEK_ROW (row skipped);
 * a cell that does not fit its type → E_ZEEK_ROW (value set to null); a btest-masked time
 * (`XXXXXXXXXX.XXXXXX`) → null with one E_ZEEK_ROW warning per file and column.
 * Limits: a `#fields` line of more than MAX_ZEEK_COLUMNS columns → E_LIMIT (the block's rows skipped);
 * a set/vector cell of more than MAX_ZEEK_CONTAINER_ITEMS elements → E_LIMIT (value set to null).
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { FieldValue, Fields } from "../../events/field-value.js";
import type { ZeekRecord } from "../record.js";
import type { ByteSource } from "../text/byte-source.js";
import type { TextLine } from "../text/line-splitter.js";
import {
  expandSpaceJoinedRow,
  type SpaceJoinedLayout,
  splitSpaceJoinedHeader,
} from "./space-joined-columns.js";
import { BTEST_BANNER, looksLikeFieldNames, MAX_ZEEK_COLUMNS, parseZeekDirective } from "./zeek-header.js";
import { parseZeekType, type ZeekColumnType, zeekTypeByFieldName } from "./zeek-type.js";
import {
  convertZeekValue,
  DEFAULT_ZEEK_MARKERS,
  MAX_ZEEK_CONTAINER_ITEMS,
  type ZeekMarkers,
  ZeekValueProblem,
} from "./zeek-value.js";

/** One header block: everything from a `#separator` line to the next. */
interface Block {
  separator: string;
  markers: ZeekMarkers;
  path: string | undefined;
  fields: readonly string[] | undefined;
  types: readonly string[] | undefined;
  /** Set when the header joins some columns with spaces inside one cell (IoT-23 labels) */
  joined: SpaceJoinedLayout | undefined;
  /** The columns names come from a one-line names header (no `#types` expected) */
  namesOnly: boolean;
  /** Columns prepared from fields/types at the first row; reset when either changes */
  columns: readonly ZeekColumnType[] | undefined;
}

function newBlock(separator = "\t"): Block {
  return {
    separator,
    markers: DEFAULT_ZEEK_MARKERS,
    path: undefined,
    fields: undefined,
    types: undefined,
    joined: undefined,
    namesOnly: false,
    columns: undefined,
  };
}

function setField(fields: Fields, name: string, value: FieldValue): void {
  // A column literally named `__proto__` must become an own property, not the prototype.
  if (name === "__proto__") Object.defineProperty(fields, name, { value, enumerable: true, writable: true });
  else fields[name] = value;
}

export class ZeekTsvParser {
  private block = newBlock();
  private sawBanner = false;
  private sawContent = false;
  private missingHeaderReported = false;
  private readonly maskedReported = new Set<string>();

  constructor(
    private readonly source: ByteSource,
    private readonly diagnostics: Diagnostics,
    private readonly fallbackPath: string,
  ) {}

  /** Reads one line: returns its record for a data row, undefined for anything else. */
  line(l: TextLine): ZeekRecord | undefined {
    const text = l.text;
    if (text === "") return undefined;
    if (text.charCodeAt(0) === 0x23 /* # */) {
      this.header(l);
      return undefined;
    }
    const first = !this.sawContent;
    this.sawContent = true;
    const block = this.block;
    if (block.fields === undefined) {
      if (first && looksLikeFieldNames(text, this.sawBanner)) {
        block.fields = text.split("\t");
        block.namesOnly = true;
        return undefined;
      }
      if (!this.missingHeaderReported) {
        this.missingHeaderReported = true;
        this.diagnostics.error(
          "E_ZEEK_HEADER",
          "data row before any #fields header (not a Zeek TSV log, or its header lines are missing); " +
            "this row and any further rows without a header are skipped",
          this.source.locate(l.line, l.position),
        );
      }
      return undefined;
    }
    const columns = block.columns ?? this.prepare(l);
    return this.row(l, columns);
  }

  private header(l: TextLine): void {
    const text = l.text;
    if (text.startsWith("###")) {
      if (text.startsWith(BTEST_BANNER)) this.sawBanner = true;
      return;
    }
    this.sawContent = true;
    const d = parseZeekDirective(text, this.block.separator);
    const block = this.block;
    switch (d.name) {
      case "separator":
        // A new header block starts (logs concatenated): forget the previous one.
        this.block = newBlock(this.nonEmpty(d.value, "\t", "#separator", l));
        this.missingHeaderReported = false;
        break;
      case "set_separator":
        block.markers = { ...block.markers, setSeparator: this.nonEmpty(d.value, ",", "#set_separator", l) };
        break;
      case "empty_field":
        block.markers = { ...block.markers, emptyField: d.value };
        break;
      case "unset_field":
        block.markers = { ...block.markers, unsetField: d.value };
        break;
      case "path":
        block.path = d.value;
        break;
      case "fields": {
        const { names, layout } = splitSpaceJoinedHeader(d.values, MAX_ZEEK_COLUMNS);
        if (names.length > MAX_ZEEK_COLUMNS) {
          this.diagnostics.error(
            "E_LIMIT",
            `#fields lists more than ${MAX_ZEEK_COLUMNS} columns (the limit); the rows of this header block are skipped`,
            this.source.locate(l.line, l.position),
          );
          block.fields = undefined;
          block.columns = undefined;
          // the rows that follow are explained by this error: no "row before any #fields" on top
          this.missingHeaderReported = true;
          break;
        }
        block.fields = names;
        block.joined = layout;
        block.types = undefined;
        block.namesOnly = false;
        block.columns = undefined;
        this.missingHeaderReported = false;
        break;
      }
      case "types": {
        const names = splitSpaceJoinedHeader(d.values, MAX_ZEEK_COLUMNS).names;
        if (names.length > MAX_ZEEK_COLUMNS) {
          this.diagnostics.error(
            "E_LIMIT",
            `#types lists more than ${MAX_ZEEK_COLUMNS} types (the limit); ignored, columns are typed by name`,
            this.source.locate(l.line, l.position),
          );
          block.types = undefined;
        } else block.types = names;
        block.columns = undefined;
        break;
      }
      default:
        // #open, #close and comments carry nothing a record needs.
        break;
    }
  }

  /** An empty separator would split every character apart: keep Zeek's default instead, and say so. */
  private nonEmpty(value: string, fallback: string, directive: string, l: TextLine): string {
    if (value !== "") return value;
    this.diagnostics.error(
      "E_ZEEK_HEADER",
      `${directive} has no value; using Zeek's default ${JSON.stringify(fallback)}`,
      this.source.locate(l.line, l.position),
    );
    return fallback;
  }

  /** Works out the column types at the first row of a block; header problems are reported here, once. */
  private prepare(l: TextLine): readonly ZeekColumnType[] {
    const block = this.block;
    const fields = block.fields ?? [];
    const where = this.source.locate(l.line, l.position);
    let types = block.types;
    if (types === undefined && !block.namesOnly) {
      this.diagnostics.warn(
        "E_ZEEK_HEADER",
        "#fields header without a #types line; well-known columns are typed by name, the others read as text",
        where,
      );
    }
    if (types !== undefined && types.length !== fields.length) {
      this.diagnostics.error(
        "E_ZEEK_HEADER",
        `#types lists ${types.length} types for ${fields.length} #fields columns; ` +
          "columns without a matching type are read as text",
        where,
      );
      types = types.slice(0, fields.length);
    }
    const columns = fields.map((name, i) => {
      const typeName = types?.[i];
      if (typeName === undefined)
        return types === undefined ? zeekTypeByFieldName(name) : parseZeekType("string");
      const type = parseZeekType(typeName);
      if (type.scalar === undefined) {
        this.diagnostics.warn(
          "E_ZEEK_HEADER",
          `column ${i + 1} '${name}' has unknown type '${typeName}'; its values are read as text`,
          where,
        );
      }
      return type;
    });
    block.columns = columns;
    return columns;
  }

  private row(l: TextLine, columns: readonly ZeekColumnType[]): ZeekRecord | undefined {
    const block = this.block;
    const names = block.fields ?? [];
    // bounded: never more cells than one past the header's count, however many separators the line holds
    let cells = l.text.split(block.separator, names.length + 1);
    if (block.joined !== undefined && cells.length !== names.length) {
      cells = expandSpaceJoinedRow(cells, block.joined) ?? cells;
    }
    if (cells.length !== names.length) {
      const count = cells.length > names.length ? `more than ${names.length}` : `${cells.length}`;
      this.diagnostics.error(
        "E_ZEEK_ROW",
        `row has ${count} columns but the #fields header has ${names.length}; row skipped`,
        this.source.locate(l.line, l.position),
      );
      return undefined;
    }
    const fields: Fields = {};
    for (let i = 0; i < cells.length; i++) {
      const column = columns[i];
      const value = convertZeekValue(cells[i], column, block.markers);
      if (value instanceof ZeekValueProblem) {
        this.problem(l, i, names[i], column, value);
        setField(fields, names[i], null);
      } else {
        setField(fields, names[i], value);
      }
    }
    const provenance = { ...this.source.locate(l.line, l.position), format: "zeek" as const };
    return { kind: "zeek", provenance, path: block.path ?? this.fallbackPath, fields };
  }

  private problem(
    l: TextLine,
    index: number,
    name: string,
    column: ZeekColumnType,
    p: ZeekValueProblem,
  ): void {
    const where = this.source.locate(l.line, l.position);
    if (p.kind === "masked") {
      if (this.maskedReported.has(name)) return;
      this.maskedReported.add(name);
      this.diagnostics.warn(
        "E_ZEEK_ROW",
        `column ${index + 1} '${name}' (${column.name}) holds the masked value '${p.raw}' (a test baseline); ` +
          "set to null here and in the rest of this file without further warnings",
        where,
      );
      return;
    }
    const shown = p.raw.length > 40 ? `${p.raw.slice(0, 40)}…` : p.raw;
    if (p.kind === "large") {
      this.diagnostics.error(
        "E_LIMIT",
        `column ${index + 1} '${name}' (${column.name}): '${shown}' holds more than ${MAX_ZEEK_CONTAINER_ITEMS} elements (the limit); value set to null`,
        where,
      );
      return;
    }
    this.diagnostics.error(
      "E_ZEEK_ROW",
      `column ${index + 1} '${name}' (${column.name}): '${shown}' is not a valid ${p.expected}; value set to null`,
      where,
    );
  }
}
