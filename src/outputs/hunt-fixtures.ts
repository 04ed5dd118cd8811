/**
 * Test support for the hunt tests (not used by the product): small hand-made Sigma rule metadata,
 * normalized events and matches, and a stand-in matcher that matches by a predicate. Input: the fields
 * that matter to a test. Output: complete SigmaRule / Event / RuleMatch objects with neutral defaults.
 */
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { CompiledRule } from "../sigma/compiled-rule.js";
import type { SigmaRule } from "../sigma/rule-model.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";

/** A rule with defaults (`title` "Test rule", no id, no level) overridden by `over`. */
export function testRule(over: Partial<SigmaRule> = {}): SigmaRule {
  return {
    kind: "rule",
    id: undefined,
    name: undefined,
    title: "Test rule",
    status: undefined,
    level: undefined,
    description: undefined,
    author: undefined,
    date: undefined,
    modified: undefined,
    tags: [],
    references: [],
    falsepositives: [],
    fields: [],
    logsource: {},
    source: { file: "rules/test.yml", line: 1 },
    custom: {},
    ...over,
  };
}

export interface TestEventInput {
  readonly iso?: string;
  readonly host?: string;
  readonly channel?: string;
  readonly eventId?: number;
  readonly recordId?: number | bigint;
  readonly category?: string;
  readonly fields?: Fields;
  readonly file?: string;
  readonly offset?: number;
}

/** A Windows event (Sysmon process creation unless told otherwise) with the System fields filled in. */
export function testEvent(input: TestEventInput = {}): Event {
  const channel = input.channel ?? "Microsoft-Windows-Sysmon/Operational";
  const eventId = input.eventId ?? 1;
  const host = input.host ?? "WS1.corp.local";
  const iso = input.iso === undefined ? "2020-05-02T03:40:19.1234567Z" : input.iso;
  const category = input.category ?? "process_creation";
  return {
    kind: "windows",
    time: iso === "" ? undefined : { iso, ms: Date.parse(iso) },
    host,
    identity: { provider: "Microsoft-Windows-Sysmon", channel, eventId, recordId: input.recordId },
    logsource: { product: "windows", service: "sysmon", category, categories: [category] },
    fields: {
      EventID: eventId,
      Channel: channel,
      Provider_Name: "Microsoft-Windows-Sysmon",
      Computer: host,
      ...(input.recordId === undefined ? {} : { EventRecordID: input.recordId }),
      ...input.fields,
    },
    provenance: {
      file: input.file ?? "logs/sysmon.evtx",
      format: "evtx",
      offset: input.offset ?? 4096,
      recordId: input.recordId,
    },
  };
}

/** A match of `rule` on `event`. */
export function testMatch(rule: SigmaRule, event: Event): RuleMatch {
  return { rule, event };
}

/** A compiled rule that matches the events `predicate` accepts (a stand-in for the real compiler). */
export function testCompiled(rule: SigmaRule, predicate: (e: Event) => boolean = () => true): CompiledRule {
  return { rule, matches: predicate };
}
