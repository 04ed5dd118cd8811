/**
 * Zeek column types as written in a TSV log's `#types` line. Input: a type name such as `count`,
 * `set[addr]` or `vector[interval]`. Output: how the column's values are converted (a value kind,
 * and whether the value is a container split on the set separator).
 */

/** How a Zeek value is turned into a field value. */
export const ZEEK_VALUE_KINDS = ["bool", "count", "int", "double", "time", "text"] as const;
export type ZeekValueKind = (typeof ZEEK_VALUE_KINDS)[number];

/** Zeek's loggable scalar types, each with the kind its values convert to. */
export const ZEEK_SCALAR_TYPES = [
  "bool",
  "count",
  "int",
  "port",
  "double",
  "interval",
  "time",
  "addr",
  "subnet",
  "string",
  "enum",
  "pattern",
] as const;
export type ZeekScalarType = (typeof ZEEK_SCALAR_TYPES)[number];

const KIND_OF: Readonly<Record<ZeekScalarType, ZeekValueKind>> = {
  bool: "bool",
  count: "count",
  int: "int",
  port: "count",
  double: "double",
  interval: "double",
  time: "time",
  addr: "text",
  subnet: "text",
  string: "text",
  enum: "text",
  pattern: "text",
};

/** The conversion of one column. */
export interface ZeekColumnType {
  /** The type as written, e.g. `set[addr]` */
  readonly name: string;
  readonly kind: ZeekValueKind;
  /** `set[...]` / `vector[...]`: the value is a list split on the set separator */
  readonly container: boolean;
  /** The scalar (element) type; undefined for a type name Zeek does not have (kept as text) */
  readonly scalar: ZeekScalarType | undefined;
}

const CONTAINER = /^(?:set|vector)\[(.+)\]$/;

function isScalarType(name: string): name is ZeekScalarType {
  return (ZEEK_SCALAR_TYPES as readonly string[]).includes(name);
}

/** Reads one `#types` entry. Unknown names are kept as text with `scalar: undefined`. */
export function parseZeekType(name: string): ZeekColumnType {
  const m = CONTAINER.exec(name);
  const element = m ? m[1] : name;
  if (isScalarType(element)) return { name, kind: KIND_OF[element], container: m !== null, scalar: element };
  return { name, kind: "text", container: m !== null, scalar: undefined };
}

/**
 * Types of the most common columns, for logs written without a `#types` line (Zeek's `tsv=T`
 * mode and `zeek-cut -m` output have one line of column names only). Any other column is text.
 */
const WELL_KNOWN_FIELD_TYPES: Readonly<Record<string, ZeekScalarType>> = {
  ts: "time",
  "id.orig_p": "port",
  "id.resp_p": "port",
  duration: "interval",
  orig_bytes: "count",
  resp_bytes: "count",
  missed_bytes: "count",
  orig_pkts: "count",
  orig_ip_bytes: "count",
  resp_pkts: "count",
  resp_ip_bytes: "count",
  local_orig: "bool",
  local_resp: "bool",
  trans_depth: "count",
  request_body_len: "count",
  response_body_len: "count",
  status_code: "count",
  seen_bytes: "count",
  total_bytes: "count",
  missing_bytes: "count",
};

/** The type of a column known only by name: a well-known Zeek column's type, else `string`. */
export function zeekTypeByFieldName(field: string): ZeekColumnType {
  return parseZeekType(
    Object.hasOwn(WELL_KNOWN_FIELD_TYPES, field) ? WELL_KNOWN_FIELD_TYPES[field] : "string",
  );
}
