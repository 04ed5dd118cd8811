/**
 * The Zeek log path (`conn`, `dns`, `smb_files`, …) of a file, from its name, for logs that do not
 * say it themselves (JSON logs without `_path`, TSV logs without `#path`). Input: a file path.
 * Output: the log path. Handles rotated names (`conn.00:00:00-01:00:00.log.gz`), suffixes
 * (`conn.log.labeled`) and host prefixes or suffixes (`NASHUA_conn.log`, `conn_json.log`).
 */
import { basename } from "node:path";

/** Log paths written by Zeek's stock scripts and common packages (and RITA's `open_*` logs). */
export const ZEEK_LOG_PATHS = [
  "analyzer",
  "broker",
  "capture_loss",
  "cluster",
  "config",
  "conn",
  "conn_long",
  "dce_rpc",
  "dhcp",
  "dnp3",
  "dns",
  "dpd",
  "files",
  "ftp",
  "http",
  "intel",
  "irc",
  "kerberos",
  "known_certs",
  "known_hosts",
  "known_modbus",
  "known_services",
  "ldap",
  "ldap_search",
  "loaded_scripts",
  "modbus",
  "mqtt_connect",
  "mqtt_publish",
  "mqtt_subscribe",
  "mysql",
  "netcontrol",
  "notice",
  "notice_alarm",
  "ntlm",
  "ntp",
  "ocsp",
  "open_conn",
  "open_http",
  "open_ssl",
  "packet_filter",
  "pe",
  "postgresql",
  "print",
  "quic",
  "radius",
  "rdp",
  "redis",
  "reporter",
  "rfb",
  "signatures",
  "sip",
  "smb_cmd",
  "smb_files",
  "smb_mapping",
  "smtp",
  "snmp",
  "socks",
  "software",
  "ssh",
  "ssl",
  "stats",
  "syslog",
  "traceroute",
  "tunnel",
  "weird",
  "weird_stats",
  "websocket",
  "x509",
] as const;
export type ZeekLogPath = (typeof ZEEK_LOG_PATHS)[number];

const KNOWN: ReadonlySet<string> = new Set(ZEEK_LOG_PATHS);
// Longest first, so `smb_files` wins over `files`.
const BY_LENGTH = [...ZEEK_LOG_PATHS].sort((a, b) => b.length - a.length);

function isSeparator(c: string | undefined): boolean {
  return c === "_" || c === "-";
}

/**
 * The log path for `file`: the part of its name before the first `.`, narrowed to a known Zeek log
 * path when the name adds a host prefix or a suffix (`NASHUA_conn` → `conn`, `conn_json` → `conn`).
 * A name that contains no known log path is returned as it is.
 */
export function zeekPathFromFileName(file: string): string {
  const stem = basename(file).split(".")[0];
  if (KNOWN.has(stem)) return stem;
  for (const path of BY_LENGTH) {
    if (stem.endsWith(path) && isSeparator(stem[stem.length - path.length - 1])) return path;
  }
  for (const path of BY_LENGTH) {
    if (stem.startsWith(path) && isSeparator(stem[path.length])) return path;
  }
  return stem;
}
