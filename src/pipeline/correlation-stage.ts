/**
 * Sigma correlation rules in `analyze`: bursts a single-event rule cannot express (many failed logons
 * for one account, many Kerberos service tickets from one client …). Input: the detection-rule matches
 * of the run (the stage wraps the Sigma engine the DetectionStage uses, so every match passes through
 * it) and the loaded correlation rules. Output: one finding per correlation match and group (viewpoint
 * `frequency`, severity from the correlation's level, stage from its `kill_chain` or tactic tags), the
 * correlations' figures in `stats`. Building-block rules (referenced with `generate: false`) do not
 * report on their own. Matches are held bounded (HuntCorrelator's `maxPending`), then correlated in time
 * order at `finish`. Correlations that cannot be parsed or resolved are reported to the diagnostics
 * (E_CONFIG warning, located at the rule) and skipped.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { Evidence } from "../analytics/network/evidence.js";
import type { Analyzer, Finding } from "../findings/finding.js";
import { correlationFromDocument } from "../sigma/correlation/correlation-document.js";
import type { CorrelationMatch } from "../sigma/correlation/correlation-engine.js";
import {
  resolveCorrelationRules,
  standaloneRuleFilter,
} from "../sigma/correlation/correlation-references.js";
import {
  correlationAsRule,
  type CorrelationRule,
  isCorrelationRule,
} from "../sigma/correlation/correlation-rule.js";
import type { LoadedRules } from "../sigma/rule-loader.js";
import type { SigmaRule } from "../sigma/rule-model.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import { ruleConfidence, ruleSeverity, ruleStage, ruleTechniques } from "./detection-rule-mapping.js";
import { type EventMatcher, matchedProcess } from "./detection-stage.js";
import { HuntCorrelator } from "./hunt-correlation.js";

/** Correlation findings kept (one per correlation match); more are counted in `stats`. */
const MAX_CORRELATION_FINDINGS = 10_000;
/** Group values shown in a finding's message. */
const MAX_GROUP_TEXT = 200;

/** The loaded correlations that parse and resolve; the others go to `diagnostics` (E_CONFIG warnings). */
export function runnableCorrelations(loaded: LoadedRules, diagnostics: Diagnostics): CorrelationRule[] {
  const parsed: CorrelationRule[] = [];
  const rejected: { reason: string; file: string; line: number }[] = [];
  for (const raw of loaded.correlations) {
    const c = correlationFromDocument(raw);
    if (isCorrelationRule(c)) parsed.push(c);
    else rejected.push({ reason: c.reason, file: c.source.file, line: c.source.line });
  }
  const resolved = resolveCorrelationRules(
    parsed,
    loaded.rules.map((r) => r.rule),
  );
  for (const r of resolved.rejected)
    rejected.push({ reason: r.reason, file: r.source.file, line: r.source.line });
  for (const r of rejected)
    diagnostics.warn("E_CONFIG", `correlation rule skipped by analyze: ${r.reason}`, {
      file: r.file,
      line: r.line,
    });
  return [...resolved.rules];
}

/** Runs correlation rules over the detection matches of an analyze run (see the module header). */
export class CorrelationStage implements Analyzer {
  readonly name = "sigma-correlation";
  private readonly correlator: HuntCorrelator;
  private readonly standalone: (rule: SigmaRule) => boolean;
  private readonly counts = { correlations: 0, fed: 0, matches: 0, findingsNotKept: 0, overflow: 0 };

  constructor(private readonly correlations: readonly CorrelationRule[]) {
    this.correlator = new HuntCorrelator({ rules: correlations });
    this.standalone = standaloneRuleFilter(correlations);
    this.counts.correlations = correlations.length;
  }

  /** The matcher the DetectionStage should use: `inner`'s matches, held for the correlations, minus building blocks. */
  wrap(inner: EventMatcher): EventMatcher {
    if (this.correlations.length === 0) return inner;
    return {
      match: (event: Event): readonly RuleMatch[] => {
        const matches = inner.match(event);
        if (matches.length === 0) return matches;
        for (const m of matches) this.correlator.add(m);
        return matches.filter((m) => this.standalone(m.rule));
      },
    };
  }

  observe(_event: Event): void {
    // matches arrive through `wrap`
  }

  finish(): Finding[] {
    if (this.correlations.length === 0) return [];
    const { matches, result } = this.correlator.finish();
    this.counts.fed = result.fed;
    this.counts.overflow = result.overflow;
    this.counts.matches = matches.length;
    const byId = new Map<string, Finding>();
    for (const m of matches) {
      const f = toFinding(m);
      if (byId.has(f.id)) continue; // the same group matching again later: one finding
      if (byId.size >= MAX_CORRELATION_FINDINGS) {
        this.counts.findingsNotKept++;
        continue;
      }
      byId.set(f.id, f);
    }
    return [...byId.values()];
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }
}

function groupText(group: Readonly<Record<string, string>>): string {
  const text = Object.entries(group)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return text.length > MAX_GROUP_TEXT ? `${text.slice(0, MAX_GROUP_TEXT)}…` : text;
}

/**
 * The one process every event of the match names by GUID (e.g. a scanner's many connections), so the
 * finding joins that process's incident; undefined when the events name none or several.
 */
function soleProcess(events: readonly Event[]): Finding["subject"] | undefined {
  let guid: string | undefined;
  let image: string | undefined;
  for (const e of events) {
    const p = matchedProcess(e);
    if (p?.guid === undefined || (guid !== undefined && p.guid !== guid)) return undefined;
    guid = p.guid;
    image ??= p.image;
  }
  return guid === undefined
    ? undefined
    : { kind: "process", key: guid, ...(image !== undefined && { image }) };
}

function toFinding(m: CorrelationMatch): Finding {
  const rule = correlationAsRule(m.rule);
  const host = m.events[0]?.host ?? "";
  const ev = new Evidence();
  for (const e of m.events) ev.add(e);
  const key = m.rule.id ?? m.rule.name ?? `${m.rule.source.file}:${m.rule.source.line}`;
  const group = groupText(m.group);
  const level = rule.level ?? "medium";
  const stage = ruleStage(rule);
  const on = host || "an unnamed host";
  const onJa = host || "名前のないホスト";
  const details: Record<string, string | number | readonly string[]> = {
    ruleId: m.rule.id ?? "",
    ruleTitle: m.rule.title,
    level,
    rule: `${m.rule.source.file}:${m.rule.source.line}`,
    tags: [...m.rule.tags],
    correlation: m.rule.type,
    value: m.value,
    timespan: m.rule.timespan.text,
  };
  if (group) details.group = group;
  return {
    id: `sigma:${key}:host:${host}:${group}`,
    detector: `sigma:${key}`,
    viewpoint: "frequency",
    severity: ruleSeverity(rule),
    confidence: ruleConfidence(rule),
    ...(stage !== undefined && { stage }),
    attack: ruleTechniques(rule),
    host,
    subject: soleProcess(m.events) ?? { kind: "host" },
    first: m.firstTime,
    last: m.lastTime,
    evidence: ev.provenances(),
    evidenceCount: m.events.length,
    message: {
      en: `Sigma correlation "${m.rule.title}" (${level}) on ${on}: ${m.value} within ${m.rule.timespan.text}${group ? ` (${group})` : ""}.`,
      ja: `Sigma 相関ルール「${m.rule.title}」(${level}) が ${onJa} で成立: ${m.rule.timespan.text} 以内に ${m.value}${group ? `（${group}）` : ""}。`,
    },
    details,
  };
}
