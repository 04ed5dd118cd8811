import assert from "node:assert/strict";
import { it } from "node:test";
import { strFromU8, unzipSync } from "fflate";
import { zipBytes } from "./zip-bytes.js";

it("writes a zip that unzips to the entries, names exactly as given", () => {
  const zip = zipBytes([
    { name: "rules/a.yml", data: Buffer.from("title: A\n") },
    { name: "../evil.yml", data: Buffer.from("x") },
    { name: "big.bin", data: new Uint8Array(1 << 20) },
  ]);
  assert.ok(zip.length < 4096, `${zip.length} bytes: a megabyte of zeros deflates to almost nothing`);
  const out = unzipSync(zip);
  assert.deepEqual(Object.keys(out), ["rules/a.yml", "../evil.yml", "big.bin"]);
  assert.equal(strFromU8(out["rules/a.yml"]!), "title: A\n");
  assert.equal(out["big.bin"]!.length, 1 << 20);
});
