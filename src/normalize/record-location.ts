/**
 * The diagnostic location of a record: its provenance (file, line or offset, chunk, record id)
 * rendered as a `Location`, so every normalize problem points at the record that caused it.
 */
import type { Location } from "../diagnostics/location.js";
import type { Provenance } from "../events/provenance.js";

/** A Location for a record's provenance; tolerant of a missing or malformed provenance. */
export function recordLocation(p: Provenance | undefined): Location {
  if (typeof p !== "object" || p === null) return {};
  const loc: { -readonly [K in keyof Location]: Location[K] } = {};
  if (typeof p.file === "string") loc.file = p.file;
  if (typeof p.line === "number") loc.line = p.line;
  if (typeof p.offset === "number") loc.offset = p.offset;
  if (typeof p.chunk === "number") loc.chunk = p.chunk;
  if (typeof p.recordId === "number" || typeof p.recordId === "bigint") loc.recordId = String(p.recordId);
  return loc;
}
