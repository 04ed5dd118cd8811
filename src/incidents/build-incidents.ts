/**
 * Incidents from a run (docs/incidents.md): the flagged process groups are grouped around their root
 * cause (incident-members.ts), host-level findings join the incident they are about or form their own
 * (incident-host-findings.ts), incidents of different hosts that share a strong indicator are merged
 * (incident-merge.ts), and each incident gets its files, persistence, destinations, users, hosts,
 * state, kill-chain stages, cut points, verdict, stable id and title. Analyst decisions apply: suppressed
 * findings are listed but left out, a confirmation forces malicious.
 * Input: IncidentInput. Output: Incident[], most severe first (verdict, then confidence, then severity).
 */
import { DEFAULT_INTERNAL_NETWORKS, DirectionClassifier } from "../analytics/network/direction.js";
import { hostKey } from "../analytics/process/host-key.js";
import { imageName } from "../analytics/process/image-families.js";
import type { ProcessInfo } from "../analytics/process/process-node.js";
import { trustedVendorIn } from "../analytics/process/unsigned-trusted.js";
import { baseName, isExecutableName } from "../analytics/process/windows-path.js";
import type { Finding } from "../findings/finding.js";
import { type Severity, severityRank } from "../findings/severity.js";
import type { DecidedFinding } from "./applied-decisions.js";
import { distinctiveNames, isCommonImageName } from "./draft-links.js";
import { FindingIndex, isCounterEvidence } from "./finding-index.js";
import type { Incident, IncidentVerdict } from "./incident.js";
import { buildCutPoints } from "./incident-cut-points.js";
import { actors, type Draft, type DraftProcess, strongerRole } from "./incident-draft.js";
import { buildFiles } from "./incident-files.js";
import { attachHostFindings } from "./incident-host-findings.js";
import { buildHosts, hostAddressIndex } from "./incident-hosts.js";
import { incidentId } from "./incident-id.js";
import type { IncidentGroup, IncidentInput } from "./incident-input.js";
import { draftsFromGroups } from "./incident-members.js";
import { type MergedGroup, mergeDrafts } from "./incident-merge.js";
import { buildDestinations, c2Destinations } from "./incident-network.js";
import { buildPersistence } from "./incident-persistence.js";
import { incidentProcesses } from "./incident-processes.js";
import { buildStages } from "./incident-stages.js";
import { decideState } from "./incident-state.js";
import { earliest, latest } from "./incident-time.js";
import { incidentTitle } from "./incident-title.js";
import { buildUsers } from "./incident-users.js";
import { decideIncidentVerdict, verdictRank } from "./incident-verdict.js";
import { decideVerdict } from "./verdict.js";

/** Sigma techniques of persistence (a finding with one is evidence of the persistence item it made). */
const PERSISTENCE_TECHNIQUES = ["T1547", "T1543", "T1053", "T1546"] as const;

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** What every incident of a run shares. */
class Run {
  readonly index: FindingIndex;
  readonly classifier: DirectionClassifier;
  readonly addresses: Map<string, Set<string>>;
  private readonly dataEnd: number | undefined;
  private readonly groups = new Map<string, IncidentGroup>();

  constructor(readonly input: IncidentInput) {
    this.index = new FindingIndex(input.findings, input.decisions);
    this.classifier = new DirectionClassifier(input.internalNetworks ?? DEFAULT_INTERNAL_NETWORKS);
    this.addresses = hostAddressIndex(input.processes);
    let end: number | undefined;
    for (const f of input.findings) if (f.last && (end === undefined || f.last.ms > end)) end = f.last.ms;
    this.dataEnd = end;
    for (const g of input.groups)
      if (g.kind === "process") this.groups.set(input.processes.processByKey(g.key)?.key ?? g.key, g);
  }

  /** The finding group of a process, by its canonical key. */
  groupOf(key: string): IncidentGroup | undefined {
    return this.groups.get(key);
  }

  get graph() {
    return this.input.processes;
  }

  /** The host a finding is about (a Zeek address mapped to its host name when known). */
  hostOfFinding = (f: Finding): string =>
    text(f.details.attributedHost) ?? this.input.hostOf?.(f.host) ?? f.host;

  /** The end of a host's data (ms); the latest finding for a host the graph does not know. */
  dataEndMs = (host: string): number | undefined =>
    this.graph.graph.hostSpan(hostKey(host))?.lastMs ?? this.dataEnd;

  trusted = (p: ProcessInfo): boolean => {
    const s = p.signature;
    return (
      s.state === "valid" &&
      s.signer !== undefined &&
      trustedVendorIn(this.graph.options.trustedVendors, s.signer) !== undefined
    );
  };

  /** The findings of `ids`, split by the analyst decisions. */
  split(ids: Iterable<string>): {
    all: Finding[];
    active: Finding[];
    suppressed: DecidedFinding[];
    confirmed: DecidedFinding[];
  } {
    const all = this.index.resolve(ids);
    const active: Finding[] = [];
    const suppressed: DecidedFinding[] = [];
    const confirmed: DecidedFinding[] = [];
    for (const f of all) {
      const s = this.index.suppressed(f.id);
      if (s) suppressed.push(s);
      else active.push(f);
      const c = this.index.confirmed(f.id);
      if (c) confirmed.push(c);
    }
    return { all, active, suppressed, confirmed };
  }

  /** The verdict of a set of drafts (their processes' verdicts; host drafts weigh their own findings). */
  verdictOf(
    drafts: readonly Draft[],
    processes: readonly DraftProcess[],
    ids: Iterable<string>,
  ): IncidentVerdict {
    const { active, suppressed, confirmed } = this.split(ids);
    const members = processes.flatMap((p) => (p.role !== "launcher" && p.group ? [p.group.verdict] : []));
    for (const d of drafts) if (d.hostGroup) members.push(decideVerdict(this.split(d.findingIds).active));
    return decideIncidentVerdict({ members, active, suppressed, confirmed });
  }
}

/** The processes of merged drafts, each once with its strongest role. */
function unionProcesses(drafts: readonly Draft[]): Map<string, DraftProcess> {
  const out = new Map<string, DraftProcess>();
  for (const d of drafts)
    for (const p of d.processes.values()) {
      const known = out.get(p.key);
      if (!known) out.set(p.key, { ...p });
      else if (strongerRole(p.role, known.role)) known.role = p.role;
    }
  return out;
}

function strongestSeverity(findings: readonly Finding[]): Severity {
  let s: Severity = "info";
  for (const f of findings)
    if (!isCounterEvidence(f) && severityRank(f.severity) > severityRank(s)) s = f.severity;
  return s;
}

/** Most severe first: verdict, confidence, severity, then the earliest, then the id. */
export function compareIncidents(a: Incident, b: Incident): number {
  return (
    verdictRank(b.verdict.verdict) - verdictRank(a.verdict.verdict) ||
    b.verdict.confidence - a.verdict.confidence ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.first?.ms ?? Number.POSITIVE_INFINITY) - (b.first?.ms ?? Number.POSITIVE_INFINITY) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** One incident from a merged group of drafts. */
function assemble(run: Run, group: MergedGroup): Incident {
  const graph = run.graph;
  const primary = group.drafts[0];
  const processes = unionProcesses(group.drafts);
  const ids = new Set<string>();
  for (const d of group.drafts) for (const id of d.findingIds) ids.add(id);
  // persistence: the actors' own, and children of theirs that installed something (they join as members)
  const names = new Set<string>();
  for (const d of group.drafts) for (const n of distinctiveNames(d)) names.add(n);
  for (const p of processes.values())
    for (const w of p.role === "launcher" ? [] : (p.info?.files.items ?? [])) {
      const n = imageName(w.path);
      if (isExecutableName(n) && !isCommonImageName(n)) names.add(n);
    }
  const persistenceOf = (key: string): string[] => {
    const g = run.groupOf(key);
    return run.index
      .resolve(g?.findings ?? [])
      .filter(
        (f) =>
          run.index.isActive(f.id) &&
          (f.detector === "process.autorun-registry" ||
            f.attack.some((t) => PERSISTENCE_TECHNIQUES.some((p) => t === p || t.startsWith(`${p}.`)))),
      )
      .map((f) => f.id);
  };
  const persistence = buildPersistence(
    [...processes.values()].filter((p) => p.role !== "launcher"),
    {
      graph,
      events: run.input.persistence ?? [],
      names,
      findingIdsOf: persistenceOf,
    },
  );
  for (const key of persistence.children) {
    if (processes.has(key)) continue;
    const info = graph.processByKey(key);
    const g = run.groupOf(key);
    processes.set(key, { key, host: info?.host ?? primary.host, role: "member", info, group: g });
    for (const id of g?.findings ?? []) ids.add(id);
  }
  const all = [...processes.values()];
  const acting = all.filter((p) => p.role !== "launcher");
  const split = run.split(ids);
  const verdict = run.verdictOf(group.drafts, all, ids);
  const benign = verdict.verdict === "benign";
  const byName = new Map<string, string>();
  for (const p of acting)
    byName.set(`${hostKey(p.host)}|${imageName(p.info?.image ?? p.group?.image)}`, p.key);
  const processKeyOf = (f: Finding): string | undefined => {
    if (f.subject.kind === "process") {
      const k = graph.processByKey(f.subject.key)?.key ?? f.subject.key;
      if (processes.has(k)) return k;
    }
    const images = typeof f.details.images === "string" ? f.details.images.split(",") : [];
    const image = text(f.details.image) ?? (images.length === 1 ? text(images[0]) : undefined);
    return image ? byName.get(`${hostKey(run.hostOfFinding(f))}|${imageName(image)}`) : undefined;
  };
  const destinations = buildDestinations(acting, split.active, {
    classifier: run.classifier,
    benign,
    hostOfFinding: run.hostOfFinding,
    processKeyOf,
    dataEndMs: run.dataEndMs,
  });
  const files = buildFiles(all, benign);
  const users = buildUsers(acting, split.active, run.hostOfFinding);
  const state = decideState(acting, destinations, (k) => graph.state(k));
  const hosts = buildHosts(
    group.drafts.map((d) => d.host),
    all,
    split.active,
    destinations,
    {
      addresses: run.addresses,
      via: group.via,
      hostOfFinding: run.hostOfFinding,
      running: (k) => graph.state(k)?.state === "running",
    },
  );
  const roots = acting.filter((p) => p.role === "root-cause");
  const stages = buildStages(split.active, roots, graph);
  const rootProcess = primary.rootKey === undefined ? undefined : processes.get(primary.rootKey);
  const rootImage = rootProcess?.info?.image ?? rootProcess?.group?.image;
  const hostNames = hosts.map((h) => h.host);
  const cutPoints = buildCutPoints(stages.stages, stages.furthest, benign, {
    hosts: hostNames,
    rootName: rootImage ? baseName(rootImage) : undefined,
    files,
    destinations,
    usersAtRisk: users.filter((u) => u.credentialsAtRisk).map((u) => u.name),
  });
  const id = rootProcess
    ? incidentId(
        {
          host: rootProcess.host,
          image: rootImage,
          start: (rootProcess.info?.start ?? rootProcess.info?.firstSeen)?.iso,
        },
        [],
      )
    : incidentId(
        undefined,
        group.drafts.flatMap((d) => [...d.groupKeys]),
      );
  const payloads = acting
    .filter((p) => p.role === "payload")
    .map((p) => ({ name: baseName(p.info?.image ?? p.group?.image ?? p.key), key: p.key }));
  return {
    id,
    title: incidentTitle({
      verdict: verdict.verdict,
      root: rootImage ? baseName(rootImage) : undefined,
      rootKey: rootProcess?.key,
      hosts: hostNames,
      payloads,
      destinations,
      findingCount: split.active.length,
    }),
    verdict,
    severity: strongestSeverity(split.active),
    rootCause: rootProcess?.key,
    hosts,
    sharedIndicators: group.shared,
    processes: incidentProcesses(all, graph, run.index),
    files,
    persistence: persistence.items,
    destinations,
    users,
    first: earliest(...hosts.map((h) => h.first)),
    last: latest(...hosts.map((h) => h.last)),
    state: state.state,
    stateReasons: state.reasons,
    stages: stages.stages,
    furthestStage: stages.furthest,
    attack: stages.attack,
    cutPoints,
    findings: split.active.map((f) => f.id),
    suppressed: split.suppressed.map((s) => ({
      findingId: s.finding.id,
      decisionId: s.decisionId,
      reason: s.reason,
    })),
  };
}

/** The incidents of a run (see the module header). */
export function buildIncidents(input: IncidentInput): Incident[] {
  const run = new Run(input);
  const drafts = draftsFromGroups(input.groups, input.processes);
  drafts.push(
    ...attachHostFindings(drafts, input.groups, {
      index: run.index,
      hostAddresses: run.addresses,
      hostOf: input.hostOf,
      persistence: input.persistence,
    }),
  );
  const candidates = drafts.map((draft) => {
    const verdict = run.verdictOf([draft], [...draft.processes.values()], draft.findingIds);
    const active = run.split(draft.findingIds).active;
    const start = earliest(...actors(draft).map((p) => p.info?.start), ...active.map((f) => f.first));
    return {
      draft,
      verdict,
      severity: strongestSeverity(active),
      start: start?.ms ?? Number.POSITIVE_INFINITY,
      benign: verdict.verdict === "benign",
      c2: c2Destinations(active, run.classifier),
    };
  });
  candidates.sort(
    (a, b) =>
      verdictRank(b.verdict.verdict) - verdictRank(a.verdict.verdict) ||
      b.verdict.confidence - a.verdict.confidence ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.start - b.start,
  );
  return mergeDrafts(candidates, run.trusted)
    .map((g) => assemble(run, g))
    .sort(compareIncidents);
}
