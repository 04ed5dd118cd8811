/**
 * History viewpoint (履歴): how widespread each program is across the hosts in the data, and when it
 * was first seen on each. From process creations (Sysmon 1, 4688, EDR) it tracks the prevalence of
 * each image (by its strongest hash, else its path), image path and command line. Findings, for
 * images in suspicious places (Temp, Downloads, AppData … see process/suspicious-path.ts):
 *   - `history.spread`: the same image runs on several hosts ("the same thing is happening on these
 *     other hosts"), one finding per host naming the others;
 *   - `history.rare`: the image runs on one host of many (when the data has enough hosts);
 *   - `history.prevalent`: the image runs on most hosts — counter-evidence, pointing to benign.
 * With a fleet source (`options.fleet`, e.g. the store's prevalence when analysing from a store) the
 * host counts, the population and the first sighting anywhere are fleet-wide; without one they are
 * measured on the run's own events.
 * Input: normalized events. Output: findings and the prevalence query API.
 */
import type { Event } from "../../events/event.js";
import type { FieldValue } from "../../events/field-value.js";
import { type Analyzer, type Finding, MAX_EVIDENCE } from "../../findings/finding.js";
import type { Severity } from "../../findings/severity.js";
import { hostKey } from "../process/host-key.js";
import { classifyPath, type PathRule } from "../process/suspicious-path.js";
import { baseName, normalizePath } from "../process/windows-path.js";
import type { FleetSighting, PrevalenceKind } from "./fleet-prevalence.js";
import { type HistoryOptions, historyOptions } from "./history-options.js";
import { type HostSighting, hostCount, type PrevalenceEntry, PrevalenceTable } from "./prevalence-table.js";
import { normalizeCommandLine, processStartKeys } from "./process-start-keys.js";

export { PREVALENCE_KINDS, type PrevalenceKind } from "./fleet-prevalence.js";
export { imageIdentity, normalizeCommandLine } from "./process-start-keys.js";

/** The `detector` names of the history findings (ids: `<detector>:<image identity>[:<host key>]`). */
export const HISTORY_FINDING_DETECTORS = ["history.spread", "history.rare", "history.prevalent"] as const;
export type HistoryFindingDetector = (typeof HISTORY_FINDING_DETECTORS)[number];

/** How widespread one value is. */
export interface Prevalence {
  readonly kind: PrevalenceKind;
  readonly value: string;
  /** Hosts it was seen on (fleet-wide with a fleet source: the larger of the two counts) */
  readonly hosts: number;
  /** Hosts with process data in the whole input, or the fleet (the population) */
  readonly population: number;
  /** Per host (by host key) of the run's events: first and last seen, count */
  readonly sightings: PrevalenceEntry["hosts"];
  /** Sightings in the run's events */
  readonly count: number;
  /** The fleet source's answer, when there is one and it knows the value */
  readonly fleet?: FleetSighting;
}

/** Paths remembered per image (for messages) */
const MAX_PATHS_PER_IMAGE = 5;

export class HistoryAnalyzer implements Analyzer {
  readonly name = "history";
  readonly options: HistoryOptions;
  private readonly tables: Readonly<Record<PrevalenceKind, PrevalenceTable>>;
  private readonly paths = new Map<string, string[]>();
  private readonly hosts = new Map<string, string>();
  private hostEventsNotTracked = 0;
  private findingsNotKept = 0;
  private fleetLookups = 0;
  private fleetMisses = 0;

  constructor(options: Partial<HistoryOptions> = {}) {
    this.options = historyOptions(options);
    const o = this.options;
    this.tables = {
      image: new PrevalenceTable(o.maxKeys, o.maxHostsPerKey),
      "image-path": new PrevalenceTable(o.maxKeys, o.maxHostsPerKey),
      "command-line": new PrevalenceTable(o.maxKeys, o.maxHostsPerKey),
    };
  }

  observe(event: Event): void {
    const keys = processStartKeys(event, this.options.maxCommandLineChars);
    if (!keys) return;
    const hostId = hostKey(event.host);
    if (!this.hosts.has(hostId)) {
      if (this.hosts.size < this.options.maxHosts) this.hosts.set(hostId, event.host);
      else this.hostEventsNotTracked++;
    }
    const { image, path, identity } = keys;
    const t = event.time;
    const e = event.provenance;
    this.tables.image.add(identity, hostId, event.host, t, e);
    this.tables["image-path"].add(path, hostId, event.host, t, e);
    if (keys.commandLineKey) this.tables["command-line"].add(keys.commandLineKey, hostId, event.host, t, e);
    const known = this.paths.get(identity);
    if (!known) {
      if (this.paths.size < this.options.maxKeys) this.paths.set(identity, [image]);
    } else if (known.length < MAX_PATHS_PER_IMAGE && !known.some((p) => normalizePath(p) === path))
      known.push(image);
  }

  finish(): Finding[] {
    const out: Finding[] = [];
    const population = this.population();
    for (const entry of this.tables.image.values()) {
      const paths = this.paths.get(entry.value) ?? [];
      const rule = paths.map((p) => classifyPath(p, this.options.deepPathDepth)).find((r) => r !== undefined);
      if (!rule) continue;
      for (const f of this.judge(entry, paths[0] ?? entry.value, rule, population)) this.add(out, f);
    }
    return out.sort(
      (a, b) => (a.first?.ms ?? 0) - (b.first?.ms ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  stats(): Readonly<Record<string, number>> {
    return {
      hostsTracked: this.hosts.size,
      hostEventsNotTracked: this.hostEventsNotTracked,
      imagesTracked: this.tables.image.size,
      imageSightingsNotTracked: this.tables.image.sightingsNotTracked,
      pathsTracked: this.tables["image-path"].size,
      commandLinesTracked: this.tables["command-line"].size,
      commandLineSightingsNotTracked: this.tables["command-line"].sightingsNotTracked,
      findingsNotKept: this.findingsNotKept,
      ...(this.options.fleet && {
        fleetPopulation: this.options.fleet.population() ?? 0,
        fleetLookups: this.fleetLookups,
        fleetLookupsUnanswered: this.fleetMisses,
      }),
    };
  }

  // ── query API ──

  /**
   * Hosts with process data: those of the run's events (at most `maxHosts`: a lower bound beyond it), or
   * the fleet source's population when it is larger.
   */
  population(): number {
    return Math.max(this.hosts.size, this.options.fleet?.population() ?? 0);
  }

  /**
   * Prevalence of a value: for `image` pass `sha256:<hex>` (see `imageIdentity`) or `path:<normalized
   * path>`; for `image-path` any path; for `command-line` the command line as logged. Only values the
   * run's events contain are answered.
   */
  prevalence(kind: PrevalenceKind, value: string): Prevalence | undefined {
    const key =
      kind === "image-path"
        ? normalizePath(value)
        : kind === "command-line"
          ? normalizeCommandLine(value, this.options.maxCommandLineChars)
          : value;
    const e = this.tables[kind].get(key);
    if (!e) return undefined;
    const fleet = this.options.fleet?.lookup(kind, key);
    return {
      kind,
      value: key,
      hosts: Math.max(hostCount(e), fleet?.hosts ?? 0),
      population: this.population(),
      sightings: e.hosts,
      count: e.count,
      ...(fleet && { fleet }),
    };
  }

  /** When a value was first seen on a host (by its name as any source writes it). */
  firstSeen(kind: PrevalenceKind, value: string, host: string): HostSighting | undefined {
    return this.prevalence(kind, value)?.sightings.get(hostKey(host));
  }

  // ── internals ──

  /** The fleet source's sighting of an image identity (counted in the stats). */
  private fleetOf(identity: string): FleetSighting | undefined {
    const fleet = this.options.fleet;
    if (!fleet) return undefined;
    this.fleetLookups++;
    const found = fleet.lookup("image", identity);
    if (!found) this.fleetMisses++;
    return found;
  }

  private judge(entry: PrevalenceEntry, path: string, rule: PathRule, population: number): Finding[] {
    const o = this.options;
    const fleet = this.fleetOf(entry.value);
    const n = Math.max(hostCount(entry), fleet?.hosts ?? 0);
    const enough = population >= o.minHostsForRarity;
    const common = enough && n / population >= o.commonFraction;
    const name = baseName(path);
    const sightings = [...entry.hosts.entries()].sort(
      (a, b) => (a[1].firstSeen?.ms ?? 0) - (b[1].firstSeen?.ms ?? 0),
    );
    const hostNames = sightings.map(([, s]) => s.host);
    const localFirst = sightings[0]?.[1].firstSeen;
    const firstAnywhere =
      fleet?.firstSeen && (!localFirst || fleet.firstSeen.ms < localFirst.ms) ? fleet.firstSeen : localFirst;
    const base = {
      image: path,
      identity: entry.value,
      hosts: n,
      population,
      pathClass: rule.id,
      hostList: hostNames.slice(0, 10).join(","),
      ...(this.options.fleet && {
        prevalenceSource: fleet ? this.options.fleet.source : "run",
        ...(fleet && { fleetEvents: fleet.events, firstSeenFleet: fleet.firstSeen?.iso ?? null }),
      }),
    };
    const subject = imageSubject(entry.value, path);
    if (common)
      return [
        this.finding(
          "history.prevalent",
          entry.value,
          "",
          "info",
          0.05,
          subject,
          sightings,
          {
            en: `${name} runs on ${n} of ${population} hosts: a program this widespread is more likely ordinary software than an intrusion.`,
            ja: `${name} は ${population} 台中 ${n} 台のホストで実行されています。これほど広く使われているプログラムは侵入より通常のソフトウェアである可能性が高いです。`,
          },
          { ...base, benign: true },
        ),
      ];
    const out: Finding[] = [];
    if (n >= o.spreadMinHosts)
      for (const [hostId, s] of sightings) {
        const named = hostNames.filter((h) => h !== s.host);
        // fleet-wide, more hosts may run it than the run's events name
        const others = Math.max(named.length, n - 1);
        const listed = named.slice(0, 5).join(", ");
        const more = others > Math.min(named.length, 5);
        out.push(
          this.finding(
            "history.spread",
            entry.value,
            hostId,
            "medium",
            0.5,
            subject,
            [[hostId, s]],
            {
              en: `${name} (from ${rule.en}) also runs on ${others} other host(s)${listed ? `: ${listed}` : ""}${more ? ", …" : ""}.`,
              ja: `${name}（${rule.ja}）は他の ${others} 台のホストでも実行されています${listed ? `：${listed}` : ""}${more ? " など" : ""}。`,
            },
            {
              ...base,
              firstSeenHere: s.firstSeen?.iso ?? null,
              firstSeenAnywhere: firstAnywhere?.iso ?? null,
            },
            s.host,
          ),
        );
      }
    else if (enough && n <= o.rareMaxHosts && sightings.length > 0) {
      const [hostId, s] = sightings[0];
      out.push(
        this.finding(
          "history.rare",
          entry.value,
          hostId,
          "low",
          0.3,
          subject,
          [[hostId, s]],
          {
            en: `${name} (from ${rule.en}) runs on only ${n} of ${population} hosts, first seen ${s.firstSeen?.iso ?? "?"}.`,
            ja: `${name}（${rule.ja}）は ${population} 台中 ${n} 台でしか実行されていません（初回 ${s.firstSeen?.iso ?? "?"}）。`,
          },
          { ...base, firstSeenHere: s.firstSeen?.iso ?? null },
          s.host,
        ),
      );
    }
    return out;
  }

  private finding(
    detector: HistoryFindingDetector,
    identity: string,
    hostId: string,
    severity: Severity,
    confidence: number,
    subject: Finding["subject"],
    sightings: readonly (readonly [string, HostSighting])[],
    message: Finding["message"],
    details: Readonly<Record<string, FieldValue>>,
    host = "",
  ): Finding {
    const times = sightings.map(([, s]) => s.firstSeen).filter((t) => t !== undefined);
    const lasts = sightings.map(([, s]) => s.lastSeen).filter((t) => t !== undefined);
    return {
      id: `${detector}:${identity}${hostId ? `:${hostId}` : ""}`,
      detector,
      viewpoint: "history",
      severity,
      confidence,
      stage: undefined,
      attack: [],
      host,
      subject,
      first: times.reduce<(typeof times)[number] | undefined>(
        (a, t) => (!a || t.ms < a.ms ? t : a),
        undefined,
      ),
      last: lasts.reduce<(typeof lasts)[number] | undefined>(
        (a, t) => (!a || t.ms > a.ms ? t : a),
        undefined,
      ),
      evidence: sightings.slice(0, MAX_EVIDENCE).map(([, s]) => s.evidence),
      evidenceCount: sightings.length,
      message,
      details,
    };
  }

  private add(list: Finding[], f: Finding): void {
    if (list.length >= this.options.maxFindings) this.findingsNotKept++;
    else list.push(f);
  }
}

function imageSubject(identity: string, path: string): Finding["subject"] {
  const sha256 = identity.startsWith("sha256:") ? identity.slice(7) : undefined;
  return sha256 ? { kind: "file", path, sha256 } : { kind: "file", path };
}

/** A history analyzer with the given option overrides. */
export function createHistoryAnalyzer(options: Partial<HistoryOptions> = {}): HistoryAnalyzer {
  return new HistoryAnalyzer(options);
}
