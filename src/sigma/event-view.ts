/**
 * One event as the compiled rules see it: each field rendered to strings the way Sigma backends
 * compare them (numbers in decimal, booleans `true`/`false`, arrays element by element, trailing
 * whitespace trimmed) and lower-cased at most once per event, cached beside the event (the event
 * itself is never modified). One view is shared by every rule that runs on the event.
 * Input: an Event. Output: per-field string lists for the matchers.
 */
import type { Event } from "../events/event.js";
import type { FieldValue } from "../events/field-value.js";

/**
 * Trailing whitespace is trimmed before matching: EVTX string values sometimes end in spaces
 * (`… .exe" `), and SigmaHQ's rules and regression expectations were written against `evtx_dump`
 * output, which trims them. See docs/sigma-conformance.md.
 */
export const TRIM_TRAILING_WHITESPACE = true;

/** A field's values as strings (`raw`) and lower-cased (`lower`, computed on first use). */
export class FieldStrings {
  private lowered: readonly string[] | undefined;

  constructor(readonly raw: readonly string[]) {}

  get lower(): readonly string[] {
    if (this.lowered === undefined) this.lowered = this.raw.map((s) => s.toLowerCase());
    return this.lowered;
  }
}

const EMPTY = new FieldStrings([]);

export class EventView {
  private readonly cache = new Map<string, FieldStrings | null>();
  private spaceless: Map<string, string> | undefined;
  private all: FieldStrings | undefined;

  constructor(readonly event: Event) {}

  /** The field's strings; undefined when the field is absent. A null value gives an empty list. */
  values(field: string): FieldStrings | undefined {
    let fs = this.cache.get(field);
    if (fs === undefined) {
      const name = this.resolve(field);
      fs = name === undefined ? null : toStrings(this.event.fields[name]);
      this.cache.set(field, fs);
    }
    return fs ?? undefined;
  }

  /**
   * The event's name for a rule's field: the same name, or — following Sigma's field naming rule
   * ("strip all spaces") — an event field whose name is the rule's with spaces (`Source Name` for
   * `SourceName`, as Windows Defender and other providers name their EventData).
   */
  private resolve(field: string): string | undefined {
    const fields = this.event.fields;
    if (Object.hasOwn(fields, field)) return field;
    if (this.spaceless === undefined) {
      this.spaceless = new Map();
      for (const name of Object.keys(fields)) {
        if (name.includes(" ")) this.spaceless.set(name.replaceAll(" ", ""), name);
      }
    }
    return this.spaceless.get(field);
  }

  /** Every value of every field (for keyword searches). */
  allValues(): FieldStrings {
    if (this.all === undefined) {
      const out: string[] = [];
      for (const v of Object.values(this.event.fields)) pushStrings(v, out, 0);
      this.all = new FieldStrings(out);
    }
    return this.all;
  }
}

function toStrings(v: FieldValue): FieldStrings {
  if (v === null) return EMPTY;
  if (typeof v === "string") return new FieldStrings([TRIM_TRAILING_WHITESPACE ? v.trimEnd() : v]);
  const out: string[] = [];
  pushStrings(v, out, 0);
  return new FieldStrings(out);
}

/** Arrays nest at most this deep (deeper elements are ignored; real events have one level). */
const MAX_ARRAY_DEPTH = 8;

function pushStrings(v: FieldValue, out: string[], depth: number): void {
  if (v === null) return;
  if (Array.isArray(v)) {
    if (depth < MAX_ARRAY_DEPTH) for (const x of v) pushStrings(x, out, depth + 1);
    return;
  }
  if (typeof v === "string") out.push(TRIM_TRAILING_WHITESPACE ? v.trimEnd() : v);
  else out.push(String(v));
}
