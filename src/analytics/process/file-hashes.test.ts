import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FileHashes, parseHashes, primaryHash } from "./file-hashes.js";

const MD5 = "16F672C8DA966DED99900DBAC162C311";
const SHA1 = "231052FA4311FA3501539E34E21A624921E3C270";
const SHA256 = "61ED4F85C992073BF9CF86A8CCF97A3836235B3026EEE472B11BDD9EB577ED2A";

describe("parseHashes", () => {
  const cases: [string, string | undefined, FileHashes][] = [
    [
      "Sysmon order",
      `MD5=${MD5},SHA256=${SHA256},IMPHASH=${MD5}`,
      { md5: MD5, sha256: SHA256, imphash: MD5 },
    ],
    [
      "any order, lower case, spaces",
      ` sha256=${SHA256.toLowerCase()} , sha1=${SHA1}`,
      { sha256: SHA256, sha1: SHA1 },
    ],
    ["semicolons", `SHA1=${SHA1};MD5=${MD5}`, { sha1: SHA1, md5: MD5 }],
    ["SHA-256 spelling", `SHA-256=${SHA256}`, { sha256: SHA256 }],
    ["unknown algorithm ignored", `SHA384=${SHA256}${SHA256}`, {}],
    ["wrong length dropped", `MD5=ABC,SHA256=${SHA256}`, { sha256: SHA256 }],
    ["non-hex dropped", `MD5=${"Z".repeat(32)}`, {}],
    ["all-zero IMPHASH dropped", `IMPHASH=${"0".repeat(32)}`, {}],
    ["no equals sign", "garbage", {}],
    ["empty", "", {}],
    ["undefined", undefined, {}],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(parseHashes(input), want));
});

describe("primaryHash", () => {
  it("prefers SHA256, then SHA1, then MD5", () => {
    assert.equal(primaryHash({ md5: MD5, sha256: SHA256 }), `sha256:${SHA256}`);
    assert.equal(primaryHash({ md5: MD5, sha1: SHA1 }), `sha1:${SHA1}`);
    assert.equal(primaryHash({ md5: MD5 }), `md5:${MD5}`);
    assert.equal(primaryHash({ imphash: MD5 }), undefined);
  });
});
