/**
 * Test support for the correlation engine tests: events at T0 + seconds, rules from YAML text, and a
 * run that feeds matches and summarises every hit in seconds (with when it came: on a push or at flush).
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import {
  CorrelationEngine,
  type CorrelationEngineOptions,
  type CorrelationMatch,
} from "./correlation-engine.js";
import { type CorrelationRule, isCorrelationRule, parseCorrelationRule } from "./correlation-rule.js";

export const T0 = Date.UTC(2024, 0, 1);

export function ev(sec: number, fields: Fields): Event {
  const ms = T0 + sec * 1000;
  return {
    kind: "windows",
    time: { iso: new Date(ms).toISOString(), ms },
    host: "host",
    identity: { provider: "test", channel: "Security", eventId: 0 },
    logsource: {},
    fields,
    provenance: { file: "test.evtx", format: "evtx" },
  };
}

export function rules(yaml: string): CorrelationRule[] {
  return parseAllDocuments(yaml).map((d, i) => {
    const r = parseCorrelationRule(d.toJS(), { file: "test.yml", line: i + 1 });
    if (!isCorrelationRule(r)) assert.fail(r.reason);
    return r;
  });
}

export type Feed = readonly [ref: string, sec: number, fields: Fields];
export interface Hit {
  readonly title: string;
  readonly group: Record<string, string>;
  readonly first: number;
  readonly last: number;
  readonly events: number;
  readonly value: number;
  /** "push@<sec>" or "flush" */
  readonly when: string;
}

export function run(
  rs: CorrelationRule[],
  feed: readonly Feed[],
  options?: CorrelationEngineOptions,
): { hits: Hit[]; engine: CorrelationEngine } {
  const engine = new CorrelationEngine(rs, options);
  const hits: Hit[] = [];
  const s = (ms: number) => (ms - T0) / 1000;
  const add = (ms: CorrelationMatch[], when: string) => {
    for (const m of ms) {
      hits.push({
        title: m.rule.title,
        group: m.group,
        first: s(m.firstTime.ms),
        last: s(m.lastTime.ms),
        events: m.events.length,
        value: m.value,
        when,
      });
    }
  };
  for (const [ref, sec, fields] of feed)
    add(engine.push({ ruleName: ref, event: ev(sec, fields) }), `push@${sec}`);
  add(engine.flush(), "flush");
  return { hits, engine };
}
