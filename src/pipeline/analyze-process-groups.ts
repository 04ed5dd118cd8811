/**
 * Findings grouped per subject process: the per-process viewpoint table of `mikiwame analyze`.
 * Each finding is attributed to a process of the process graph — directly (its subject is a process;
 * a merged Security 4688 key resolves to the Sysmon process), by host + image name (network findings
 * naming the process behind a flow, with Zeek addresses mapped to host names), or, for a host-level
 * network finding, to the one process of that host that the same detector flagged — else it stays in a
 * per-host group. Each group gets the process's root cause, state, the furthest kill-chain stage it
 * reached, its strongest severity and the strongest severity per viewpoint.
 * Input: findings, the process analyzer (graph queries), the address → host index.
 * Output: ProcessGroup[], most severe first.
 */
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import { hostKey } from "../analytics/process/host-key.js";
import { imageName, isDualUseTool } from "../analytics/process/image-families.js";
import type { ProcessInfo } from "../analytics/process/process-node.js";
import type { Finding } from "../findings/finding.js";
import { type KillChainStage, stageIndex } from "../findings/kill-chain.js";
import { type Severity, severityRank } from "../findings/severity.js";
import { VIEWPOINTS, type Viewpoint } from "../findings/viewpoint.js";
import { classifyPath } from "../analytics/process/suspicious-path.js";
import { trustedVendorIn } from "../analytics/process/unsigned-trusted.js";
import { isInInstallFolder, normalizePath } from "../analytics/process/windows-path.js";
import { ATTEMPT_DETECTORS, isAttemptDetector } from "../incidents/incident-stages.js";
import { decideVerdict, type ProcessFacts, type ProcessVerdict } from "../incidents/verdict.js";
import type { HostAddresses } from "./analyze-host-addresses.js";

/** What a group is about: one process, or a host (findings no process could be named for). */
export const GROUP_KINDS = ["process", "host"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** The states a process can be in at the end of the data (as process-state.ts decides). */
export const GROUP_STATES = ["running", "terminated", "unknown"] as const;
export type GroupState = (typeof GROUP_STATES)[number];

/**
 * Detectors whose stage is a candidate, not proof that the stage was reached (defined with the
 * incident stages, src/incidents/incident-stages.ts): their stage is reported as attempted.
 */
export { ATTEMPT_DETECTORS };

/** One link of a root-cause chain, for the report. */
export interface GroupChainLink {
  readonly key: string;
  readonly image: string | undefined;
  readonly via: string;
}

export interface ProcessGroup {
  readonly kind: GroupKind;
  /** The process key, or `host:<host>` for a host group */
  readonly key: string;
  readonly host: string;
  readonly image: string | undefined;
  readonly pid: number | undefined;
  readonly commandLine: string | undefined;
  readonly user: string | undefined;
  /** True: this process is the root cause of its chain; false: `rootCauseKey` is; undefined: not known */
  readonly rootCause: boolean | undefined;
  readonly rootCauseKey: string | undefined;
  readonly rootCauseImage: string | undefined;
  /** From the launcher above the root cause down to this process */
  readonly chain: readonly GroupChainLink[];
  /** The process that wrote this process's image, when one did */
  readonly droppedBy: string | undefined;
  readonly state: GroupState | undefined;
  /** Furthest kill-chain stage a finding of the group proves */
  readonly stage: KillChainStage | undefined;
  /** Furthest stage only attempted (ATTEMPT_DETECTORS), when beyond `stage` */
  readonly attemptedStage: KillChainStage | undefined;
  /** Every stage proven, in chain order */
  readonly stages: readonly KillChainStage[];
  readonly severity: Severity;
  /** Sort weight: the strongest severity of each viewpoint, summed (info 0, low 1, medium 2, high 4, critical 8) */
  readonly score: number;
  /** The strongest severity per viewpoint that fired (counter-evidence excluded) */
  readonly viewpoints: Readonly<Partial<Record<Viewpoint, Severity>>>;
  /** Finding ids, strongest first */
  readonly findings: readonly string[];
  /** Findings marked as counter-evidence (`details.benign`) */
  readonly benignFindings: number;
  readonly first: string | undefined;
  readonly last: string | undefined;
  /** Severity at least `minSeverity`: a row of the terminal table */
  readonly suspicious: boolean;
  /** The explained verdict (src/incidents/verdict.ts, docs/verdict.md) */
  readonly verdict: ProcessVerdict;
}

export interface GroupOptions {
  /** Weakest severity that makes a group suspicious (default medium) */
  readonly minSeverity?: Severity;
  /** Whether a reputation source was consulted (the benign profile needs "no bad reputation" to mean something) */
  readonly reputationChecked?: boolean;
  /**
   * Finding ids an analyst decision suppressed: they stay in their group (listed, counted, shown) but
   * are left out of its verdict
   */
  readonly excluded?: ReadonlySet<string>;
}

const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 4,
  critical: 8,
};

function isBenign(f: Finding): boolean {
  return f.details.benign === true;
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Finds processes by (host, image name) and canonical keys; the image index is built on first use. */
class ProcessLookup {
  private byImage: Map<string, ProcessInfo[]> | undefined;

  constructor(
    readonly processes: ProcessAnalyzer,
    readonly addresses: HostAddresses | undefined,
  ) {}

  /** Process keys judged malicious so far (root causes are decided before their chains). */
  readonly malicious = new Set<string>();

  isMaliciousRoot(key: string): boolean {
    return this.malicious.has(key);
  }

  canonical(key: string): string {
    return this.processes.processByKey(key)?.key ?? key;
  }

  /** A host name for a finding host that may be an address (Zeek). */
  hostName(host: string): string {
    return this.addresses?.hostOf(host) ?? host;
  }

  /** The one process of `host` running `image` during the finding (undefined when none or several). */
  byHostImage(host: string, image: string, f: Finding): ProcessInfo | undefined {
    if (!this.byImage) {
      this.byImage = new Map();
      for (const p of this.processes.processes()) {
        if (!p.image) continue;
        const k = `${p.hostId}|${imageName(p.image)}`;
        const list = this.byImage.get(k);
        if (list) list.push(p);
        else this.byImage.set(k, [p]);
      }
    }
    const list = this.byImage.get(`${hostKey(host)}|${imageName(image)}`);
    if (!list || list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    const first = f.first?.ms ?? Number.NEGATIVE_INFINITY;
    const last = f.last?.ms ?? Number.POSITIVE_INFINITY;
    const alive = list.filter(
      (p) =>
        (p.start?.ms ?? p.firstSeen?.ms ?? 0) <= last && (p.end?.ms ?? Number.POSITIVE_INFINITY) >= first,
    );
    return alive.length === 1 ? alive[0] : undefined;
  }
}

/** The process key a finding belongs to, or undefined (host-level). */
function attribute(f: Finding, lookup: ProcessLookup): string | undefined {
  if (f.subject.kind === "process") return lookup.canonical(f.subject.key);
  const image = text(f.details.image);
  if (!image) return undefined;
  const host = text(f.details.attributedHost) ?? lookup.hostName(f.host);
  return lookup.byHostImage(host, image, f)?.key;
}

class GroupBuilder {
  readonly findings: Finding[] = [];

  constructor(
    readonly kind: GroupKind,
    readonly key: string,
    readonly host: string,
  ) {}

  build(
    lookup: ProcessLookup,
    minSeverity: Severity,
    facts: ProcessFacts,
    excluded: ReadonlySet<string> | undefined,
  ): ProcessGroup {
    const viewpoints: Partial<Record<Viewpoint, Severity>> = {};
    let severity: Severity = "info";
    let stage: KillChainStage | undefined;
    let attempted: KillChainStage | undefined;
    const stages = new Set<KillChainStage>();
    let benign = 0;
    let first: Finding["first"];
    let last: Finding["last"];
    for (const f of this.findings) {
      if (f.first && (!first || f.first.ms < first.ms)) first = f.first;
      if (f.last && (!last || f.last.ms > last.ms)) last = f.last;
      if (isBenign(f)) {
        benign++;
        continue;
      }
      if (severityRank(f.severity) > severityRank(severity)) severity = f.severity;
      const before = viewpoints[f.viewpoint];
      if (f.severity !== "info" && (!before || severityRank(f.severity) > severityRank(before)))
        viewpoints[f.viewpoint] = f.severity;
      if (!f.stage) continue;
      if (isAttemptDetector(f.detector)) {
        if (!attempted || stageIndex(f.stage) > stageIndex(attempted)) attempted = f.stage;
      } else {
        stages.add(f.stage);
        if (!stage || stageIndex(f.stage) > stageIndex(stage)) stage = f.stage;
      }
    }
    const score = VIEWPOINTS.reduce(
      (sum, v) => sum + (viewpoints[v] ? SEVERITY_WEIGHT[viewpoints[v]] : 0),
      0,
    );
    const ordered = [...this.findings].sort(compareFindings);
    const p = this.kind === "process" ? lookup.processes.processByKey(this.key) : undefined;
    const rc = p ? lookup.processes.rootCause(p.key) : undefined;
    const suspiciousRoot = rc !== undefined && lookup.processes.isSuspicious(rc.root);
    const rootIsSelf = suspiciousRoot && rc?.root.key === p?.key;
    const dropper = p ? lookup.processes.droppedBy(p.key)?.writer : undefined;
    return {
      kind: this.kind,
      key: this.key,
      host: p?.host ?? this.host,
      image: p?.image ?? imageOfFindings(this.findings),
      pid: p?.pid,
      commandLine: p?.commandLine,
      user: p?.user,
      rootCause: suspiciousRoot ? rootIsSelf : undefined,
      rootCauseKey: suspiciousRoot ? rc?.root.key : undefined,
      rootCauseImage: suspiciousRoot ? rc?.root.image : undefined,
      chain:
        suspiciousRoot && rc
          ? rc.chain.map((l) => ({ key: l.process.key, image: l.process.image, via: l.via }))
          : [],
      droppedBy: dropper?.image,
      state: p ? lookup.processes.state(p.key)?.state : undefined,
      stage,
      attemptedStage:
        attempted && (!stage || stageIndex(attempted) > stageIndex(stage)) ? attempted : undefined,
      stages: [...stages].sort((a, b) => stageIndex(a) - stageIndex(b)),
      severity,
      score,
      viewpoints,
      findings: ordered.map((f) => f.id),
      benignFindings: benign,
      first: first?.iso,
      last: last?.iso,
      suspicious: severityRank(severity) >= severityRank(minSeverity),
      verdict: decideVerdict(excluded ? this.findings.filter((f) => !excluded.has(f.id)) : this.findings, {
        ...facts,
        ...imageFacts(p, lookup),
        ...(suspiciousRoot && !rootIsSelf && rc && lookup.isMaliciousRoot(rc.root.key)
          ? { maliciousRoot: { key: rc.root.key, image: baseName(rc.root.image ?? "?") } }
          : {}),
      }),
    };
  }
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

/**
 * Counter-evidence the process graph knows: a valid signature by a trusted vendor, a normal path. Not for
 * dual-use tools (powershell, reg, rundll32 …): the genuine signed binary is what attackers run.
 */
function imageFacts(p: ProcessInfo | undefined, lookup: ProcessLookup): ProcessFacts {
  if (!p?.image) return {};
  if (isDualUseTool(imageName(p.image))) return { image: p.image };
  const o = lookup.processes.options;
  const sig = p.signature;
  const trusted =
    sig.state === "valid" && sig.signer !== undefined && trustedVendorIn(o.trustedVendors, sig.signer);
  return {
    image: p.image,
    ...(trusted && sig.signer !== undefined ? { trustedSignature: { signer: sig.signer } } : {}),
    normalPath:
      isInInstallFolder(normalizePath(p.image)) && classifyPath(p.image, o.deepPathDepth) === undefined,
  };
}

function imageOfFindings(findings: readonly Finding[]): string | undefined {
  for (const f of findings) {
    const image = f.subject.kind === "process" ? f.subject.image : text(f.details.image);
    if (image) return image;
  }
  return undefined;
}

/** Strongest first, then most confident, then earliest, then by id (a stable order). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.confidence - a.confidence ||
    (a.first?.ms ?? Number.POSITIVE_INFINITY) - (b.first?.ms ?? Number.POSITIVE_INFINITY) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Most severe first, then the most viewpoints (score), then the furthest stage, then earliest, then key. */
/** Verdict order in the table: what needs action first, over-detections last. */
const VERDICT_RANK: Readonly<Record<ProcessGroup["verdict"]["verdict"], number>> = {
  malicious: 2,
  suspicious: 1,
  benign: 0,
};

export function compareGroups(a: ProcessGroup, b: ProcessGroup): number {
  return (
    VERDICT_RANK[b.verdict.verdict] - VERDICT_RANK[a.verdict.verdict] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.score - a.score ||
    (b.stage ? stageIndex(b.stage) : -1) - (a.stage ? stageIndex(a.stage) : -1) ||
    (a.first ?? "\uffff").localeCompare(b.first ?? "\uffff") ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Groups `findings` per process (see the module header); most severe first. */
/** The first process this group's process dropped (wrote, then ran) that was judged malicious. */
function maliciousPayloadOf(
  g: { readonly kind: GroupKind; readonly key: string },
  lookup: ProcessLookup,
): { readonly key: string; readonly image: string } | undefined {
  if (g.kind !== "process") return undefined;
  for (const p of lookup.processes.dropped(g.key))
    if (p.key !== g.key && lookup.malicious.has(p.key))
      return { key: p.key, image: baseName(p.image ?? "?") };
  return undefined;
}

export function groupFindings(
  findings: readonly Finding[],
  processes: ProcessAnalyzer,
  addresses: HostAddresses | undefined,
  options: GroupOptions = {},
): ProcessGroup[] {
  const lookup = new ProcessLookup(processes, addresses);
  const groups = new Map<string, GroupBuilder>();
  const hostLevel: Finding[] = [];
  for (const f of findings) {
    const key = attribute(f, lookup);
    if (key === undefined) {
      hostLevel.push(f);
      continue;
    }
    let g = groups.get(key);
    if (!g) {
      g = new GroupBuilder("process", key, f.host);
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  // a host-level finding joins the one process of its host that the same detector flagged
  const flaggedBy = new Map<string, Set<string>>();
  for (const g of groups.values()) {
    const id = hostKey(g.host);
    for (const f of g.findings) {
      const k = `${id}|${f.detector}`;
      const set = flaggedBy.get(k);
      if (set) set.add(g.key);
      else flaggedBy.set(k, new Set([g.key]));
    }
  }
  for (const f of hostLevel) {
    const host = lookup.hostName(f.host);
    const flagged = flaggedBy.get(`${hostKey(host)}|${f.detector}`);
    const only = flagged?.size === 1 ? [...flagged][0] : undefined;
    const target = only === undefined ? undefined : groups.get(only);
    if (target) {
      target.findings.push(f);
      continue;
    }
    const key = `host:${host}`;
    let g = groups.get(key);
    if (!g) {
      g = new GroupBuilder("host", key, host);
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  const minSeverity = options.minSeverity ?? "medium";
  const facts: ProcessFacts = { reputationChecked: options.reputationChecked ?? false };
  // root causes first, so a process of a malicious chain can carry that as evidence
  const builders = [...groups.values()];
  const isRoot = (g: GroupBuilder) =>
    g.kind === "process" && lookup.processes.rootCause(g.key)?.root.key === g.key;
  const order = [...builders.filter(isRoot), ...builders.filter((g) => !isRoot(g))];
  const judge = (): ProcessGroup[] =>
    order.map((g) => {
      const payload = maliciousPayloadOf(g, lookup);
      const group = g.build(
        lookup,
        minSeverity,
        payload ? { ...facts, maliciousPayload: payload } : facts,
        options.excluded,
      );
      if (group.verdict.verdict === "malicious") lookup.malicious.add(group.key);
      return group;
    });
  let built = judge();
  // a dropper whose payload came out malicious is malicious too; its chain is judged again with that
  if (built.some((g) => g.verdict.verdict !== "malicious" && maliciousPayloadOf(g, lookup))) built = judge();
  return built.sort(compareGroups);
}
