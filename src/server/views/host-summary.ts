/**
 * `GET /api/hosts`: every host the last analysis saw, with its event count and time range (tallied on
 * the analysis pass), the incidents that involve it, their worst verdict, and whether one is still
 * active there. Input: the snapshot's host tallies and incidents. Output: HostSummary rows by name.
 */
import type { Incident } from "../../incidents/incident.js";
import { VERDICTS, type Verdict } from "../../incidents/verdict.js";
import type { HostSummary } from "../api-contract.js";
import type { HostTally } from "../store-analysis.js";

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function worse(a: Verdict | undefined, b: Verdict): Verdict {
  return a === undefined || VERDICTS.indexOf(b) < VERDICTS.indexOf(a) ? b : a;
}

/** One row per host, sorted by name (hosts only incidents know are listed too). */
export function hostSummaries(tallies: readonly HostTally[], incidents: readonly Incident[]): HostSummary[] {
  const rows = new Map<
    string,
    { tally: HostTally | undefined; incidents: number; verdict?: Verdict; active: boolean }
  >();
  for (const t of tallies) rows.set(t.host.toLowerCase(), { tally: t, incidents: 0, active: false });
  for (const i of incidents)
    for (const h of i.hosts) {
      const key = h.host.toLowerCase();
      let row = rows.get(key);
      if (!row) {
        row = {
          tally: { host: h.host, events: 0, firstMs: undefined, lastMs: undefined },
          incidents: 0,
          active: false,
        };
        rows.set(key, row);
      }
      row.incidents++;
      row.verdict = worse(row.verdict, i.verdict.verdict);
      if (h.active && i.verdict.verdict !== "benign") row.active = true;
    }
  return [...rows.values()]
    .map((r) => ({
      host: r.tally?.host ?? "",
      events: r.tally?.events ?? 0,
      first: iso(r.tally?.firstMs),
      last: iso(r.tally?.lastMs),
      incidents: r.incidents,
      verdict: r.verdict,
      active: r.active,
    }))
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}
