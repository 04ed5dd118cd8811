/**
 * A growable little-endian byte buffer that knows where it will land in its chunk.
 * Input: integers, floats, strings, raw bytes. Output: the written bytes (`bytes()`).
 * `base` is the chunk-relative offset of byte 0, so `pos` is the chunk offset of the next byte:
 * BinXML name and template references are chunk offsets, and whether a name is written inline
 * depends on where it is written.
 */

/** Little-endian writer over a growable buffer; `pos` is a chunk-relative offset. */
export class ByteWriter {
  private buf: Buffer;
  private len = 0;

  /** @param base chunk-relative offset of the first byte written */
  constructor(
    readonly base: number,
    initialSize = 1024,
  ) {
    this.buf = Buffer.alloc(initialSize);
  }

  /** Chunk-relative offset of the next byte to be written. */
  get pos(): number {
    return this.base + this.len;
  }

  /** Number of bytes written so far. */
  get length(): number {
    return this.len;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** Extends the length by `n` (reallocating if needed) and returns the index of the new bytes. */
  private grow(n: number): number {
    const at = this.len;
    const need = at + n;
    if (need > this.buf.length) {
      const next = Buffer.alloc(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, at);
      this.buf = next;
    }
    this.len = need;
    return at;
  }

  u8(v: number): void {
    const at = this.grow(1);
    this.buf.writeUInt8(v, at);
  }

  i8(v: number): void {
    const at = this.grow(1);
    this.buf.writeInt8(v, at);
  }

  u16(v: number): void {
    const at = this.grow(2);
    this.buf.writeUInt16LE(v, at);
  }

  i16(v: number): void {
    const at = this.grow(2);
    this.buf.writeInt16LE(v, at);
  }

  u32(v: number): void {
    const at = this.grow(4);
    this.buf.writeUInt32LE(v, at);
  }

  i32(v: number): void {
    const at = this.grow(4);
    this.buf.writeInt32LE(v, at);
  }

  u64(v: bigint): void {
    const at = this.grow(8);
    this.buf.writeBigUInt64LE(v, at);
  }

  i64(v: bigint): void {
    const at = this.grow(8);
    this.buf.writeBigInt64LE(v, at);
  }

  f32(v: number): void {
    const at = this.grow(4);
    this.buf.writeFloatLE(v, at);
  }

  f64(v: number): void {
    const at = this.grow(8);
    this.buf.writeDoubleLE(v, at);
  }

  raw(b: Uint8Array): void {
    const at = this.grow(b.length);
    this.buf.set(b, at);
  }

  /** UTF-16LE code units of `s`, no terminator. */
  utf16(s: string): void {
    const at = this.grow(s.length * 2);
    for (let i = 0; i < s.length; i++) this.buf.writeUInt16LE(s.charCodeAt(i), at + i * 2);
  }

  /** Reserves `n` zero bytes and returns their index (for a later `patch*`). */
  reserve(n: number): number {
    const at = this.grow(n);
    this.buf.fill(0, at, at + n);
    return at;
  }

  patchU16(index: number, v: number): void {
    this.buf.writeUInt16LE(v, index);
  }

  patchU32(index: number, v: number): void {
    this.buf.writeUInt32LE(v, index);
  }

  patchU8(index: number, v: number): void {
    this.buf.writeUInt8(v, index);
  }
}
