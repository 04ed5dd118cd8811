/**
 * One view of "a connection" over every source the network analytics read: Sysmon 3 (and ECS/EDR
 * network events mapped to the same names), Zeek `conn` / `open_conn`, and the Zeek application
 * logs that name the server (`http` Host, `ssl` SNI, `dns` query). Addresses are initiator → responder
 * (Sysmon's Source is the initiator too; `initiated` says whether the logging host started it).
 * Input: a normalized Event. Output: a Connection, or undefined when the event is not one.
 */
import type { Event } from "../../events/event.js";
import type { FieldValue } from "../../events/field-value.js";

/** Where a connection was read from. */
export const CONNECTION_SOURCES = [
  "sysmon", // Sysmon event 3 (or Security 5156-style events mapped to its names)
  "edr", // an EDR/ECS network event with the same field names
  "zeek-conn", // a finished Zeek connection
  "zeek-open-conn", // Zeek's periodic record of a connection still open
  "zeek-http", // one HTTP request (Host header → fqdn)
  "zeek-ssl", // one TLS handshake (SNI → fqdn)
  "zeek-dns", // one DNS query (query → fqdn)
] as const;
export type ConnectionSource = (typeof CONNECTION_SOURCES)[number];

export interface Connection {
  readonly source: ConnectionSource;
  /** Event time in ms since the epoch */
  readonly time: number;
  /** The logging host (Computer) for host sources; the sensor name or "" for Zeek */
  readonly host: string;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** Lower-case transport (`tcp`, `udp`, `icmp` …) */
  readonly protocol?: string;
  /** Payload bytes sent by the initiator / the responder */
  readonly origBytes?: number;
  readonly respBytes?: number;
  /** IP-level bytes sent by the initiator (RITA's data-size input) */
  readonly origIpBytes?: number;
  /** Seconds */
  readonly duration?: number;
  /** Zeek conn_state */
  readonly state?: string;
  /** Zeek uid */
  readonly uid?: string;
  /** Server name: HTTP Host (without port), TLS SNI or DNS query, lower case */
  readonly fqdn?: string;
  /** HTTP CONNECT (the responder is a proxy) */
  readonly proxied?: boolean;
  /** Host sources: the process */
  readonly image?: string;
  readonly processGuid?: string;
  readonly pid?: number;
  /** Host sources: false when the logging host accepted (did not start) the connection */
  readonly initiated?: boolean;
  readonly event: Event;
}

/** A finite number from a number, bigint or numeric string; undefined otherwise. */
export function numberField(v: FieldValue | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && v.trim() !== "" && v !== "-") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-empty string (Zeek's `-` and `(empty)` count as absent). */
export function stringField(v: FieldValue | undefined): string | undefined {
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t === "" || t === "-" || t === "(empty)" ? undefined : t;
}

function boolField(v: FieldValue | undefined): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (t === "true" || t === "t") return true;
    if (t === "false" || t === "f") return false;
  }
  return undefined;
}

function portField(v: FieldValue | undefined): number | undefined {
  const n = numberField(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

function bytesField(v: FieldValue | undefined): number | undefined {
  const n = numberField(v);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** `www.example.com:443` → `www.example.com`; `[::1]:80` → `::1`; lower case. */
export function hostWithoutPort(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.indexOf(":");
  if (colon >= 0 && h.indexOf(":", colon + 1) < 0) h = h.slice(0, colon);
  return h.endsWith(".") ? h.slice(0, -1) : h;
}

const ZEEK_SOURCES: Readonly<Record<string, ConnectionSource>> = {
  conn: "zeek-conn",
  open_conn: "zeek-open-conn",
  http: "zeek-http",
  ssl: "zeek-ssl",
  dns: "zeek-dns",
};

function readZeek(event: Event, time: number): Connection | undefined {
  const channel = event.identity.channel;
  const source = Object.hasOwn(ZEEK_SOURCES, channel) ? ZEEK_SOURCES[channel] : undefined;
  if (!source) return undefined;
  const f = event.fields;
  const srcIp = stringField(f.SourceIp);
  const dstIp = stringField(f.DestinationIp);
  if (!srcIp || !dstIp) return undefined;
  let fqdn: string | undefined;
  let proxied: boolean | undefined;
  if (source === "zeek-http") {
    const h = stringField(f.host);
    fqdn = h ? hostWithoutPort(h) : undefined;
    proxied = stringField(f.method)?.toUpperCase() === "CONNECT";
  } else if (source === "zeek-ssl") {
    const s = stringField(f.server_name);
    fqdn = s ? hostWithoutPort(s) : undefined;
  } else if (source === "zeek-dns") {
    const q = stringField(f.query);
    fqdn = q ? hostWithoutPort(q) : undefined;
  }
  return {
    source,
    time,
    host: event.host,
    srcIp: srcIp.toLowerCase(),
    dstIp: dstIp.toLowerCase(),
    srcPort: portField(f.SourcePort),
    dstPort: portField(f.DestinationPort),
    protocol: stringField(f.Protocol)?.toLowerCase(),
    // Zeek's own names as fallback: only `conn` gets the shared names (open_conn has the same columns).
    origBytes: bytesField(f.SourceBytes) ?? bytesField(f.orig_bytes),
    respBytes: bytesField(f.DestinationBytes) ?? bytesField(f.resp_bytes),
    origIpBytes: bytesField(f.orig_ip_bytes),
    duration: bytesField(f.Duration) ?? bytesField(f.duration),
    state: stringField(f.ConnState) ?? stringField(f.conn_state),
    uid: stringField(f.uid),
    fqdn: fqdn === "" ? undefined : fqdn,
    proxied,
    event,
  };
}

function readHost(event: Event, time: number): Connection | undefined {
  const f = event.fields;
  const srcIp = stringField(f.SourceIp);
  const dstIp = stringField(f.DestinationIp);
  if (!srcIp || !dstIp) return undefined;
  const provider = event.identity.provider.toLowerCase();
  const hostName = stringField(f.DestinationHostname);
  return {
    source: provider.includes("sysmon") ? "sysmon" : "edr",
    time,
    host: event.host,
    srcIp: srcIp.toLowerCase(),
    dstIp: dstIp.toLowerCase(),
    srcPort: portField(f.SourcePort),
    dstPort: portField(f.DestinationPort),
    protocol: stringField(f.Protocol)?.toLowerCase(),
    origBytes: bytesField(f.SourceBytes) ?? bytesField(f["source.bytes"]),
    respBytes: bytesField(f.DestinationBytes) ?? bytesField(f["destination.bytes"]),
    fqdn: hostName ? hostWithoutPort(hostName) : undefined,
    image: stringField(f.Image),
    processGuid: stringField(f.ProcessGuid),
    pid: numberField(f.ProcessId),
    initiated: boolField(f.Initiated),
    event,
  };
}

/**
 * Reads a connection from an event: Zeek logs by their path, host events by the Sigma category
 * `network_connection`. Events without a time are not connections here (they cannot be placed in a
 * window); the analyzers count them as skipped.
 */
export function readConnection(event: Event): Connection | undefined {
  const time = event.time?.ms;
  if (time === undefined || !Number.isFinite(time)) return undefined;
  if (event.kind === "network") return readZeek(event, time);
  if (event.logsource.category === "network_connection") return readHost(event, time);
  return undefined;
}

/** The lower-case file name of a Windows or POSIX path (`C:\x\Chrome.EXE` → `chrome.exe`). */
export function imageName(image: string): string {
  const cut = Math.max(image.lastIndexOf("\\"), image.lastIndexOf("/"));
  return image.slice(cut + 1).toLowerCase();
}
