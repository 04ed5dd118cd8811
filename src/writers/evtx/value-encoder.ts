/**
 * Encodes one substitution value (template instance data) into bytes, as Windows stores it: no
 * length prefix (the size goes into the value descriptor), strings without terminator, arrays
 * as the concatenation of their elements (string arrays NUL-terminated per element).
 * Input: an `EvtxValue`. Output: bytes appended to a `ByteWriter`. Out-of-range input throws a
 * MikiwameError `E_EVTX_WRITE` naming the value.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { ByteWriter } from "./byte-writer.js";
import type { BinXmlFragment } from "./binxml-node.js";
import { guidToBytes } from "./guid.js";
import { sidToBytes } from "./sid.js";
import type { ArrayValueType, EvtxValue, ScalarInput } from "./value-types.js";
import { systemTimeFromIso, toFileTime } from "./windows-time.js";

/** Writes a nested BinXML fragment (supplied by the BinXML builder, which owns name/template tables). */
export type FragmentEncoder = (fragment: BinXmlFragment, fragmentHeader: boolean) => void;

function fail(message: string): never {
  throw new MikiwameError("E_EVTX_WRITE", message);
}

function intInRange(type: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max)
    fail(`${type} value ${v} is not an integer in ${min}..${max}`);
  return v;
}

function big(type: string, v: bigint | number, signed: boolean): bigint {
  if (typeof v === "number" && !Number.isSafeInteger(v))
    fail(`${type} value ${v} is not a safe integer; pass a bigint`);
  const b = BigInt(v);
  const ok = signed ? b >= -(2n ** 63n) && b < 2n ** 63n : b >= 0n && b < 2n ** 64n;
  if (!ok) fail(`${type} value ${b} is out of the ${signed ? "signed" : "unsigned"} 64-bit range`);
  return b;
}

function latin1(type: string, s: string): Buffer {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) fail(`${type} value "${s}" has a character outside Latin-1`);
  }
  return Buffer.from(s, "latin1");
}

/** Writes one element of a scalar type (the array forms call this per element). */
function writeScalar<K extends keyof ScalarInput>(
  w: ByteWriter,
  type: K,
  v: ScalarInput[K],
  sizeTWidth: 4 | 8,
): void {
  const t: keyof ScalarInput = type;
  switch (t) {
    case "String":
    case "EvtXml":
      w.utf16(v as string);
      return;
    case "AnsiString":
      w.raw(latin1(t, v as string));
      return;
    case "Int8":
      w.i8(intInRange(t, v as number, -0x80, 0x7f));
      return;
    case "UInt8":
      w.u8(intInRange(t, v as number, 0, 0xff));
      return;
    case "Int16":
      w.i16(intInRange(t, v as number, -0x8000, 0x7fff));
      return;
    case "UInt16":
      w.u16(intInRange(t, v as number, 0, 0xffff));
      return;
    case "Int32":
      w.i32(intInRange(t, v as number, -0x80000000, 0x7fffffff));
      return;
    case "UInt32":
    case "HexInt32":
      w.u32(intInRange(t, v as number, 0, 0xffffffff));
      return;
    case "Int64":
      w.i64(big(t, v as bigint | number, true));
      return;
    case "UInt64":
    case "HexInt64":
    case "EvtHandle":
      w.u64(big(t, v as bigint | number, false));
      return;
    case "Real32":
      w.f32(v as number);
      return;
    case "Real64":
      w.f64(v as number);
      return;
    case "Bool":
      w.u32(v ? 1 : 0);
      return;
    case "Binary":
      w.raw(v as Uint8Array);
      return;
    case "Guid":
      w.raw(guidToBytes(v as string));
      return;
    case "SizeT": {
      const b = big(t, v as bigint | number, false);
      if (sizeTWidth === 4) w.u32(intInRange(t, Number(b), 0, 0xffffffff));
      else w.u64(b);
      return;
    }
    case "FileTime":
      w.u64(toFileTime(v as ScalarInput["FileTime"]));
      return;
    case "SysTime": {
      const st = systemTimeFromIso(v as string);
      for (const f of [
        st.year,
        st.month,
        st.dayOfWeek,
        st.day,
        st.hour,
        st.minute,
        st.second,
        st.milliseconds,
      ]) {
        w.u16(f);
      }
      return;
    }
    case "Sid":
      w.raw(sidToBytes(v as string));
      return;
  }
}

/** Writes the array form of `type`: elements back to back; string elements NUL-terminated. */
function writeArray(
  w: ByteWriter,
  type: ArrayValueType,
  values: readonly unknown[],
  sizeTWidth: 4 | 8,
): void {
  for (const e of values) {
    writeScalar(w, type, e as ScalarInput[typeof type], sizeTWidth);
    if (type === "String") w.u16(0);
    else if (type === "AnsiString") w.u8(0);
  }
}

/**
 * Appends the bytes of `value` to `w`. A BinXml value is written through `nested`, so names
 * and templates inside it share the chunk's tables.
 */
export function encodeValue(w: ByteWriter, value: EvtxValue, nested: FragmentEncoder): void {
  switch (value.type) {
    case "Null":
      if (value.size !== undefined) w.reserve(intInRange("Null size", value.size, 0, 0xffff));
      return;
    case "BinXml":
      nested(value.value, value.fragmentHeader ?? value.value.kind === "element");
      return;
    case "SizeT":
      if (value.array === true) writeArray(w, "SizeT", value.value, value.width ?? 8);
      else writeScalar(w, "SizeT", value.value, value.width ?? 8);
      return;
    default:
      if (value.array === true) writeArray(w, value.type, value.value, 8);
      else writeScalar(w, value.type, value.value, 8);
  }
}
