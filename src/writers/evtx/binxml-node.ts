/**
 * The typed model of what the EVTX writer writes: BinXML nodes (MS-EVEN6 §3.1.4.7, libevtx
 * "Binary XML") — elements with attributes and content, text, CDATA, character and entity
 * references, processing instructions, normal and optional substitutions — and template
 * instances (a template definition plus its substitution values). Input for `binxml-builder.ts`.
 * Also small constructors so trees read like the XML they stand for.
 */
import type { EvtxValue, ValueType } from "./value-types.js";

/** Every node kind of the model. */
export const BINXML_NODE_KINDS = [
  "element",
  "text",
  "cdata",
  "charRef",
  "entityRef",
  "pi",
  "substitution",
  "template",
] as const;
export type BinXmlNodeKind = (typeof BINXML_NODE_KINDS)[number];

/** `<name attr="…">children</name>`; no children → an empty element `<name/>`. */
export interface ElementNode {
  readonly kind: "element";
  readonly name: string;
  readonly attributes?: readonly BinXmlAttribute[];
  readonly children?: readonly ContentNode[];
  /**
   * The dependency identifier written in the element start (0xFFFF = none). Default: like
   * Windows, the index of the first optional substitution among the element's direct children.
   */
  readonly dependencyId?: number;
}

/** One attribute; its value is a sequence of text, substitutions and references. */
export interface BinXmlAttribute {
  readonly name: string;
  readonly value: readonly AttributeValueNode[];
}

/** A value text token (0x05): a UTF-16 string. */
export interface TextNode {
  readonly kind: "text";
  readonly value: string;
}

/** A CDATA section (0x07). */
export interface CDataNode {
  readonly kind: "cdata";
  readonly value: string;
}

/** A character reference (0x08): `&#code;`. */
export interface CharRefNode {
  readonly kind: "charRef";
  /** UTF-16 code unit, 0–0xFFFF */
  readonly code: number;
}

/** An entity reference (0x09): `&name;` (lt, gt, amp, quot, apos). */
export interface EntityRefNode {
  readonly kind: "entityRef";
  readonly name: string;
}

/** A processing instruction (0x0A target + 0x0B data): `<?target data?>`. */
export interface PiNode {
  readonly kind: "pi";
  readonly target: string;
  readonly data: string;
}

/**
 * A substitution (0x0D normal, 0x0E optional): the place where value `index` of the template
 * instance goes. `valueType`/`array` are the declared type written in the token.
 */
export interface SubstitutionNode {
  readonly kind: "substitution";
  readonly index: number;
  readonly valueType: ValueType;
  readonly array?: boolean;
  readonly optional?: boolean;
}

/**
 * A template definition: an element tree with substitutions, identified by a GUID. The first
 * four bytes of the GUID are the template identifier. Within one writer, one GUID must always
 * stand for the same tree.
 */
export interface TemplateDefinition {
  readonly guid: string;
  readonly root: ElementNode;
}

/** A template instance (0x0C): a definition plus the values of its substitutions. */
export interface TemplateInstanceNode {
  readonly kind: "template";
  readonly template: TemplateDefinition;
  readonly values: readonly EvtxValue[];
}

/** What an attribute value is made of. */
export type AttributeValueNode = TextNode | SubstitutionNode | CharRefNode | EntityRefNode;

/** What an element can contain. */
export type ContentNode =
  | ElementNode
  | TextNode
  | CDataNode
  | CharRefNode
  | EntityRefNode
  | PiNode
  | SubstitutionNode;

/** The root of a record or of a BinXml (0x21) value. */
export type BinXmlFragment = ElementNode | TemplateInstanceNode;

/** Attributes given as `{ Name: "x" }` (text) or `{ Name: [sub(3, "String")] }` (any value nodes). */
export type AttributeInput = Readonly<
  Record<string, string | AttributeValueNode | readonly AttributeValueNode[]>
>;

/** Content given as nodes, or a string for a single text node. */
export type ContentInput = readonly (ContentNode | string)[] | string;

/** Builds an element; attribute and content strings become text nodes. */
export function element(
  name: string,
  attributes: AttributeInput = {},
  children: ContentInput = [],
): ElementNode {
  const attrs: BinXmlAttribute[] = Object.entries(attributes).map(([attrName, v]) => ({
    name: attrName,
    value: typeof v === "string" ? [text(v)] : isNodeList(v) ? v : [v],
  }));
  const content: ContentNode[] =
    typeof children === "string"
      ? [text(children)]
      : children.map((c) => (typeof c === "string" ? text(c) : c));
  return { kind: "element", name, attributes: attrs, children: content };
}

function isNodeList(
  v: AttributeValueNode | readonly AttributeValueNode[],
): v is readonly AttributeValueNode[] {
  return Array.isArray(v);
}

/** A text node. */
export function text(value: string): TextNode {
  return { kind: "text", value };
}

/** A CDATA section. */
export function cdata(value: string): CDataNode {
  return { kind: "cdata", value };
}

/** A character reference `&#code;`. */
export function charRef(code: number): CharRefNode {
  return { kind: "charRef", code };
}

/** An entity reference `&name;`. */
export function entityRef(name: string): EntityRefNode {
  return { kind: "entityRef", name };
}

/** A processing instruction `<?target data?>`. */
export function pi(target: string, data: string): PiNode {
  return { kind: "pi", target, data };
}

/** A normal substitution of value `index`, declared as `valueType` (an array when `array`). */
export function sub(index: number, valueType: ValueType, array = false): SubstitutionNode {
  return { kind: "substitution", index, valueType, array, optional: false };
}

/** An optional substitution: a Null value makes readers leave the attribute/content out. */
export function optionalSub(index: number, valueType: ValueType, array = false): SubstitutionNode {
  return { kind: "substitution", index, valueType, array, optional: true };
}

/** A template instance. */
export function templateInstance(
  template: TemplateDefinition,
  values: readonly EvtxValue[],
): TemplateInstanceNode {
  return { kind: "template", template, values };
}
