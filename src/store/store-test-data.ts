/**
 * Test support for the store conformance suite: hand-built events that carry every FieldValue type and
 * every optional part of an Event, and small findings and incidents. Input: nothing (or overrides).
 * Output: plain objects; no file is read, so every back end gets exactly the same input.
 */
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { Finding } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import type { Incident, IncidentState } from "../incidents/incident.js";
import type { Verdict } from "../incidents/verdict.js";

const T0 = Date.UTC(2026, 2, 2, 9, 14, 3, 214);

function time(offsetMs: number): { iso: string; ms: number } {
  const ms = T0 + offsetMs;
  return { iso: new Date(ms).toISOString(), ms };
}

/** A Sysmon process creation on `host` with record id `recordId`. */
export function sysmonEvent(
  host: string,
  recordId: number | bigint,
  offsetMs: number,
  extra: Fields = {},
): Event {
  return {
    kind: "windows",
    time: time(offsetMs),
    host,
    identity: {
      provider: "Microsoft-Windows-Sysmon",
      channel: "Microsoft-Windows-Sysmon/Operational",
      eventId: 1,
      recordId,
    },
    logsource: {
      product: "windows",
      service: "sysmon",
      category: "process_creation",
      categories: ["process_creation"],
    },
    fields: {
      EventID: 1,
      Computer: host,
      EventRecordID: recordId,
      Image: "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe",
      CommandLine: '"invoice.pdf.exe" /q',
      User: "CORP\\tanaka",
      Hashes:
        "MD5=0123456789ABCDEF0123456789ABCDEF,SHA256=AB0B29C6F1F2E4E4C1C9B3C0D7A1E9F00112233445566778899AABBCCDDEEFF0",
      ...extra,
    },
    provenance: {
      file: `${host}_Sysmon.evtx`,
      format: "evtx",
      offset: 0x1200 + offsetMs,
      chunk: 0,
      recordId,
    },
  };
}

/** A Sysmon event at an absolute time (epoch ms), for retention. */
export function sysmonEventAt(host: string, recordId: number, ms: number): Event {
  const e = sysmonEvent(host, recordId, 0);
  return { ...e, time: { iso: new Date(ms).toISOString(), ms } };
}

/** A Zeek conn event (no record id: deduped by content). */
export function zeekConnEvent(uid: string, offsetMs: number, line: number, file = "conn.log"): Event {
  return {
    kind: "network",
    time: time(offsetMs),
    host: "",
    identity: { provider: "zeek", channel: "conn", eventId: 0 },
    logsource: {
      product: "zeek",
      service: "conn",
      category: "network_connection",
      categories: ["network_connection"],
    },
    fields: {
      ts: (T0 + offsetMs) / 1000,
      uid,
      "id.orig_h": "10.0.5.27",
      "id.orig_p": 49_152,
      "id.resp_h": "203.0.113.45",
      "id.resp_p": 443,
      SourceIp: "10.0.5.27",
      DestinationIp: "203.0.113.45",
      DestinationPort: 443,
      proto: "tcp",
      service: null,
      tunnel_parents: [],
    },
    origins: { SourceIp: { from: "id.orig_h", conversion: "rename" } },
    provenance: { file, format: "zeek", line, offset: line * 100 },
  };
}

/**
 * Events with every value type a field can hold, every optional part of an event present and absent,
 * record ids as number and as bigint beyond 2^53, and an event without a time.
 */
export function everyTypeEvents(): Event[] {
  const huge = 2n ** 70n + 12_345n;
  return [
    sysmonEvent("WS-SALES-07", 1001, 0, {
      "empty string": "",
      unicode: "見極め \u202e \u0000 \u001b[2J \ud83e\udd86",
      "lone surrogate": "a\ud800b",
      integer: 42,
      negative: -7,
      fraction: 0.1 + 0.2,
      "negative zero": -0,
      "not a number": Number.NaN,
      infinity: Number.POSITIVE_INFINITY,
      "minus infinity": Number.NEGATIVE_INFINITY,
      "max safe": Number.MAX_SAFE_INTEGER,
      big: huge,
      "negative big": -huge,
      yes: true,
      no: false,
      nothing: null,
      list: ["a", 1, 2n ** 64n, true, null, -0],
      nested: [[], [["deep"]], [1.5, [false]]],
      "empty list": [],
      $b: "a field that looks like a tag",
      $n: 1,
      $$x: ["dollar"],
      "id.orig_h": "dotted/slash~tilde",
      ["__proto__"]: "a field named __proto__",
    }),
    sysmonEvent("WS-SALES-07", 2n ** 60n + 1n, 1000),
    sysmonEvent("WS-SALES-08", 7, 500),
    zeekConnEvent("CAbc1", 250, 9),
    {
      kind: "windows",
      time: undefined,
      host: "WS-SALES-08",
      identity: { provider: "Microsoft-Windows-Security-Auditing", channel: "Security", eventId: 4624 },
      logsource: {},
      fields: { EventID: 4624, LogonType: 3 },
      provenance: { file: "security.jsonl", format: "json", line: 3 },
    },
  ];
}

/** Only the properties whose value is not undefined, recursively (how a stored value reads back). */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    Object.defineProperty(out, k, {
      value: withoutUndefined(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

/**
 * Events as a store reads them back: without undefined properties, except `time`, which an Event always
 * has (undefined when the source had no time).
 */
export function asStored(events: readonly Event[]): Event[] {
  return events.map((e) => ({
    ...withoutUndefined(e),
    time: e.time === undefined ? undefined : withoutUndefined(e.time),
  }));
}

/** A finding about a process on `host`. */
export function testFinding(
  id: string,
  host: string,
  severity: Severity,
  details: Finding["details"] = {},
): Finding {
  return {
    id,
    detector: id.split(":")[0] ?? id,
    viewpoint: "process",
    severity,
    confidence: 0.8,
    stage: "installation",
    attack: ["T1204.002"],
    host,
    subject: { kind: "process", key: `${host}|4242|${id}`, image: "C:\\x.exe", pid: 4242 },
    first: time(0),
    last: time(60_000),
    evidence: [{ file: `${host}_Sysmon.evtx`, format: "evtx", offset: 4608, chunk: 0, recordId: 2n ** 60n }],
    evidenceCount: 1,
    message: { en: `finding ${id}`, ja: `検出 ${id}` },
    details,
  };
}

/** A small incident (JSON-serialisable as the Incident contract requires). */
export function testIncident(
  id: string,
  options: {
    readonly verdict: Verdict;
    readonly severity: Severity;
    readonly confidence: number;
    readonly state: IncidentState;
    readonly hosts: readonly string[];
    readonly firstOffsetMs: number;
    readonly lastOffsetMs: number;
  },
): Incident {
  const first = time(options.firstOffsetMs);
  const last = time(options.lastOffsetMs);
  return {
    id,
    title: { en: `incident ${id}`, ja: `インシデント ${id}` },
    verdict: {
      verdict: options.verdict,
      confidence: options.confidence,
      score: options.confidence,
      decisive: undefined,
      reasons: [],
      viewpoints: { process: options.severity },
      decidedBy: undefined,
    },
    severity: options.severity,
    rootCause: undefined,
    hosts: options.hosts.map((host) => ({
      host,
      addresses: ["10.0.5.27"],
      via: "root-cause" as const,
      active: options.state === "active",
      processes: 1,
      first,
      last,
    })),
    sharedIndicators: [],
    processes: [],
    files: [],
    persistence: [],
    destinations: [],
    users: [],
    first,
    last,
    state: options.state,
    stateReasons: [],
    stages: [],
    furthestStage: "installation",
    attack: ["T1204.002"],
    cutPoints: [],
    findings: [],
    suppressed: [],
  };
}
