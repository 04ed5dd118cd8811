/**
 * Every modifier of the Sigma 2.1 appendix (and pySigma's aliases), chains included: one row per
 * case with events that must match and events that must not. Rules go through the real loader.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import { type LoadOptions, parseRuleText } from "./rule-loader.js";

function event(fields: Fields, time = "2026-03-02T09:14:05.000Z"): Event {
  return {
    kind: "windows",
    time: { iso: time, ms: Date.parse(time) },
    host: "HOST",
    identity: { provider: "P", channel: "C", eventId: 1 },
    logsource: { product: "windows" },
    fields,
    provenance: { file: "mem.json", format: "json", line: 1 },
  };
}

/** A rule whose only selection is `item` (YAML lines at selection indentation). */
function ruleText(item: string): string {
  const body = item
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n${body}\n  condition: sel\n`;
}

function compile(item: string, options?: LoadOptions) {
  const loaded = parseRuleText(ruleText(item), "mods.yml", options);
  assert.deepEqual(
    loaded.rejected.map((r) => r.reason),
    [],
    `rule should load: ${item}`,
  );
  assert.equal(loaded.rules.length, 1);
  return loaded.rules[0];
}

interface Row {
  readonly name: string;
  readonly item: string;
  readonly hits: readonly Fields[];
  readonly misses: readonly Fields[];
}

const b64 = (s: string): string => Buffer.from(s).toString("base64");
const b64w = (s: string): string => Buffer.from(s, "utf16le").toString("base64");

const ROWS: readonly Row[] = [
  {
    name: "plain value: exact, case-insensitive",
    item: "Image: 'C:\\Windows\\cmd.exe'",
    hits: [{ Image: "C:\\Windows\\cmd.exe" }, { Image: "c:\\windows\\CMD.EXE" }],
    misses: [{ Image: "C:\\Windows\\cmd.exe2" }, { Image: "D:\\Windows\\cmd.exe" }, {}],
  },
  {
    name: "contains",
    item: "CommandLine|contains: 'whoami'",
    hits: [{ CommandLine: "cmd /c WHOAMI /all" }, { CommandLine: "whoami" }],
    misses: [{ CommandLine: "who ami" }, { Image: "whoami" }],
  },
  {
    name: "startswith",
    item: "CommandLine|startswith: 'net '",
    hits: [{ CommandLine: "NET user" }],
    misses: [{ CommandLine: " net user" }, { CommandLine: "netsh" }],
  },
  {
    name: "endswith",
    item: "Image|endswith: '\\rundll32.exe'",
    hits: [{ Image: "C:\\Windows\\System32\\RUNDLL32.exe" }],
    misses: [{ Image: "C:\\x\\rundll32.exe.bak" }, { Image: "rundll32.exe" }],
  },
  {
    name: "list: OR",
    item: "Image|endswith:\n  - '\\a.exe'\n  - '\\b.exe'",
    hits: [{ Image: "C:\\a.exe" }, { Image: "C:\\b.exe" }],
    misses: [{ Image: "C:\\c.exe" }],
  },
  {
    name: "contains|all: AND",
    item: "CommandLine|contains|all:\n  - ' -enc '\n  - 'bypass'",
    hits: [{ CommandLine: "powershell -ep Bypass -enc AAAA " }],
    misses: [{ CommandLine: "powershell -enc AAAA" }, { CommandLine: "bypass" }],
  },
  {
    name: "many contains values (one Aho–Corasick pass)",
    item: `CommandLine|contains:\n${Array.from({ length: 20 }, (_, i) => `  - 'needle${i}x'`).join("\n")}`,
    hits: [{ CommandLine: "a NEEDLE7X b" }, { CommandLine: "needle19x" }],
    misses: [{ CommandLine: "needle7" }, { CommandLine: "needle20x" }],
  },
  {
    name: "Unicode: case-insensitive beyond ASCII",
    item: "Description|contains: 'ÉCOLE Ünïcode 請求書'",
    hits: [{ Description: "une école ünïcode 請求書 ici" }],
    misses: [{ Description: "une ecole unicode 請求書" }],
  },
  {
    name: "cased",
    item: "CommandLine|contains|cased: ' -O '",
    hits: [{ CommandLine: "wget -O out" }],
    misses: [{ CommandLine: "wget -o out" }],
  },
  {
    name: "windash: every dash position, all five characters",
    item: "CommandLine|contains|windash: ' -a -b'",
    hits: [
      { CommandLine: "x -a -b" },
      { CommandLine: "x /a /b" },
      { CommandLine: "x \u2013a \u2014b" },
      { CommandLine: "x \u2015a -b" },
      { CommandLine: "x -a /b" },
    ],
    misses: [{ CommandLine: "x +a -b" }, { CommandLine: "x -a_b" }],
  },
  {
    name: "windash with many dashes (glob, not expanded)",
    item: "CommandLine|windash: '-a-b-c-d-e'",
    hits: [{ CommandLine: "/a\u2013b-c/d\u2015e" }],
    misses: [{ CommandLine: "/a\u2013b-c/d\u2015" }, { CommandLine: "xa-b-c-d-e" }],
  },
  {
    name: "base64",
    item: "CommandLine|base64: 'cmd.exe /c whoami'",
    hits: [{ CommandLine: b64("cmd.exe /c whoami") }],
    misses: [{ CommandLine: `x${b64("cmd.exe /c whoami")}` }],
  },
  {
    name: "base64|contains",
    item: "CommandLine|base64|contains: 'http://'",
    hits: [{ CommandLine: `powershell -e ${b64("http://")}` }],
    misses: [{ CommandLine: "powershell -e aHR0cDovL3" }],
  },
  {
    name: "base64offset|contains: found at offsets 0, 1 and 2",
    item: "CommandLine|base64offset|contains: 'Invoke-Mimikatz'",
    hits: [
      { CommandLine: `-e ${b64("Invoke-Mimikatz -x")}` },
      { CommandLine: `-e ${b64("aInvoke-Mimikatz -x")}` },
      { CommandLine: `-e ${b64("abInvoke-Mimikatz -x")}` },
    ],
    misses: [{ CommandLine: `-e ${b64("Invoke-Mimikat")}` }],
  },
  {
    name: "wide|base64offset|contains (UTF-16LE then base64)",
    item: "CommandLine|wide|base64offset|contains: 'ping'",
    hits: [
      { CommandLine: `-enc ${b64w("ping 1.1.1.1")}` },
      { CommandLine: `-enc ${b64w("xping")}` },
      { CommandLine: `-enc ${b64w("xyping")}` },
    ],
    misses: [{ CommandLine: `-enc ${b64("ping 1.1.1.1")}` }],
  },
  {
    name: "utf16le|base64",
    item: "Payload|utf16le|base64: 'ab'",
    hits: [{ Payload: b64w("ab") }],
    misses: [{ Payload: b64("ab") }],
  },
  {
    name: "utf16be|base64",
    item: "Payload|utf16be|base64: 'ab'",
    hits: [{ Payload: Buffer.from([0, 0x61, 0, 0x62]).toString("base64") }],
    misses: [{ Payload: b64w("ab") }],
  },
  {
    name: "utf16 (byte-order mark)|base64",
    item: "Payload|utf16|base64: 'ab'",
    hits: [{ Payload: Buffer.from([0xff, 0xfe, 0x61, 0, 0x62, 0]).toString("base64") }],
    misses: [{ Payload: b64w("ab") }],
  },
  {
    name: "wide (alias of utf16le) matches the interleaved text",
    item: "Data|wide|contains: 'ab'",
    hits: [{ Data: "xa\u0000b\u0000y" }],
    misses: [{ Data: "ab" }],
  },
  {
    name: "re: case-sensitive by default, searched anywhere",
    item: "CommandLine|re: '\\s-[FTd]\\s'",
    hits: [{ CommandLine: "x -F y" }],
    misses: [{ CommandLine: "x -f y" }],
  },
  {
    name: "re|i",
    item: "CommandLine|re|i: '^C:\\\\Users\\\\[^\\\\]+\\\\NTUSER\\.DAT$'",
    hits: [{ CommandLine: "c:\\users\\bob\\ntuser.dat" }],
    misses: [{ CommandLine: "c:\\users\\bob\\x\\ntuser.dat" }],
  },
  {
    name: "re|m: ^ and $ at line breaks",
    item: "Data|re|m: '^b$'",
    hits: [{ Data: "a\nb\nc" }],
    misses: [{ Data: "a\nbb\nc" }],
  },
  {
    name: "re|s: dot matches newline",
    item: "Data|re|s: 'a.b'",
    hits: [{ Data: "a\nb" }],
    misses: [{ Data: "a\n\nb" }],
  },
  {
    name: "re without s: dot does not match newline",
    item: "Data|re: 'a.b'",
    hits: [{ Data: "axb" }],
    misses: [{ Data: "a\nb" }],
  },
  {
    name: "re|contains: no change (regexes are searched anywhere)",
    item: "Data|re|contains: 'b+c'",
    hits: [{ Data: "abbbcd" }],
    misses: [{ Data: "ac" }],
  },
  {
    name: "cidr IPv4",
    item: "DestinationIp|cidr: '10.0.0.0/8'",
    hits: [{ DestinationIp: "10.1.2.3" }, { DestinationIp: "::ffff:10.9.9.9" }],
    misses: [{ DestinationIp: "11.0.0.1" }, { DestinationIp: "not an ip" }, { DestinationIp: "10.1.2" }],
  },
  {
    name: "cidr IPv6",
    item: "DestinationIp|cidr:\n  - 'fe80::/10'\n  - '2001:db8::/32'",
    hits: [{ DestinationIp: "fe80::1%12" }, { DestinationIp: "2001:DB8:0:1::5" }],
    misses: [{ DestinationIp: "fec0::1" }, { DestinationIp: "10.0.0.1" }],
  },
  {
    name: "exists: true",
    item: "ParentImage|exists: true",
    hits: [{ ParentImage: "x" }, { ParentImage: "" }, { ParentImage: null }],
    misses: [{ Image: "x" }],
  },
  {
    name: "exists: false",
    item: "ParentImage|exists: false",
    hits: [{ Image: "x" }],
    misses: [{ ParentImage: "" }],
  },
  {
    name: "fieldref: equal to another field",
    item: "TargetFilename|fieldref: Image",
    hits: [{ TargetFilename: "C:\\a.exe", Image: "c:\\A.EXE" }],
    misses: [{ TargetFilename: "C:\\a.exe", Image: "C:\\b.exe" }, { TargetFilename: "C:\\a.exe" }],
  },
  {
    name: "fieldref|contains",
    item: "CommandLine|fieldref|contains: User",
    hits: [{ CommandLine: "runas /user:BOB x", User: "bob" }],
    misses: [{ CommandLine: "runas /user:alice x", User: "bob" }],
  },
  {
    name: "fieldref|startswith / endswith",
    item: "A|fieldref|startswith: B\nC|fieldref|endswith: D",
    hits: [{ A: "abc", B: "ab", C: "xyz", D: "yz" }],
    misses: [
      { A: "abc", B: "bc", C: "xyz", D: "yz" },
      { A: "abc", B: "ab", C: "xyz", D: "xy" },
    ],
  },
  {
    name: "fieldref|cased",
    item: "A|fieldref|cased: B",
    hits: [{ A: "Abc", B: "Abc" }],
    misses: [{ A: "Abc", B: "abc" }],
  },
  {
    name: "gt / gte / lt / lte",
    item: "Size|gt: 100\nSize|lte: 200\nCount|gte: 3\nCount|lt: 5",
    hits: [
      { Size: 150, Count: 3 },
      { Size: "200", Count: "4" },
      { Size: "0xC8", Count: 4 },
    ],
    misses: [
      { Size: 100, Count: 3 },
      { Size: 201, Count: 3 },
      { Size: 150, Count: 5 },
      { Size: "big", Count: 3 },
      { Count: 3 },
    ],
  },
  {
    name: "neq: the field differs from every value",
    item: "User|neq:\n  - 'SYSTEM'\n  - 'LOCAL SERVICE'",
    hits: [{ User: "bob" }],
    misses: [{ User: "system" }, { User: "Local Service" }, {}],
  },
  {
    name: "neq on a number",
    item: "LogonType|neq: 3",
    hits: [{ LogonType: 10 }],
    misses: [{ LogonType: 3 }, { LogonType: "3" }],
  },
  {
    name: "hour and minute of a time field",
    item: "UtcTime|hour: 9\nUtcTime|minute: 14",
    hits: [{ UtcTime: "2026-03-02 09:14:05.123" }, { UtcTime: "2026-03-02T10:14:00+01:00" }],
    misses: [{ UtcTime: "2026-03-02 10:14:05.123" }, { UtcTime: "not a date" }],
  },
  {
    name: "day, month, year, week",
    item: "T|day: 2\nT|month: 3\nT|year: 2026\nT|week: 10",
    hits: [{ T: "2026-03-02T23:59:59Z" }],
    misses: [{ T: "2026-03-03T00:00:00Z" }, { T: "2025-03-02T00:00:00Z" }],
  },
  {
    name: "time modifiers on the event time (generic field name absent from the event)",
    item: "timestamp|hour: 9",
    hits: [{ Image: "x" }],
    misses: [],
  },
  {
    name: "null: absent or empty",
    item: "CommandLine: null",
    hits: [{}, { CommandLine: "" }, { CommandLine: null }, { CommandLine: "   " }],
    misses: [{ CommandLine: "x" }],
  },
  {
    name: "empty string",
    item: "CommandLine: ''",
    hits: [{ CommandLine: "" }],
    misses: [{}, { CommandLine: "x" }],
  },
  {
    name: "number value compares with the decimal rendering and the source text",
    item: "EventID: 4688\nGrantedAccess: 0x1410",
    hits: [
      { EventID: 4688, GrantedAccess: "0x1410" },
      { EventID: "4688", GrantedAccess: 5136 },
    ],
    misses: [{ EventID: 4689, GrantedAccess: "0x1410" }],
  },
  {
    name: "boolean value",
    item: "Initiated: true",
    hits: [{ Initiated: true }, { Initiated: "true" }, { Initiated: "True" }],
    misses: [{ Initiated: false }, { Initiated: "false" }],
  },
  {
    name: "arrays: any element matches",
    item: "Tags|endswith: '.exe'",
    hits: [{ Tags: ["a.txt", "b.EXE"] }],
    misses: [{ Tags: ["a.txt", "b.exe.txt"] }, { Tags: [] }],
  },
  {
    name: "bigint and trailing whitespace",
    item: "Id: 18446744073709551615\nLogonProcessName: 'NtLmSsp'",
    hits: [{ Id: 18446744073709551615n, LogonProcessName: "NtLmSsp " }],
    misses: [{ Id: 1n, LogonProcessName: "NtLmSsp " }],
  },
  {
    name: "wildcards inside a plain value",
    item: "Image: 'C:\\\\*\\\\pro?.exe'",
    hits: [{ Image: "c:\\tools\\x\\PROG.exe" }],
    misses: [{ Image: "c:\\tools\\prg.exe" }, { Image: "d:\\tools\\prog.exe" }],
  },
  {
    name: "escaped wildcards are literal (\\* and \\?); a lone backslash is itself",
    item: "Data: 'a\\*b\\?c\\d'",
    hits: [{ Data: "a*b?c\\d" }],
    misses: [{ Data: "axb?c\\d" }, { Data: "a*bxc\\d" }],
  },
];

describe("modifiers", () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const rule = compile(row.item);
      for (const f of row.hits)
        assert.equal(rule.matches(event(f)), true, `should match ${JSON.stringify(f, jsonSafe)}`);
      for (const f of row.misses) {
        assert.equal(rule.matches(event(f)), false, `should not match ${JSON.stringify(f, jsonSafe)}`);
      }
    });
  }

  test("expand: placeholders from <name>.txt, values as Sigma strings", () => {
    const dir = mkdtempSync(join(tmpdir(), "mikiwame-ph-"));
    writeFileSync(join(dir, "Admins.txt"), "# administrators\nadm_*\n\nroot\n");
    const rule = compile("User|expand: '%Admins%'", { placeholders: dir });
    assert.equal(rule.matches(event({ User: "ADM_bob" })), true);
    assert.equal(rule.matches(event({ User: "root" })), true);
    assert.equal(rule.matches(event({ User: "bob" })), false);
    const rule2 = compile("Host|contains|expand: 'srv-%Admins%\\%x'", { placeholders: dir });
    assert.equal(rule2.matches(event({ Host: "a srv-root%x b" })), true);
    assert.equal(rule2.matches(event({ Host: "srv-rootx" })), false);
  });

  test("all on a keyword list", () => {
    const loaded = parseRuleText(
      "title: t\nlogsource: {product: windows}\ndetection:\n  keywords:\n    '|all':\n      - 'OabVirtualDirectory'\n      - ' -ExternalUrl '\n  condition: keywords\n",
      "kw.yml",
    );
    assert.deepEqual(loaded.rejected, []);
    const rule = loaded.rules[0];
    assert.equal(rule.matches(event({ Payload: "Set-OabVirtualDirectory -ExternalUrl x" })), true);
    assert.equal(rule.matches(event({ A: "OabVirtualDirectory", B: "y -ExternalUrl x" })), true);
    assert.equal(rule.matches(event({ Payload: "Set-OabVirtualDirectory" })), false);
  });
});

function jsonSafe(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}
