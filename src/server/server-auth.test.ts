/**
 * The auth matrix over real HTTP: no token → 401 on every route but health, the wrong role → 403,
 * ingest tokens write but cannot read, revoked tokens are refused at once (through the API and through
 * the token file as the CLI changes it), shipper schemes (Basic, ApiKey), and no secret in the audit log.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TokenFile, tokenFilePath } from "./auth/token-file.js";
import { TestServer } from "./test-server.test.support.js";

let t: TestServer;
before(async () => {
  t = await TestServer.start();
});
after(async () => {
  await t.stop();
});

const VERDICT = {
  verdict: "benign",
  reason: "signed updater, seen on every host",
  scope: { hosts: { kind: "all" }, match: { kind: "path", path: "C:\\Program Files\\Tool\\updater.exe" } },
};
const NDJSON = `${JSON.stringify({ "@timestamp": "2026-03-02T10:00:00Z", host: "h1", message: "one" })}\n`;

/** Every documented route with its method, path parameters filled in. */
async function documentedRoutes(): Promise<{ method: string; path: string }[]> {
  const doc = (await t.request("GET", "/api/openapi.json", { token: t.tokens.viewer })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  const out: { method: string; path: string }[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const method of Object.keys(methods))
      out.push({
        method: method.toUpperCase(),
        path: path
          .replace("{id}", "INC-0000000000")
          .replace("{format}", "blocklist.txt")
          .replace("{index}", "logs"),
      });
  return out;
}

describe("auth", () => {
  it("answers 401 without a token on every route except health and the shipper probes", async () => {
    const routes = [
      ...(await documentedRoutes()),
      { method: "POST", path: "/_bulk" },
      { method: "PUT", path: "/_bulk" },
    ];
    assert.ok(routes.length >= 25, `only ${routes.length} routes documented`);
    const open = new Set(["GET /api/health", "GET /_license", "GET /_cat/health"]);
    for (const r of routes) {
      const a = await t.request(
        r.method,
        r.path,
        r.method === "GET" || r.method === "DELETE" ? {} : { body: "{}" },
      );
      if (open.has(`${r.method} ${r.path}`)) assert.equal(a.status, 200, `${r.method} ${r.path}`);
      else {
        assert.equal(a.status, 401, `${r.method} ${r.path} gave ${a.status}`);
        assert.equal(a.json<{ error: { code: string } }>().error.code, "E_AUTH");
        assert.match(a.headers.get("www-authenticate") ?? "", /Bearer realm="mikiwame"/);
      }
    }
  });

  it("answers 401 for a malformed, unknown or foreign token", async () => {
    const forged = `${t.tokens.viewer.slice(0, -4)}AAAA`;
    for (const token of [
      "nonsense",
      forged,
      "mkw_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      const a = await t.request("GET", "/api/incidents", { token });
      assert.equal(a.status, 401, token);
      assert.equal(a.json<{ error: { code: string } }>().error.code, "E_AUTH");
    }
    const odd = await t.request("GET", "/api/incidents", { headers: { authorization: "Digest abc" } });
    assert.equal(odd.status, 401);
    assert.match(odd.text, /unsupported Authorization scheme/);
  });

  it("lets a viewer read but not decide, ingest or administer (403)", async () => {
    const token = t.tokens.viewer;
    assert.equal((await t.request("GET", "/api/incidents", { token })).status, 200);
    assert.equal((await t.request("GET", "/api/hosts", { token })).status, 200);
    const verdict = await t.request("POST", "/api/verdicts", { token, body: VERDICT });
    assert.equal(verdict.status, 403);
    assert.equal(verdict.json<{ error: { code: string } }>().error.code, "E_AUTH");
    assert.equal((await t.request("POST", "/api/ingest", { token, body: NDJSON })).status, 403);
    assert.equal((await t.request("GET", "/api/tokens", { token })).status, 403);
    assert.equal((await t.request("GET", "/api/audit", { token })).status, 403);
  });

  it("lets an ingest token write events (Bearer, Basic, ApiKey) but read nothing", async () => {
    const token = t.tokens.ingest;
    for (const scheme of ["bearer", "basic", "apikey"] as const) {
      const a = await t.request("POST", "/api/ingest", { token, scheme, body: NDJSON });
      assert.equal(a.status, 200, `${scheme}: ${a.text}`);
    }
    for (const path of [
      "/api/incidents",
      "/api/events",
      "/api/findings",
      "/api/hosts",
      "/api/decisions",
      "/api/metrics",
    ]) {
      const a = await t.request("GET", path, { token });
      assert.equal(a.status, 403, path);
    }
    assert.equal((await t.request("POST", "/api/verdicts", { token, body: VERDICT })).status, 403);
    const who = await t.request("GET", "/api/whoami", { token });
    assert.deepEqual(who.json<{ role: string }>().role, "ingest");
  });

  it("lets an analyst decide but not manage tokens", async () => {
    const token = t.tokens.analyst;
    const a = await t.request("POST", "/api/verdicts", { token, body: VERDICT });
    assert.equal(a.status, 201, a.text);
    const d = a.json<{ id: string; analyst: string; verdict: string }>();
    assert.match(d.id, /^D-[0-9a-f]{12}$/);
    assert.equal(d.analyst, "analyst test");
    assert.equal(
      (await t.request("POST", "/api/tokens", { token, body: { name: "x", role: "admin" } })).status,
      403,
    );
  });

  it("lets an admin create and revoke tokens; a revoked token is refused on the next request", async () => {
    const admin = t.tokens.admin;
    const made = await t.request("POST", "/api/tokens", {
      token: admin,
      body: { name: "soc laptop", role: "viewer" },
    });
    assert.equal(made.status, 201, made.text);
    const { token, info } = made.json<{ token: string; info: { id: string; role: string } }>();
    assert.equal(info.role, "viewer");
    assert.equal((await t.request("GET", "/api/incidents", { token })).status, 200);
    const list = (await t.request("GET", "/api/tokens", { token: admin })).json<{ id: string }[]>();
    assert.ok(list.some((x) => x.id === info.id));
    assert.ok(!JSON.stringify(list).includes("sha256:"), "the list shows no hashes");
    const revoked = await t.request("DELETE", `/api/tokens/${info.id}`, { token: admin });
    assert.equal(revoked.status, 200);
    const after = await t.request("GET", "/api/incidents", { token });
    assert.equal(after.status, 401);
    assert.match(after.json<{ error: { message: string } }>().error.message, /revoked/);
    assert.equal((await t.request("DELETE", "/api/tokens/0123456789ab", { token: admin })).status, 404);
  });

  it("sees a revocation made in the token file by another process (the CLI) at once", async () => {
    const file = new TokenFile(tokenFilePath(t.dir));
    const made = await file.create("cli made", "analyst", "cli:test");
    assert.equal((await t.request("GET", "/api/whoami", { token: made.token })).status, 200);
    await new TokenFile(tokenFilePath(t.dir)).revoke(made.info.id, "cli:test");
    assert.equal((await t.request("GET", "/api/whoami", { token: made.token })).status, 401);
  });

  it("keeps secrets out of the audit log and the token file", async () => {
    const audit = await readFile(join(t.dir, "audit.jsonl"), "utf8");
    assert.match(audit, /"action":"token.create"/);
    assert.match(audit, /"action":"token.revoke"/);
    assert.match(audit, /"action":"verdict.decide"/);
    const tokens = await readFile(tokenFilePath(t.dir), "utf8");
    for (const token of Object.values(t.tokens)) {
      const secret = token.slice(token.lastIndexOf("_") + 1);
      assert.ok(!audit.includes(secret), "audit holds no secret");
      assert.ok(!tokens.includes(secret), "token file holds no secret");
    }
  });
});
