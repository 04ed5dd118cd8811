/**
 * Applies analyst decisions to a run's findings: the DecisionFilter of src/incidents/applied-decisions.ts.
 * Input: the decisions in force (revoked ones are ignored) and, per run, the findings with a way to get
 * each finding's facts (host, image, sha256, command line, file path, detector). Output: which findings stay
 * active, which an over-detection decision suppressed, and which a malware confirmation covers.
 *
 * A finding matches a decision when its host is in the decision's host scope and its facts hold the match
 * (and the finding's detector is the one named, when the decision names one). When benign and malicious
 * decisions both match, malicious wins (an analyst's "this is malware" outranks "this is noise" — missing a
 * confirmed infection costs more than one extra alert). Among several of the same verdict the earliest
 * decision (by time, then id) is the one reported, so the outcome does not depend on the order given.
 * Counter-evidence findings (`details.benign === true`) are never touched: they already argue for the
 * process. The decisions are indexed by sha256, normalized path, detector + image and command-line prefix,
 * so the work per finding does not grow with the number of decisions (except unindexable patterns).
 */
import type { Finding } from "../findings/finding.js";
import type {
  DecidedFinding,
  DecisionFilter,
  DecisionOutcome,
  FindingFacts,
} from "../incidents/applied-decisions.js";
import { compareDecisions, type Decision, type HostScope } from "./decision.js";
import { compileWildcard, type WildcardPattern, wildcardChars } from "./wildcard-pattern.js";

/** A decision with its rank in the deterministic order (earliest first). */
interface Ranked {
  readonly decision: Decision;
  readonly rank: number;
}

interface RankedPattern extends Ranked {
  readonly pattern: WildcardPattern;
}

/** Command-line patterns are bucketed by their literal start (or end), cut to this many characters. */
const AFFIX_LENGTH = 64;

/** Distinct command lines whose pattern matches are remembered (then the memo starts over). */
const MEMO_LIMIT = 10_000;

/** A path as compared: lower-case, `/` as `\`. */
export function normalizeDecisionPath(path: string): string {
  return path.trim().replaceAll("/", "\\").toLowerCase();
}

function baseName(normalized: string): string {
  return normalized.slice(normalized.lastIndexOf("\\") + 1);
}

/** The keys an image is found under in the rule-on-image index: its full path and its file name. */
function imageKeys(image: string): string[] {
  const p = normalizeDecisionPath(image);
  return p.includes("\\") ? [`path:${p}`, `name:${baseName(p)}`] : [`name:${p}`];
}

/** The key of a decision's image: a full path, or a bare file name. */
function decisionImageKey(image: string): string {
  const p = normalizeDecisionPath(image);
  return p.includes("\\") ? `path:${p}` : `name:${p}`;
}

/**
 * True when a finding on `host` is in the scope: same name ignoring case, or a bare name (no dot) equal
 * to the first label of the other side's fully qualified name (`WS1` ≙ `ws1.corp.example`).
 */
export function hostInScope(scope: HostScope, host: string): boolean {
  if (scope.kind === "all") return true;
  const a = scope.host.toLowerCase();
  const b = host.toLowerCase();
  if (a === b) return true;
  if (!a.includes(".")) return b.startsWith(`${a}.`);
  if (!b.includes(".")) return a.startsWith(`${b}.`);
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Patterns by a literal end of theirs (start or end, as `cut` takes it): a text is looked up once per
 * distinct key length, so the cost per text is bounded by AFFIX_LENGTH lookups, not the pattern count.
 */
class AffixIndex {
  private readonly byKey = new Map<string, RankedPattern[]>();
  private readonly lengths = new Set<number>();

  constructor(private readonly cut: (text: string, n: number) => string) {}

  add(key: string, p: RankedPattern): void {
    push(this.byKey, key, p);
    this.lengths.add(key.length);
  }

  /** The patterns whose key is the start (or end) of `lowered`. */
  candidates(lowered: string): RankedPattern[] {
    const out: RankedPattern[] = [];
    for (const n of this.lengths) {
      if (n > lowered.length) continue;
      const bucket = this.byKey.get(this.cut(lowered, n));
      if (bucket) out.push(...bucket);
    }
    return out;
  }
}

/** The decisions in force, indexed by what they match on. */
class DecisionIndex {
  readonly bySha256 = new Map<string, Ranked[]>();
  readonly byPath = new Map<string, Ranked[]>();
  /** detector → image key → decisions */
  readonly byRuleImage = new Map<string, Map<string, Ranked[]>>();
  /** command-line patterns narrowed to one detector, by that detector */
  readonly patternsByDetector = new Map<string, RankedPattern[]>();
  /** other patterns with a literal start, by it (cut to AFFIX_LENGTH) */
  readonly patternsByPrefix = new AffixIndex((text, n) => text.slice(0, n));
  /** other patterns starting with a wildcard but ending with a literal, by that end (cut to AFFIX_LENGTH) */
  readonly patternsBySuffix = new AffixIndex((text, n) => text.slice(text.length - n));
  /** patterns with a wildcard at both ends: tried on every command line */
  readonly patternsToScan: RankedPattern[] = [];
  private readonly memo = new Map<string, readonly RankedPattern[]>();

  constructor(decisions: readonly Decision[]) {
    const sorted = decisions.filter((d) => !d.revoked).sort(compareDecisions);
    sorted.forEach((decision, rank) => {
      const r: Ranked = { decision, rank };
      const m = decision.scope.match;
      switch (m.kind) {
        case "sha256":
          push(this.bySha256, m.sha256.toLowerCase(), r);
          break;
        case "path":
          push(this.byPath, normalizeDecisionPath(m.path), r);
          break;
        case "rule-on-image": {
          const detector = m.detector.toLowerCase();
          let images = this.byRuleImage.get(detector);
          if (!images) {
            images = new Map();
            this.byRuleImage.set(detector, images);
          }
          push(images, decisionImageKey(m.image), r);
          break;
        }
        case "command-line": {
          const p: RankedPattern = { ...r, pattern: compileWildcard(m.pattern) };
          const { literalPrefix, literalSuffix } = p.pattern;
          if (m.detector !== undefined) push(this.patternsByDetector, m.detector.toLowerCase(), p);
          else if (literalPrefix !== "") this.patternsByPrefix.add(literalPrefix.slice(0, AFFIX_LENGTH), p);
          else if (literalSuffix !== "") this.patternsBySuffix.add(literalSuffix.slice(-AFFIX_LENGTH), p);
          else this.patternsToScan.push(p);
          break;
        }
      }
    });
  }

  /** The un-narrowed patterns matching `commandLine` (remembered per distinct command line). */
  private patternsMatching(commandLine: string): readonly RankedPattern[] {
    const known = this.memo.get(commandLine);
    if (known) return known;
    const lowered = commandLine.toLowerCase();
    const tried = [
      ...this.patternsByPrefix.candidates(lowered),
      ...this.patternsBySuffix.candidates(lowered),
      ...this.patternsToScan,
    ];
    const chars = tried.length > 0 ? wildcardChars(commandLine) : [];
    const hits = tried.filter((p) => p.pattern.matchesChars(chars));
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(commandLine, hits);
    return hits;
  }

  /** Every decision whose match holds for `facts` (host and detector narrowing not yet checked). */
  candidates(facts: FindingFacts, detector: string): Ranked[] {
    const out: Ranked[] = [];
    if (facts.sha256) out.push(...(this.bySha256.get(facts.sha256.toLowerCase()) ?? []));
    const paths = new Set<string>();
    if (facts.path) paths.add(normalizeDecisionPath(facts.path));
    if (facts.image) paths.add(normalizeDecisionPath(facts.image));
    for (const p of paths) out.push(...(this.byPath.get(p) ?? []));
    const images = this.byRuleImage.get(detector);
    if (images && facts.image) for (const k of imageKeys(facts.image)) out.push(...(images.get(k) ?? []));
    if (facts.commandLine !== undefined && facts.commandLine !== "") {
      out.push(...this.patternsMatching(facts.commandLine));
      const narrowed = this.patternsByDetector.get(detector);
      if (narrowed) {
        const chars = wildcardChars(facts.commandLine);
        for (const p of narrowed) if (p.pattern.matchesChars(chars)) out.push(p);
      }
    }
    return out;
  }
}

/** True when the decision's optional detector narrowing admits `detector`. */
function detectorAdmits(d: Decision, detector: string): boolean {
  const m = d.scope.match;
  return m.kind === "rule-on-image" || m.detector === undefined || m.detector.toLowerCase() === detector;
}

/**
 * The DecisionFilter for `decisions` (revoked ones are ignored). Each finding is matched against every
 * decision in force; see the module comment for the rules. The filter keeps no state between runs except
 * a bounded memo of command-line matches.
 */
export function decisionFilter(decisions: readonly Decision[]): DecisionFilter {
  const index = new DecisionIndex(decisions);
  return (findings: readonly Finding[], factsOf: (finding: Finding) => FindingFacts): DecisionOutcome => {
    const active: Finding[] = [];
    const suppressed: DecidedFinding[] = [];
    const confirmed: DecidedFinding[] = [];
    for (const finding of findings) {
      if (finding.details.benign === true) {
        active.push(finding);
        continue;
      }
      const facts = factsOf(finding);
      const detector = facts.detector.toLowerCase();
      let benign: Ranked | undefined;
      let malicious: Ranked | undefined;
      for (const c of index.candidates(facts, detector)) {
        if (!detectorAdmits(c.decision, detector) || !hostInScope(c.decision.scope.hosts, facts.host))
          continue;
        if (c.decision.verdict === "malicious") {
          if (!malicious || c.rank < malicious.rank) malicious = c;
        } else if (!benign || c.rank < benign.rank) benign = c;
      }
      const chosen = malicious ?? benign;
      if (!chosen) {
        active.push(finding);
        continue;
      }
      const decided: DecidedFinding = {
        finding,
        decisionId: chosen.decision.id,
        reason: chosen.decision.reason,
      };
      if (chosen === malicious) {
        active.push(finding);
        confirmed.push(decided);
      } else suppressed.push(decided);
    }
    return { active, suppressed, confirmed };
  };
}
