/**
 * Test support: normalized events built by hand, shaped as the normalizer makes them — Zeek conn /
 * open_conn / http / ssl / dns (Zeek names plus the shared names) and Sysmon 3 (Sysmon names).
 * Times are epoch seconds. Every event gets its own line number so evidence can be checked.
 */
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";

let nextLine = 1;

function time(seconds: number): { iso: string; ms: number } {
  return { iso: new Date(seconds * 1000).toISOString(), ms: seconds * 1000 };
}

function zeekEvent(path: string, seconds: number, fields: Fields, category?: string): Event {
  const line = nextLine++;
  return {
    kind: "network",
    time: time(seconds),
    host: "",
    identity: { provider: "zeek", channel: path, eventId: 0 },
    logsource: category ? { product: "zeek", service: path, category } : { product: "zeek", service: path },
    fields,
    provenance: { file: `${path}.log`, format: "zeek", line },
  };
}

export interface ConnSpec {
  readonly ts: number;
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly proto?: string;
  readonly state?: string;
  readonly origBytes?: number;
  readonly respBytes?: number;
  readonly origIpBytes?: number;
  readonly duration?: number;
  readonly uid?: string;
  readonly service?: string;
}

/** A Zeek conn (or open_conn) record. */
export function zeekConn(c: ConnSpec, path: "conn" | "open_conn" = "conn"): Event {
  const f: Fields = {
    ts: c.ts,
    uid: c.uid ?? `C${nextLine}`,
    "id.orig_h": c.src,
    "id.orig_p": c.sport ?? 40000 + (nextLine % 20000),
    "id.resp_h": c.dst,
    "id.resp_p": c.dport ?? 443,
    proto: c.proto ?? "tcp",
    service: c.service ?? null,
    duration: c.duration ?? 0.5,
    orig_bytes: c.origBytes ?? 300,
    resp_bytes: c.respBytes ?? 200,
    conn_state: c.state ?? "SF",
    orig_ip_bytes: c.origIpBytes ?? (c.origBytes ?? 300) + 120,
  };
  f.SourceIp = f["id.orig_h"];
  f.SourcePort = f["id.orig_p"];
  f.DestinationIp = f["id.resp_h"];
  f.DestinationPort = f["id.resp_p"];
  f.Protocol = f.proto;
  if (path === "conn") {
    f.SourceBytes = f.orig_bytes;
    f.DestinationBytes = f.resp_bytes;
    f.Duration = f.duration;
    f.ConnState = f.conn_state;
  }
  return zeekEvent(path, c.ts, f, path === "conn" ? "firewall" : undefined);
}

function appFields(ts: number, src: string, dst: string, dport: number, uid: string | undefined): Fields {
  return {
    ts,
    uid: uid ?? `C${nextLine}`,
    "id.orig_h": src,
    "id.orig_p": 40000 + (nextLine % 20000),
    "id.resp_h": dst,
    "id.resp_p": dport,
    SourceIp: src,
    DestinationIp: dst,
    SourcePort: 40000 + (nextLine % 20000),
    DestinationPort: dport,
  };
}

/** A Zeek http record (`method` CONNECT for a proxy). */
export function zeekHttp(o: {
  ts: number;
  src: string;
  dst: string;
  host: string;
  method?: string;
  uid?: string;
  dport?: number;
}): Event {
  const f = appFields(o.ts, o.src, o.dst, o.dport ?? 80, o.uid);
  f.host = o.host;
  f.method = o.method ?? "GET";
  return zeekEvent("http", o.ts, f, "proxy");
}

/** A Zeek ssl record. */
export function zeekSsl(o: {
  ts: number;
  src: string;
  dst: string;
  serverName: string;
  uid?: string;
}): Event {
  const f = appFields(o.ts, o.src, o.dst, 443, o.uid);
  f.server_name = o.serverName;
  return zeekEvent("ssl", o.ts, f);
}

/** A Zeek dns record. */
export function zeekDns(o: { ts: number; src: string; dst: string; query: string }): Event {
  const f = appFields(o.ts, o.src, o.dst, 53, undefined);
  f.query = o.query;
  return zeekEvent("dns", o.ts, f, "dns");
}

export interface Sysmon3Spec {
  readonly ts: number;
  readonly host?: string;
  readonly image?: string;
  readonly guid?: string;
  readonly src: string;
  readonly sport?: number;
  readonly dst: string;
  readonly dport: number;
  readonly proto?: string;
  readonly initiated?: boolean;
}

/** A Sysmon event 3 (network connection) as normalized from EVTX. */
export function sysmon3(s: Sysmon3Spec): Event {
  const line = nextLine++;
  const host = s.host ?? "WS-1";
  return {
    kind: "windows",
    time: time(s.ts),
    host,
    identity: {
      provider: "Microsoft-Windows-Sysmon",
      channel: "Microsoft-Windows-Sysmon/Operational",
      eventId: 3,
    },
    logsource: { product: "windows", service: "sysmon", category: "network_connection" },
    fields: {
      EventID: 3,
      Computer: host,
      ProcessGuid: s.guid ?? "{00000000-0000-0000-0000-000000000001}",
      ProcessId: 1234,
      Image: s.image ?? "C:\\Users\\u\\AppData\\Local\\Temp\\evil.exe",
      Protocol: s.proto ?? "tcp",
      Initiated: s.initiated ?? true,
      SourceIp: s.src,
      SourcePort: s.sport ?? 50000 + (line % 10000),
      DestinationIp: s.dst,
      DestinationPort: s.dport,
    },
    provenance: { file: `${host}.evtx`, format: "evtx", recordId: line },
  };
}

/** Feeds events to analyzers' `observe`. */
export function feed(analyzers: readonly { observe(e: Event): void }[], events: readonly Event[]): void {
  for (const e of events) for (const a of analyzers) a.observe(e);
}

/** A deterministic pseudo-random generator (mulberry32) for jittered test traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
