/**
 * The full findings (with their evidence) of the current run, read back from the store for the reports:
 * the server keeps only their API form in memory (finding-table.ts). For some incidents: the findings
 * of their hosts, kept when an incident names them; for the whole run: every finding of the run. Read in
 * pages of the store's largest page. Input: the store, the run id, optionally incidents. Output: findings.
 */
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import { MAX_PAGE, type Store } from "../../store/store.js";

/** Above this many hosts one pass over the run's findings is cheaper than a query per host. */
const MAX_HOST_QUERIES = 64;
/** Findings read at most (a bound on one report's memory). */
const MAX_FINDINGS = 2_000_000;

async function pages(store: Store, runId: string, host: string | undefined, keep: (f: Finding) => boolean) {
  const out: Finding[] = [];
  for (let offset = 0; offset < MAX_FINDINGS; offset += MAX_PAGE) {
    const page = await store.findings({ runId, host, limit: MAX_PAGE, offset });
    for (const f of page) if (keep(f)) out.push(f);
    if (page.length < MAX_PAGE) break;
  }
  return out;
}

/** The findings of `incidents` (suppressed ones too), or of the whole run when `incidents` is undefined. */
export async function runFindings(
  store: Store,
  runId: string,
  incidents: readonly Incident[] | undefined,
): Promise<Finding[]> {
  if (incidents === undefined) return pages(store, runId, undefined, () => true);
  const ids = new Set(incidents.flatMap((i) => [...i.findings, ...i.suppressed.map((s) => s.findingId)]));
  const hosts = [...new Set(incidents.flatMap((i) => i.hosts.map((h) => h.host)))];
  if (hosts.length > MAX_HOST_QUERIES) return pages(store, runId, undefined, (f) => ids.has(f.id));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const host of hosts)
    for (const f of await pages(store, runId, host, (x) => ids.has(x.id) && !seen.has(x.id))) {
      seen.add(f.id);
      out.push(f);
    }
  // findings with no host of the incident's hosts (host-less network findings): one more pass when some are missing
  if (seen.size < ids.size)
    for (const f of await pages(store, runId, undefined, (x) => ids.has(x.id) && !seen.has(x.id)))
      out.push(f);
  return out;
}
