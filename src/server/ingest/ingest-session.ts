/**
 * One ingest request's documents on their way to the store: each JSON text is parsed (64-bit integers
 * kept), wrapped as a JsonRecord located at `<source>:<line>` and normalized by the same normalizer as
 * `mikiwame analyze` (Winlogbeat/ECS, evtx_dump JSON, flat Windows exports, and any other JSON through
 * the generic path: every field kept, host and time from the usual key names). Events are committed in
 * batches through the CommitQueue while the body is still streaming, so memory stays bounded whatever
 * the body size. When the store takes encoded rows (commits.acceptsRows), each event is encoded as its row
 * at once and only the row waits for the commit: flat strings instead of the parsed document and event
 * objects, which is much less work for the garbage collector. A document that cannot be read is
 * rejected with a located message and the rest goes on.
 * Input: document texts with their line numbers. Output: the IngestResult counts, located problems, and
 * for `_bulk` one outcome per item.
 */
import { Diagnostics, formatDiagnostic } from "../../diagnostics/diagnostics.js";
import type { ErrorCode } from "../../diagnostics/error-codes.js";
import type { Event } from "../../events/event.js";
import type { Normalizer } from "../../normalize/normalizer.js";
import { describeJsonKind, isJsonObject, parseJsonText } from "../../readers/ndjson/parse-json-text.js";
import type { JsonRecord } from "../../readers/record.js";
import { type EventRow, toEventRow } from "../../store/event-row.js";
import { eventProblem } from "../../store/event-validation.js";
import type { IngestResult } from "../api-contract.js";
import type { CommitQueue } from "./commit-queue.js";

/** What became of one document (for the `_bulk` answer). */
export type ItemOutcome =
  | { readonly kind: "created" }
  /** Already stored (or repeated in the same batch): nothing was written */
  | { readonly kind: "duplicate" }
  | { readonly kind: "rejected"; readonly code: ErrorCode; readonly reason: string };

export interface IngestSessionOptions {
  readonly normalizer: Normalizer;
  readonly commits: CommitQueue;
  /** The provenance file of the events and the prefix of every location (`http:ingest`, `http:_bulk`) */
  readonly source: string;
  /** Events per commit */
  readonly batchSize: number;
  /** Most problem messages kept (all are counted) */
  readonly maxProblems: number;
  /** Keep one outcome per document (for `_bulk`) */
  readonly keepItems: boolean;
  /** Store each document's text as the event's raw record */
  readonly keepRaw: boolean;
}

/** What a whole request did. */
export interface SessionResult extends IngestResult {
  /** Normalizer warnings (e.g. a document without a usable time); counted, not listed */
  readonly warnings: number;
  /** Per document, in order (only with keepItems) */
  readonly items: readonly ItemOutcome[];
}

/** Collects, normalizes and commits one request's documents. */
export class IngestSession {
  private events: Event[] = [];
  private raw: string[] = [];
  /** Pending events encoded as rows (instead of `events` and `raw`, when the store takes rows) */
  private rows: EventRow[] = [];
  private readonly encodeRows: boolean;
  /** The item index of each pending event */
  private pendingItems: number[] = [];
  private readonly items: ItemOutcome[] = [];
  private readonly problems: string[] = [];
  private readonly diagnostics = new Diagnostics(1);
  private lastError: string | undefined;
  private accepted = 0;
  private duplicates = 0;
  private rejected = 0;
  private documents = 0;

  constructor(private readonly options: IngestSessionOptions) {
    this.encodeRows = options.commits.acceptsRows;
    this.diagnostics.onReport((d) => {
      if (d.severity === "error") this.lastError = d.message;
    });
  }

  /** One JSON document found at `line` of the body. */
  async document(text: string, line: number): Promise<void> {
    const item = this.documents++;
    const parsed = parseJsonText(text);
    if (!parsed.ok) return this.reject(item, line, "E_JSON_SYNTAX", `not valid JSON: ${parsed.reason}`);
    if (!isJsonObject(parsed.value))
      return this.reject(item, line, "E_JSON_SHAPE", `${describeJsonKind(parsed.value)}, not a JSON object`);
    const record: JsonRecord = {
      kind: "json",
      provenance: { file: this.options.source, format: "json", line },
      value: parsed.value,
    };
    this.lastError = undefined;
    const event = this.options.normalizer.normalize(record, this.diagnostics);
    if (!event) return this.reject(item, line, "E_NORMALIZE", this.lastError ?? "not an event");
    const problem = eventProblem(event);
    if (problem) return this.reject(item, line, "E_NORMALIZE", `the event cannot be stored: ${problem}`);
    if (this.encodeRows) {
      let row: EventRow;
      try {
        row = toEventRow(event, this.options.keepRaw ? text : undefined);
      } catch (e) {
        return this.reject(item, line, "E_NORMALIZE", `the event cannot be stored: ${(e as Error).message}`);
      }
      this.rows.push(row);
    } else {
      this.events.push(event);
      if (this.options.keepRaw) this.raw.push(text);
    }
    this.pendingItems.push(item);
    if (this.options.keepItems) this.items[item] = { kind: "created" };
    if (this.pendingItems.length >= this.options.batchSize) await this.flush();
  }

  /** A document refused before parsing (bulk: an unsupported action; any: a line over the size limit). */
  refuse(line: number, code: ErrorCode, reason: string): void {
    this.reject(this.documents++, line, code, reason);
  }

  /** Commits what is pending and returns the request's result. */
  async finish(): Promise<SessionResult> {
    await this.flush();
    return {
      accepted: this.accepted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      problems: this.problems,
      warnings: this.diagnostics.warnings,
      items: this.items,
    };
  }

  private reject(item: number, line: number, code: ErrorCode, reason: string): void {
    this.rejected++;
    if (this.problems.length < this.options.maxProblems)
      this.problems.push(
        formatDiagnostic({
          severity: "error",
          code,
          message: `${reason}; skipped`,
          location: { file: this.options.source, line },
        }),
      );
    if (this.options.keepItems) this.items[item] = { kind: "rejected", code, reason };
  }

  private async flush(): Promise<void> {
    if (this.pendingItems.length === 0) return;
    const events = this.events;
    const raw = this.options.keepRaw ? this.raw : undefined;
    const rows = this.rows;
    const pending = this.pendingItems;
    this.events = [];
    this.raw = [];
    this.rows = [];
    this.pendingItems = [];
    const outcome = this.encodeRows
      ? await this.options.commits.commitRows(rows, this.options.source)
      : await this.options.commits.commit(events, this.options.source, raw);
    this.accepted += outcome.inserted;
    this.duplicates += outcome.duplicates;
    if (this.options.keepItems)
      pending.forEach((item, i) => {
        // undefined: the store did not say which of a partly stored batch were new; counted as created
        if (outcome.duplicate[i] === true) this.items[item] = { kind: "duplicate" };
      });
  }
}
