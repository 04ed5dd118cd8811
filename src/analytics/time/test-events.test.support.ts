/**
 * Test support for the location and time analyzers: normalized events built by hand for a case, and
 * a stream of real events from files (read → normalize, the way the pipeline does it).
 */
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Event, EventKind } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { readPaths } from "../../readers/read-paths.js";

export interface TestEventInit {
  readonly kind?: EventKind;
  /** ISO time, or undefined for an event without time */
  readonly time?: string;
  readonly host?: string;
  readonly channel?: string;
  readonly eventId?: number;
  readonly service?: string;
  readonly category?: string;
  readonly fields?: Fields;
  /** Line in the fake source file (for provenance checks) */
  readonly line?: number;
}

let nextLine = 1;

/** A normalized event as the normalizer would produce it, with only what a case needs. */
export function testEvent(init: TestEventInit): Event {
  const kind = init.kind ?? "windows";
  const time = init.time === undefined ? undefined : { iso: init.time, ms: Date.parse(init.time) };
  return {
    kind,
    time,
    host: init.host ?? "",
    identity: {
      provider: kind === "network" ? "zeek" : "test",
      channel: init.channel ?? (kind === "network" ? "conn" : "Microsoft-Windows-Sysmon/Operational"),
      eventId: init.eventId ?? 0,
    },
    logsource: {
      product: kind === "network" ? "zeek" : "windows",
      ...(init.service ? { service: init.service } : {}),
      ...(init.category ? { category: init.category } : {}),
    },
    fields: init.fields ?? {},
    provenance: { file: "case.jsonl", format: "json", line: init.line ?? nextLine++ },
  };
}

/** Sysmon 1 process creation. */
export function processEvent(time: string, host: string, user: string, line?: number): Event {
  return testEvent({
    time,
    host,
    eventId: 1,
    service: "sysmon",
    category: "process_creation",
    fields: { Image: "C:\\Windows\\System32\\cmd.exe", User: user },
    line,
  });
}

/** Security 4624 logon. */
export function logonEvent(time: string, host: string, domain: string, user: string, logonType = 2): Event {
  return testEvent({
    time,
    host,
    channel: "Security",
    eventId: 4624,
    service: "security",
    fields: { TargetDomainName: domain, TargetUserName: user, LogonType: String(logonType) },
  });
}

/** Zeek conn record from `src` to `dst`. */
export function connEvent(time: string | undefined, src: string, dst: string, line?: number): Event {
  return testEvent({
    kind: "network",
    time,
    channel: "conn",
    service: "conn",
    category: "firewall",
    fields: { SourceIp: src, DestinationIp: dst, SourcePort: 50000, DestinationPort: 443, Protocol: "tcp" },
    line,
  });
}

/** Reads and normalizes every file under `paths`, handing each event to `onEvent`. */
export async function forEachEvent(
  paths: readonly string[],
  onEvent: (event: Event) => void,
  diagnostics = new Diagnostics(20),
): Promise<Diagnostics> {
  const normalizer = createNormalizer();
  for await (const batch of readPaths(paths, { diagnostics })) {
    for (const record of batch.records) {
      const event = normalizer.normalize(record, diagnostics);
      if (event) onEvent(event);
    }
  }
  return diagnostics;
}
