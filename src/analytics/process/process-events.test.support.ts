/**
 * Test support for the process analytics (not shipped): builds normalized events by hand, as the
 * normalizer would produce them from Sysmon, Security 4688/4689 and ECS documents, each with its own
 * provenance (file + record id) so evidence can be checked.
 * Input: a host, a time and the fields that matter. Output: Event objects.
 */
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import type { Logsource } from "../../events/logsource.js";
import type { ProcessDetector, ProcessHit } from "./process-detector.js";
import { ProcessGraph } from "./process-graph.js";
import { type ProcessOptions, processOptions } from "./process-options.js";

/** Sysmon event id → Sigma logsource categories (as src/normalize/mappings/logsources.json assigns them). */
const SYSMON_CATEGORIES: Readonly<Record<number, readonly string[]>> = {
  1: ["process_creation"],
  2: ["file_change"],
  3: ["network_connection"],
  5: ["process_termination"],
  7: ["image_load"],
  8: ["create_remote_thread"],
  10: ["process_access"],
  11: ["file_event"],
  12: ["registry_event", "registry_add", "registry_delete"],
  13: ["registry_event", "registry_set"],
  14: ["registry_event", "registry_rename"],
  15: ["create_stream_hash"],
  17: ["pipe_created"],
  22: ["dns_query"],
  23: ["file_delete"],
  26: ["file_delete_detected", "file_delete"],
  29: ["file_executable_detected"],
};

/** Builds events with increasing record ids in one pretend file. */
export class EventFactory {
  private recordId = 0;

  constructor(
    readonly host = "WS-TEST-01",
    readonly file = "test.evtx",
    /** Base time; `at(s)` is this plus s seconds */
    readonly base = Date.parse("2026-03-02T09:00:00Z"),
  ) {}

  /** The ISO time `seconds` after the base. */
  at(seconds: number): string {
    return new Date(this.base + seconds * 1000).toISOString();
  }

  /** Any Windows event. */
  windows(
    service: string,
    eventId: number,
    seconds: number | undefined,
    fields: Fields,
    categories: readonly string[] = [],
    host = this.host,
  ): Event {
    const logsource: Logsource = {
      product: "windows",
      service,
      category: categories[0],
      categories: categories.length > 0 ? categories : undefined,
    };
    const recordId = ++this.recordId;
    const iso = seconds === undefined ? undefined : this.at(seconds);
    return {
      kind: "windows",
      time: iso === undefined ? undefined : { iso, ms: Date.parse(iso) },
      host,
      identity: { provider: service, channel: service, eventId, recordId },
      logsource,
      fields: { EventID: eventId, Computer: host, ...fields },
      provenance: { file: this.file, format: "evtx", recordId },
    };
  }

  /** A Sysmon event (categories from its id). */
  sysmon(eventId: number, seconds: number | undefined, fields: Fields, host = this.host): Event {
    return this.windows("sysmon", eventId, seconds, fields, SYSMON_CATEGORIES[eventId] ?? [], host);
  }

  /** Sysmon 1 for `guid` running `image`, started by `parentGuid` (optional fields merged in). */
  start(seconds: number, guid: string, image: string, parentGuid?: string, extra: Fields = {}): Event {
    const fields: Fields = { ProcessGuid: guid, ProcessId: pidOf(guid), Image: image, ...extra };
    if (parentGuid) {
      fields.ParentProcessGuid = parentGuid;
      fields.ParentProcessId = pidOf(parentGuid);
    }
    return this.sysmon(1, seconds, fields);
  }

  /** Sysmon 5. */
  end(seconds: number, guid: string, image?: string): Event {
    return this.sysmon(5, seconds, {
      ProcessGuid: guid,
      ProcessId: pidOf(guid),
      ...(image ? { Image: image } : {}),
    });
  }

  /** Sysmon 11: `guid` created `path`. */
  fileCreate(seconds: number, guid: string, path: string): Event {
    return this.sysmon(11, seconds, { ProcessGuid: guid, ProcessId: pidOf(guid), TargetFilename: path });
  }

  /** Sysmon 7 of a process's own image, with its signature. */
  selfLoad(
    seconds: number,
    guid: string,
    image: string,
    signed: boolean,
    status: string,
    extra: Fields = {},
  ): Event {
    return this.sysmon(7, seconds, {
      ProcessGuid: guid,
      ProcessId: pidOf(guid),
      Image: image,
      ImageLoaded: image,
      Signed: signed ? "true" : "false",
      SignatureStatus: status,
      ...extra,
    });
  }

  /** Sysmon 3: `guid` connected to `ip:port`. */
  connect(seconds: number, guid: string, ip: string, port: number): Event {
    return this.sysmon(3, seconds, {
      ProcessGuid: guid,
      ProcessId: pidOf(guid),
      Initiated: true,
      Protocol: "tcp",
      DestinationIp: ip,
      DestinationPort: port,
    });
  }

  /** Security 4688 (already mapped to Sysmon names, as the normalizer does). */
  security4688(seconds: number, pid: number, image: string, parentPid: number, extra: Fields = {}): Event {
    return this.windows(
      "security",
      4688,
      seconds,
      { ProcessId: pid, Image: image, ParentProcessId: parentPid, NewProcessName: image, ...extra },
      ["process_creation"],
    );
  }

  /** Security 4689. */
  security4689(seconds: number, pid: number, image: string): Event {
    return this.windows("security", 4689, seconds, { ProcessId: pid, Image: image }, ["process_termination"]);
  }
}

/** A stable PID derived from a test GUID (its last hex digits). */
export function pidOf(guid: string): number {
  const m = /([0-9a-f]{1,4})\}?$/i.exec(guid);
  return m ? Number.parseInt(m[1], 16) : 1;
}

/** A test GUID ending in `n` in hex (so `pidOf` gives `n`). */
export function guid(n: number): string {
  return `{00000000-0000-0000-0000-00000000${n.toString(16).padStart(4, "0")}}`;
}

/** A graph fed with `events` in order. */
export function graphOf(events: readonly Event[], options: Partial<ProcessOptions> = {}): ProcessGraph {
  const g = new ProcessGraph(processOptions(options));
  for (const e of events) g.observe(e);
  return g;
}

/** What `detector` finds on process `key` after `events`. */
export function hitsOn(
  detector: ProcessDetector,
  events: readonly Event[],
  key: string,
  options: Partial<ProcessOptions> = {},
): readonly ProcessHit[] {
  const opts = processOptions(options);
  const graph = graphOf(events, opts);
  const p = graph.processByKey(key);
  if (!p) throw new Error(`no process ${key} in the test graph`);
  return detector.detect(p, { graph, options: opts });
}

/** The detector names of hits, sorted (a compact thing to compare). */
export function detectorsOf(hits: readonly { readonly detector: string }[]): string[] {
  return hits.map((h) => h.detector).sort();
}
