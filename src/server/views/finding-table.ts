/**
 * The findings of the current analysis as the API gives them, kept compact: each finding once, as its
 * ApiFinding JSON text (with the decision that suppressed it), plus the few fields the list filters on.
 * A run over a million events has hundreds of thousands of findings; as objects with their evidence they
 * would hold gigabytes of heap for the collector to walk on every major collection, as flat strings they
 * are a fraction of it and never walked. The full findings (with evidence) stay in the store, where the
 * reports read them. Input: a run's findings and incidents. Output: lookups by id, filtered pages, JSON.
 */
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import { apiFinding, suppressionsOf } from "./api-finding.js";

/** One finding: what the list filters on, and its ApiFinding JSON. */
export interface FindingRow {
  readonly id: string;
  readonly host: string;
  readonly detector: string;
  readonly viewpoint: string;
  readonly json: string;
}

/** A filter of `GET /api/findings`. */
export interface FindingFilter {
  readonly host?: string;
  readonly detector?: string;
  readonly viewpoint?: string;
  /** Only these ids, in this order */
  readonly ids?: readonly string[];
}

export class FindingTable {
  private readonly rows: FindingRow[] = [];
  private readonly byId = new Map<string, FindingRow>();

  /** Builds the table (findings in run order: strongest first). */
  constructor(findings: readonly Finding[], incidents: readonly Incident[]) {
    const suppressed = suppressionsOf(incidents);
    for (const f of findings) {
      if (this.byId.has(f.id)) continue;
      const row: FindingRow = {
        id: f.id,
        host: f.host,
        detector: f.detector,
        viewpoint: f.viewpoint,
        json: JSON.stringify(apiFinding(f, suppressed.get(f.id))),
      };
      this.rows.push(row);
      this.byId.set(f.id, row);
    }
  }

  get size(): number {
    return this.rows.length;
  }

  /** The ApiFinding JSON of an id, if the run has it. */
  json(id: string): string | undefined {
    return this.byId.get(id)?.json;
  }

  /** The rows passing the filter, in run order (or in the order of `ids`). */
  select(filter: FindingFilter): FindingRow[] {
    const host = filter.host?.toLowerCase();
    const pool = filter.ids ? filter.ids.flatMap((id) => this.byId.get(id) ?? []) : this.rows;
    return pool.filter(
      (r) =>
        (host === undefined || r.host.toLowerCase() === host) &&
        (filter.detector === undefined || r.detector === filter.detector) &&
        (filter.viewpoint === undefined || r.viewpoint === filter.viewpoint),
    );
  }

  /** A JSON array of the given rows' ApiFindings. */
  static jsonArray(rows: readonly FindingRow[]): string {
    return `[${rows.map((r) => r.json).join(",")}]`;
  }
}
