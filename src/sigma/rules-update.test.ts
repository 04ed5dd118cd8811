/** `rules update` against a local HTTP server on 127.0.0.1 serving zips built here (never the network). */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { strToU8, Zip, ZipDeflate, zipSync } from "fflate";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { safeEntryPath, updateSigmaRules } from "./rules-update.js";

const RULE =
  "title: Test\nlogsource:\n  product: windows\ndetection:\n  sel:\n    EventID: 1\n  condition: sel\n";

/** A release-like zip: rules in folders, a folder entry and a LICENSE. */
const goodZip = zipSync({
  "rules/": {},
  "rules/windows/a.yml": strToU8(RULE),
  "rules/windows/b.yaml": strToU8(RULE),
  LICENSE: strToU8("DRL"),
});

/** The same built as a stream (sizes in data descriptors after each entry). */
function streamedZip(): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const file = new ZipDeflate("rules/c.yml", { level: 6 });
  zip.add(file);
  file.push(strToU8(RULE), true);
  zip.end();
  return Buffer.concat(chunks);
}

const routes = new Map<string, { status: number; body: Uint8Array | string; stall?: boolean }>([
  ["/good.zip", { status: 200, body: goodZip }],
  ["/streamed.zip", { status: 200, body: streamedZip() }],
  ["/missing.zip", { status: 404, body: "not found" }],
  ["/notzip.zip", { status: 200, body: "<html>rate limited</html>" }],
  [
    "/slip.zip",
    { status: 200, body: zipSync({ "rules/ok.yml": strToU8(RULE), "../evil.yml": strToU8(RULE) }) },
  ],
  ["/norules.zip", { status: 200, body: zipSync({ "README.md": strToU8("hi") }) }],
  ["/big.zip", { status: 200, body: zipSync({ "rules/big.yml": new Uint8Array(300_000) }) }],
  ["/stall.zip", { status: 200, body: goodZip.subarray(0, 40), stall: true }],
]);

let server: Server;
let base: string;
let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "mikiwame-update-"));
  server = createServer((req, res) => {
    if (req.url === "/redirect.zip") {
      res.writeHead(302, { location: "/good.zip" }).end();
      return;
    }
    const route = routes.get(req.url ?? "");
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(route.status, { "content-type": "application/zip" });
    if (route.stall)
      res.write(route.body); // and never end
    else res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

async function freshDataDir(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

function isDownloadError(message: RegExp) {
  return (e: unknown) => e instanceof MikiwameError && e.code === "E_DOWNLOAD" && message.test(e.message);
}

describe("updateSigmaRules", { concurrency: true }, () => {
  it("unpacks a release zip into <data dir>/rules/sigmahq and replaces the previous copy", async () => {
    const dataDir = await freshDataDir("good");
    await mkdir(join(dataDir, "rules", "sigmahq"), { recursive: true });
    await writeFile(join(dataDir, "rules", "sigmahq", "stale.yml"), RULE);
    const r = await updateSigmaRules({ url: `${base}/good.zip`, dataDir });
    assert.equal(r.dir, join(dataDir, "rules", "sigmahq"));
    assert.equal(r.files, 3);
    assert.equal(r.rules, 2);
    assert.equal(r.downloadedBytes, goodZip.length);
    assert.equal(await readFile(join(r.dir, "rules", "windows", "a.yml"), "utf8"), RULE);
    assert.equal(existsSync(join(r.dir, "stale.yml")), false, "the old copy is gone");
    assert.deepEqual(await readdir(join(dataDir, "rules")), ["sigmahq"], "no staging folder left behind");
  });

  it("follows redirects and reads zips with data descriptors", async () => {
    const a = await updateSigmaRules({ url: `${base}/redirect.zip`, dataDir: await freshDataDir("redir") });
    assert.equal(a.rules, 2);
    const b = await updateSigmaRules({
      url: `${base}/streamed.zip`,
      dataDir: await freshDataDir("streamed"),
    });
    assert.equal(b.rules, 1);
    assert.equal(await readFile(join(b.dir, "rules", "c.yml"), "utf8"), RULE);
  });

  const failures: readonly [string, string, RegExp, Parameters<typeof updateSigmaRules>[0]["limits"]?][] = [
    ["an HTTP error", "/missing.zip", /answered HTTP 404/],
    ["not a zip", "/notzip.zip", /no Sigma rule|not a readable zip/],
    ["an entry leaving the folder", "/slip.zip", /unsafe entry name "\.\.\/evil\.yml"/],
    ["no rules in the archive", "/norules.zip", /holds no Sigma rule/],
    ["a file over the size limit", "/big.zip", /larger than 100000 bytes/, { maxFileBytes: 100_000 }],
    ["a download over the limit", "/big.zip", /download is larger than 100 bytes/, { maxDownloadBytes: 100 }],
  ];
  for (const [name, path, message, limits] of failures) {
    it(`fails on ${name} and keeps the previous rules`, async () => {
      const dataDir = await freshDataDir(`fail-${path.slice(1)}-${name.length}`);
      await mkdir(join(dataDir, "rules", "sigmahq"), { recursive: true });
      await writeFile(join(dataDir, "rules", "sigmahq", "kept.yml"), RULE);
      await assert.rejects(
        updateSigmaRules({ url: `${base}${path}`, dataDir, limits }),
        isDownloadError(message),
      );
      assert.equal(await readFile(join(dataDir, "rules", "sigmahq", "kept.yml"), "utf8"), RULE);
      assert.deepEqual(await readdir(join(dataDir, "rules")), ["sigmahq"]);
      assert.equal(existsSync(join(dataDir, "rules", "evil.yml")), false);
    });
  }

  it("gives up on a server that stops sending", async () => {
    await assert.rejects(
      updateSigmaRules({
        url: `${base}/stall.zip`,
        dataDir: await freshDataDir("stall"),
        idleTimeoutMs: 200,
      }),
      isDownloadError(/no data for/),
    );
  });

  it("says there is no connection when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
      updateSigmaRules({ url: `http://127.0.0.1:${port}/x.zip`, dataDir: await freshDataDir("down") }),
      isDownloadError(/no connection \(ECONNREFUSED\); check the network or give another --url/),
    );
  });

  it("refuses a URL that is not http(s) as a usage error", async () => {
    for (const url of ["file:///etc/passwd", "not a url"]) {
      await assert.rejects(
        updateSigmaRules({ url, dataDir: await freshDataDir("usage") }),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_USAGE",
      );
    }
  });
});

describe("safeEntryPath", () => {
  const rows: readonly [string, string | undefined | RegExp][] = [
    ["rules/windows/a.yml", "rules/windows/a.yml"],
    ["./rules//a.yml", "rules/a.yml"],
    ["rules\\win\\a.yml", "rules/win/a.yml"],
    ["rules/", undefined],
    ["/etc/passwd", /unsafe/],
    ["C:/x.yml", /unsafe/],
    ["rules/../../x.yml", /unsafe/],
    ["..\\x.yml", /unsafe/],
    ["a\u0000b", /unsafe/],
  ];
  for (const [name, want] of rows) {
    it(JSON.stringify(name), () => {
      if (want instanceof RegExp) assert.throws(() => safeEntryPath(name), want);
      else assert.equal(safeEntryPath(name), want);
    });
  }
});
