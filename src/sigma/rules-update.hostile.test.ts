/**
 * Hostile archives for `rules update`, served from 127.0.0.1 (never the network): a zip bomb (one
 * 64 MiB entry in a 64 KiB zip), many entries that together unpack past the limit, more entries
 * than allowed, and zip-slip names (parent paths, absolute, UNC, drive letters, NUL) hidden after
 * good entries. Each fails with E_DOWNLOAD and its reason, in bounded time, writes nothing outside the
 * data directory and leaves the previous rules in place.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, before, describe, it } from "node:test";
import { strToU8 } from "fflate";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { zipBytes } from "../testing/fuzz/zip-bytes.js";
import { DEFAULT_UPDATE_LIMITS, safeEntryPath, type UpdateLimits, updateSigmaRules } from "./rules-update.js";

const RULE =
  "title: T\nlogsource:\n  product: windows\ndetection:\n  sel:\n    EventID: 1\n  condition: sel\n";

const rule = (name: string) => ({ name, data: strToU8(RULE) });
const zeros = (name: string, mib: number) => ({ name, data: new Uint8Array(mib * 1024 * 1024) });

const SLIP_NAMES = [
  "rules/../../evil.yml",
  "rules/sub/../../../evil.yml",
  "..\\..\\evil.yml",
  "/tmp/evil.yml",
  "\\\\server\\share\\evil.yml",
  "C:evil.yml",
  "c:\\windows\\evil.yml",
  "rules/evil\u0000.yml",
];

const routes = new Map<string, Uint8Array>([
  ["/bomb.zip", zipBytes([rule("rules/a.yml"), zeros("rules/bomb.yml", 64)])],
  ["/wide.zip", zipBytes(Array.from({ length: 12 }, (_, i) => zeros(`rules/pad${i}.yml`, 4)))],
  ["/many.zip", zipBytes(Array.from({ length: 1001 }, (_, i) => rule(`rules/r${i}.yml`)))],
  ...SLIP_NAMES.map((name, i): [string, Uint8Array] => [
    `/slip${i}.zip`,
    zipBytes([rule("rules/ok.yml"), rule(name)]),
  ]),
]);

let server: Server;
let base: string;
let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "mikiwame-update-hostile-"));
  server = createServer((req, res) => {
    const body = routes.get(req.url ?? "");
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/zip" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

/** Runs an update that must fail; checks the reason, the time, and that nothing changed on disk. */
async function mustFail(path: string, message: RegExp, limits?: Partial<UpdateLimits>): Promise<void> {
  const dataDir = join(work, `d-${path.slice(1, -4)}`);
  await mkdir(join(dataDir, "rules", "sigmahq"), { recursive: true });
  await writeFile(join(dataDir, "rules", "sigmahq", "kept.yml"), RULE);
  const start = performance.now();
  await assert.rejects(
    updateSigmaRules({ url: `${base}${path}`, dataDir, ...(limits && { limits }) }),
    (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_DOWNLOAD");
      assert.match(e.message, message);
      return true;
    },
  );
  const ms = performance.now() - start;
  assert.ok(ms < 10_000, `${ms} ms`);
  assert.equal(
    await readFile(join(dataDir, "rules", "sigmahq", "kept.yml"), "utf8"),
    RULE,
    "previous rules kept",
  );
  assert.deepEqual(await readdir(join(dataDir, "rules")), ["sigmahq"], "no staging folder left");
  assert.deepEqual(await readdir(dataDir), ["rules"], "nothing written beside the rules");
  for (const outside of [
    join(work, "evil.yml"),
    join(dataDir, "evil.yml"),
    join(dataDir, "rules", "evil.yml"),
  ])
    assert.equal(existsSync(outside), false, `${outside} written`);
}

describe("hostile rule archives", { concurrency: true }, () => {
  it("a zip bomb (64 MiB in one entry of a 64 KiB zip) stops at the per-file limit", async () => {
    assert.ok(routes.get("/bomb.zip")!.length < 100 * 1024, "the bomb is small");
    await mustFail(
      "/bomb.zip",
      new RegExp(`entry rules/bomb\\.yml is larger than ${DEFAULT_UPDATE_LIMITS.maxFileBytes} bytes`),
    );
  });

  it("entries that together unpack past the limit", async () => {
    await mustFail("/wide.zip", /the archive unpacks to more than 33554432 bytes/, {
      maxUnpackedBytes: 32 * 1024 * 1024,
    });
  });

  it("more entries than allowed", async () => {
    await mustFail("/many.zip", /the archive has more than 1000 entries/, { maxEntries: 1000 });
  });

  for (const [i, name] of SLIP_NAMES.entries()) {
    it(`a zip-slip entry ${JSON.stringify(name)} after a good one`, async () => {
      assert.throws(() => safeEntryPath(name), /unsafe entry name/);
      await mustFail(`/slip${i}.zip`, /unsafe entry name/);
    });
  }
});
