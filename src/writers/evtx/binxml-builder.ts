/**
 * Encodes the BinXML model into the token stream of an EVTX record, the way Windows writes it.
 * Input: a record root (element or template instance) and the chunk's name/template tables.
 * Output: bytes appended to a `ByteWriter` whose `pos` is the chunk offset being written.
 *
 * Layout facts (libevtx "Binary XML", checked against Windows-written files):
 * - element start: token 0x01 (0x41 with attributes), u16 dependency id, u32 data size (bytes
 *   after this field up to and including the end token), u32 name offset, [inline name],
 *   [u32 attribute list size + attributes]; then 0x03 (empty) or 0x02 content 0x04.
 * - a name is written inline (u32 next, u16 hash, u16 length, UTF-16, u16 NUL) the first time
 *   it occurs in the chunk, its offset pointing just past the offset field; later uses only
 *   reference it.
 * - attribute tokens are 0x46 when another attribute follows, 0x06 for the last one; value,
 *   CDATA and reference tokens carry 0x40 when more character data follows in the same content.
 * - template instance: 0x0C 0x01, u32 template id, u32 definition offset; the definition
 *   (u32 next, GUID, u32 data size, fragment header, element, EOF) follows inline on first use
 *   in the chunk; then u32 value count, (u16 size, u8 type, u8 0) descriptors, the values.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { ByteWriter } from "./byte-writer.js";
import type {
  AttributeValueNode,
  BinXmlFragment,
  ContentNode,
  ElementNode,
  TemplateDefinition,
  TemplateInstanceNode,
} from "./binxml-node.js";
import type { ChunkTables } from "./chunk-tables.js";
import { nameHash } from "./chunk-tables.js";
import { guidToBytes, normalizeGuid } from "./guid.js";
import { encodeValue } from "./value-encoder.js";
import { VALUE_TYPE_CODES, ARRAY_FLAG, valueTypeCode } from "./value-types.js";

/** BinXML token bytes. */
export const TOKEN = {
  eof: 0x00,
  openStartElement: 0x01,
  closeStartElement: 0x02,
  closeEmptyElement: 0x03,
  endElement: 0x04,
  value: 0x05,
  attribute: 0x06,
  cdata: 0x07,
  charRef: 0x08,
  entityRef: 0x09,
  piTarget: 0x0a,
  piData: 0x0b,
  templateInstance: 0x0c,
  normalSubstitution: 0x0d,
  optionalSubstitution: 0x0e,
  fragmentHeader: 0x0f,
  /** "more data follows" / "has attributes" flag */
  more: 0x40,
} as const;

const MAX_U16 = 0xffff;
const NO_DEPENDENCY = 0xffff;

function fail(message: string): never {
  throw new MikiwameError("E_EVTX_WRITE", message);
}

const templateKeys = new WeakMap<ElementNode, string>();

/** A structural key of a template tree: equal keys ⇔ the same definition. */
export function templateKey(root: ElementNode): string {
  let k = templateKeys.get(root);
  if (k === undefined) {
    k = JSON.stringify(root);
    templateKeys.set(root, k);
  }
  return k;
}

/** The template identifier: the first 32 bits (Data1) of the template GUID. */
export function templateIdOf(def: TemplateDefinition): number {
  return guidToBytes(def.guid).readUInt32LE(0);
}

function isCharacterData(n: ContentNode | AttributeValueNode | undefined): boolean {
  return (
    n !== undefined &&
    (n.kind === "text" || n.kind === "cdata" || n.kind === "charRef" || n.kind === "entityRef")
  );
}

function defaultDependencyId(e: ElementNode): number {
  for (const c of e.children ?? []) {
    if (c.kind === "substitution" && c.optional === true) return c.index;
  }
  return NO_DEPENDENCY;
}

/** Writes BinXML for one record into `w`, sharing `tables` with the rest of the chunk. */
export class BinXmlBuilder {
  constructor(
    private readonly w: ByteWriter,
    private readonly tables: ChunkTables,
  ) {}

  /** A record's BinXML: fragment header, the root, end-of-stream token. */
  document(root: BinXmlFragment): void {
    this.fragment(root, true);
  }

  /** A fragment; with `header` it is preceded by `0f 01 01 00` and followed by EOF. */
  fragment(root: BinXmlFragment, header: boolean): void {
    if (header) this.fragmentHeader();
    if (root.kind === "template") this.templateInstance(root);
    else this.element(root);
    if (header) this.w.u8(TOKEN.eof);
  }

  private fragmentHeader(): void {
    this.w.u8(TOKEN.fragmentHeader);
    this.w.u8(1);
    this.w.u8(1);
    this.w.u8(0);
  }

  /** u32 name offset, followed by the name itself when it is new in this chunk. */
  private name(name: string): void {
    if (name.length === 0 || name.length > MAX_U16)
      fail(`name "${name.slice(0, 40)}" must have 1..65535 characters`);
    const known = this.tables.nameOffset(name);
    if (known !== undefined) {
      this.w.u32(known);
      return;
    }
    const at = this.w.pos + 4;
    this.w.u32(at);
    const next = this.tables.addName(name, at);
    this.w.u32(next);
    this.w.u16(nameHash(name));
    this.w.u16(name.length);
    this.w.utf16(name);
    this.w.u16(0);
  }

  private counted(s: string, what: string): void {
    if (s.length > MAX_U16) fail(`${what} of ${s.length} characters is longer than 65535`);
    this.w.u16(s.length);
    this.w.utf16(s);
  }

  private element(e: ElementNode): void {
    const attrs = e.attributes ?? [];
    const children = e.children ?? [];
    const dep = e.dependencyId ?? defaultDependencyId(e);
    if (!Number.isInteger(dep) || dep < 0 || dep > MAX_U16)
      fail(`element <${e.name}> dependency id ${dep} is not 0..65535`);
    this.w.u8(attrs.length > 0 ? TOKEN.openStartElement | TOKEN.more : TOKEN.openStartElement);
    this.w.u16(dep);
    const sizeAt = this.w.reserve(4);
    const sizeStart = this.w.length;
    this.name(e.name);
    if (attrs.length > 0) {
      const listAt = this.w.reserve(4);
      const listStart = this.w.length;
      attrs.forEach((a, i) => {
        this.w.u8(i < attrs.length - 1 ? TOKEN.attribute | TOKEN.more : TOKEN.attribute);
        this.name(a.name);
        this.content(a.value);
      });
      this.w.patchU32(listAt, this.w.length - listStart);
    }
    if (children.length === 0) {
      this.w.u8(TOKEN.closeEmptyElement);
    } else {
      this.w.u8(TOKEN.closeStartElement);
      this.content(children);
      this.w.u8(TOKEN.endElement);
    }
    this.w.patchU32(sizeAt, this.w.length - sizeStart);
  }

  private content(nodes: readonly (ContentNode | AttributeValueNode)[]): void {
    nodes.forEach((n, i) => {
      const more = isCharacterData(nodes[i + 1]) ? TOKEN.more : 0;
      switch (n.kind) {
        case "element":
          this.element(n);
          return;
        case "text":
          this.w.u8(TOKEN.value | more);
          this.w.u8(VALUE_TYPE_CODES.String);
          this.counted(n.value, "text");
          return;
        case "cdata":
          this.w.u8(TOKEN.cdata | more);
          this.counted(n.value, "CDATA section");
          return;
        case "charRef":
          if (!Number.isInteger(n.code) || n.code < 0 || n.code > MAX_U16)
            fail(`character reference ${n.code} is not 0..65535`);
          this.w.u8(TOKEN.charRef | more);
          this.w.u16(n.code);
          return;
        case "entityRef":
          this.w.u8(TOKEN.entityRef | more);
          this.name(n.name);
          return;
        case "pi":
          this.w.u8(TOKEN.piTarget);
          this.name(n.target);
          this.w.u8(TOKEN.piData);
          this.counted(n.data, "processing instruction data");
          return;
        case "substitution": {
          if (!Number.isInteger(n.index) || n.index < 0 || n.index > MAX_U16)
            fail(`substitution index ${n.index} is not 0..65535`);
          this.w.u8(n.optional === true ? TOKEN.optionalSubstitution : TOKEN.normalSubstitution);
          this.w.u16(n.index);
          this.w.u8(VALUE_TYPE_CODES[n.valueType] | (n.array === true ? ARRAY_FLAG : 0));
          return;
        }
      }
    });
  }

  private templateInstance(t: TemplateInstanceNode): void {
    const def = t.template;
    const guid = normalizeGuid(def.guid);
    const id = templateIdOf(def);
    const key = templateKey(def.root);
    this.w.u8(TOKEN.templateInstance);
    this.w.u8(1);
    this.w.u32(id);
    const known = this.tables.template(guid);
    if (known !== undefined) {
      if (known.key !== key) fail(`template ${guid} is used for two different element trees`);
      this.w.u32(known.offset);
    } else {
      const at = this.w.pos + 4;
      this.w.u32(at);
      this.w.u32(this.tables.addTemplate(guid, id, key, at));
      this.w.raw(guidToBytes(guid));
      const sizeAt = this.w.reserve(4);
      const start = this.w.length;
      this.fragment(def.root, true);
      this.w.patchU32(sizeAt, this.w.length - start);
    }
    this.values(t);
  }

  private values(t: TemplateInstanceNode): void {
    const n = t.values.length;
    this.w.u32(n);
    const descAt = this.w.reserve(4 * n);
    t.values.forEach((v, i) => {
      const start = this.w.length;
      encodeValue(this.w, v, (f, header) => this.fragment(f, header));
      const size = this.w.length - start;
      if (size > MAX_U16) fail(`substitution value ${i} (${v.type}) is ${size} bytes; the limit is 65535`);
      this.w.patchU16(descAt + 4 * i, size);
      this.w.patchU8(descAt + 4 * i + 2, valueTypeCode(v));
    });
  }
}
