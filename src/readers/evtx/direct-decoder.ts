/**
 * The fast path: decodes a record whose body is one template instance straight into its fields,
 * routing each substitution value by the template's compiled plan — no node tree, no values array.
 * Returns undefined when the record or its template is not of that shape; the caller then takes the
 * tree path (binxml-parser + field-extractor), which handles everything. Both give the same result
 * (tested on the corpus).
 */
import type { FieldValue } from "../../events/field-value.js";
import type { ChunkContext } from "./binxml-parser.js";
import { FragmentParser } from "./binxml-parser.js";
import { TOKEN, VALUE_TYPE } from "./binxml-tokens.js";
import { addField, eachElement, type Extracted, newExtracted, readEventChild } from "./field-extractor.js";
import { assignSlot } from "./system-fields.js";
import { planFor, TARGET_DATA, TARGET_NESTED, TARGET_SYSTEM, type TemplatePlan } from "./template-plan.js";
import { decodeSubstitution } from "./value-decoder.js";

interface Instance {
  readonly plan: TemplatePlan;
  /** Offset of the substitution descriptors */
  readonly desc: number;
  readonly count: number;
  /** Offset of the first value */
  readonly values: number;
}

/** Reads the template instance at the start of [start, end); undefined if not a planned instance. */
function instanceAt(ctx: ChunkContext, start: number, end: number): Instance | undefined {
  const buf = ctx.buf;
  let p = start;
  if (p < end && (buf[p]! & 0x0f) === TOKEN.FRAGMENT_HEADER) p += 4;
  if (p + 10 > end || (buf[p]! & 0x0f) !== TOKEN.TEMPLATE_INSTANCE) return undefined;
  const defOffset = buf.readUInt32LE(p + 6);
  p += 10;
  if (defOffset === p) {
    if (p + 24 > end) ctx.fail(p, "inline template definition runs past the record", "E_EVTX_TEMPLATE");
    p += 24 + buf.readUInt32LE(p + 20);
  }
  const plan = planFor(ctx.templateAt(defOffset));
  if (!plan?.direct) return undefined;
  if (p + 4 > end) ctx.fail(p, "token stream ends early");
  const count = buf.readUInt32LE(p);
  if (count > 4096 || p + 4 + count * 4 > end) ctx.fail(p, `implausible substitution count ${count}`);
  return { plan, desc: p + 4, count, values: p + 4 + count * 4 };
}

/** Decodes the values of `inst` into `out`; false when a value needs the tree path. */
function fill(ctx: ChunkContext, inst: Instance, end: number, out: Extracted, nestedDepth: number): boolean {
  const buf = ctx.buf;
  const plan = inst.plan;
  const direct = plan.direct!;
  const targets = direct.targets;
  let data = out.data;
  const merge = out.dataStarted === true;
  if (plan.hasEventData) {
    if (!merge) {
      data = { ...plan.proto };
      out.data = data;
    }
    out.section = "EventData";
    out.dataStarted = true;
    for (const c of direct.constData) {
      if (merge) addField(data, plan.dataNames[c.index]!, c.value);
      else data[plan.dataNames[c.index]!] = c.value;
    }
  }
  for (const c of direct.constSystem) assignSlot(out.system, c.slot, c.value);
  let off = inst.values;
  for (let i = 0; i < inst.count; i++) {
    const size = buf.readUInt16LE(inst.desc + i * 4);
    const type = buf[inst.desc + i * 4 + 2]!;
    if (off + size > end)
      ctx.fail(off, `substitution ${i} (${size} bytes) runs past the record`, "E_EVTX_VALUE");
    const t = i < targets.length ? targets[i]! : -1;
    if (t >= 0) {
      const kind = t >>> 16;
      if (kind === TARGET_NESTED) {
        if (
          type === VALUE_TYPE.BINXML &&
          size > 0 &&
          !decodeNested(ctx, off, off + size, out, nestedDepth + 1)
        )
          return false;
      } else {
        if (type === VALUE_TYPE.BINXML && size > 0) return false;
        let v: FieldValue | undefined = decodeSubstitution(buf, off, size, type);
        if (v === undefined) {
          ctx.warn(
            off,
            `substitution ${i}: ${size} bytes cannot hold a value of type 0x${type.toString(16)}; value left empty`,
          );
          v = null;
        }
        if (kind === TARGET_SYSTEM) assignSlot(out.system, direct.slots[t & 0xffff]!, v);
        else if (kind === TARGET_DATA) {
          if (merge) addField(data, plan.dataNames[t & 0xffff]!, v);
          else data[plan.dataNames[t & 0xffff]!] = v;
        }
      }
    }
    off += size;
  }
  return true;
}

/** A nested BinXML substitution at Event level (usually EventData). */
function decodeNested(ctx: ChunkContext, start: number, end: number, out: Extracted, depth: number): boolean {
  if (depth > 4) return false;
  const inst = instanceAt(ctx, start, end);
  if (inst && inst.plan.root === "EventData") return fill(ctx, inst, end, out, depth);
  // Not a planned EventData template: walk its tree (still exact, just slower).
  try {
    const nodes = new FragmentParser(ctx, false, depth).parseContent(start, end);
    eachElement(nodes, [], (el, vals) => readEventChild(el, vals, out));
  } catch (e) {
    ctx.warn(start, `nested BinXML unreadable (${(e as Error).message}); value left empty`);
  }
  return true;
}

/** Decodes the record body in [start, end) directly; undefined when the tree path must be used. */
export function decodeRecordDirect(
  ctx: ChunkContext,
  start: number,
  end: number,
  recordId: number | bigint,
): Extracted | undefined {
  const inst = instanceAt(ctx, start, end);
  if (inst?.plan.root !== "Event") return undefined;
  const out = newExtracted(recordId);
  const warned = ctx.warnings.length;
  if (!fill(ctx, inst, end, out, 0)) {
    ctx.warnings.length = warned;
    return undefined;
  }
  return out;
}
