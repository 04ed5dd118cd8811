import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../events/event.js";
import { EventFactory, guid } from "../process/process-events.test.support.js";
import { HistoryAnalyzer, imageIdentity, normalizeCommandLine } from "./history-analyzer.js";

const SHA = (c: string) => c.repeat(64);
const TEMP = "C:\\Users\\a\\AppData\\Local\\Temp\\upd.exe";
const SVCHOST = "C:\\Windows\\System32\\svchost.exe";

/** One process creation of `image` (with hash `sha`) on each host, `s` seconds apart. */
function starts(image: string, sha: string, hosts: readonly string[], cmd = image): Event[] {
  return hosts.map((h, i) =>
    new EventFactory(h).start(i, guid(i + 1), image, undefined, {
      Hashes: `SHA256=${sha}`,
      CommandLine: cmd,
    }),
  );
}

function run(events: readonly Event[], options = {}) {
  const a = new HistoryAnalyzer(options);
  for (const e of events) a.observe(e);
  return { a, findings: a.finish() };
}

const FLEET = ["WS-1", "WS-2", "WS-3", "WS-4", "WS-5", "WS-6"];
/** Every host runs svchost (the population). */
const background = starts(SVCHOST, SHA("A"), FLEET);

describe("history analyzer", () => {
  it("the same image from a suspicious place on several hosts: one spread finding per host, naming the others", () => {
    const { findings } = run([...background, ...starts(TEMP, SHA("B"), ["WS-1", "WS-4"])]);
    const spread = findings.filter((f) => f.detector === "history.spread");
    assert.deepEqual(
      spread.map((f) => f.host),
      ["WS-1", "WS-4"],
    );
    assert.match(spread[0].message.en, /also runs on 1 other host\(s\): WS-4/);
    assert.match(spread[0].message.ja, /WS-4/);
    assert.equal(spread[0].viewpoint, "history");
    assert.deepEqual(spread[0].subject, { kind: "file", path: TEMP, sha256: SHA("B") });
    assert.equal(spread[0].id, `history.spread:sha256:${SHA("B")}:ws-1`);
    assert.equal(spread[0].details.hosts, 2);
    assert.equal(spread[0].evidence.length, 1);
  });

  it("on one host of many: rare", () => {
    const { findings } = run([...background, ...starts(TEMP, SHA("B"), ["WS-3"])]);
    assert.deepEqual(
      findings.map((f) => [f.detector, f.host, f.severity]),
      [["history.rare", "WS-3", "low"]],
    );
  });

  it("on most hosts: prevalent, counter-evidence (info, benign)", () => {
    const app = "C:\\Users\\a\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe";
    const { findings } = run([...background, ...starts(app, SHA("C"), FLEET.slice(0, 4))]);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].detector, "history.prevalent");
    assert.equal(findings[0].severity, "info");
    assert.equal(findings[0].details.benign, true);
    assert.equal(findings[0].evidenceCount, 4);
  });

  it("nothing for images in ordinary places, and no rarity with too few hosts", () => {
    assert.deepEqual(run(starts("C:\\Program Files\\A\\a.exe", SHA("D"), ["WS-1"])).findings, []);
    assert.deepEqual(
      run([...starts(SVCHOST, SHA("A"), ["WS-1", "WS-2"]), ...starts(TEMP, SHA("B"), ["WS-1"])]).findings,
      [],
    );
  });

  it("host names from different sources are one host (FQDN, case)", () => {
    const { a } = run([
      ...starts(SVCHOST, SHA("A"), ["WS-SALES-08.corp.example"]),
      ...starts(SVCHOST, SHA("A"), ["ws-sales-08"]),
    ]);
    assert.equal(a.population(), 1);
    assert.equal(a.prevalence("image", `sha256:${SHA("A")}`)?.hosts, 1);
  });

  it("answers prevalence and first-seen queries for images, paths and command lines", () => {
    const { a } = run([...background, ...starts(TEMP, SHA("B"), ["WS-2", "WS-5"], '"upd.exe"   /silent')]);
    const p = a.prevalence("image-path", TEMP.toUpperCase());
    assert.equal(p?.hosts, 2);
    assert.equal(p?.population, 6);
    assert.equal(a.prevalence("command-line", '"UPD.EXE" /silent')?.hosts, 2);
    assert.equal(a.firstSeen("image", `sha256:${SHA("B")}`, "ws-5.corp.example")?.host, "WS-5");
    assert.equal(a.prevalence("image", "sha256:nope"), undefined);
  });

  it("images without hashes are identified by path; stats count what is tracked", () => {
    const ev = new EventFactory("WS-1");
    const { a } = run([ev.start(1, guid(1), TEMP)]);
    assert.equal(a.prevalence("image", `path:${TEMP.toLowerCase()}`)?.hosts, 1);
    assert.equal(a.stats().imagesTracked, 1);
    assert.equal(imageIdentity(`MD5=${"E".repeat(32)}`, TEMP), `md5:${"E".repeat(32)}`);
    assert.equal(normalizeCommandLine("  A   B ", 100), "a b");
  });

  it("bounded: values beyond maxKeys are counted, findings beyond maxFindings too", () => {
    const many = FLEET.flatMap((h, i) => starts(`C:\\Temp\\t${i}.exe`, SHA(i.toString(16)), [h]));
    const { a, findings } = run([...background, ...many], { maxKeys: 4, maxFindings: 2 });
    assert.equal(a.stats().imagesTracked, 4);
    assert.ok(a.stats().imageSightingsNotTracked > 0);
    assert.equal(findings.length, 2);
    assert.ok(a.stats().findingsNotKept > 0);
  });
});
