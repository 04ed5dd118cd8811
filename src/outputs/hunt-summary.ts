/**
 * What a hunt found, summed up for the terminal. Input: the timeline rows. Output: hits per rule
 * (level, hits, hosts, title, id — most severe first) and the ATT&CK tactics seen per host (from the
 * rules' `attack.<tactic>` tags), plus their text rendering.
 */
import type { SigmaLevel } from "../sigma/rule-model.js";
import { SIGMA_LEVELS } from "../sigma/rule-model.js";
import { type HuntRow, levelText } from "./hunt-row.js";
import { ATTACK_TACTICS, type AttackTactic, tacticsOfTags } from "./hunt-tactics.js";
import { renderTable } from "./text-table.js";

export interface RuleHits {
  readonly ruleId: string;
  readonly title: string;
  readonly level: SigmaLevel | undefined;
  readonly hits: number;
  readonly hosts: number;
}

export interface HostTactics {
  readonly host: string;
  readonly matches: number;
  /** Matches per tactic, in ATT&CK matrix order (tactics without a match left out) */
  readonly tactics: readonly (readonly [AttackTactic, number])[];
}

export interface HuntSummary {
  readonly matches: number;
  readonly rules: readonly RuleHits[];
  readonly hosts: readonly HostTactics[];
}

function levelRank(level: SigmaLevel | undefined): number {
  return SIGMA_LEVELS.indexOf(level ?? "informational");
}

/** Hits per rule and tactics per host of `rows`. */
export function summarizeHunt(rows: readonly HuntRow[]): HuntSummary {
  const rules = new Map<string, { row: HuntRow; hits: number; hosts: Set<string> }>();
  const hosts = new Map<string, { matches: number; tactics: Map<AttackTactic, number> }>();
  for (const row of rows) {
    const ruleKey = `${row.ruleId}\u0000${row.ruleTitle}`;
    let r = rules.get(ruleKey);
    if (!r) {
      r = { row, hits: 0, hosts: new Set() };
      rules.set(ruleKey, r);
    }
    r.hits++;
    r.hosts.add(row.computer);
    let h = hosts.get(row.computer);
    if (!h) {
      h = { matches: 0, tactics: new Map() };
      hosts.set(row.computer, h);
    }
    h.matches++;
    for (const tactic of tacticsOfTags(row.tags)) h.tactics.set(tactic, (h.tactics.get(tactic) ?? 0) + 1);
  }
  const ruleHits: RuleHits[] = [...rules.values()].map(({ row, hits, hosts: hs }) => ({
    ruleId: row.ruleId,
    title: row.ruleTitle,
    level: row.level,
    hits,
    hosts: hs.size,
  }));
  ruleHits.sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) ||
      b.hits - a.hits ||
      (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const hostTactics: HostTactics[] = [...hosts.entries()].map(([host, h]) => ({
    host,
    matches: h.matches,
    tactics: ATTACK_TACTICS.filter((t) => h.tactics.has(t)).map((t) => [t, h.tactics.get(t) ?? 0] as const),
  }));
  hostTactics.sort((a, b) => b.matches - a.matches || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
  return { matches: rows.length, rules: ruleHits, hosts: hostTactics };
}

/** Rows of each summary table shown by default; the rest are counted on one line. */
export const SUMMARY_TOP = 30;

function more(n: number, what: string): string[] {
  return n > 0 ? [`  … ${n} more ${what} (the timeline has them all)`] : [];
}

/**
 * The summary as text: a hits-per-rule table and a tactics-per-host table (values escaped), each cut to
 * `top` rows.
 */
export function renderHuntSummary(summary: HuntSummary, top = SUMMARY_TOP): string {
  if (summary.matches === 0) return "No matches.\n";
  const lines: string[] = [];
  const hostCount = summary.hosts.length;
  lines.push(
    `${summary.matches} match${summary.matches === 1 ? "" : "es"} of ${summary.rules.length} rule${summary.rules.length === 1 ? "" : "s"} on ${hostCount} host${hostCount === 1 ? "" : "s"}`,
    "",
    "Hits per rule:",
  );
  lines.push(
    ...renderTable(
      [
        { header: "Level" },
        { header: "Hits", align: "right" },
        { header: "Hosts", align: "right" },
        { header: "Rule", maxWidth: 70 },
        { header: "RuleID" },
      ],
      summary.rules
        .slice(0, top)
        .map((r) => [levelText(r.level), String(r.hits), String(r.hosts), r.title, r.ruleId]),
    ),
    ...more(summary.rules.length - top, "rules"),
  );
  lines.push(
    "",
    "ATT&CK tactics per host:",
    ...renderTable(
      [
        { header: "Host", maxWidth: 40 },
        { header: "Matches", align: "right" },
        { header: "Tactics (matches)" },
      ],
      summary.hosts
        .slice(0, top)
        .map((h) => [
          h.host === "" ? "(unknown)" : h.host,
          String(h.matches),
          h.tactics.length === 0 ? "-" : h.tactics.map(([t, n]) => `${t} ${n}`).join(", "),
        ]),
    ),
    ...more(summary.hosts.length - top, "hosts"),
  );
  return `${lines.join("\n")}\n`;
}
