/**
 * Where a ClickHouse store lives: `clickhouse://host:port[,host2:port2…][/database][?cluster=name]`.
 * Input: the URL text (from `--store`). Output: a ClickHouseTarget (HTTP nodes, database, cluster) or
 * E_USAGE naming what is wrong. The first node is the entry node: the store sends every query there;
 * in cluster mode (`?cluster=`), every listed node is a shard whose local events table the store
 * creates, and the entry node holds the Distributed table and the small state tables.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

/** One ClickHouse server's HTTP endpoint. */
export interface ClickHouseNode {
  readonly host: string;
  readonly port: number;
}

/** A parsed `clickhouse://` URL. */
export interface ClickHouseTarget {
  readonly nodes: readonly ClickHouseNode[];
  readonly database: string;
  /** The `remote_servers` cluster name, in cluster mode */
  readonly cluster?: string;
  readonly username?: string;
  readonly password?: string;
  /** Read events with FINAL (exact under concurrent duplicate inserts; default true) */
  readonly final: boolean;
}

/** The URL scheme of a ClickHouse store. */
export const CLICKHOUSE_SCHEME = "clickhouse:";

/** Names ClickHouse accepts without quoting (we quote anyway); keeps URLs unambiguous. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const DEFAULT_HTTP_PORT = 8123;

function usage(message: string): MikiwameError {
  return new MikiwameError("E_USAGE", `--store: ${message}`);
}

function parseNode(text: string): ClickHouseNode {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m) throw usage(`bad host:port ${JSON.stringify(text)}`);
  const port = m[2] === undefined ? DEFAULT_HTTP_PORT : Number(m[2]);
  if (port < 1 || port > 65_535) throw usage(`port out of range in ${JSON.stringify(text)}`);
  return { host: m[1] ?? "", port };
}

/** Parses a `clickhouse://` URL (see the module comment). */
export function parseClickHouseUrl(url: string): ClickHouseTarget {
  const m = /^clickhouse:\/\/(?:([^@/?#]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/.exec(url);
  if (!m) throw usage(`not a clickhouse://host:port[/database][?cluster=name] URL: ${JSON.stringify(url)}`);
  const [, auth, hosts = "", db, search] = m;
  const nodes = hosts.split(",").map(parseNode);
  if (nodes.length > 64) throw usage("at most 64 nodes");
  const database = db === undefined || db === "" ? "mikiwame" : decodeURIComponent(db);
  if (!NAME.test(database)) throw usage(`bad database name ${JSON.stringify(database)}`);
  const params = new URLSearchParams(search ?? "");
  for (const key of params.keys()) {
    if (key !== "cluster" && key !== "final") throw usage(`unknown URL option ${JSON.stringify(key)}`);
  }
  const cluster = params.get("cluster") ?? undefined;
  if (cluster !== undefined && !NAME.test(cluster))
    throw usage(`bad cluster name ${JSON.stringify(cluster)}`);
  if (cluster === undefined && nodes.length > 1)
    throw usage("several nodes need ?cluster=<remote_servers name>");
  const finalText = params.get("final") ?? "1";
  if (finalText !== "0" && finalText !== "1") throw usage("final must be 0 or 1");
  let username: string | undefined;
  let password: string | undefined;
  if (auth !== undefined) {
    const colon = auth.indexOf(":");
    username = decodeURIComponent(colon < 0 ? auth : auth.slice(0, colon));
    password = colon < 0 ? undefined : decodeURIComponent(auth.slice(colon + 1));
  }
  return {
    nodes,
    database,
    ...(cluster === undefined ? {} : { cluster }),
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    final: finalText === "1",
  };
}

/** The URL without credentials, for messages and error locations. */
export function describeTarget(t: ClickHouseTarget): string {
  const hosts = t.nodes.map((n) => `${n.host}:${n.port}`).join(",");
  return `clickhouse://${hosts}/${t.database}${t.cluster === undefined ? "" : `?cluster=${t.cluster}`}`;
}
