/**
 * Where each EvtxSystem field lives in `<System>`: element, optional attribute, and how the value
 * is converted. Shared by the generic walker and the per-template compiled plans.
 */
import type { FieldValue } from "../../events/field-value.js";
import type { EvtxSystem } from "../record.js";

export const SLOT_KINDS = ["str", "num", "id"] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

export interface SystemSlot {
  readonly element: string;
  readonly attr?: string;
  readonly key: keyof EvtxSystem;
  readonly kind: SlotKind;
}

export const SYSTEM_SLOTS: readonly SystemSlot[] = [
  { element: "Provider", attr: "Name", key: "providerName", kind: "str" },
  { element: "Provider", attr: "Guid", key: "providerGuid", kind: "str" },
  { element: "Provider", attr: "EventSourceName", key: "eventSourceName", kind: "str" },
  { element: "EventID", key: "eventId", kind: "num" },
  { element: "EventID", attr: "Qualifiers", key: "qualifiers", kind: "num" },
  { element: "Version", key: "version", kind: "num" },
  { element: "Level", key: "level", kind: "num" },
  { element: "Task", key: "task", kind: "num" },
  { element: "Opcode", key: "opcode", kind: "num" },
  { element: "Keywords", key: "keywords", kind: "str" },
  { element: "TimeCreated", attr: "SystemTime", key: "timeCreated", kind: "str" },
  { element: "EventRecordID", key: "recordId", kind: "id" },
  { element: "Correlation", attr: "ActivityID", key: "activityId", kind: "str" },
  { element: "Correlation", attr: "RelatedActivityID", key: "relatedActivityId", kind: "str" },
  { element: "Execution", attr: "ProcessID", key: "processId", kind: "num" },
  { element: "Execution", attr: "ThreadID", key: "threadId", kind: "num" },
  { element: "Channel", key: "channel", kind: "str" },
  { element: "Computer", key: "computer", kind: "str" },
  { element: "Security", attr: "UserID", key: "userId", kind: "str" },
];

/** Slots by element name */
export const SLOTS_BY_ELEMENT: ReadonlyMap<string, readonly SystemSlot[]> = (() => {
  const m = new Map<string, SystemSlot[]>();
  for (const s of SYSTEM_SLOTS) {
    const list = m.get(s.element) ?? [];
    list.push(s);
    m.set(s.element, list);
  }
  return m;
})();

function toNum(v: FieldValue): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof v === "bigint") return Number(v);
  return undefined;
}

/** Stores `v` into `s` per the slot's conversion; null/unconvertible values leave the default. */
export function assignSlot(s: EvtxSystem, slot: SystemSlot, v: FieldValue | undefined): void {
  if (v === undefined || v === null) return;
  switch (slot.kind) {
    case "str":
      (s as unknown as Record<string, unknown>)[slot.key] = typeof v === "string" ? v : String(v);
      return;
    case "num": {
      const n = toNum(v);
      if (n !== undefined) (s as unknown as Record<string, unknown>)[slot.key] = n;
      return;
    }
    case "id":
      if (typeof v === "number" || typeof v === "bigint") s.recordId = v;
      else if (typeof v === "string" && /^\d+$/.test(v))
        s.recordId = Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v);
      return;
  }
}
