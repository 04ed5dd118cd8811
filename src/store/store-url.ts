/**
 * Which store a command opens: `--store clickhouse://host:port[/db][?cluster=name]` (ClickHouse), or a
 * DuckDB file (`--db FILE`, or `--store FILE` / `--store duckdb:FILE`). Input: the spec text. Output: a
 * StoreSpec, and `openStore(spec)` which loads the back end lazily (DuckDB and the ClickHouse client
 * are loaded only by the commands that open a store) and opens it.
 */
import { resolve } from "node:path";
import { type ClickHouseTarget, describeTarget, parseClickHouseUrl } from "./clickhouse/clickhouse-target.js";
import type { Store } from "./store.js";

/** The store back ends. */
export const STORE_KINDS = ["duckdb", "clickhouse"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** A parsed store spec. */
export type StoreSpec =
  | { readonly kind: "duckdb"; readonly file: string }
  | { readonly kind: "clickhouse"; readonly target: ClickHouseTarget };

/** Parses `clickhouse://…`, `duckdb:FILE` or a plain file path (E_USAGE for a bad ClickHouse URL). */
export function parseStoreSpec(spec: string): StoreSpec {
  if (/^clickhouse:/i.test(spec)) return { kind: "clickhouse", target: parseClickHouseUrl(spec) };
  const file = spec.startsWith("duckdb:") ? spec.slice("duckdb:".length) : spec;
  return { kind: "duckdb", file: file === ":memory:" ? file : resolve(file) };
}

/** The spec for messages (a URL without credentials, or the file path). */
export function describeStoreSpec(spec: StoreSpec): string {
  return spec.kind === "duckdb" ? spec.file : describeTarget(spec.target);
}

/** Opens the store a spec names (creating or migrating it). */
export async function openStore(spec: string | StoreSpec): Promise<Store> {
  const parsed = typeof spec === "string" ? parseStoreSpec(spec) : spec;
  if (parsed.kind === "clickhouse") {
    const { openClickHouseStore } = await import("./clickhouse/clickhouse-store.js");
    return openClickHouseStore(parsed.target);
  }
  const { openDuckDBStore } = await import("./duckdb-store.js");
  return openDuckDBStore(parsed.file);
}
