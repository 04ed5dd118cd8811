/**
 * The detection stage: Sigma matches → findings. Runs a rule matcher (a SigmaEngine) on every event
 * and folds the matches into one finding per (rule, subject process): severity from the rule's level,
 * stage from its `kill_chain` attribute or ATT&CK tactic tags, viewpoint from its logsource category,
 * evidence = the matched events' provenance (bounded). The subject is the acting process
 * (`ProcessGuid`, else host + PID); `finish` can hand each one to a resolver (the process graph) so
 * that a Security 4688 and a Sysmon 1 of the same process become one subject, and one finding.
 * Input: events (`observe`). Output: findings (`finish`), counters (`stats`). State is bounded by
 * `maxFindings` (rule × subject pairs); matches beyond it are counted, not kept.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { guidField, intField, textField } from "../analytics/process/event-fields.js";
import { imageName } from "../analytics/process/image-families.js";
import { Evidence } from "../analytics/network/evidence.js";
import type { Analyzer, Finding } from "../findings/finding.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import type { SigmaRule } from "../sigma/rule-model.js";
import {
  ruleConfidence,
  ruleSeverity,
  ruleStage,
  ruleTechniques,
  ruleViewpoint,
} from "./detection-rule-mapping.js";
import { provenanceLocation } from "./analyze.js";

/** What the stage needs of the engine (SigmaEngine has it). */
export interface EventMatcher {
  match(event: Event): readonly RuleMatch[];
}

/** The process a match is about, as the event names it. */
export interface MatchedProcess {
  readonly host: string;
  /** ProcessGuid (SourceProcessGuid for process access / remote threads), when the event has one */
  readonly guid: string | undefined;
  readonly pid: number | undefined;
  readonly image: string | undefined;
  /** True when the event is the process's creation (its time is the start time) */
  readonly creation: boolean;
  /** Time of the first matched event, ms (undefined without a time) */
  readonly ms: number | undefined;
  /** ISO time of that event, for the `host|pid|start` key of a creation without GUID */
  readonly iso: string | undefined;
}

/** What a resolver answers for a MatchedProcess: the process's canonical key, image and PID. */
export interface ResolvedProcess {
  readonly key: string;
  readonly image?: string;
  readonly pid?: number;
}

export interface DetectionStageOptions {
  /** Rule × subject pairs kept (default 100 000); matches beyond are counted in `stats` */
  readonly maxFindings?: number;
  /** Where an engine failure on one event is reported (E_INTERNAL, located at the event) */
  readonly diagnostics?: Diagnostics;
  /** Called in `finish` for each subject process; undefined keeps the event's own key */
  readonly resolveProcess?: (p: MatchedProcess) => ResolvedProcess | undefined;
}

interface Pending {
  readonly rule: SigmaRule;
  readonly process: MatchedProcess | undefined;
  readonly host: string;
  readonly evidence: Evidence;
  readonly commandLine: string | undefined;
}

const DEFAULT_MAX_FINDINGS = 100_000;
/** Longest command line kept in a finding's details. */
const MAX_COMMAND_LINE = 1_000;
/** Categories whose acting process is the Source* one. */
const SOURCE_PROCESS_CATEGORIES: ReadonlySet<string> = new Set(["process_access", "create_remote_thread"]);

/** The process an event is about, or undefined when it names none. */
export function matchedProcess(event: Event): MatchedProcess | undefined {
  const f = event.fields;
  const category = event.logsource.category ?? "";
  const source = SOURCE_PROCESS_CATEGORIES.has(category);
  const guid = source ? guidField(f, "SourceProcessGuid", "SourceProcessGUID") : guidField(f, "ProcessGuid");
  const pid = source ? intField(f, "SourceProcessId") : intField(f, "ProcessId");
  if (guid === undefined && pid === undefined) return undefined;
  const creation = category === "process_creation";
  return {
    host: event.host,
    guid,
    pid,
    image: source ? textField(f, "SourceImage") : textField(f, "Image"),
    creation,
    ms: event.time?.ms,
    iso: event.time?.iso,
  };
}

/**
 * The key a process has before any resolution: its GUID; for a creation without one the process
 * graph's own `host|pid|start` key; else `host|pid|?` (a PID at an unknown start).
 */
export function ownProcessKey(p: MatchedProcess): string {
  if (p.guid !== undefined) return p.guid;
  return `${p.host}|${p.pid}|${p.creation ? (p.iso ?? "-") : "?"}`;
}

function ruleKey(rule: SigmaRule): string {
  return rule.id ?? `${rule.source.file}:${rule.source.line}`;
}

/** Sigma matches folded into findings (see the module header). */
export class DetectionStage implements Analyzer {
  readonly name = "sigma";
  private readonly pending = new Map<string, Pending>();
  private readonly maxFindings: number;
  private readonly counts = { events: 0, matches: 0, matchesNotKept: 0, engineErrors: 0 };
  private readonly perRule = new Map<SigmaRule, number>();

  constructor(
    private readonly matcher: EventMatcher,
    private readonly options: DetectionStageOptions = {},
  ) {
    this.maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  }

  observe(event: Event): void {
    this.counts.events++;
    let matches: readonly RuleMatch[];
    try {
      matches = this.matcher.match(event);
    } catch (e) {
      // one event the engine cannot take must not end the run (as in hunt)
      this.counts.engineErrors++;
      this.options.diagnostics?.fromError(e, "E_INTERNAL", provenanceLocation(event.provenance));
      return;
    }
    if (matches.length === 0) return;
    const process = matchedProcess(event);
    const subject = process ? ownProcessKey(process) : `host:${event.host}`;
    for (const m of matches) this.add(m.rule, event, process, subject);
  }

  finish(): Finding[] {
    const merged = new Map<string, { p: Pending; resolved: ResolvedProcess | undefined }>();
    for (const p of this.pending.values()) {
      const resolved = p.process ? this.resolve(p.process) : undefined;
      const key = `${ruleKey(p.rule)}\u0000${resolved?.key ?? `host:${p.host}`}`;
      const before = merged.get(key);
      if (before) before.p.evidence.merge(p.evidence);
      else merged.set(key, { p, resolved });
    }
    return [...merged.values()].map(({ p, resolved }) => toFinding(p, resolved));
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.counts, pairs: this.pending.size, rulesMatched: this.perRule.size };
  }

  /** Matches per rule (rules that matched at least once), for the run report. */
  matchesPerRule(): ReadonlyMap<SigmaRule, number> {
    return this.perRule;
  }

  private add(rule: SigmaRule, event: Event, process: MatchedProcess | undefined, subject: string): void {
    this.counts.matches++;
    this.perRule.set(rule, (this.perRule.get(rule) ?? 0) + 1);
    const key = `${ruleKey(rule)}\u0000${subject}`;
    let p = this.pending.get(key);
    if (!p) {
      if (this.pending.size >= this.maxFindings) {
        this.counts.matchesNotKept++;
        return;
      }
      const cmd = textField(event.fields, "CommandLine");
      p = {
        rule,
        process,
        host: event.host,
        evidence: new Evidence(),
        commandLine: cmd === undefined ? undefined : cmd.slice(0, MAX_COMMAND_LINE),
      };
      this.pending.set(key, p);
    }
    p.evidence.add(event);
  }

  private resolve(p: MatchedProcess): ResolvedProcess {
    const own: ResolvedProcess = { key: ownProcessKey(p), image: p.image, pid: p.pid };
    const found = this.options.resolveProcess?.(p);
    if (!found) return own;
    return { key: found.key, image: found.image ?? p.image, pid: found.pid ?? p.pid };
  }
}

function toFinding(p: Pending, resolved: ResolvedProcess | undefined): Finding {
  const { rule } = p;
  const ev = p.evidence;
  const level = rule.level ?? "medium";
  const name = resolved?.image ? imageName(resolved.image) : "";
  const n = ev.count;
  const countEn = n > 1 ? ` (${n} events)` : "";
  const countJa = n > 1 ? `（${n} 件）` : "";
  const onEn = name
    ? `${name} on ${p.host || "an unnamed host"}`
    : `an event on ${p.host || "an unnamed host"}`;
  const onJa = name
    ? `${p.host || "名前のないホスト"} の ${name}`
    : `${p.host || "名前のないホスト"} のイベント`;
  const details: Record<string, string | number | readonly string[]> = {
    ruleId: rule.id ?? "",
    ruleTitle: rule.title,
    level,
    rule: `${rule.source.file}:${rule.source.line}`,
    tags: [...rule.tags],
  };
  if (rule.logsource.category) details.category = rule.logsource.category;
  if (resolved?.image) details.image = resolved.image;
  if (p.commandLine !== undefined) details.commandLine = p.commandLine;
  const stage = ruleStage(rule);
  return {
    id: `sigma:${ruleKey(rule)}:${resolved?.key ?? `host:${p.host}`}`,
    detector: `sigma:${ruleKey(rule)}`,
    viewpoint: ruleViewpoint(rule),
    severity: ruleSeverity(rule),
    confidence: ruleConfidence(rule),
    ...(stage !== undefined && { stage }),
    attack: ruleTechniques(rule),
    host: p.host,
    subject: resolved
      ? {
          kind: "process",
          key: resolved.key,
          ...(resolved.image !== undefined && { image: resolved.image }),
          ...(resolved.pid !== undefined && { pid: resolved.pid }),
        }
      : { kind: "host" },
    first: ev.first,
    last: ev.last,
    evidence: ev.provenances(),
    evidenceCount: n,
    message: {
      en: `Sigma rule "${rule.title}" (${level}) matched ${onEn}${countEn}.`,
      ja: `Sigma ルール「${rule.title}」(${level}) が ${onJa} に一致しました${countJa}。`,
    },
    details,
  };
}
