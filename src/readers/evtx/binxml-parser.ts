/**
 * Parses BinXML token streams inside one chunk into BxNode trees: template definitions (cached per
 * chunk by offset), record bodies and nested fragments (substitution type 0x21).
 * All offsets are chunk-relative; every read is bounds-checked against the chunk, nesting depth is
 * capped, and template self-reference is detected, so hostile input cannot hang or overflow us.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { TOKEN, TOKEN_MORE_FLAG, VALUE_TYPE } from "./binxml-tokens.js";
import {
  type AttributeNode,
  type BxNode,
  NODE,
  type SubstValue,
  type TemplateDefinition,
} from "./binxml-nodes.js";
import { decodeUtf16 } from "./utf16.js";
import { decodeGuid, decodeScalar, decodeSubstitution, fixedSize } from "./value-decoder.js";

const MAX_ELEMENT_DEPTH = 128;
const MAX_FRAGMENT_DEPTH = 12;
const CHUNK_SIZE = 0x10000;

/** Per-chunk parsing state: the chunk bytes and its name and template caches. */
export class ChunkContext {
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, TemplateDefinition>();
  private readonly parsing = new Set<number>();
  /** Soft problems found while parsing the current record (value decode failures); drained per record */
  readonly warnings: { offset: number; message: string }[] = [];

  constructor(
    readonly buf: Buffer,
    /** File offset of the chunk, for error locations */
    readonly fileOffset: number,
    readonly index: number,
  ) {}

  fail(
    off: number,
    message: string,
    code: "E_EVTX_BINXML" | "E_EVTX_TEMPLATE" | "E_EVTX_VALUE" = "E_EVTX_BINXML",
  ): never {
    throw new MikiwameError(code, message, { offset: this.fileOffset + off, chunk: this.index });
  }

  /** Notes a recoverable problem at chunk offset `off` (reported by the chunk decoder). */
  warn(off: number, message: string): void {
    if (this.warnings.length < 64) this.warnings.push({ offset: this.fileOffset + off, message });
  }

  need(off: number, len: number): void {
    if (off < 0 || off + len > this.buf.length)
      this.fail(off, `read of ${len} bytes past the end of the chunk`);
  }

  /** Reads a name structure at `off` (next u32, hash u16, count u16, UTF-16 chars, NUL). */
  nameAt(off: number): string {
    const cached = this.names.get(off);
    if (cached !== undefined) return cached;
    this.need(off, 8);
    const chars = this.buf.readUInt16LE(off + 6);
    this.need(off + 8, chars * 2);
    const name = decodeUtf16(this.buf, off + 8, chars);
    this.names.set(off, name);
    return name;
  }

  /** The template definition at `off`, parsed on first use. */
  templateAt(off: number): TemplateDefinition {
    const cached = this.templates.get(off);
    if (cached) return cached;
    if (off < 512 || off + 24 > this.buf.length)
      this.fail(off, `template offset 0x${off.toString(16)} outside the chunk`, "E_EVTX_TEMPLATE");
    if (this.parsing.has(off)) this.fail(off, "template refers to itself", "E_EVTX_TEMPLATE");
    this.parsing.add(off);
    try {
      const guid = decodeGuid(this.buf, off + 4);
      const size = this.buf.readUInt32LE(off + 20);
      const start = off + 24;
      if (size < 4 || start + size > this.buf.length)
        this.fail(off, `template data size ${size} runs past the chunk`, "E_EVTX_TEMPLATE");
      const parser = new FragmentParser(this, true, 0);
      const nodes = parser.parseContent(start, start + size, true);
      const def: TemplateDefinition = { offset: off, guid, nodes };
      this.templates.set(off, def);
      return def;
    } finally {
      this.parsing.delete(off);
    }
  }
}

/** Parses one token stream. `depId`: element headers carry the 2-byte dependency id (template definitions). */
export class FragmentParser {
  private pos = 0;
  private end = 0;

  constructor(
    private readonly ctx: ChunkContext,
    private depId: boolean,
    private readonly fragmentDepth: number,
  ) {
    if (fragmentDepth > MAX_FRAGMENT_DEPTH)
      ctx.fail(0, `nested BinXML deeper than ${MAX_FRAGMENT_DEPTH} levels`);
  }

  /** Position after the last parse */
  get position(): number {
    return this.pos;
  }

  /**
   * Parses top-level content from `start` up to EOF or `end`. With `detectDepId` the first element
   * header tells whether this stream uses dependency ids (they are absent in some non-template streams).
   */
  parseContent(start: number, end: number, knownDepId = false): BxNode[] {
    this.pos = start;
    this.end = Math.min(end, CHUNK_SIZE, this.ctx.buf.length);
    const out: BxNode[] = [];
    let guard = 0;
    while (this.pos < this.end) {
      if (++guard > 100000) this.ctx.fail(this.pos, "too many top-level tokens");
      const tok = this.ctx.buf[this.pos]!;
      const base = tok & 0x0f;
      if (base === TOKEN.EOF) {
        this.pos++;
        break;
      }
      if (base === TOKEN.FRAGMENT_HEADER) {
        this.pos += 4;
        continue;
      }
      if (base === TOKEN.TEMPLATE_INSTANCE) {
        out.push(this.parseTemplateInstance());
        continue;
      }
      if (base === TOKEN.OPEN_START_ELEMENT) {
        if (!knownDepId) {
          this.depId = this.guessDepId(this.pos);
          knownDepId = true;
        }
        out.push(this.parseElement(0));
        continue;
      }
      const n = this.parseValueToken(tok);
      if (n) out.push(n);
      else this.ctx.fail(this.pos, `unexpected token 0x${tok.toString(16)} at top level`);
    }
    return out;
  }

  /** Decides whether the element header at `p` has a dependency id, from where its name offset points. */
  private guessDepId(p: number): boolean {
    const buf = this.ctx.buf;
    const plausible = (nameFieldAt: number): boolean => {
      if (nameFieldAt + 4 > buf.length) return false;
      const off = buf.readUInt32LE(nameFieldAt);
      // inline name right after the field, or an earlier name in this chunk
      return off === nameFieldAt + 4 || (off >= 512 && off < nameFieldAt && off + 8 <= buf.length);
    };
    if (plausible(p + 7)) return true;
    if (plausible(p + 5)) return false;
    return this.depId;
  }

  private u8(): number {
    if (this.pos + 1 > this.end) this.ctx.fail(this.pos, "token stream ends early");
    return this.ctx.buf[this.pos++]!;
  }

  private u16(): number {
    if (this.pos + 2 > this.end) this.ctx.fail(this.pos, "token stream ends early");
    const v = this.ctx.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  private u32(): number {
    if (this.pos + 4 > this.end) this.ctx.fail(this.pos, "token stream ends early");
    const v = this.ctx.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** Reads a name reference; skips the name when it is stored inline at this point. */
  private name(): string {
    const off = this.u32();
    if (off === this.pos) {
      this.ctx.need(off, 8);
      const chars = this.ctx.buf.readUInt16LE(off + 6);
      const name = this.ctx.nameAt(off);
      this.pos = off + 8 + chars * 2 + 2;
      if (this.pos > this.end) this.ctx.fail(off, "inline name runs past the token stream");
      return name;
    }
    return this.ctx.nameAt(off);
  }

  private utf16Counted(): string {
    const chars = this.u16();
    if (this.pos + chars * 2 > this.end) this.ctx.fail(this.pos, "string runs past the token stream");
    const s = decodeUtf16(this.ctx.buf, this.pos, chars);
    this.pos += chars * 2;
    return s;
  }

  private parseElement(depth: number): BxNode {
    if (depth > MAX_ELEMENT_DEPTH)
      this.ctx.fail(this.pos, `elements nested deeper than ${MAX_ELEMENT_DEPTH}`);
    const tok = this.u8();
    if (this.depId) this.pos += 2;
    this.u32(); // data size
    const name = this.name();
    const attrs: AttributeNode[] = [];
    if (tok & TOKEN_MORE_FLAG) {
      this.u32(); // attribute list size
      for (;;) {
        const t = this.ctx.buf[this.pos];
        if (t === undefined || (t & 0x0f) !== TOKEN.ATTRIBUTE) break;
        this.pos++;
        const attrName = this.name();
        attrs.push({ name: attrName, value: this.parseValueList() });
        if (!(t & TOKEN_MORE_FLAG)) break;
      }
    }
    const close = this.u8() & 0x0f;
    if (close === TOKEN.CLOSE_EMPTY_ELEMENT) return { k: NODE.ELEMENT, name, attrs, children: [] };
    if (close !== TOKEN.CLOSE_START_ELEMENT)
      this.ctx.fail(this.pos - 1, `expected close of element <${name}>, found token 0x${close.toString(16)}`);
    const children: BxNode[] = [];
    for (;;) {
      if (this.pos >= this.end) this.ctx.fail(this.pos, `element <${name}> is not closed`);
      const t = this.ctx.buf[this.pos]!;
      const base = t & 0x0f;
      if (base === TOKEN.END_ELEMENT) {
        this.pos++;
        break;
      }
      if (base === TOKEN.OPEN_START_ELEMENT) {
        children.push(this.parseElement(depth + 1));
        continue;
      }
      if (base === TOKEN.TEMPLATE_INSTANCE) {
        children.push(this.parseTemplateInstance());
        continue;
      }
      if (base === TOKEN.EOF) this.ctx.fail(this.pos, `end of stream inside element <${name}>`);
      const n = this.parseValueToken(t);
      if (!n) this.ctx.fail(this.pos, `unexpected token 0x${t.toString(16)} inside <${name}>`);
      children.push(n);
    }
    return { k: NODE.ELEMENT, name, attrs, children };
  }

  /** Value-like tokens of an attribute value, up to the next non-value token. */
  private parseValueList(): BxNode[] {
    const out: BxNode[] = [];
    for (;;) {
      const t = this.ctx.buf[this.pos];
      if (t === undefined) break;
      const base = t & 0x0f;
      if (
        base !== TOKEN.VALUE &&
        base !== TOKEN.NORMAL_SUBSTITUTION &&
        base !== TOKEN.OPTIONAL_SUBSTITUTION &&
        base !== TOKEN.CHAR_REF &&
        base !== TOKEN.ENTITY_REF
      )
        break;
      const n = this.parseValueToken(t);
      if (n) out.push(n);
    }
    return out;
  }

  /** Parses a value, substitution, reference, CDATA or PI token; undefined if `tok` is none of those. */
  private parseValueToken(tok: number): BxNode | undefined {
    const base = tok & 0x0f;
    switch (base) {
      case TOKEN.VALUE: {
        this.pos++;
        const type = this.u8();
        if (type === VALUE_TYPE.STRING) return { k: NODE.TEXT, value: this.utf16Counted() };
        const size = fixedSize(type);
        if (size === 0)
          this.ctx.fail(this.pos, `value token of unsupported in-stream type 0x${type.toString(16)}`);
        if (this.pos + size > this.end) this.ctx.fail(this.pos, "value runs past the token stream");
        const value = decodeScalar(this.ctx.buf, this.pos, size, type) ?? null;
        this.pos += size;
        return { k: NODE.TEXT, value };
      }
      case TOKEN.NORMAL_SUBSTITUTION:
      case TOKEN.OPTIONAL_SUBSTITUTION: {
        this.pos++;
        const index = this.u16();
        const type = this.u8();
        return { k: NODE.SUBST, index, type, optional: base === TOKEN.OPTIONAL_SUBSTITUTION };
      }
      case TOKEN.CHAR_REF:
        this.pos++;
        return { k: NODE.CHAR_REF, code: this.u16() };
      case TOKEN.ENTITY_REF:
        this.pos++;
        return { k: NODE.ENTITY_REF, name: this.name() };
      case TOKEN.CDATA:
        this.pos++;
        return { k: NODE.CDATA, text: this.utf16Counted() };
      case TOKEN.PI_TARGET: {
        this.pos++;
        const target = this.name();
        let data = "";
        if (this.pos < this.end && (this.ctx.buf[this.pos]! & 0x0f) === TOKEN.PI_DATA) {
          this.pos++;
          data = this.utf16Counted();
        }
        return { k: NODE.PI, target, data };
      }
      default:
        return undefined;
    }
  }

  /** A template instance: definition (inline or by reference) plus the substitution values. */
  private parseTemplateInstance(): BxNode {
    this.pos++; // token
    this.u8(); // unknown
    this.u32(); // template id
    const defOffset = this.u32();
    if (defOffset === this.pos) {
      // inline definition: skip it (next u32, GUID, size u32, data)
      this.ctx.need(this.pos, 24);
      const size = this.ctx.buf.readUInt32LE(this.pos + 20);
      this.pos += 24 + size;
      if (this.pos > this.end)
        this.ctx.fail(defOffset, "inline template definition runs past the token stream", "E_EVTX_TEMPLATE");
    }
    const template = this.ctx.templateAt(defOffset);
    const count = this.u32();
    if (count > 4096 || this.pos + count * 4 > this.end)
      this.ctx.fail(this.pos - 4, `implausible substitution count ${count}`);
    const descStart = this.pos;
    this.pos += count * 4;
    const values: SubstValue[] = new Array(count);
    const buf = this.ctx.buf;
    for (let i = 0; i < count; i++) {
      const size = buf.readUInt16LE(descStart + i * 4);
      const type = buf[descStart + i * 4 + 2]!;
      const off = this.pos;
      if (off + size > this.end)
        this.ctx.fail(off, `substitution ${i} (${size} bytes) runs past the record`, "E_EVTX_VALUE");
      values[i] = this.decodeValue(off, size, type, i);
      this.pos = off + size;
    }
    return { k: NODE.TEMPLATE, template, values };
  }

  private decodeValue(off: number, size: number, type: number, index: number): SubstValue {
    if (type === VALUE_TYPE.BINXML && size > 0) {
      try {
        const nested = new FragmentParser(this.ctx, false, this.fragmentDepth + 1);
        return { nested: nested.parseContent(off, off + size) };
      } catch (e) {
        this.ctx.warn(
          off,
          `substitution ${index}: nested BinXML unreadable (${(e as Error).message}); value left empty`,
        );
        return null;
      }
    }
    const v = decodeSubstitution(this.ctx.buf, off, size, type);
    if (v === undefined) {
      this.ctx.warn(
        off,
        `substitution ${index}: ${size} bytes cannot hold a value of type 0x${type.toString(16)}; value left empty`,
      );
      return null;
    }
    return v;
  }
}
