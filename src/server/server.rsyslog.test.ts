/**
 * A real shipper: rsyslogd (Debian's rsyslog with the omelasticsearch module) reads lines from a file
 * with imfile and sends them with `omelasticsearch` in bulk mode, authenticated with an ingest token as
 * its password, to our `_bulk` endpoint (after its `/_cat/health` check). The lines must arrive in the
 * store as events with rsyslog's fields. Skips with a printed reason when rsyslogd or the module is
 * missing.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { eventually, TestServer } from "./test-server.test.support.js";

const RSYSLOGD = process.env.MIKIWAME_RSYSLOGD ?? "/usr/sbin/rsyslogd";
const MODULE_DIRS = [
  "/usr/lib/x86_64-linux-gnu/rsyslog",
  "/usr/lib/aarch64-linux-gnu/rsyslog",
  "/usr/lib/rsyslog",
];
const moduleDir = MODULE_DIRS.find((d) => existsSync(join(d, "omelasticsearch.so")));
const skip = !existsSync(RSYSLOGD)
  ? `skipped: ${RSYSLOGD} is not installed (Debian: apt-get install rsyslog rsyslog-elasticsearch)`
  : moduleDir === undefined
    ? "skipped: rsyslog's omelasticsearch module is not installed (Debian: apt-get install rsyslog-elasticsearch)"
    : undefined;

const LINES = 25;
let t: TestServer;
let rsyslog: ChildProcess | undefined;

/** rsyslog's configuration: imfile → a JSON template → omelasticsearch in bulk mode to our port. */
function config(dir: string, port: number, token: string): string {
  return `
global(workDirectory="${join(dir, "work")}")
module(load="imfile")
module(load="omelasticsearch")
template(name="mikiwame" type="list" option.jsonf="on") {
  property(outname="@timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="host" name="hostname" format="jsonf")
  property(outname="program" name="programname" format="jsonf")
  property(outname="message" name="msg" format="jsonf")
}
ruleset(name="ship") {
  action(type="omelasticsearch" server="127.0.0.1" serverport="${port}" usehttps="off"
         bulkmode="on" uid="rsyslog" pwd="${token}" template="mikiwame" searchIndex="rsyslog-test"
         errorfile="${join(dir, "es-errors.json")}")
}
input(type="imfile" File="${join(dir, "app.log")}" Tag="mkwtest" ruleset="ship")
`;
}

before(async () => {
  if (skip) return;
  t = await TestServer.start();
});
after(async () => {
  rsyslog?.kill("SIGTERM");
  if (rsyslog) await new Promise((r) => rsyslog?.once("exit", r));
  await t?.stop();
});

describe("rsyslog omelasticsearch → POST /_bulk", () => {
  it("delivers file lines that show up in the store as events", { skip }, async () => {
    const dir = join(t.dir, "rsyslog");
    await mkdir(join(dir, "work"), { recursive: true });
    const lines = Array.from(
      { length: LINES },
      (_, i) => `mikiwame rsyslog line ${i} user=tanaka action=login`,
    );
    await writeFile(join(dir, "app.log"), `${lines.join("\n")}\n`);
    const port = Number(new URL(t.url).port);
    await writeFile(join(dir, "rsyslog.conf"), config(dir, port, t.tokens.ingest));
    let stderr = "";
    rsyslog = spawn(
      RSYSLOGD,
      ["-n", "-f", join(dir, "rsyslog.conf"), "-i", join(dir, "rsyslog.pid"), "-M", moduleDir!],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    rsyslog.stderr?.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const events = await eventually("rsyslog's events", 30_000, async () => {
      const page = await t.store.searchEvents({ text: "mikiwame rsyslog line", limit: 100 });
      return page.total >= LINES ? page : undefined;
    }).catch(async (e: Error) => {
      const errors = await readFile(join(dir, "es-errors.json"), "utf8").catch(() => "");
      throw new Error(
        `${e.message}; rsyslogd said: ${stderr.slice(0, 2000)}; its error file: ${errors.slice(0, 2000)}`,
      );
    });
    assert.equal(events.total, LINES, "each line once");
    const messages = events.events.map((e) => String(e.fields.message)).sort();
    assert.deepEqual(messages, [...lines].sort());
    const one = events.events[0];
    assert.equal(one.fields.program, "mkwtest");
    assert.ok(one.time, "the time rsyslog reported is the event time");
    assert.equal(one.provenance.file, "http:_bulk");
    assert.notEqual(one.host, "", "the host comes from rsyslog's hostname");
  });
});
