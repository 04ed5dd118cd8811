/**
 * The parsed form of a BinXML fragment: a small tree that template definitions are parsed into once
 * per chunk and that each record instantiates with its substitution values. Kinds are numbers for
 * fast switching on the hot path.
 */
import type { FieldValue } from "../../events/field-value.js";

export const NODE = {
  ELEMENT: 0,
  TEXT: 1,
  SUBST: 2,
  CHAR_REF: 3,
  ENTITY_REF: 4,
  CDATA: 5,
  PI: 6,
  TEMPLATE: 7,
} as const;

export interface ElementNode {
  readonly k: typeof NODE.ELEMENT;
  readonly name: string;
  readonly attrs: readonly AttributeNode[];
  readonly children: readonly BxNode[];
}

export interface AttributeNode {
  readonly name: string;
  /** Text, substitution, character and entity reference nodes */
  readonly value: readonly BxNode[];
}

export interface TextNode {
  readonly k: typeof NODE.TEXT;
  readonly value: FieldValue;
}

export interface SubstNode {
  readonly k: typeof NODE.SUBST;
  readonly index: number;
  readonly type: number;
  readonly optional: boolean;
}

export interface CharRefNode {
  readonly k: typeof NODE.CHAR_REF;
  readonly code: number;
}

export interface EntityRefNode {
  readonly k: typeof NODE.ENTITY_REF;
  readonly name: string;
}

export interface CDataNode {
  readonly k: typeof NODE.CDATA;
  readonly text: string;
}

export interface PiNode {
  readonly k: typeof NODE.PI;
  readonly target: string;
  readonly data: string;
}

/** A template instance inside a record or a nested fragment: the definition plus this instance's values. */
export interface TemplateNode {
  readonly k: typeof NODE.TEMPLATE;
  readonly template: TemplateDefinition;
  readonly values: readonly SubstValue[];
}

export type BxNode =
  | ElementNode
  | TextNode
  | SubstNode
  | CharRefNode
  | EntityRefNode
  | CDataNode
  | PiNode
  | TemplateNode;

/** A nested BinXML fragment given as a substitution value (type 0x21). */
export interface NestedFragment {
  readonly nested: readonly BxNode[];
}

/** A decoded substitution value: a field value or a nested fragment. */
export type SubstValue = FieldValue | NestedFragment;

export function isNested(v: SubstValue | undefined): v is NestedFragment {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "nested" in v;
}

export interface TemplateDefinition {
  /** Offset of the definition in its chunk */
  readonly offset: number;
  readonly guid: string;
  readonly nodes: readonly BxNode[];
}
