/**
 * Intel store lookup benchmark: builds an `IntelStore` of 1,000,000 generated indicators (sha256, md5,
 * ipv4, CIDR blocks, domains, URLs) and reports the build time, the memory it takes (heap and RSS growth
 * after a GC, when run with --expose-gc) and lookups/s for a mixed stream of hits and misses (the
 * lookup canonicalises its input, as the CLI and analyzers call it).
 *
 *   npx tsc … && node --expose-gc <out>/bench/intel-lookup.js [--count 1000000] [--lookups 1000000] [--write]
 *
 * Prints the result as JSON (`--write`: also bench/results/intel-lookup.json). `runIntelLookup` runs this
 * script as a child under GNU time (so the whole process's peak RSS is known too), for bench/suite.ts.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IntelIndicator } from "../src/intel/intel-indicator.js";
import { IntelStore } from "../src/intel/intel-store.js";
import { repoRoot } from "../src/testing/corpus.js";
import { argNumber, isMain, machineInfo, timeCommand } from "./measure.js";

const gc = (globalThis as { gc?: () => void }).gc;

function hex(i: number, bytes: number): string {
  return createHash("sha256")
    .update(String(i))
    .digest("hex")
    .slice(0, bytes * 2);
}

function ip(i: number): string {
  return `${(i >>> 24) & 255 || 1}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
}

/** The i-th generated value as (type, canonical value). */
function generated(i: number): [IntelIndicator["type"], string] {
  switch (i % 6) {
    case 0:
      return ["sha256", hex(i, 32)];
    case 1:
      return ["md5", hex(i, 16)];
    case 2:
      return ["ipv4", ip(i * 7919 + 1)];
    case 3:
      return ["cidr", `${ip(((i * 104729) >>> 8) << 8)}/24`];
    case 4:
      return ["domain", `d${i}.example${i % 97}.com`];
    default:
      return ["url", `u${i}.example.net/path/${i}?q=${i}`];
  }
}

function memory(): { heap: number; rss: number } {
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

/** What one lookup benchmark measured (in the process that built the store). */
export interface IntelLookupResult {
  readonly indicators: number;
  readonly buildSeconds: number;
  readonly heapGrowth: string;
  readonly rssGrowth: string;
  readonly bytesPerIndicator: number;
  readonly lookups: number;
  readonly hitRate: number;
  readonly lookupsPerSecond: number;
  /** The memory figures were taken after a GC (run with --expose-gc) */
  readonly gcMeasured: boolean;
}

/** Builds a store of `count` generated indicators and times `lookups` lookups, in this process. */
export function measureIntelLookup(count: number, lookups: number): IntelLookupResult {
  const before = memory();
  const store = new IntelStore();
  const imported = new Date().toISOString();
  let t = performance.now();
  for (let i = 0; i < count; i++) {
    const [type, value] = generated(i);
    store.add({ type, value, sources: ["bench"], confidence: 80, tags: [], imported });
  }
  const buildMs = performance.now() - t;
  const after = memory();

  // queries: half hits (the stored values, a subdomain / an address inside a block / a URL with another query), half misses
  const queries: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const [type, value] = generated((i * 7) % count);
    if (i % 2 === 1)
      queries.push(
        type === "domain" ? `x.y.z.miss${i}.org` : type === "sha256" ? hex(i + count, 32) : ip(i * 31 + 5),
      );
    else if (type === "domain") queries.push(`www.${value}`);
    else if (type === "cidr") queries.push(value.replace(/\.0\/24$/, ".77"));
    else if (type === "url") queries.push(`http://${value}x`);
    else queries.push(value);
  }
  let hits = 0;
  t = performance.now();
  for (let i = 0; i < lookups; i++) if (store.lookup(queries[i % queries.length]!).length > 0) hits++;
  const lookupMs = performance.now() - t;
  return {
    indicators: store.size,
    buildSeconds: +(buildMs / 1000).toFixed(2),
    heapGrowth: mib(after.heap - before.heap),
    rssGrowth: mib(after.rss - before.rss),
    bytesPerIndicator: Math.round((after.heap - before.heap) / store.size),
    lookups,
    hitRate: +(hits / lookups).toFixed(3),
    lookupsPerSecond: Math.round(lookups / (lookupMs / 1000)),
    gcMeasured: gc !== undefined,
  };
}

/** The child run: the in-process result plus the whole process's wall time and peak RSS. */
export interface IntelLookupRun {
  readonly result: IntelLookupResult;
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
}

/** Runs this script (`node --expose-gc`) as a child under GNU time. */
export async function runIntelLookup(options: { count: number; lookups: number }): Promise<IntelLookupRun> {
  const run = await timeCommand(
    [
      process.execPath,
      "--expose-gc",
      fileURLToPath(import.meta.url),
      "--count",
      String(options.count),
      "--lookups",
      String(options.lookups),
    ],
    { okExitCodes: [0] },
  );
  return {
    result: JSON.parse(run.stdout) as IntelLookupResult,
    wallS: run.wallS,
    cpuS: run.cpuS,
    peakRssMb: run.peakRssMb,
  };
}

if (isMain(import.meta.url)) {
  const result = measureIntelLookup(argNumber("--count", 1_000_000), argNumber("--lookups", 1_000_000));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (process.argv.includes("--write")) {
    const dir = join(repoRoot(), "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "intel-lookup.json"),
      `${JSON.stringify({ ...result, machine: machineInfo() }, null, 2)}\n`,
    );
  }
}
