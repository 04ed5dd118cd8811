/**
 * The typed values the EVTX writer can put into a template instance: one variant per BinXML
 * value type (MS-EVEN6 / libevtx "Value types"), plus the array form (type | 0x80) of each type
 * that has one. Input for `value-encoder.ts`; the codes here are the bytes written to the file.
 */
import type { BinXmlFragment } from "./binxml-node.js";
import type { WindowsTime } from "./windows-time.js";

/** Every BinXML value type, by its MS-EVEN6 name. */
export const VALUE_TYPES = [
  "Null",
  "String",
  "AnsiString",
  "Int8",
  "UInt8",
  "Int16",
  "UInt16",
  "Int32",
  "UInt32",
  "Int64",
  "UInt64",
  "Real32",
  "Real64",
  "Bool",
  "Binary",
  "Guid",
  "SizeT",
  "FileTime",
  "SysTime",
  "Sid",
  "HexInt32",
  "HexInt64",
  "EvtHandle",
  "BinXml",
  "EvtXml",
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** The byte written for each value type (in substitution tokens and value descriptors). */
export const VALUE_TYPE_CODES: Readonly<Record<ValueType, number>> = {
  Null: 0x00,
  String: 0x01,
  AnsiString: 0x02,
  Int8: 0x03,
  UInt8: 0x04,
  Int16: 0x05,
  UInt16: 0x06,
  Int32: 0x07,
  UInt32: 0x08,
  Int64: 0x09,
  UInt64: 0x0a,
  Real32: 0x0b,
  Real64: 0x0c,
  Bool: 0x0d,
  Binary: 0x0e,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  SysTime: 0x12,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  EvtHandle: 0x20,
  BinXml: 0x21,
  EvtXml: 0x23,
};

/** OR-ed into the type code for an array of that type. */
export const ARRAY_FLAG = 0x80;

/**
 * Types that have an array form. MSDN: no arrays of Binary or BinXml; we also write none of
 * Null, EvtHandle and EvtXml (never seen, meaning unclear).
 */
export const ARRAY_VALUE_TYPES = [
  "String",
  "AnsiString",
  "Int8",
  "UInt8",
  "Int16",
  "UInt16",
  "Int32",
  "UInt32",
  "Int64",
  "UInt64",
  "Real32",
  "Real64",
  "Bool",
  "Guid",
  "SizeT",
  "FileTime",
  "SysTime",
  "Sid",
  "HexInt32",
  "HexInt64",
] as const;
export type ArrayValueType = (typeof ARRAY_VALUE_TYPES)[number];

/** The JavaScript input accepted for one element of each scalar type. */
export interface ScalarInput {
  /** UTF-16LE, written without a terminator */
  String: string;
  /** Latin-1 (code points ≤ 0xFF), written without a terminator */
  AnsiString: string;
  Int8: number;
  UInt8: number;
  Int16: number;
  UInt16: number;
  Int32: number;
  UInt32: number;
  Int64: bigint | number;
  UInt64: bigint | number;
  /** Rounded to single precision when written */
  Real32: number;
  Real64: number;
  /** Written as a 32-bit 0 / 1 */
  Bool: boolean;
  Binary: Uint8Array;
  /** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, braces optional, any case */
  Guid: string;
  /** Written as 8 bytes unless the value says `width: 4` */
  SizeT: bigint | number;
  /** ISO-8601 UTC with up to 7 fractional digits, or raw FILETIME ticks */
  FileTime: WindowsTime;
  /** ISO-8601 UTC; SYSTEMTIME keeps milliseconds only */
  SysTime: string;
  /** `S-1-5-21-…` */
  Sid: string;
  HexInt32: number;
  HexInt64: bigint | number;
  /** Written as 8 bytes, unsigned (the type is undocumented; rendered like UInt64) */
  EvtHandle: bigint | number;
  /** XML text, written as UTF-16LE without a terminator */
  EvtXml: string;
}

/** Scalar types other than Null, BinXml and SizeT (which carries a width). */
type PlainScalarType = Exclude<keyof ScalarInput, "SizeT">;

/** A non-null scalar value: `{ type: "UInt32", value: 42 }`. */
export type PlainScalarValue = {
  [K in PlainScalarType]: { readonly type: K; readonly value: ScalarInput[K]; readonly array?: false };
}[PlainScalarType];

/** SizeT: pointer-sized; 8 bytes (64-bit Windows) unless `width: 4`. */
export interface SizeTValue {
  readonly type: "SizeT";
  readonly value: bigint | number;
  readonly width?: 4 | 8;
  readonly array?: false;
}

/** An array value: `{ type: "String", array: true, value: ["a", "b"] }`. */
export type PlainArrayValue = {
  [K in Exclude<ArrayValueType, "SizeT">]: {
    readonly type: K;
    readonly array: true;
    readonly value: readonly ScalarInput[K][];
  };
}[Exclude<ArrayValueType, "SizeT">];

/** An array of SizeT, all of one width. */
export interface SizeTArrayValue {
  readonly type: "SizeT";
  readonly array: true;
  readonly value: readonly (bigint | number)[];
  readonly width?: 4 | 8;
}

/**
 * The Null value. Windows sometimes gives a null substitution a non-zero size (zero bytes for an
 * absent GUID, say); `size` reproduces that so decoders are tested against it.
 */
export interface NullValue {
  readonly type: "Null";
  readonly size?: number;
}

/**
 * A nested BinXML fragment (type 0x21): a template instance (how Windows stores EventData) or an
 * element tree. `fragmentHeader` writes the `0f 01 01 00` header before it and an end-of-stream
 * token after it; the default is no header for a template instance (as Windows writes it) and a
 * header for an element.
 */
export interface BinXmlValue {
  readonly type: "BinXml";
  readonly value: BinXmlFragment;
  readonly fragmentHeader?: boolean;
}

/** Any value a substitution can take. */
export type EvtxValue =
  | NullValue
  | PlainScalarValue
  | SizeTValue
  | PlainArrayValue
  | SizeTArrayValue
  | BinXmlValue;

/** The type code written for a value (with the array flag when it is an array). */
export function valueTypeCode(v: EvtxValue): number {
  const code = VALUE_TYPE_CODES[v.type];
  return "array" in v && v.array === true ? code | ARRAY_FLAG : code;
}
