/**
 * Turns a parsed record (BxNode tree + substitution values) into the System fields and the
 * EventData/UserData field map — straight from BinXML, without rendering XML.
 * The common shape (one template instance whose `<Event>` has `<System>` and `<EventData>` with
 * literal `Data Name`s) runs a plan compiled once per template (template-plan.ts); everything else
 * takes the generic walk below, which expands template instances and nested fragments wherever they occur.
 */
import type { FieldValue, Fields } from "../../events/field-value.js";
import type { EvtxSystem } from "../record.js";
import {
  type BxNode,
  type ElementNode,
  isNested,
  NODE,
  type NestedFragment,
  type SubstValue,
} from "./binxml-nodes.js";
import { enterNested, leaveNested, spendExpansion } from "./expansion-budget.js";
import { assignSlot, SLOTS_BY_ELEMENT } from "./system-fields.js";
import { planFor, runPlan } from "./template-plan.js";
import { entityText } from "./xml-escape.js";

export type Section = "EventData" | "UserData" | "none";

export interface Extracted {
  system: EvtxSystem;
  data: Fields;
  section: Section;
  /** Whether any data field was added yet (plans replace `data` wholesale when not) */
  dataStarted?: boolean;
}

export type Values = readonly SubstValue[];

/** Calls `fn` for each element reachable in `nodes`, expanding template instances and nested fragments. */
export function eachElement(
  nodes: readonly BxNode[],
  values: Values,
  fn: (el: ElementNode, values: Values) => void,
): void {
  spendExpansion(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.k === NODE.ELEMENT) fn(n, values);
    else if (n.k === NODE.TEMPLATE) eachElement(n.template.nodes, n.values, fn);
    else if (n.k === NODE.SUBST) {
      const v = values[n.index];
      if (isNested(v)) {
        enterNested(v);
        eachElement(v.nested, values, fn);
        leaveNested(v);
      }
    }
  }
}

/** The content of an attribute or element: a typed value when it is one substitution, else text. */
export function contentValue(nodes: readonly BxNode[], values: Values): FieldValue {
  spendExpansion(nodes.length + 1);
  if (nodes.length === 1) {
    const n = nodes[0]!;
    if (n.k === NODE.SUBST) {
      const v = values[n.index];
      if (v === undefined) return null;
      return isNested(v) ? nestedText(v, values) : v;
    }
    if (n.k === NODE.TEXT) return n.value;
  }
  if (nodes.length === 0) return null;
  let s = "";
  let any = false;
  for (const n of nodes) {
    switch (n.k) {
      case NODE.TEXT:
        if (n.value !== null) s += String(n.value);
        any = true;
        break;
      case NODE.SUBST: {
        const v = values[n.index];
        if (v !== undefined && v !== null) s += isNested(v) ? String(nestedText(v, values)) : String(v);
        any = true;
        break;
      }
      case NODE.CHAR_REF:
        s += String.fromCharCode(n.code);
        any = true;
        break;
      case NODE.ENTITY_REF:
        s += entityText(n.name);
        any = true;
        break;
      case NODE.CDATA:
        s += n.text;
        any = true;
        break;
      default:
        break;
    }
  }
  return any ? s : null;
}

/** Text of a nested fragment used as an element's value (rare): its leaf texts joined. */
function nestedText(fragment: NestedFragment, values: Values): FieldValue {
  const parts: string[] = [];
  enterNested(fragment);
  eachElement(fragment.nested, values, (el, vals) => {
    const v = contentValue(el.children, vals);
    if (v !== null) parts.push(String(v));
  });
  leaveNested(fragment);
  return parts.join(" ");
}

function attr(el: ElementNode, name: string, values: Values): FieldValue | undefined {
  for (const a of el.attrs) if (a.name === name) return contentValue(a.value, values);
  return undefined;
}

function readSystem(sys: ElementNode, values: Values, s: EvtxSystem): void {
  eachElement(sys.children, values, (el, vals) => {
    const slots = SLOTS_BY_ELEMENT.get(el.name);
    if (!slots) return;
    for (const slot of slots)
      assignSlot(s, slot, slot.attr ? attr(el, slot.attr, vals) : contentValue(el.children, vals));
  });
}

/** Arrays addField made for repeated names: grown in place (linear, however often a name repeats). */
const repeated = new WeakSet<FieldValue[]>();

/** Adds a field; a repeated name turns the value into an array. */
export function addField(data: Fields, name: string, v: FieldValue): void {
  if (!Object.hasOwn(data, name)) {
    // "__proto__" from a hostile log must become a plain field, not the object's prototype
    if (name === "__proto__")
      Object.defineProperty(data, name, { value: v, enumerable: true, writable: true, configurable: true });
    else data[name] = v;
    return;
  }
  const prev = data[name]!;
  if (Array.isArray(prev) && repeated.has(prev)) {
    prev.push(v);
    return;
  }
  const next = Array.isArray(prev) ? [...prev, v] : [prev, v];
  repeated.add(next);
  data[name] = next;
}

function readEventData(ed: ElementNode, values: Values, data: Fields): void {
  let unnamed: FieldValue[] | undefined;
  eachElement(ed.children, values, (el, vals) => {
    if (el.name === "Data") {
      const name = el.attrs.length > 0 ? attr(el, "Name", vals) : undefined;
      const v = contentValue(el.children, vals);
      if (name !== undefined && name !== null && name !== "") addField(data, String(name), v);
      else {
        unnamed ??= [];
        unnamed.push(v);
      }
    } else {
      addField(data, el.name, contentValue(el.children, vals));
    }
  });
  if (unnamed) data["Data"] = unnamed.length === 1 ? unnamed[0]! : unnamed;
}

/** UserData and other sections: leaf elements by name, attributes as `Element_Attr`. */
function readTree(el: ElementNode, values: Values, data: Fields): void {
  let hasChildElements = false;
  for (const a of el.attrs) {
    if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    addField(data, `${el.name}_${a.name}`, contentValue(a.value, values));
  }
  eachElement(el.children, values, (child, vals) => {
    hasChildElements = true;
    readTree(child, vals, data);
  });
  if (!hasChildElements && el.children.length > 0) addField(data, el.name, contentValue(el.children, values));
}

/** Handles one child element of `<Event>` (System, EventData, UserData, …); returns the section it set. */
export function readEventChild(el: ElementNode, vals: Values, out: Extracted): void {
  if (el.name !== "System" && el.name !== "RenderingInfo") out.dataStarted = true;
  switch (el.name) {
    case "System":
      readSystem(el, vals, out.system);
      break;
    case "EventData":
      out.section = "EventData";
      readEventData(el, vals, out.data);
      break;
    case "UserData":
      out.section = "UserData";
      eachElement(el.children, vals, (child, v2) => readTree(child, v2, out.data));
      break;
    case "RenderingInfo":
      break;
    default:
      if (out.section === "none") out.section = "UserData";
      readTree(el, vals, out.data);
  }
}

export function newExtracted(recordId: number | bigint): Extracted {
  return {
    system: { providerName: "", eventId: 0, recordId, channel: "", computer: "" },
    data: {},
    section: "none",
  };
}

/** Generic extraction over any node tree. */
export function extractGeneric(nodes: readonly BxNode[], recordId: number | bigint): Extracted {
  const out = newExtracted(recordId);
  eachElement(nodes, [], (root, rootValues) => {
    eachElement(root.children, rootValues, (el, vals) => readEventChild(el, vals, out));
  });
  return out;
}

/** Extracts System and data fields from a record's top-level nodes. */
export function extractFields(nodes: readonly BxNode[], recordId: number | bigint): Extracted {
  if (nodes.length === 1 && nodes[0]!.k === NODE.TEMPLATE) {
    const t = nodes[0]!;
    const plan = planFor(t.template);
    if (plan) return runPlan(plan, t.values, recordId);
  }
  return extractGeneric(nodes, recordId);
}
