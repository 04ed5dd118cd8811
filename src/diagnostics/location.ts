/**
 * Where a problem or a record comes from: file plus byte offset, line, chunk and record id,
 * as far as each is known.
 */
export interface Location {
  readonly file?: string;
  /** Byte offset in the file (EVTX) */
  readonly offset?: number;
  /** 1-based line number (text formats) */
  readonly line?: number;
  /** 0-based EVTX chunk index */
  readonly chunk?: number;
  /** EVTX EventRecordID, or a source record id */
  readonly recordId?: string;
  /** Sigma rule id (later stages) */
  readonly ruleId?: string;
}

/** `file:line`, `file@0x1200 (chunk 3, record 42)` and so on. */
export function formatLocation(loc: Location | undefined): string {
  if (!loc) return "";
  let s = loc.file ?? "";
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.offset !== undefined) s += `@0x${loc.offset.toString(16)}`;
  const extra: string[] = [];
  if (loc.chunk !== undefined) extra.push(`chunk ${loc.chunk}`);
  if (loc.recordId !== undefined) extra.push(`record ${loc.recordId}`);
  if (loc.ruleId !== undefined) extra.push(`rule ${loc.ruleId}`);
  if (extra.length > 0) s += `${s ? " " : ""}(${extra.join(", ")})`;
  return s;
}
