/**
 * Test support for the server tests (not used by the server): a real server on a loopback port over a
 * real DuckDB file in a temp data directory, with tokens of every role, and a small HTTP client.
 * Input: server options to override. Output: the running server, its tokens, requests and their answers.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { type LoadedRules, loadRules } from "../sigma/rule-loader.js";
import { openDuckDBStore } from "../store/duckdb-store.js";
import type { Store } from "../store/store.js";
import { repoRoot } from "../testing/corpus.js";
import type { TokenRole } from "./api-contract.js";
import { TokenFile, tokenFilePath } from "./auth/token-file.js";
import { createServer, type MikiwameServer } from "./create-server.js";
import type { ServerOptions } from "./server-options.js";

/** The example logs of the repository. */
export const EXAMPLES = join(repoRoot(), "examples");
export const EXAMPLE_FILES = [
  "evtx/WS-SALES-07_Sysmon.evtx",
  "evtx/WS-SALES-07_Security.evtx",
  "json/WS-SALES-08_sysmon.jsonl",
  "zeek/conn.log",
  "zeek/dns.log",
] as const;

let rulesOnce: Promise<LoadedRules> | undefined;
/** The built-in rule pack, loaded once per test process. */
export function builtInRules(): Promise<LoadedRules> {
  rulesOnce ??= loadRules([join(repoRoot(), "rules", "mikiwame")]);
  return rulesOnce;
}

/** An answer, body read. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (throws when it is not JSON) */
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  readonly token?: string;
  /** `bearer` (default), `basic` (user x, token as password) or `apikey` */
  readonly scheme?: "bearer" | "basic" | "apikey";
  readonly body?: string | Uint8Array | object;
  readonly headers?: Record<string, string>;
}

export class TestServer {
  private constructor(
    readonly dir: string,
    readonly store: Store,
    public server: MikiwameServer,
    public url: string,
    readonly tokens: Readonly<Record<TokenRole, string>>,
    readonly diagnostics: Diagnostics,
  ) {}

  /** Starts a server (analysis off unless asked for) with one token per role. */
  static async start(options: Partial<Omit<ServerOptions, "store" | "dataDir">> = {}): Promise<TestServer> {
    const dir = await mkdtemp(join(tmpdir(), "mikiwame-server-"));
    const store = await openDuckDBStore(join(dir, "test.duckdb"));
    const diagnostics = new Diagnostics();
    try {
      const server = await createServer({
        store,
        dataDir: dir,
        port: 0,
        analysis: false,
        ingestRateLimit: false,
        diagnostics,
        ...options,
      });
      const started = await server.start();
      const file = new TokenFile(tokenFilePath(dir));
      const tokens: Record<TokenRole, string> = {
        admin: started.firstAdminToken ?? "",
        viewer: (await file.create("viewer test", "viewer", "test")).token,
        analyst: (await file.create("analyst test", "analyst", "test")).token,
        ingest: (await file.create("ingest test", "ingest", "test")).token,
      };
      return new TestServer(dir, store, server, started.url, tokens, diagnostics);
    } catch (e) {
      await store.close();
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  /** One request. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const t = options.token;
    if (t !== undefined) {
      const scheme = options.scheme ?? "bearer";
      headers.authorization =
        scheme === "bearer"
          ? `Bearer ${t}`
          : scheme === "basic"
            ? `Basic ${Buffer.from(`shipper:${t}`).toString("base64")}`
            : `ApiKey ${Buffer.from(`x:${t}`).toString("base64")}`;
    }
    let body: string | Uint8Array | undefined;
    if (typeof options.body === "string" || options.body instanceof Uint8Array) body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  }

  /** Stops the server and starts a new one on the same store and data directory (a restart). */
  async restart(options: Partial<Omit<ServerOptions, "store" | "dataDir">> = {}): Promise<void> {
    await this.server.stop();
    this.server = await createServer({
      store: this.store,
      dataDir: this.dir,
      port: 0,
      analysis: false,
      ingestRateLimit: false,
      diagnostics: this.diagnostics,
      ...options,
    });
    this.url = (await this.server.start()).url;
  }

  /** Uploads one example file. */
  async upload(file: string, token = this.tokens.ingest): Promise<Answer> {
    const data = await readFile(join(EXAMPLES, file));
    const name = encodeURIComponent(file.split("/").pop() ?? file);
    return this.request("POST", `/api/upload?name=${name}`, {
      token,
      body: new Uint8Array(data),
      headers: { "content-type": "application/octet-stream" },
    });
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
    } finally {
      await this.store.close();
      await rm(this.dir, { recursive: true, force: true });
    }
  }
}

/** Polls `check` every 100 ms until it returns a value, or fails after `ms`. */
export async function eventually<T>(
  what: string,
  ms: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + ms;
  // bounded by the deadline
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
