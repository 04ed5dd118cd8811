/**
 * Renders a parsed record as XML (for `dump --format xml`), the way Event Viewer exports it:
 * optional substitutions holding NULL drop their attribute; arrays are comma-joined; two-space indent.
 */
import type { FieldValue } from "../../events/field-value.js";
import { type BxNode, type ElementNode, isNested, NODE, type SubstValue } from "./binxml-nodes.js";
import { enterNested, leaveNested, spendExpansion } from "./expansion-budget.js";
import { escapeXml } from "./xml-escape.js";

type Values = readonly SubstValue[];

function valueText(v: FieldValue): string {
  if (v === null) return "";
  if (Array.isArray(v)) return v.map(valueText).join(",");
  return String(v);
}

/** True when a node list renders to nothing because it is a single optional NULL substitution. */
function isDroppedOptional(nodes: readonly BxNode[], values: Values): boolean {
  if (nodes.length !== 1) return false;
  const n = nodes[0]!;
  if (n.k !== NODE.SUBST || !n.optional) return false;
  const v = values[n.index];
  return v === null || v === undefined;
}

function inlineText(nodes: readonly BxNode[], values: Values): string {
  spendExpansion(nodes.length);
  let s = "";
  for (const n of nodes) {
    if (n.k === NODE.TEXT) s += escapeXml(valueText(n.value));
    else if (n.k === NODE.SUBST) {
      const v = values[n.index];
      if (v !== undefined && !isNested(v)) s += escapeXml(valueText(v));
    } else if (n.k === NODE.CHAR_REF) s += `&#${n.code};`;
    else if (n.k === NODE.ENTITY_REF) s += `&${n.name};`;
  }
  return s;
}

class XmlWriter {
  out = "";

  nodes(nodes: readonly BxNode[], values: Values, indent: string): void {
    spendExpansion(nodes.length);
    for (const n of nodes) this.node(n, values, indent);
  }

  private node(n: BxNode, values: Values, indent: string): void {
    switch (n.k) {
      case NODE.ELEMENT:
        this.element(n, values, indent);
        return;
      case NODE.TEMPLATE:
        this.nodes(n.template.nodes, n.values, indent);
        return;
      case NODE.SUBST: {
        const v = values[n.index];
        if (isNested(v)) {
          enterNested(v);
          this.nodes(v.nested, values, indent);
          leaveNested(v);
        } else if (v !== undefined && v !== null) this.out += `${indent}${escapeXml(valueText(v))}\n`;
        return;
      }
      case NODE.TEXT:
        this.out += `${indent}${escapeXml(valueText(n.value))}\n`;
        return;
      case NODE.CDATA:
        this.out += `${indent}<![CDATA[${n.text}]]>\n`;
        return;
      case NODE.PI:
        this.out += `${indent}<?${n.target}${n.data ? ` ${n.data}` : ""}?>\n`;
        return;
      case NODE.CHAR_REF:
        this.out += `${indent}&#${n.code};\n`;
        return;
      case NODE.ENTITY_REF:
        this.out += `${indent}&${n.name};\n`;
        return;
    }
  }

  private element(el: ElementNode, values: Values, indent: string): void {
    let open = `${indent}<${el.name}`;
    for (const a of el.attrs) {
      if (isDroppedOptional(a.value, values)) continue;
      open += ` ${a.name}="${inlineText(a.value, values)}"`;
    }
    const kids = el.children;
    if (kids.length === 0 || isDroppedOptional(kids, values)) {
      this.out += `${open}/>\n`;
      return;
    }
    const simple = kids.every(
      (k) =>
        k.k === NODE.TEXT ||
        k.k === NODE.CHAR_REF ||
        k.k === NODE.ENTITY_REF ||
        (k.k === NODE.SUBST && !isNested(values[k.index])),
    );
    if (simple) {
      this.out += `${open}>${inlineText(kids, values)}</${el.name}>\n`;
      return;
    }
    this.out += `${open}>\n`;
    this.nodes(kids, values, `${indent}  `);
    this.out += `${indent}</${el.name}>\n`;
  }
}

/** Renders a record's top-level nodes as an XML document fragment. */
export function renderXml(nodes: readonly BxNode[]): string {
  const w = new XmlWriter();
  w.nodes(nodes, [], "");
  return w.out;
}
