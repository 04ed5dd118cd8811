/**
 * What in an event can be looked up in an indicator list, with the context that decides the kill-chain
 * stage of a match: file hashes of processes (Sysmon 1 / 4688 via ECS), loaded images (7), written,
 * streamed, deleted or detected files (11 where hashed, 15 `Hash`, 23/26/29 `Hashes`) and Zeek
 * `files.log`; connection addresses (Sysmon 3, Zeek conn) and logon source addresses (4624/4625/4648);
 * DNS query names and answers (Sysmon 22, Zeek dns); HTTP hosts and URLs (Zeek http), TLS server names
 * (Zeek ssl) and Sysmon 3's `DestinationHostname`.
 * Input: an Event. Output: calls `visit` once per observation (no allocation when there is none).
 */
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import { textField } from "../process/event-fields.js";
import { eventRole } from "../process/event-role.js";
import { type FileHashes, parseHashes } from "../process/file-hashes.js";
import { baseName, normalizePath } from "../process/windows-path.js";

/** Where an observed value was seen. */
export const OBSERVATION_CONTEXTS = [
  "process", // the image of a process that ran
  "image-load", // a DLL / module loaded into a process
  "file", // a file written, streamed, deleted or detected on disk
  "download", // a file arriving: written by a browser / mail client, into Downloads, a Zone.Identifier stream, Zeek files.log
  "connection", // a network connection's remote address
  "dns-query", // a name looked up
  "dns-answer", // an address a lookup resolved to
  "http", // an HTTP host or URL
  "tls", // a TLS server name (SNI) or Sysmon 3's destination host name
  "logon", // the source address of a logon
] as const;
export type ObservationContext = (typeof OBSERVATION_CONTEXTS)[number];

/** What kind of value was observed (which index of the list it is looked up in). */
export type ObservationKind = "hash" | "address" | "domain" | "url";

export interface Observation {
  readonly kind: ObservationKind;
  /** The value as logged (hash upper-case hex) */
  readonly value: string;
  readonly context: ObservationContext;
  /** The event field it came from */
  readonly field: string;
  /** For hashes: the file's path; for the rest: the process image when known */
  readonly path?: string;
  /** For addresses of a connection: the other end (for Zeek, which has no host name) */
  readonly peer?: string;
  /** Sysmon ProcessGuid, when the event has one */
  readonly processGuid?: string;
}

/** Processes whose file writes are downloads (browsers, mail clients, transfer tools). */
const DOWNLOADERS: ReadonlySet<string> = new Set([
  "chrome.exe",
  "msedge.exe",
  "firefox.exe",
  "iexplore.exe",
  "opera.exe",
  "brave.exe",
  "outlook.exe",
  "thunderbird.exe",
  "teams.exe",
  "ms-teams.exe",
  "slack.exe",
  "bitsadmin.exe",
  "curl.exe",
  "wget.exe",
  "certutil.exe",
]);
/** Folders where arriving files land. */
const DOWNLOAD_FOLDERS = [
  "\\downloads\\",
  "\\inetcache\\",
  "\\content.outlook\\",
  "\\temporary internet files\\",
];

/** Most answers of one DNS response looked at. */
const MAX_DNS_ANSWERS = 32;
/** Logon events with a source address. */
const LOGON_IDS: ReadonlySet<number> = new Set([4624, 4625, 4648]);

type Visit = (o: Observation) => void;

/** An HTTP Host header without its port: `a.example:8080` → `a.example`, `[2001:db8::1]:80` → `2001:db8::1`. */
export function withoutPort(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end > 0 ? host.slice(1, end) : host;
  }
  const colon = host.indexOf(":");
  // more than one colon: a bare IPv6 address, which has no port
  return colon >= 0 && colon === host.lastIndexOf(":") ? host.slice(0, colon) : host;
}

const HASH_NAMES = ["sha256", "sha1", "md5"] as const;

function visitHashes(
  hashes: FileHashes,
  context: ObservationContext,
  field: string,
  path: string | undefined,
  guid: string | undefined,
  visit: Visit,
): void {
  for (const alg of HASH_NAMES) {
    const h = hashes[alg];
    if (h) visit({ kind: "hash", value: h, context, field, path, processGuid: guid });
  }
}

function isDownload(event: Event, target: string | undefined, writer: string | undefined): boolean {
  const categories = event.logsource.categories ?? [];
  if (categories.includes("create_stream_hash") || event.logsource.category === "create_stream_hash")
    return true;
  if (writer && DOWNLOADERS.has(baseName(writer).toLowerCase())) return true;
  const p = normalizePath(target ?? "");
  return DOWNLOAD_FOLDERS.some((f) => p.includes(f));
}

function visitAddress(
  f: Fields,
  field: string,
  peerField: string | undefined,
  context: ObservationContext,
  path: string | undefined,
  guid: string | undefined,
  visit: Visit,
): void {
  const value = textField(f, field);
  if (!value) return;
  const peer = peerField ? textField(f, peerField) : undefined;
  visit({ kind: "address", value, context, field, path, peer, processGuid: guid });
}

function visitDnsAnswers(
  f: Fields,
  field: string,
  path: string | undefined,
  peer: string | undefined,
  visit: Visit,
): void {
  const text = textField(f, field);
  if (!text) return;
  // Sysmon: `type:  5 name;::ffff:203.0.113.45;`; Zeek (joined): `203.0.113.45;name`
  const parts = text.split(/[;,\s]+/, MAX_DNS_ANSWERS);
  for (const p of parts)
    if (p.length >= 2 && (p.includes(".") || p.includes(":")) && /^[0-9a-fA-F:.[\]]+$/.test(p))
      visit({ kind: "address", value: p, context: "dns-answer", field, path, peer });
}

function visitWindows(event: Event, visit: Visit, sources: boolean): void {
  const f = event.fields;
  const role = eventRole(event);
  const image = textField(f, "Image");
  const guid = textField(f, "ProcessGuid");
  switch (role) {
    case "process-start":
      visitHashes(parseHashes(textField(f, "Hashes")), "process", "Hashes", image, guid, visit);
      return;
    case "image-load": {
      // a process's own image (Sysmon 7 of its main module) is the process itself
      const loaded = textField(f, "ImageLoaded");
      const own =
        loaded !== undefined && image !== undefined && normalizePath(loaded) === normalizePath(image);
      visitHashes(
        parseHashes(textField(f, "Hashes")),
        own ? "process" : "image-load",
        "Hashes",
        loaded,
        guid,
        visit,
      );
      return;
    }
    case "file": {
      const target = textField(f, "TargetFilename");
      const text = textField(f, "Hashes", "Hash");
      if (!text) return;
      const context = isDownload(event, target, image) ? "download" : "file";
      visitHashes(
        parseHashes(text),
        context,
        f.Hashes !== undefined ? "Hashes" : "Hash",
        target,
        guid,
        visit,
      );
      return;
    }
    case "network":
      visitAddress(f, "DestinationIp", "SourceIp", "connection", image, guid, visit);
      if (sources) visitAddress(f, "SourceIp", "DestinationIp", "connection", image, guid, visit);
      {
        const name = textField(f, "DestinationHostname");
        if (name)
          visit({ kind: "domain", value: name, context: "tls", field: "DestinationHostname", path: image });
      }
      return;
    case "dns": {
      const q = textField(f, "QueryName");
      if (q) visit({ kind: "domain", value: q, context: "dns-query", field: "QueryName", path: image });
      visitDnsAnswers(f, "QueryResults", image, undefined, visit);
      return;
    }
    default:
      if (LOGON_IDS.has(event.identity.eventId) && event.logsource.service === "security")
        visitAddress(f, "IpAddress", undefined, "logon", undefined, undefined, visit);
  }
}

function visitZeek(event: Event, visit: Visit, sources: boolean): void {
  const f = event.fields;
  switch (event.identity.channel) {
    case "conn":
      visitAddress(f, "DestinationIp", "SourceIp", "connection", undefined, undefined, visit);
      if (sources) visitAddress(f, "SourceIp", "DestinationIp", "connection", undefined, undefined, visit);
      return;
    case "dns": {
      const q = textField(f, "QueryName", "query");
      if (q)
        visit({
          kind: "domain",
          value: q,
          context: "dns-query",
          field: "query",
          peer: textField(f, "SourceIp"),
        });
      visitDnsAnswers(f, "QueryResults", undefined, textField(f, "SourceIp"), visit);
      return;
    }
    case "http": {
      const host = textField(f, "Host", "host");
      const peer = textField(f, "SourceIp");
      if (!host) return;
      visit({ kind: "domain", value: withoutPort(host), context: "http", field: "host", peer });
      const uri = textField(f, "Uri", "uri");
      if (uri)
        visit({
          kind: "url",
          value: `${host}${uri.startsWith("/") ? "" : "/"}${uri}`,
          context: "http",
          field: "uri",
          peer,
        });
      return;
    }
    case "ssl": {
      const sni = textField(f, "ServerName", "server_name");
      if (sni)
        visit({
          kind: "domain",
          value: sni,
          context: "tls",
          field: "server_name",
          peer: textField(f, "SourceIp"),
        });
      return;
    }
    case "files": {
      const hashes: FileHashes = {};
      for (const alg of HASH_NAMES) {
        const h = textField(f, alg);
        if (h && /^[0-9a-fA-F]+$/.test(h)) hashes[alg] = h.toUpperCase();
      }
      const name = textField(f, "filename");
      const peer = textField(f, "rx_hosts", "SourceIp");
      for (const alg of HASH_NAMES) {
        const h = hashes[alg];
        if (h) visit({ kind: "hash", value: h, context: "download", field: alg, path: name, peer });
      }
      return;
    }
  }
}

/** Calls `visit` for every value of `event` worth looking up. */
export function eachObservation(event: Event, visit: Visit, checkSourceAddresses = true): void {
  if (event.kind === "network") visitZeek(event, visit, checkSourceAddresses);
  else visitWindows(event, visit, checkSourceAddresses);
}
