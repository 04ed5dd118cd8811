/**
 * VirusTotal and X-Force against a local HTTP server on 127.0.0.1 that answers like the real APIs.
 * One conformance table runs the same cases for both sources (success, not found, 429 then success, bad
 * key, 5xx, timeout, cache hit, offline, no key, daily quota); service-specific checks follow.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Clock } from "./clock.js";
import type { FetchFunction } from "./fetch-json.js";
import { LookupCache, lookupCacheFile } from "./lookup-cache.js";
import type { OnlineSource } from "./online-source.js";
import { lookupAll, openOnlineSources } from "./online-sources.js";
import type { LookupKind, LookupResult } from "./reputation-source.js";
import { createVirusTotalSource, virusTotalUrlId } from "./virustotal.js";
import { createXForceSource, xforceScoreVerdict } from "./xforce.js";

class FakeClock implements Clock {
  t = 1_700_000_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
  }
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (for the timeout case). */
  readonly stall?: boolean;
}
interface Seen {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** path → replies in order (the last one repeats); every request is logged. */
const script = new Map<string, Reply[]>();
const seen: Seen[] = [];
let server: Server;
let base: string;

const VT_KEY = "vt-good-key";
const XF_KEY = "xf-key";
const XF_PASSWORD = "xf-password";
const XF_AUTH = `Basic ${Buffer.from(`${XF_KEY}:${XF_PASSWORD}`).toString("base64")}`;

function send(res: ServerResponse, r: Reply): void {
  res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
  res.end(r.body === undefined ? "" : JSON.stringify(r.body));
}

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push({ path, headers: req.headers });
    // Authentication as the services do it: VirusTotal's x-apikey, X-Force's basic auth.
    if (path.startsWith("/vt/") && req.headers["x-apikey"] !== VT_KEY) {
      send(res, {
        status: 401,
        body: { error: { code: "WrongCredentialsError", message: "Wrong API key" } },
      });
      return;
    }
    if (path.startsWith("/xf/") && req.headers.authorization !== XF_AUTH) {
      send(res, { status: 401, body: { error: "Not authorized." } });
      return;
    }
    const replies = script.get(path);
    const reply = replies && replies.length > 1 ? replies.shift()! : replies?.[0];
    if (!reply) {
      send(res, { status: 404, body: { error: { code: "NotFoundError", message: `${path} not found` } } });
      return;
    }
    if (reply.stall) return; // the client's timeout has to end this
    send(res, reply);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  script.clear();
  seen.length = 0;
});

/** A fetch that fails the test if called: proves a lookup made no HTTP call at all. */
const noFetch: FetchFunction = () => {
  throw new Error("fetch must not be called");
};

interface SourceCase {
  readonly name: string;
  readonly make: (o: {
    clock: FakeClock;
    key?: string;
    offline?: boolean;
    cache?: LookupCache;
    fetchImpl?: FetchFunction;
    timeoutMs?: number;
    perDay?: number;
    diagnostics?: Diagnostics;
  }) => OnlineSource;
  /** An indicator the fake service knows, its request path and answer. */
  readonly known: { kind: LookupKind; value: string; path: string; body: unknown };
  readonly expectFound: { verdict: string; score: number };
  readonly unknown: { kind: LookupKind; value: string; path: string };
  readonly notFoundBody: unknown;
  readonly unauthorised: string;
}

const MD5 = "44d88612fea8a8f36de82e1278abb02f";
const CASES: readonly SourceCase[] = [
  {
    name: "virustotal",
    make: (o) =>
      createVirusTotalSource({
        apiKey: o.key ?? VT_KEY,
        env: {},
        baseUrl: `${base}/vt/api/v3`,
        clock: o.clock,
        offline: o.offline,
        cache: o.cache,
        fetchImpl: o.fetchImpl,
        timeoutMs: o.timeoutMs ?? 5000,
        limits: { perMinute: 4, perDay: o.perDay ?? 500 },
        diagnostics: o.diagnostics,
      }),
    known: {
      kind: "hash",
      value: MD5.toUpperCase(),
      path: `/vt/api/v3/files/${MD5}`,
      body: {
        data: {
          id: MD5,
          type: "file",
          attributes: {
            last_analysis_stats: { malicious: 61, suspicious: 0, undetected: 8, harmless: 0 },
            reputation: -320,
            first_submission_date: 1148301722,
            meaningful_name: "eicar.com",
            popular_threat_classification: { suggested_threat_label: "virus.eicar/test" },
            last_analysis_results: { Engine: { category: "malicious" } },
          },
        },
      },
    },
    expectFound: { verdict: "malicious", score: 61 },
    unknown: { kind: "ip", value: "192.0.2.44", path: "/vt/api/v3/ip_addresses/192.0.2.44" },
    notFoundBody: { error: { code: "NotFoundError", message: "Resource not found" } },
    unauthorised: "bad-key",
  },
  {
    name: "xforce",
    make: (o) =>
      createXForceSource({
        apiKey: o.key ?? XF_KEY,
        apiPassword: XF_PASSWORD,
        env: {},
        baseUrl: `${base}/xf`,
        clock: o.clock,
        offline: o.offline,
        cache: o.cache,
        fetchImpl: o.fetchImpl,
        timeoutMs: o.timeoutMs ?? 5000,
        limits: { perMinute: 6, perDay: o.perDay ?? 200 },
        diagnostics: o.diagnostics,
      }),
    known: {
      kind: "ip",
      value: "198.51.100.23",
      path: "/xf/ipr/198.51.100.23",
      body: {
        ip: "198.51.100.23",
        score: 8.6,
        cats: { "Botnet Command and Control Server": 86 },
        geo: { country: "Exampleland", countrycode: "EX" },
        reason: "Regional Internet Registry",
        reasonDescription: "One of the five RIRs announced a (new) location mapping of the IP.",
        history: [{ created: "2012-03-22T07:26:00.000Z" }],
      },
    },
    expectFound: { verdict: "malicious", score: 8.6 },
    unknown: { kind: "domain", value: "unknown.example.org", path: "/xf/url/unknown.example.org" },
    notFoundBody: { error: "Not found." },
    unauthorised: "other-key",
  },
];

const TOO_MANY = { status: 429, body: { error: { code: "QuotaExceededError", message: "Quota exceeded" } } };

for (const c of CASES) {
  describe(`${c.name} (conformance)`, () => {
    it("found: verdict, score, details; the request carries the key", async () => {
      script.set(c.known.path, [{ status: 200, body: c.known.body }]);
      const r = await c.make({ clock: new FakeClock() }).lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "found");
      assert.equal(r.status === "found" && r.verdict, c.expectFound.verdict);
      assert.equal(r.status === "found" && r.score, c.expectFound.score);
      assert.equal(r.source, c.name);
      assert.equal(r.cached, false);
      assert.ok(Object.keys(r.details).length > 0);
      assert.deepEqual(
        seen.map((s) => s.path),
        [c.known.path],
      );
    });

    it("404 → not-found", async () => {
      script.set(c.unknown.path, [{ status: 404, body: c.notFoundBody }]);
      const r = await c.make({ clock: new FakeClock() }).lookup(c.unknown.kind, c.unknown.value);
      assert.deepEqual(
        { status: r.status, value: r.value },
        { status: "not-found", value: c.unknown.value.toLowerCase() },
      );
    });

    it("429 → backs off (Retry-After) and retries, then found", async () => {
      script.set(c.known.path, [
        { ...TOO_MANY, headers: { "retry-after": "7" } },
        TOO_MANY,
        { status: 200, body: c.known.body },
      ]);
      const clock = new FakeClock();
      const r = await c.make({ clock }).lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "found");
      assert.equal(seen.length, 3);
      assert.equal(clock.sleeps[0], 7000, "Retry-After honoured");
      assert.equal(clock.sleeps[1], 30_000, "then exponential back-off (15 s × 2)");
    });

    it("429 for ever → error after the bounded retries", async () => {
      script.set(c.known.path, [TOO_MANY]);
      const r = await c.make({ clock: new FakeClock() }).lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "error");
      assert.match(
        r.status === "error" ? r.reason : "",
        /rate limit \(HTTP 429\) still hit after 3 retries: QuotaExceededError/,
      );
      assert.equal(seen.length, 4);
    });

    it("bad key → error: key rejected, reported once, and the source is not asked again this run", async () => {
      script.set(c.known.path, [{ status: 200, body: c.known.body }]);
      const diagnostics = new Diagnostics();
      const source = c.make({ clock: new FakeClock(), key: c.unauthorised, diagnostics });
      const first = await source.lookup(c.known.kind, c.known.value);
      assert.equal(first.status, "error");
      assert.match(first.status === "error" ? first.reason : "", /key rejected \(HTTP 401: .+\)/);
      const second = await source.lookup(c.unknown.kind, c.unknown.value);
      assert.equal(second.status, "not-checked");
      assert.match(second.status === "not-checked" ? second.reason : "", /key rejected .*not asked again/);
      assert.equal(seen.length, 1, "no second request");
      assert.equal(diagnostics.warnings, 1);
      assert.equal(diagnostics.list()[0]?.code, "E_INTEL_ONLINE");
      assert.ok(diagnostics.list()[0]?.location.file?.startsWith(base));
    });

    it("5xx → error with the HTTP status", async () => {
      script.set(c.known.path, [
        { status: 503, body: { error: { code: "TransientError", message: "try later" } } },
      ]);
      const r = await c.make({ clock: new FakeClock() }).lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "error");
      assert.match(r.status === "error" ? r.reason : "", /HTTP 503: TransientError: try later/);
    });

    it("no answer → error: timeout", async () => {
      script.set(c.known.path, [{ status: 200, stall: true }]);
      const r = await c.make({ clock: new FakeClock(), timeoutMs: 150 }).lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "error");
      assert.match(r.status === "error" ? r.reason : "", /no answer within 150 ms \(timeout\)/);
    });

    it("cache hit: a repeated lookup (also by a new source sharing the cache) sends one request", async () => {
      script.set(c.known.path, [{ status: 200, body: c.known.body }]);
      const clock = new FakeClock();
      const cache = LookupCache.inMemory({ clock });
      const a = await c.make({ clock, cache }).lookup(c.known.kind, c.known.value);
      const b = await c.make({ clock, cache }).lookup(c.known.kind, c.known.value);
      assert.equal(seen.length, 1);
      assert.equal(b.cached, true);
      assert.deepEqual({ ...b, cached: false }, a);
    });

    it("concurrent lookups of one value share one request", async () => {
      script.set(c.known.path, [{ status: 200, body: c.known.body }]);
      const source = c.make({ clock: new FakeClock() });
      const [a, b] = await Promise.all([
        source.lookup(c.known.kind, c.known.value),
        source.lookup(c.known.kind, c.known.value),
      ]);
      assert.equal(seen.length, 1);
      assert.deepEqual(a, b);
    });

    it("offline → not-checked without any call, but cached answers are still given", async () => {
      const clock = new FakeClock();
      const cache = LookupCache.inMemory({ clock });
      const offline = c.make({ clock, offline: true, fetchImpl: noFetch, cache });
      const r = await offline.lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "not-checked");
      assert.match(r.status === "not-checked" ? r.reason : "", /^offline: .+ not asked$/);
      script.set(c.known.path, [{ status: 200, body: c.known.body }]);
      await c.make({ clock, cache }).lookup(c.known.kind, c.known.value);
      const again = await offline.lookup(c.known.kind, c.known.value);
      assert.equal(again.status, "found");
      assert.equal(again.cached, true);
    });

    it("no key → not-checked with the variable to set, and no call", async () => {
      const r = await c
        .make({ clock: new FakeClock(), key: "", fetchImpl: noFetch })
        .lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "not-checked");
      assert.match(
        r.status === "not-checked" ? r.reason : "",
        /no .+ (API )?key.*set (VT_API_KEY|XFORCE_API_KEY)/,
      );
    });

    it("daily budget spent → not-checked: daily quota used, no call", async () => {
      script.set(c.known.path, [{ status: 200, body: c.known.body }]);
      const source = c.make({ clock: new FakeClock(), perDay: 1 });
      assert.equal((await source.lookup(c.known.kind, c.known.value)).status, "found");
      const r = await source.lookup(c.unknown.kind, c.unknown.value);
      assert.equal(r.status, "not-checked");
      assert.match(r.status === "not-checked" ? r.reason : "", /daily quota used \(1 .+ lookups per day\)/);
      assert.equal(seen.length, 1);
    });

    it("a value that is not valid for its kind → error, no call", async () => {
      const r = await c.make({ clock: new FakeClock(), fetchImpl: noFetch }).lookup("ip", "not-an-ip");
      assert.equal(r.status, "error");
      assert.match(r.status === "error" ? r.reason : "", /not an IP address: not-an-ip/);
    });

    it("a 200 answer of the wrong shape → error, not a verdict", async () => {
      script.set(c.known.path, [{ status: 200, body: ["unexpected"] }]);
      const r = await c.make({ clock: new FakeClock() }).lookup(c.known.kind, c.known.value);
      assert.equal(r.status, "error");
      assert.match(r.status === "error" ? r.reason : "", /answer not understood/);
    });
  });
}

describe("VirusTotal specifics", () => {
  const make = (clock = new FakeClock()) =>
    createVirusTotalSource({ apiKey: VT_KEY, env: {}, baseUrl: `${base}/vt/api/v3`, clock });

  it("URLs are looked up by their unpadded base64url id", async () => {
    const url = "http://malware.example.com/payload.exe?x=1";
    assert.equal(virusTotalUrlId(url), Buffer.from(url).toString("base64url"));
    assert.doesNotMatch(virusTotalUrlId(url), /[=+/]/);
    const path = `/vt/api/v3/urls/${virusTotalUrlId(url)}`;
    script.set(path, [
      {
        status: 200,
        body: {
          data: { attributes: { url, last_analysis_stats: { malicious: 0, harmless: 70, undetected: 10 } } },
        },
      },
    ]);
    const r = await make().lookup("url", url);
    assert.deepEqual(
      seen.map((s) => s.path),
      [path],
    );
    assert.equal(r.status === "found" && r.verdict, "harmless");
    assert.deepEqual(r.details.url, url);
  });

  const VERDICTS: ReadonlyArray<[Record<string, number> | undefined, string]> = [
    [{ malicious: 3, suspicious: 0, harmless: 50 }, "malicious"],
    [{ malicious: 2, suspicious: 0, harmless: 50 }, "suspicious"],
    [{ malicious: 0, suspicious: 1, harmless: 50 }, "suspicious"],
    [{ malicious: 0, suspicious: 0, harmless: 0, undetected: 60 }, "harmless"],
    [{ malicious: 0, suspicious: 0, harmless: 0, undetected: 0 }, "unknown"],
    [undefined, "unknown"],
  ];
  for (const [stats, verdict] of VERDICTS) {
    it(`last_analysis_stats ${JSON.stringify(stats)} → ${verdict}`, async () => {
      script.set("/vt/api/v3/domains/example.net", [
        { status: 200, body: { data: { attributes: stats ? { last_analysis_stats: stats } : {} } } },
      ]);
      const r = await make().lookup("domain", "example.net");
      assert.equal(r.status === "found" && r.verdict, verdict);
    });
  }

  it("details keep the chosen fields only (not the per-engine results)", async () => {
    script.set(`/vt/api/v3/files/${MD5}`, [{ status: 200, body: CASES[0]!.known.body }]);
    const r = await make().lookup("hash", MD5);
    assert.deepEqual(Object.keys(r.details).sort(), [
      "first_submission_date",
      "last_analysis_stats",
      "meaningful_name",
      "popular_threat_classification",
      "reputation",
    ]);
  });

  it("takes the key from VT_API_KEY", async () => {
    script.set(`/vt/api/v3/files/${MD5}`, [{ status: 200, body: CASES[0]!.known.body }]);
    const s = createVirusTotalSource({
      env: { VT_API_KEY: VT_KEY },
      baseUrl: `${base}/vt/api/v3`,
      clock: new FakeClock(),
    });
    assert.equal((await s.lookup("hash", MD5)).status, "found");
    assert.equal(seen[0]?.headers["x-apikey"], VT_KEY);
  });
});

describe("X-Force specifics", () => {
  const make = () =>
    createXForceSource({
      env: { XFORCE_API_KEY: XF_KEY, XFORCE_API_PASSWORD: XF_PASSWORD },
      baseUrl: `${base}/xf`,
      clock: new FakeClock(),
    });

  it("hashes use /malware/ and the risk level", async () => {
    script.set(`/xf/malware/${MD5}`, [
      {
        status: 200,
        body: {
          malware: {
            risk: "high",
            type: "md5",
            family: ["eicar"],
            origins: { external: { detectionCoverage: 45, family: ["eicar"] } },
          },
        },
      },
    ]);
    const r = await make().lookup("hash", MD5);
    assert.equal(r.status === "found" && r.verdict, "malicious");
    assert.equal(r.details.detectionCoverage, 45);
    assert.equal(seen[0]?.headers.authorization, XF_AUTH);
  });

  it("URLs go to /url/ percent-encoded and use result.score", async () => {
    const url = "https://phish.example.com/login?a=b";
    script.set(`/xf/url/${encodeURIComponent(url)}`, [
      { status: 200, body: { result: { url: "phish.example.com", score: 5, cats: { Phishing: true } } } },
    ]);
    const r = await make().lookup("url", url);
    assert.equal(r.status === "found" && r.verdict, "suspicious");
    assert.equal(r.status === "found" && r.score, 5);
  });

  const SCORES: ReadonlyArray<[number | undefined, string]> = [
    [10, "malicious"],
    [7, "malicious"],
    [6.9, "suspicious"],
    [4, "suspicious"],
    [1, "harmless"],
    [0, "unknown"],
    [undefined, "unknown"],
  ];
  for (const [score, verdict] of SCORES)
    it(`score ${score} → ${verdict}`, () => assert.equal(xforceScoreVerdict(score), verdict));

  it("a key without a password is no key", async () => {
    const s = createXForceSource({ env: { XFORCE_API_KEY: XF_KEY }, fetchImpl: noFetch });
    const r = await s.lookup("ip", "192.0.2.1");
    assert.equal(r.status, "not-checked");
    assert.match(r.status === "not-checked" ? r.reason : "", /no X-Force API password/);
  });
});

describe("OnlineSource safety", () => {
  const BAD_BASES = ["http://api.example.com/v3", "ftp://127.0.0.1/", "not a url"];
  for (const baseUrl of BAD_BASES)
    it(`refuses base URL ${baseUrl} with E_CONFIG (the key must not travel in clear text)`, () => {
      assert.throws(
        () => createVirusTotalSource({ apiKey: VT_KEY, env: {}, baseUrl }),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_CONFIG" && e.message.includes(baseUrl),
      );
    });

  it("an aborted lookup → error: aborted, no call", async () => {
    const ac = new AbortController();
    ac.abort();
    const s = createVirusTotalSource({
      apiKey: VT_KEY,
      env: {},
      baseUrl: `${base}/vt/api/v3`,
      fetchImpl: noFetch,
    });
    const r = await s.lookup("hash", MD5, { signal: ac.signal });
    assert.equal(r.status, "error");
    assert.match(r.status === "error" ? r.reason : "", /VirusTotal lookup aborted/);
  });

  it("refresh: true asks again despite a cached answer", async () => {
    script.set(`/vt/api/v3/files/${MD5}`, [{ status: 200, body: CASES[0]!.known.body }]);
    const cache = LookupCache.inMemory();
    const s = createVirusTotalSource({
      apiKey: VT_KEY,
      env: {},
      baseUrl: `${base}/vt/api/v3`,
      cache,
      clock: new FakeClock(),
    });
    await s.lookup("hash", MD5);
    const r = await s.lookup("hash", MD5, { refresh: true });
    assert.equal(r.cached, false);
    assert.equal(seen.length, 2);
  });
});

describe("openOnlineSources", () => {
  it("builds both sources over one cache; offline, nothing is called", async () => {
    const { sources, cache } = await openOnlineSources({
      env: { VT_API_KEY: VT_KEY },
      offline: true,
      fetchImpl: noFetch,
    });
    assert.deepEqual(
      sources.map((s) => s.name),
      ["virustotal", "xforce"],
    );
    const results: LookupResult[] = await lookupAll(sources, "domain", "example.com");
    assert.deepEqual(
      results.map((r) => r.status),
      ["not-checked", "not-checked"],
    );
    assert.equal(cache.file, undefined);
  });
});

describe("openOnlineSources with a data directory", () => {
  it("keeps answers in <data dir>/intel/cache/ so the next run does not call again", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "mikiwame-online-"));
    try {
      script.set(`/vt/api/v3/files/${MD5}`, [{ status: 200, body: CASES[0]!.known.body }]);
      const run = () =>
        openOnlineSources({
          dataDir,
          env: { VT_API_KEY: VT_KEY },
          sources: ["virustotal"],
          virustotal: { baseUrl: `${base}/vt/api/v3` },
          clock: new FakeClock(),
        });
      const first = await run();
      assert.equal((await first.sources[0]!.lookup("hash", MD5)).status, "found");
      assert.equal(first.cache.file, lookupCacheFile(dataDir));
      const second = await run();
      const r = await second.sources[0]!.lookup("hash", MD5);
      assert.equal(r.cached, true);
      assert.equal(seen.length, 1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
