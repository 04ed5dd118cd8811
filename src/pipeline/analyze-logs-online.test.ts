/**
 * `analyzeLogs` with `online` (the CLI's `--online`): after the pass the suspicious processes' image
 * SHA256s are looked up through a local HTTP server on 127.0.0.1 answering like VirusTotal; the answers
 * are findings of their process group. Without `online` nothing is called.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { repoRoot } from "../testing/corpus.js";
import { analyzeLogs } from "./analyze-logs.js";

const EXAMPLES = join(repoRoot(), "examples");
const PAYLOAD_SHA256 = "01574bafb9df4967a03864d65e6c6a9a010b80e479708c8110bd76ff53a4bd36";
const KEY = "vt-test-key";

let server: Server;
let base: string;
const requests: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "/");
    const known = req.url === `/vt/files/${PAYLOAD_SHA256}` && req.headers["x-apikey"] === KEY;
    res.writeHead(known ? 200 : 404, { "content-type": "application/json" });
    const stats = { malicious: 41, suspicious: 0, undetected: 20, harmless: 0 };
    res.end(JSON.stringify(known ? { data: { attributes: { last_analysis_stats: stats } } } : {}));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vt`;
});
after(() => new Promise<void>((ok) => server.close(() => ok())));

test("--online: the payload's image hash is rated malicious by the service, in its process group", async () => {
  const online = {
    env: { VT_API_KEY: KEY },
    sources: ["virustotal"] as const,
    virustotal: { baseUrl: base, limits: { perMinute: 1000, perDay: 1000 } },
  };
  const diagnostics = new Diagnostics();
  const result = await analyzeLogs([EXAMPLES], {
    diagnostics,
    location: false,
    online,
    reputation: { onlineMaxHashes: 2, onlineMaxDestinations: 0 },
  });
  assert.ok(requests.includes(`/vt/files/${PAYLOAD_SHA256}`), requests.join(" "));
  assert.equal(requests.length, 2, "at most onlineMaxHashes hashes, no destinations");
  const f = result.findings.find((x) => x.detector === "reputation.malicious" && x.details.online === true);
  assert.ok(f, "the online finding");
  assert.equal(f.host, "WS-SALES-07");
  const group = result.groups.find((g) => g.findings.includes(f.id));
  assert.ok(group?.image?.toLowerCase().endsWith("svcupd.exe"), `its group: ${group?.image}`);

  requests.length = 0;
  const without = await analyzeLogs([EXAMPLES], { diagnostics: new Diagnostics(), location: false });
  assert.equal(requests.length, 0, "no online option: nothing is called");
  assert.ok(!without.findings.some((x) => x.details.online === true));
  assert.equal(without.skipped.reputation?.startsWith("not checked"), true);
});
