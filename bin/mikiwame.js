#!/usr/bin/env node
// The mikiwame command. The CLI lives in dist/src/cli (compiled from src/cli by `npm ci`/`npm run build`).
let main;
try {
  main = await import("../dist/src/cli/main.js");
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("dist/src/cli/main.js")) throw e;
  process.stderr.write(
    "mikiwame: the compiled CLI (dist/src/cli/main.js) is missing: run `npm run build` first\n",
  );
  process.exit(3);
}
await main.runMain(process.argv.slice(2));
