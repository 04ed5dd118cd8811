/**
 * Where a record came from, precisely enough to find it again: the file, the format,
 * and for EVTX the chunk, byte offset and record id; for text formats the line.
 */
export const SOURCE_FORMATS = ["evtx", "json", "zeek"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface Provenance {
  readonly file: string;
  readonly format: SourceFormat;
  /** Byte offset of the record in the file (EVTX), or of the line start (text; unknown for gzip) */
  readonly offset?: number;
  /** 1-based line number (JSON lines, Zeek) */
  readonly line?: number;
  /** 0-based chunk index (EVTX) */
  readonly chunk?: number;
  /** EventRecordID (EVTX) */
  readonly recordId?: number | bigint;
}
