/**
 * Provenance as plain JSON data for the incident (which must hold no bigint): an EVTX record id that
 * is a bigint becomes a number when it is a safe integer; a larger one is left out, the file, chunk and
 * byte offset still locate the record. Input: a Provenance. Output: a Provenance without bigint.
 */
import type { Provenance } from "../events/provenance.js";

/** `p` without a bigint record id (see the module header). */
export function plainProvenance(p: Provenance): Provenance {
  if (typeof p.recordId !== "bigint") return p;
  const { recordId, ...rest } = p;
  const n = Number(recordId);
  return Number.isSafeInteger(n) ? { ...rest, recordId: n } : rest;
}

/** A key that identifies the record a provenance points at (file + record id / line / offset). */
export function provenanceKey(p: Provenance): string {
  return `${p.file}\u0000${String(p.recordId ?? "")}\u0000${p.line ?? ""}\u0000${p.offset ?? ""}`;
}
