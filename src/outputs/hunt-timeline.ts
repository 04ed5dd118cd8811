/**
 * Collects the rows of a hunt timeline: de-duplicated, bounded, sorted at the end. Input: rule matches
 * as they stream out of the engine, and correlation matches. Output: the rows in timeline order (time, then rule, then host and
 * source position), and the counts of duplicates and of rows left out past the limit. Memory holds at
 * most `maxRows` rows and one 20-byte digest per row.
 */
import { createHash } from "node:crypto";
import type { CorrelationMatch } from "../sigma/correlation/correlation-engine.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import { correlationRow } from "./hunt-correlation-row.js";
import { compareRows, type HuntRow, huntRow, rowKey } from "./hunt-row.js";

/** Rows kept by default; matches past this are counted, not kept. */
export const DEFAULT_MAX_HUNT_ROWS = 200_000;

export interface HuntTimelineOptions {
  /** Display time zone of the Timestamp column (`UTC`, `local` or an IANA name) */
  readonly timeZone: string;
  readonly maxRows?: number;
  /** The field names a rule's detection uses (for Details), when the engine can tell */
  readonly detectionFields?: (match: RuleMatch) => readonly string[] | undefined;
}

export class HuntTimeline {
  private readonly kept: HuntRow[] = [];
  private readonly seen = new Set<string>();
  private duplicateCount = 0;
  private overflowCount = 0;
  private readonly maxRows: number;

  constructor(private readonly options: HuntTimelineOptions) {
    this.maxRows = options.maxRows ?? DEFAULT_MAX_HUNT_ROWS;
  }

  /** Adds one match; returns false when it was a duplicate or past the limit. */
  add(match: RuleMatch): boolean {
    if (this.kept.length >= this.maxRows) {
      this.overflowCount++;
      return false;
    }
    return this.addRow(huntRow(match, this.options.timeZone, this.options.detectionFields?.(match)));
  }

  /** Adds one correlation match as a row; returns false when it was a duplicate or past the limit. */
  addCorrelation(match: CorrelationMatch): boolean {
    if (this.kept.length >= this.maxRows) {
      this.overflowCount++;
      return false;
    }
    return this.addRow(correlationRow(match, this.options.timeZone));
  }

  private addRow(row: HuntRow): boolean {
    const digest = createHash("sha1").update(rowKey(row)).digest("base64");
    if (this.seen.has(digest)) {
      this.duplicateCount++;
      return false;
    }
    this.seen.add(digest);
    this.kept.push(row);
    return true;
  }

  /** Matches that repeated a row already kept. */
  get duplicates(): number {
    return this.duplicateCount;
  }

  /** Matches left out because `maxRows` rows were already kept. */
  get overflow(): number {
    return this.overflowCount;
  }

  /** Rows kept so far. */
  get size(): number {
    return this.kept.length;
  }

  /** The rows in timeline order (sorts in place once; later calls return the same order). */
  rows(): readonly HuntRow[] {
    return this.kept.sort(compareRows);
  }
}
