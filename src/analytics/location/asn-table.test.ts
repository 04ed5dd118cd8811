import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { loadAsnTable, splitAsnRow } from "./asn-table.js";
import { parseIpAddress } from "../../events/ip-address.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-asn-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

// 1.0.0.0/24 → 13335; 8.8.8.0/24 → 15169; 2001:200::/32 → 2500 (ranges as numbers)
const v4 = write(
  "v4.csv",
  [
    '16777216,16777471,13335,"Cloudflare, Inc."',
    "134744064,134744319,15169,Google LLC",
    "134744320,134744575,15169,",
    "not,a,row",
    "5,4,1,end before start",
    "200,300,x,bad asn",
    "",
  ].join("\n"),
);
const v6 = write(
  "v6.csv",
  [
    '42540528726795050063891204319802818560,42540528806023212578155541913346768895,2500,"WIDE ""Project"""',
    "42541956101370907050197289607612071936,42541956180599069564461627201156022271,15169,Google LLC",
    "",
  ].join("\n"),
);

describe("splitAsnRow", () => {
  const cases: ReadonlyArray<readonly [string, readonly string[] | undefined]> = [
    ["1,2,3,Org", ["1", "2", "3", "Org"]],
    ['1,2,3,"Org, Inc."', ["1", "2", "3", "Org, Inc."]],
    ['1,2,3,"A ""B"""', ["1", "2", "3", 'A "B"']],
    ["1,2,3,", ["1", "2", "3", ""]],
    ["1,2,3", undefined],
    ['1,2,3,"unterminated', undefined],
  ];
  for (const [line, expected] of cases)
    test(JSON.stringify(line), () => assert.deepEqual(splitAsnRow(line), expected));
});

describe("loadAsnTable", () => {
  test("looks up IPv4 and IPv6 ranges; misses outside them; counts and locates skipped rows", async () => {
    const load = await loadAsnTable({ ipv4: v4, ipv6: v6 }, "test table");
    const { table } = load;
    assert.equal(table.size, 5);
    assert.equal(table.description, "test table");
    const at = (text: string) => table.lookup(parseIpAddress(text)!);
    assert.deepEqual(at("1.0.0.1"), { asn: 13335, asOrganization: "Cloudflare, Inc." });
    assert.deepEqual(at("8.8.8.8"), { asn: 15169, asOrganization: "Google LLC" });
    assert.deepEqual(
      at("8.8.9.1"),
      { asn: 15169, asOrganization: "Google LLC" },
      "org taken from the first row",
    );
    assert.equal(at("1.0.1.0"), undefined, "gap between ranges");
    assert.equal(at("0.255.255.255"), undefined, "before the first range");
    assert.equal(at("200.0.0.1"), undefined, "after the last range");
    assert.deepEqual(at("2001:200::1"), { asn: 2500, asOrganization: 'WIDE "Project"' });
    assert.deepEqual(at("2001:4860:4860::8888"), { asn: 15169, asOrganization: "Google LLC" });
    assert.equal(at("2001:201::1"), undefined);
    assert.equal(at("2c0f::1"), undefined);
    assert.equal(load.skippedRows, 3);
    assert.deepEqual(load.firstSkipped?.location, { file: v4, line: 4 });
    assert.match(load.firstSkipped?.reason ?? "", /not start,end,asn/);
  });

  test("unsorted input is sorted", async () => {
    const unsorted = write("unsorted.csv", "134744064,134744319,15169,G\n16777216,16777471,13335,C\n");
    const empty = write("empty.csv", "");
    const { table } = await loadAsnTable({ ipv4: unsorted, ipv6: empty }, "t");
    assert.equal(table.lookup(parseIpAddress("1.0.0.9")!)?.asn, 13335);
    assert.equal(table.lookup(parseIpAddress("8.8.8.8")!)?.asn, 15169);
  });

  test("a missing file is E_GEOIP located at the file", async () => {
    const missing = join(dir, "missing.csv");
    await assert.rejects(loadAsnTable({ ipv4: missing, ipv6: v6 }, "t"), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_GEOIP");
      assert.equal(e.location?.file, missing);
      return true;
    });
  });
});
