/**
 * Test support: real ClickHouse servers for the store tests. Starts `/usr/sbin/clickhouse-server` (the
 * Debian package) on free loopback ports with a temp data directory and its own users.xml, waits for
 * `/ping`, and stops it (SIGTERM, then SIGKILL) and removes the directory after. A cluster is several
 * such servers whose config names all of them as the shards of one `remote_servers` cluster.
 * Input: nothing (or the shard count). Output: running servers with their URLs, or a skip reason when
 * the binary is absent.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian's clickhouse-server package puts the server. */
export const CLICKHOUSE_SERVER_BIN = "/usr/sbin/clickhouse-server";

/** Why the ClickHouse tests skip, or undefined when the server is installed. */
export function clickhouseSkipReason(): string | undefined {
  return existsSync(CLICKHOUSE_SERVER_BIN)
    ? undefined
    : `skipped: ${CLICKHOUSE_SERVER_BIN} not found (apt-get install clickhouse-server clickhouse-client)`;
}

/** One running test server. */
export interface TestClickHouse {
  readonly httpPort: number;
  readonly tcpPort: number;
  readonly dir: string;
  /** `clickhouse://127.0.0.1:<http port>` (append `/db`) */
  readonly url: string;
  stop(): Promise<void>;
}

/** A running test cluster. */
export interface TestClickHouseCluster {
  readonly cluster: string;
  readonly servers: readonly TestClickHouse[];
  /** `clickhouse://127.0.0.1:p1,127.0.0.1:p2/<db>?cluster=<name>` */
  url(database: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const USERS_XML = `<yandex>
<profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
<users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
<profile>default</profile><quota>default</quota></default></users>
<quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
<result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

function configXml(dir: string, http: number, tcp: number, remoteServers: string): string {
  return `<yandex>
<logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/err.log</errorlog><console>0</console></logger>
<http_port>${http}</http_port><tcp_port>${tcp}</tcp_port><listen_host>127.0.0.1</listen_host>
<path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><format_schema_path>${dir}/fmt/</format_schema_path>
<users_config>${dir}/users.xml</users_config><default_profile>default</default_profile>
<default_database>default</default_database>
<mark_cache_size>268435456</mark_cache_size><uncompressed_cache_size>268435456</uncompressed_cache_size>
${remoteServers}
</yandex>
`;
}

/** Live servers of this process, killed if the process exits without stopping them. */
const LIVE = new Set<ChildProcess>();
process.once("exit", () => {
  for (const p of LIVE) p.kill("SIGKILL");
});

async function waitForPing(port: number, child: ChildProcess, dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`http://127.0.0.1:${port}/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const err = await readFile(join(dir, "log", "err.log"), "utf8").catch(() => "");
  throw new Error(`clickhouse-server did not answer /ping on port ${port}: ${err.slice(-2000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Planned {
  readonly dir: string;
  readonly http: number;
  readonly tcp: number;
}

async function plan(): Promise<Planned> {
  const dir = await mkdtemp(join(tmpdir(), "mikiwame-ch-"));
  for (const d of ["log", "data", "tmp", "fmt"]) await mkdir(join(dir, d));
  await writeFile(join(dir, "users.xml"), USERS_XML);
  return { dir, http: await freePort(), tcp: await freePort() };
}

async function launch(p: Planned, remoteServers: string): Promise<TestClickHouse> {
  await writeFile(join(p.dir, "config.xml"), configXml(p.dir, p.http, p.tcp, remoteServers));
  const child = spawn(CLICKHOUSE_SERVER_BIN, [`--config-file=${join(p.dir, "config.xml")}`], {
    cwd: p.dir,
    stdio: "ignore",
  });
  LIVE.add(child);
  const stop = async (): Promise<void> => {
    await stopChild(child);
    LIVE.delete(child);
    await rm(p.dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(p.http, child, p.dir, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { httpPort: p.http, tcpPort: p.tcp, dir: p.dir, url: `clickhouse://127.0.0.1:${p.http}`, stop };
}

/** Starts one server. */
export async function startTestClickHouse(): Promise<TestClickHouse> {
  return launch(await plan(), "");
}

/** Starts `shards` servers (default 2) forming the cluster `cluster`, one shard each. */
export async function startTestClickHouseCluster(
  shards = 2,
  cluster = "mikiwame_test",
): Promise<TestClickHouseCluster> {
  const planned: Planned[] = [];
  for (let i = 0; i < shards; i++) planned.push(await plan());
  const shardXml = planned
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port></replica></shard>`)
    .join("");
  const remote = `<remote_servers><${cluster}>${shardXml}</${cluster}></remote_servers>`;
  const servers: TestClickHouse[] = [];
  try {
    for (const p of planned) servers.push(await launch(p, remote));
  } catch (e) {
    for (const s of servers) await s.stop();
    for (const p of planned.slice(servers.length + 1)) await rm(p.dir, { recursive: true, force: true });
    throw e;
  }
  return {
    cluster,
    servers,
    url: (database) =>
      `clickhouse://${servers.map((s) => `127.0.0.1:${s.httpPort}`).join(",")}/${database}?cluster=${cluster}`,
    stop: async () => {
      for (const s of servers) await s.stop();
    },
  };
}
