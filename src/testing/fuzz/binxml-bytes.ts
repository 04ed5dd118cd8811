/**
 * Test support: a tiny BinXML byte emitter for hand-described hostile records (template loops,
 * deep nesting, inflated sizes). It knows the token layout of MS-EVEN6 and nothing of the reader, so a
 * test can write exactly the bytes it means, including ones no honest writer would produce.
 * Input: calls naming tokens, names, template instances and values. Output: the bytes (`bytes()`), laid
 * out for the chunk offset given to the constructor (inline names and template definitions point at
 * chunk-relative offsets).
 */

/** BinXML token bytes (MS-EVEN6 §3.1.4.7). */
export const BX = {
  EOF: 0x00,
  OPEN_START_ELEMENT: 0x01,
  CLOSE_START_ELEMENT: 0x02,
  CLOSE_EMPTY_ELEMENT: 0x03,
  END_ELEMENT: 0x04,
  VALUE: 0x05,
  ATTRIBUTE: 0x06,
  TEMPLATE_INSTANCE: 0x0c,
  NORMAL_SUBSTITUTION: 0x0d,
  OPTIONAL_SUBSTITUTION: 0x0e,
  FRAGMENT_HEADER: 0x0f,
  /** flag: attributes follow (on an element), another attribute follows (on an attribute) */
  MORE: 0x40,
} as const;

/** Value types used by the hostile tests. */
export const BX_TYPE = {
  NULL: 0x00,
  STRING: 0x01,
  UINT16: 0x06,
  UINT32: 0x08,
  BINARY: 0x0e,
  SID: 0x13,
  BINXML: 0x21,
  ARRAY: 0x80,
} as const;

/** One substitution value of a template instance: its type byte and raw bytes. */
export interface BxValue {
  readonly type: number;
  readonly bytes: Uint8Array;
  /** The size written in the descriptor (default: the real length); lets a test lie about it */
  readonly declaredSize?: number;
}

/** Emits BinXML bytes that will sit at chunk offset `base`. */
export class BinXmlBytes {
  private readonly out: number[] = [];

  constructor(readonly base: number) {}

  /** Chunk offset of the next byte. */
  get pos(): number {
    return this.base + this.out.length;
  }

  get length(): number {
    return this.out.length;
  }

  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }

  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }

  raw(bytes: Uint8Array): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }

  utf16(s: string): this {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
    return this;
  }

  /** Overwrites a u32 already written at chunk offset `at`. */
  patchU32(at: number, v: number): this {
    const i = at - this.base;
    this.out[i] = v & 0xff;
    this.out[i + 1] = (v >>> 8) & 0xff;
    this.out[i + 2] = (v >>> 16) & 0xff;
    this.out[i + 3] = (v >>> 24) & 0xff;
    return this;
  }

  fragmentHeader(): this {
    return this.u8(BX.FRAGMENT_HEADER).u8(1).u8(1).u8(0);
  }

  /** A name reference whose name is stored inline right after it (next u32, hash u16, count u16, UTF-16, NUL). */
  inlineName(name: string): this {
    this.u32(this.pos + 4);
    return this.u32(0).u16(0).u16(name.length).utf16(name).u16(0);
  }

  /** A name reference pointing at a name stored elsewhere in the chunk. */
  nameRef(offset: number): this {
    return this.u32(offset);
  }

  /** An element start with an inline name; `depId` for template definitions. */
  openElement(name: string, opts: { depId?: boolean; attrs?: boolean } = {}): this {
    this.u8(BX.OPEN_START_ELEMENT | (opts.attrs ? BX.MORE : 0));
    if (opts.depId) this.u16(0xffff);
    return this.u32(0).inlineName(name);
  }

  /** An attribute with an inline name; `more` when another attribute follows. */
  attribute(name: string, more = false): this {
    return this.u8(BX.ATTRIBUTE | (more ? BX.MORE : 0)).inlineName(name);
  }

  closeStart(): this {
    return this.u8(BX.CLOSE_START_ELEMENT);
  }

  closeEmpty(): this {
    return this.u8(BX.CLOSE_EMPTY_ELEMENT);
  }

  endElement(): this {
    return this.u8(BX.END_ELEMENT);
  }

  eof(): this {
    return this.u8(BX.EOF);
  }

  /** A string value token (`count` overrides the character count written). */
  text(s: string, count = s.length): this {
    return this.u8(BX.VALUE).u8(BX_TYPE.STRING).u16(count).utf16(s);
  }

  subst(index: number, type: number, optional = false): this {
    return this.u8(optional ? BX.OPTIONAL_SUBSTITUTION : BX.NORMAL_SUBSTITUTION)
      .u16(index)
      .u8(type);
  }

  /**
   * A template instance whose definition follows inline (`body` writes the definition's token stream,
   * fragment header included); returns the definition's chunk offset. Values are written by `values`.
   */
  templateInline(body: (b: this) => void, declaredSize?: number): number {
    this.u8(BX.TEMPLATE_INSTANCE).u8(1).u32(0x1234);
    const def = this.pos + 4;
    this.u32(def);
    this.u32(0); // next template
    for (let i = 0; i < 16; i++) this.u8(i);
    const sizeAt = this.pos;
    this.u32(0);
    const start = this.pos;
    body(this);
    this.patchU32(sizeAt, declaredSize ?? this.pos - start);
    return def;
  }

  /** A template instance whose definition is at chunk offset `def` (written elsewhere, or nowhere). */
  templateRef(def: number): this {
    return this.u8(BX.TEMPLATE_INSTANCE).u8(1).u32(0x1234).u32(def);
  }

  /** The substitution array of a template instance: count, descriptors, values. */
  values(values: readonly BxValue[], declaredCount = values.length): this {
    this.u32(declaredCount);
    for (const v of values)
      this.u16(v.declaredSize ?? v.bytes.length)
        .u8(v.type)
        .u8(0);
    for (const v of values) this.raw(v.bytes);
    return this;
  }

  bytes(): Buffer {
    return Buffer.from(this.out);
  }
}

/** A UTF-16LE string value (NUL-terminated, as Windows writes them). */
export function utf16Value(s: string): BxValue {
  return { type: BX_TYPE.STRING, bytes: Buffer.from(`${s}\0`, "utf16le") };
}
