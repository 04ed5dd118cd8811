/**
 * Compiled extraction plans: for a template whose `<Event>` holds `<System>` and `<EventData>` with
 * literal, unique `Data Name`s, the walk through the tree is done once per template; each record then
 * only reads its substitution values into the slots. Children that are not of that simple shape
 * (UserData, nested fragments) are kept as generic steps.
 * Plans are cached on the template definition object (one per chunk template).
 */
import type { FieldValue } from "../../events/field-value.js";
import { type BxNode, type ElementNode, isNested, NODE, type TemplateDefinition } from "./binxml-nodes.js";
import {
  addField,
  contentValue,
  eachElement,
  type Extracted,
  newExtracted,
  readEventChild,
  type Values,
} from "./field-extractor.js";
import { enterNested, leaveNested } from "./expansion-budget.js";
import { assignSlot, SLOTS_BY_ELEMENT, type SystemSlot } from "./system-fields.js";

interface ValueSource {
  /** Substitution index when the content is exactly one substitution, else -1 */
  readonly idx: number;
  readonly nodes: readonly BxNode[];
}

export interface TemplatePlan {
  /** Name of the template's root element: `Event`, or `EventData` for nested EventData templates */
  readonly root: string;
  readonly system: readonly { slot: SystemSlot; src: ValueSource }[];
  readonly dataNames: readonly string[];
  readonly dataSources: readonly ValueSource[];
  /** Event children handled by the generic walker at run time */
  readonly generic: readonly ElementNode[];
  /** Substitution indices at Event level (nested BinXML, usually holding EventData) */
  readonly nested: readonly number[];
  readonly hasEventData: boolean;
  /** An object with every data name set to null: records clone it, so all share one hidden class */
  readonly proto: Record<string, FieldValue>;
  /** Routing for direct decoding (direct-decoder.ts), or null when this template needs the tree */
  readonly direct: DirectPlan | null;
}

/** Target of a substitution index in direct decoding: kind in the high 16 bits, slot/data index low. */
export const TARGET_NONE = -1;
export const TARGET_SYSTEM = 1;
export const TARGET_DATA = 2;
export const TARGET_NESTED = 3;

export interface DirectPlan {
  /** Per substitution index: (kind << 16) | index, or TARGET_NONE */
  readonly targets: Int32Array;
  /** System slots addressed by TARGET_SYSTEM indices */
  readonly slots: readonly SystemSlot[];
  /** System slots with a constant (literal) value */
  readonly constSystem: readonly { slot: SystemSlot; value: FieldValue }[];
  /** Data entries (index into dataNames) with a constant value */
  readonly constData: readonly { index: number; value: FieldValue }[];
}

const plans = new WeakMap<TemplateDefinition, TemplatePlan | null>();

function source(nodes: readonly BxNode[]): ValueSource | undefined {
  for (const n of nodes) if (n.k === NODE.ELEMENT || n.k === NODE.TEMPLATE) return undefined;
  const first = nodes[0];
  return { idx: nodes.length === 1 && first?.k === NODE.SUBST ? first.index : -1, nodes };
}

/** Literal string of an attribute value, if it is plain text. */
function literal(nodes: readonly BxNode[]): string | undefined {
  if (nodes.length === 1 && nodes[0]!.k === NODE.TEXT && typeof nodes[0]!.value === "string")
    return nodes[0]!.value;
  return undefined;
}

/** Compiles `<Data Name="literal">` children into names and sources; false when not of that shape. */
function compileEventData(ed: ElementNode, dataNames: string[], dataSources: ValueSource[]): boolean {
  for (const el of ed.children) {
    if (el.k !== NODE.ELEMENT || el.name !== "Data" || el.attrs.length !== 1 || el.attrs[0]!.name !== "Name")
      return false;
    const name = literal(el.attrs[0]!.value);
    const src = source(el.children);
    if (name === undefined || name === "" || name === "__proto__" || !src || dataNames.includes(name))
      return false;
    dataNames.push(name);
    dataSources.push(src);
  }
  return true;
}

function protoOf(names: readonly string[]): Record<string, FieldValue> {
  const o: Record<string, FieldValue> = {};
  for (const n of names) o[n] = null;
  return o;
}

function compile(def: TemplateDefinition): TemplatePlan | null {
  const roots = def.nodes.filter((n): n is ElementNode => n.k === NODE.ELEMENT);
  if (roots.length !== 1 || def.nodes.some((n) => n.k === NODE.TEMPLATE || n.k === NODE.SUBST)) return null;
  const root = roots[0]!;
  const system: { slot: SystemSlot; src: ValueSource }[] = [];
  const dataNames: string[] = [];
  const dataSources: ValueSource[] = [];
  const generic: ElementNode[] = [];
  const nested: number[] = [];
  if (root.name === "EventData") {
    if (!compileEventData(root, dataNames, dataSources)) return null;
    const base = {
      root: root.name,
      system,
      dataNames,
      dataSources,
      generic,
      nested,
      hasEventData: true,
      proto: protoOf(dataNames),
    };
    return { ...base, direct: compileDirect(base) };
  }
  if (root.name !== "Event") return null;
  let hasEventData = false;
  for (const child of root.children) {
    if (child.k !== NODE.ELEMENT) {
      if (child.k === NODE.SUBST) nested.push(child.index);
      else if (child.k === NODE.TEMPLATE) return null;
      continue;
    }
    if (child.name === "System") {
      for (const el of child.children) {
        if (el.k !== NODE.ELEMENT) return null;
        const slots = SLOTS_BY_ELEMENT.get(el.name);
        if (!slots) continue;
        for (const slot of slots) {
          let nodes: readonly BxNode[] | undefined;
          if (slot.attr) nodes = el.attrs.find((a) => a.name === slot.attr)?.value;
          else nodes = el.children;
          if (!nodes) continue;
          const src = source(nodes);
          if (!src) return null;
          system.push({ slot, src });
        }
      }
    } else if (child.name === "EventData") {
      hasEventData = true;
      if (!compileEventData(child, dataNames, dataSources)) return null;
    } else {
      generic.push(child);
    }
  }
  const base = {
    root: root.name,
    system,
    dataNames,
    dataSources,
    generic,
    nested,
    hasEventData,
    proto: protoOf(dataNames),
  };
  return { ...base, direct: compileDirect(base) };
}

/** True when the nodes hold no substitution (their value is the same for every record). */
function isConstant(nodes: readonly BxNode[]): boolean {
  return nodes.every(
    (n) => n.k === NODE.TEXT || n.k === NODE.CHAR_REF || n.k === NODE.ENTITY_REF || n.k === NODE.CDATA,
  );
}

/** Routes every substitution index to its one target; null when some value needs the tree walk. */
function compileDirect(p: Omit<TemplatePlan, "direct">): DirectPlan | null {
  if (p.generic.length > 0) return null;
  const routes = new Map<number, number>();
  const slots: SystemSlot[] = [];
  const constSystem: { slot: SystemSlot; value: FieldValue }[] = [];
  const constData: { index: number; value: FieldValue }[] = [];
  const route = (idx: number, target: number): boolean => {
    if (routes.has(idx)) return false; // one substitution feeding two places: use the tree
    routes.set(idx, target);
    return true;
  };
  for (const { slot, src } of p.system) {
    if (src.idx >= 0) {
      slots.push(slot);
      if (!route(src.idx, (TARGET_SYSTEM << 16) | (slots.length - 1))) return null;
    } else if (isConstant(src.nodes)) constSystem.push({ slot, value: contentValue(src.nodes, []) });
    else return null;
  }
  for (let j = 0; j < p.dataSources.length; j++) {
    const src = p.dataSources[j]!;
    if (src.idx >= 0) {
      if (!route(src.idx, (TARGET_DATA << 16) | j)) return null;
    } else if (isConstant(src.nodes)) constData.push({ index: j, value: contentValue(src.nodes, []) });
    else return null;
  }
  for (const idx of p.nested) if (!route(idx, TARGET_NESTED << 16)) return null;
  const max = Math.max(-1, ...routes.keys());
  const targets = new Int32Array(max + 1).fill(TARGET_NONE);
  for (const [idx, t] of routes) targets[idx] = t;
  return { targets, slots, constSystem, constData };
}

/** The plan for a template, compiled on first use; null when the template needs the generic walk. */
export function planFor(def: TemplateDefinition): TemplatePlan | null {
  let p = plans.get(def);
  if (p === undefined) {
    p = compile(def);
    plans.set(def, p);
  }
  return p;
}

function read(src: ValueSource, values: Values): FieldValue {
  if (src.idx >= 0) {
    const v = values[src.idx];
    if (v === undefined) return null;
    if (!isNested(v)) return v;
  }
  return contentValue(src.nodes, values);
}

function runData(plan: TemplatePlan, values: Values, out: Extracted): void {
  out.section = "EventData";
  const names = plan.dataNames;
  const srcs = plan.dataSources;
  if (out.dataStarted) {
    for (let i = 0; i < names.length; i++) addField(out.data, names[i]!, read(srcs[i]!, values));
    return;
  }
  const data: Record<string, FieldValue> = { ...plan.proto };
  for (let i = 0; i < names.length; i++) data[names[i]!] = read(srcs[i]!, values);
  out.data = data;
  out.dataStarted = true;
}

/** A nested fragment at Event level: planned when it is one EventData template instance. */
function runNested(nodes: readonly BxNode[], values: Values, out: Extracted): void {
  if (nodes.length === 1 && nodes[0]!.k === NODE.TEMPLATE) {
    const t = nodes[0]!;
    const plan = planFor(t.template);
    if (plan && plan.root === "EventData") {
      runData(plan, t.values, out);
      return;
    }
  }
  eachElement(nodes, values, (el, vals) => readEventChild(el, vals, out));
}

export function runPlan(plan: TemplatePlan, values: Values, recordId: number | bigint): Extracted {
  const out = newExtracted(recordId);
  if (plan.root === "EventData") {
    runData(plan, values, out);
    return out;
  }
  const sys = plan.system;
  for (let i = 0; i < sys.length; i++) assignSlot(out.system, sys[i]!.slot, read(sys[i]!.src, values));
  if (plan.hasEventData) runData(plan, values, out);
  for (const el of plan.generic) readEventChild(el, values, out);
  for (const idx of plan.nested) {
    const v = values[idx];
    if (isNested(v)) {
      enterNested(v);
      runNested(v.nested, values, out);
      leaveNested(v);
    }
  }
  return out;
}
