/**
 * The summary of an analysis run and the builder that accumulates it from the stream. Input: per-file
 * read results, events, the run's diagnostics. Output: AnalyzeSummary, a plain JSON-safe object (files by
 * format, records, events, per host / channel / event id counts, time ranges, diagnostics counts and the
 * first located problems). Memory is bounded: counters cap distinct keys, problems are capped per code.
 */
import type { Diagnostic, Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { SOURCE_FORMATS, type SourceFormat } from "../events/provenance.js";
import type { FileOutcome, FileReadResult } from "../readers/read-paths.js";
import { BoundedCounter, type TopCounts } from "./bounded-counter.js";

/** First and last event time (ISO-8601 UTC, as normalized). */
export interface TimeRange {
  readonly first: string;
  readonly last: string;
}

export interface FileSummary {
  readonly file: string;
  readonly format: SourceFormat | null;
  readonly bytes: number;
  readonly records: number;
  readonly events: number;
  readonly timeRange: TimeRange | null;
  readonly outcome: FileOutcome;
}

export interface EventIdCount {
  readonly channel: string;
  readonly eventId: number;
  readonly count: number;
}

export interface DiagnosticsSummary {
  readonly errors: number;
  readonly warnings: number;
  /** Count per error code, including problems not listed */
  readonly byCode: Readonly<Record<string, number>>;
  /** The first problems of each code, with their locations, in the order reported */
  readonly problems: readonly Diagnostic[];
}

export interface AnalyzeSummary {
  readonly files: {
    /** Files found under the given paths */
    readonly total: number;
    /** Files handed to a reader, by detected format */
    readonly byFormat: Readonly<Record<SourceFormat, number>>;
    readonly unknownFormat: number;
    readonly failed: number;
    readonly bytes: number;
  };
  /** One entry per file found, in reading order */
  readonly perFile: readonly FileSummary[];
  /** Records the readers yielded */
  readonly records: number;
  /** Events normalize produced from them */
  readonly events: number;
  /** Events without a usable time (never given a made-up one) */
  readonly eventsWithoutTime: number;
  readonly timeRange: TimeRange | null;
  readonly hosts: TopCounts;
  readonly channels: TopCounts;
  readonly eventIds: {
    readonly distinct: number;
    readonly distinctCapped: boolean;
    readonly top: readonly EventIdCount[];
    readonly others: number;
  };
  readonly diagnostics: DiagnosticsSummary;
}

class TimeRangeTracker {
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = Number.NEGATIVE_INFINITY;
  private first = "";
  private last = "";

  add(ms: number, iso: string): void {
    if (ms < this.minMs) {
      this.minMs = ms;
      this.first = iso;
    }
    if (ms > this.maxMs) {
      this.maxMs = ms;
      this.last = iso;
    }
  }

  range(): TimeRange | null {
    return this.first === "" ? null : { first: this.first, last: this.last };
  }
}

/** Separates channel and event id in one counter key (a channel name never ends in NUL + digits). */
const EVENT_ID_SEPARATOR = "\u0000";

export interface SummaryOptions {
  /** Entries kept in each top list (default 10) */
  readonly topN?: number;
  /** Problems listed per error code (default 20) */
  readonly problemsPerCode?: number;
}

/** Accumulates an AnalyzeSummary while the pipeline streams. */
export class SummaryBuilder {
  private readonly files: FileSummary[] = [];
  private readonly byFormat = {} as Record<SourceFormat, number>;
  private unknownFormat = 0;
  private failed = 0;
  private bytes = 0;
  private records = 0;
  private events = 0;
  private withoutTime = 0;
  private readonly range = new TimeRangeTracker();
  private readonly hosts = new BoundedCounter();
  private readonly channels = new BoundedCounter();
  private readonly eventIds = new BoundedCounter();
  private fileEvents = 0;
  private fileRange = new TimeRangeTracker();

  constructor(private readonly options: SummaryOptions = {}) {
    for (const f of SOURCE_FORMATS) this.byFormat[f] = 0;
  }

  /** Counts records read (before normalizing). */
  addRecords(n: number): void {
    this.records += n;
  }

  /** Counts one normalized event of the file being read. */
  addEvent(event: Event): void {
    this.events++;
    this.fileEvents++;
    if (event.time) {
      this.range.add(event.time.ms, event.time.iso);
      this.fileRange.add(event.time.ms, event.time.iso);
    } else this.withoutTime++;
    this.hosts.add(event.host);
    this.channels.add(event.identity.channel);
    this.eventIds.add(`${event.identity.channel}${EVENT_ID_SEPARATOR}${event.identity.eventId}`);
  }

  /** Closes the file being read (its events were added before this call). */
  addFile(result: FileReadResult): void {
    if (result.format !== undefined && result.outcome !== "not-requested") this.byFormat[result.format]++;
    if (result.outcome === "unknown-format") this.unknownFormat++;
    if (result.outcome === "failed") this.failed++;
    this.bytes += result.bytes;
    this.files.push({
      file: result.file,
      format: result.format ?? null,
      bytes: result.bytes,
      records: result.records,
      events: this.fileEvents,
      timeRange: this.fileRange.range(),
      outcome: result.outcome,
    });
    this.fileEvents = 0;
    this.fileRange = new TimeRangeTracker();
  }

  /** The summary so far, with the diagnostics of the run. */
  build(diagnostics: Diagnostics): AnalyzeSummary {
    const topN = this.options.topN ?? 10;
    const eventIds = this.eventIds.top(topN);
    return {
      files: {
        total: this.files.length,
        byFormat: { ...this.byFormat },
        unknownFormat: this.unknownFormat,
        failed: this.failed,
        bytes: this.bytes,
      },
      perFile: [...this.files],
      records: this.records,
      events: this.events,
      eventsWithoutTime: this.withoutTime,
      timeRange: this.range.range(),
      hosts: this.hosts.top(topN),
      channels: this.channels.top(topN),
      eventIds: {
        ...eventIds,
        top: eventIds.top.map(({ key, count }) => {
          const at = key.lastIndexOf(EVENT_ID_SEPARATOR);
          return { channel: key.slice(0, at), eventId: Number(key.slice(at + 1)), count };
        }),
      },
      diagnostics: summarizeDiagnostics(diagnostics, this.options.problemsPerCode ?? 20),
    };
  }
}

/** Counts and the first `perCode` problems of each code. */
export function summarizeDiagnostics(diagnostics: Diagnostics, perCode: number): DiagnosticsSummary {
  const byCode: Record<string, number> = {};
  for (const [code, n] of diagnostics.counts()) byCode[code] = n;
  const listed = new Map<string, number>();
  const problems: Diagnostic[] = [];
  for (const d of diagnostics.list()) {
    const n = listed.get(d.code) ?? 0;
    if (n >= perCode) continue;
    listed.set(d.code, n + 1);
    problems.push(d);
  }
  return { errors: diagnostics.errors, warnings: diagnostics.warnings, byCode, problems };
}
