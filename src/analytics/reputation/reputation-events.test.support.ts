/**
 * Test support for the reputation analytics (not shipped): normalized events built by hand, shaped as
 * the normalizer makes them (Sysmon names and categories; Zeek names plus the shared names), each
 * with its own provenance so evidence can be checked; and indicator-list files in a temp folder.
 * Input: the fields that matter. Output: Event objects, file paths.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { readPaths } from "../../readers/read-paths.js";

/** Sysmon event id → Sigma logsource categories (as the normalizer assigns them). */
const SYSMON_CATEGORIES: Readonly<Record<number, readonly string[]>> = {
  1: ["process_creation"],
  3: ["network_connection"],
  7: ["image_load"],
  11: ["file_event"],
  15: ["create_stream_hash"],
  22: ["dns_query"],
  23: ["file_delete"],
  29: ["file_executable_detected"],
};

const BASE = Date.parse("2026-03-02T09:00:00Z");
let nextRecord = 1;

function time(seconds: number): { iso: string; ms: number } {
  const ms = BASE + seconds * 1000;
  return { iso: new Date(ms).toISOString(), ms };
}

/** A Sysmon event on `host` at `seconds` after 2026-03-02 09:00 UTC. */
export function sysmon(eventId: number, seconds: number, fields: Fields, host = "WS-TEST-01"): Event {
  const categories = SYSMON_CATEGORIES[eventId] ?? [];
  const recordId = nextRecord++;
  return {
    kind: "windows",
    time: time(seconds),
    host,
    identity: {
      provider: "Microsoft-Windows-Sysmon",
      channel: "Microsoft-Windows-Sysmon/Operational",
      eventId,
      recordId,
    },
    logsource: { product: "windows", service: "sysmon", category: categories[0], categories },
    fields: { EventID: eventId, Computer: host, ...fields },
    provenance: { file: "test.evtx", format: "evtx", recordId },
  };
}

/** A Security event (service `security`, no category unless given). */
export function security(eventId: number, seconds: number, fields: Fields, host = "WS-TEST-01"): Event {
  const recordId = nextRecord++;
  return {
    kind: "windows",
    time: time(seconds),
    host,
    identity: { provider: "Microsoft-Windows-Security-Auditing", channel: "Security", eventId, recordId },
    logsource: { product: "windows", service: "security" },
    fields: { EventID: eventId, Computer: host, ...fields },
    provenance: { file: "security.evtx", format: "evtx", recordId },
  };
}

/** A Zeek record of log `path` with Zeek's own fields plus the shared names given. */
export function zeek(path: string, seconds: number, fields: Fields): Event {
  const line = nextRecord++;
  return {
    kind: "network",
    time: time(seconds),
    host: "",
    identity: { provider: "zeek", channel: path, eventId: 0 },
    logsource: { product: "zeek", service: path },
    fields,
    provenance: { file: `${path}.log`, format: "zeek", line },
  };
}

/** Sysmon's `Hashes` text for the given digests. */
export function sysmonHashes(h: { md5?: string; sha1?: string; sha256?: string }): string {
  const parts: string[] = [];
  if (h.sha1) parts.push(`SHA1=${h.sha1}`);
  if (h.md5) parts.push(`MD5=${h.md5}`);
  if (h.sha256) parts.push(`SHA256=${h.sha256}`);
  parts.push("IMPHASH=00000000000000000000000000000000");
  return parts.join(",");
}

/** Writes `text` to a fresh temp folder under `name`; returns the path. */
export function writeList(name: string, text: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "mikiwame-rep-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Repeats a hex digit pattern to a hash of `length` characters. */
export function hex(seed: string, length: 32 | 40 | 64): string {
  return seed
    .repeat(Math.ceil(length / seed.length))
    .slice(0, length)
    .toUpperCase();
}

/** Reads every file under `paths` through the project's readers and normalizer into `analyzer`. */
export async function feed(
  paths: readonly string[],
  analyzer: Analyzer,
): Promise<{ findings: Finding[]; diagnostics: Diagnostics; events: number }> {
  const diagnostics = new Diagnostics();
  const normalizer = createNormalizer();
  let events = 0;
  for await (const batch of readPaths(paths, { diagnostics }))
    for (const record of batch.records) {
      const event = normalizer.normalize(record, diagnostics);
      if (!event) continue;
      events++;
      analyzer.observe(event);
    }
  return { findings: analyzer.finish(), diagnostics, events };
}
