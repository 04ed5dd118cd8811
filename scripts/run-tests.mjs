#!/usr/bin/env node
// Runs every compiled test file (dist/**/*.test.js) with node's own test runner.
// Node 20's `--test` takes no globs, so we list the files here. Extra args are passed through
// (e.g. `node scripts/run-tests.mjs --test-name-pattern evtx`); a path filter can be given
// with TEST_FILTER=substring.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

const filter = process.env.TEST_FILTER;
const files = collect("dist", [])
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error("run-tests: no test files found under dist/ (did the build run?)");
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ["--test", "--test-concurrency=2", ...process.argv.slice(2), ...files],
  {
    stdio: "inherit",
  },
);
process.exit(r.status ?? 1);
