/**
 * The store's HTTP connection to ClickHouse (`@clickhouse/client`): one client per node, every call
 * mapped to E_STORE located at the store URL. Input: a ClickHouseTarget and SQL text. Output: rows as
 * plain objects (JSONEachRow; 64-bit integers arrive as strings), row streams, inserts, commands.
 * The client's own logging is switched off (library code never prints).
 */
import { type ClickHouseClient, type ClickHouseSettings, createClient } from "@clickhouse/client";
import type { Location } from "../../diagnostics/location.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { type ClickHouseNode, type ClickHouseTarget, describeTarget } from "./clickhouse-target.js";

/** A row of a JSONEachRow result. */
export type ChRow = Readonly<Record<string, unknown>>;

/** Client log level OFF (ClickHouseLogLevel.OFF; the enum is not exported as a value everywhere). */
const LOG_OFF = 127;

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split("\n")[0] ?? m).replace(/, e\.what\(\) = DB::Exception$/, "");
}

/** HTTP clients for the nodes of one store; all SQL goes through `run…` methods. */
export class ClickHouseConnection {
  readonly location: Location;
  private readonly clients: ClickHouseClient[];
  private closed = false;

  constructor(
    readonly target: ClickHouseTarget,
    /** The database the clients use; null: the server's default (to create the database) */
    database: string | null = target.database,
  ) {
    this.location = { file: describeTarget(target) };
    this.clients = target.nodes.map((n) => this.makeClient(n, database));
  }

  private makeClient(node: ClickHouseNode, database: string | null): ClickHouseClient {
    return createClient({
      url: `http://${node.host}:${node.port}`,
      ...(database === null ? {} : { database }),
      ...(this.target.username === undefined ? {} : { username: this.target.username }),
      ...(this.target.password === undefined ? {} : { password: this.target.password }),
      request_timeout: 600_000,
      log: { level: LOG_OFF },
    });
  }

  /** How many nodes (1 unless cluster mode). */
  get nodeCount(): number {
    return this.clients.length;
  }

  private client(node: number): ClickHouseClient {
    const c = this.clients[node];
    if (c === undefined || this.closed) {
      throw new MikiwameError("E_STORE", "the store is closed", this.location);
    }
    return c;
  }

  /** An E_STORE for a failed call, with ClickHouse's message. */
  error(what: string, e: unknown): MikiwameError {
    if (e instanceof MikiwameError) return e;
    return new MikiwameError("E_STORE", `${what}: ${firstLine(e)}`, this.location, { cause: e });
  }

  /** Runs a statement without a result (DDL, ALTER, INSERT … SELECT) on node `node` (default: entry). */
  async command(sql: string, settings: ClickHouseSettings = {}, node = 0): Promise<void> {
    try {
      await this.client(node).command({ query: sql, clickhouse_settings: settings });
    } catch (e) {
      throw this.error("ClickHouse refused a statement", e);
    }
  }

  /** All rows of a query (small results only: findings pages, counts …). */
  async rows<T extends ChRow = ChRow>(
    sql: string,
    settings: ClickHouseSettings = {},
    node = 0,
  ): Promise<T[]> {
    try {
      const rs = await this.client(node).query({
        query: sql,
        format: "JSONEachRow",
        clickhouse_settings: settings,
      });
      return await rs.json<T>();
    } catch (e) {
      throw this.error("query failed", e);
    }
  }

  /** The first column of the first row as a number (a count). */
  async count(sql: string, node = 0): Promise<number> {
    const rows = await this.rows(sql, {}, node);
    const first = rows[0];
    return first === undefined ? 0 : Number(Object.values(first)[0] ?? 0);
  }

  /** Streams the rows of a query, one at a time (bounded memory: the client parses chunk by chunk). */
  async *stream<T extends ChRow = ChRow>(sql: string, settings: ClickHouseSettings = {}): AsyncGenerator<T> {
    let rs: Awaited<ReturnType<ClickHouseClient["query"]>>;
    try {
      rs = await this.client(0).query({ query: sql, format: "JSONEachRow", clickhouse_settings: settings });
    } catch (e) {
      throw this.error("query failed", e);
    }
    const stream = rs.stream();
    try {
      for await (const chunk of stream) {
        for (const row of chunk as { json<R>(): R }[]) yield row.json<T>();
      }
    } catch (e) {
      throw this.error("reading the result failed", e);
    } finally {
      stream.destroy();
    }
  }

  /** A JSONCompact result (column names + rows), for the read-only query. */
  async compact(
    sql: string,
    settings: ClickHouseSettings,
  ): Promise<{ readonly meta: readonly { readonly name: string }[]; readonly data: readonly unknown[][] }> {
    const rs = await this.client(0).query({
      query: sql,
      format: "JSONCompact",
      clickhouse_settings: settings,
    });
    const body = (await rs.json()) as { meta?: { name: string }[]; data?: unknown[][] };
    return { meta: body.meta ?? [], data: body.data ?? [] };
  }

  /** Inserts rows (JSONEachRow) into `table` on the entry node. */
  async insert(table: string, values: readonly ChRow[], settings: ClickHouseSettings = {}): Promise<void> {
    if (values.length === 0) return;
    try {
      await this.client(0).insert({
        table,
        values: values as ChRow[],
        format: "JSONEachRow",
        clickhouse_settings: settings,
      });
    } catch (e) {
      throw this.error(`insert into ${table} failed`, e);
    }
  }

  /** Closes every client (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.clients.map((c) => c.close().catch(() => undefined)));
  }
}
