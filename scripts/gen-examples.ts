/**
 * Generates the bundled example incident in `examples/` with mikiwame's own writers:
 * WS-SALES-07 (user CORP\tanaka) runs a fake invoice `invoice.pdf.exe` from Temp on 2026-03-02
 * ~09:14 UTC; the dropper writes and starts `svcupd.exe`, sets a Run key, and the payload beacons
 * to 203.0.113.45:443 every ~60 s for two hours, runs discovery commands and scans 10.0.5.0/24.
 * Around it: ordinary activity on WS-SALES-07 and WS-SALES-08 (user CORP\suzuki).
 * Input: nothing (fixed times, fixed GUIDs, a seeded PRNG). Output: the same bytes every run —
 * examples/evtx/*.evtx (Sysmon, Security), examples/json/*.jsonl (Winlogbeat ECS, WS-SALES-08),
 * examples/zeek/{conn,dns}.log (a sensor on the core switch). Hashes are synthetic.
 * Run: `npm run build && node dist/scripts/gen-examples.js [outDir]` (default: <repo>/examples).
 * This entry only runs the scenario and writes the files; the pieces live in `scripts/examples/`.
 * They share one seeded PRNG, so the order of the calls in `main` is part of the output.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeEvtx } from "../src/writers/evtx/evtx-writer.js";
import { backgroundHost } from "./examples/background-host.js";
import { at } from "./examples/clock.js";
import { ecsLines } from "./examples/ecs-lines.js";
import { WS07, WS08 } from "./examples/hosts.js";
import { incident } from "./examples/incident.js";
import { securityRecords } from "./examples/security-records.js";
import { sysmonFields } from "./examples/sysmon-fields.js";
import { sysmonRecords } from "./examples/sysmon-records.js";
import { zeekLogs } from "./examples/zeek-logs.js";

/** The repository root: the nearest folder above this script with a package.json, else the working directory. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) if (existsSync(join(dir, "package.json"))) return dir;
  return process.cwd();
}

function main(): void {
  const out = resolve(process.argv[2] ?? join(repoRoot(), "examples"));
  incident();
  backgroundHost(WS08, at("08:52:41.770"), "Q1_pipeline.xlsx", "EXCEL.EXE");
  for (const d of ["evtx", "json", "zeek"]) mkdirSync(join(out, d), { recursive: true });
  const files: [string, Buffer | string, number][] = [];
  const sysmon = sysmonRecords(WS07);
  const security = securityRecords(WS07);
  const ecs = ecsLines(WS08);
  const zeek = zeekLogs();
  files.push(["evtx/WS-SALES-07_Sysmon.evtx", writeEvtx(sysmon, { dirty: true }), sysmon.length]);
  files.push([
    "evtx/WS-SALES-07_Security.evtx",
    writeEvtx(security, { firstRecordId: 88120, dirty: true }),
    security.length,
  ]);
  files.push(["json/WS-SALES-08_sysmon.jsonl", `${ecs.join("\n")}\n`, ecs.length]);
  files.push([
    "zeek/conn.log",
    zeek.conn,
    zeek.conn.split("\n").filter((l) => l && !l.startsWith("#")).length,
  ]);
  files.push(["zeek/dns.log", zeek.dns, zeek.dns.split("\n").filter((l) => l && !l.startsWith("#")).length]);
  for (const [name, data, n] of files) {
    writeFileSync(join(out, name), data);
    console.log(`${name}\t${n} records\t${Buffer.byteLength(data)} bytes`);
  }
  const kinds = new Map<string, number>();
  for (const a of WS07.acts) {
    const f = sysmonFields(a);
    if (f) kinds.set(`WS-SALES-07 Sysmon ${f[0]}`, (kinds.get(`WS-SALES-07 Sysmon ${f[0]}`) ?? 0) + 1);
  }
  for (const a of WS08.acts) {
    const f = sysmonFields(a);
    if (f) kinds.set(`WS-SALES-08 Sysmon ${f[0]}`, (kinds.get(`WS-SALES-08 Sysmon ${f[0]}`) ?? 0) + 1);
  }
  for (const [k, v] of [...kinds].sort()) console.log(`${k}\t${v}`);
}

main();
