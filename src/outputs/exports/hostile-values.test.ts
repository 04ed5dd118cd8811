import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Incident } from "../../incidents/incident.js";
import { parseStixPattern } from "../../intel/stix-pattern.js";
import { buildResponsePlan } from "../../respond/build-plan.js";
import { EXAMPLE_MALICIOUS_INCIDENT } from "../../respond/incident-fixtures.js";
import { type ExportFile, renderExports } from "./write-exports.js";

const M = EXAMPLE_MALICIOUS_INCIDENT;
const c2 = M.destinations[0]!;

/** Log values an attacker controls (a DNS answer, a Host header, a file written by malware). */
const HOSTILE: Incident = {
  ...M,
  id: "INC-'; touch PWNED0 #",
  destinations: [
    {
      ...c2,
      address: "'; touch PWNED1 #",
      domain: "evil.com'; touch PWNED2 #`touch PWNED3`$(touch PWNED4)\nnext",
    },
    { ...c2, address: "203.0.113.99", domain: "$(touch PWNED5).example.com" },
    { ...c2, address: "198.51.100.7\ntouch PWNED6", domain: undefined },
  ],
  files: M.files.map((f, i) => (i === 0 ? { ...f, sha256: "`touch PWNED7`" } : f)),
};

function render(incident: Incident, diagnostics?: Diagnostics): Record<ExportFile, string> {
  const out = {} as Record<ExportFile, string>;
  const plan = buildResponsePlan(incident);
  for (const { file, text } of renderExports([incident], [plan], diagnostics ? { diagnostics } : {}))
    out[file] = text;
  return out;
}

const TEXT_FILES: readonly [ExportFile, string][] = [
  ["blocklist.txt", "#"],
  ["windows-firewall.ps1", "#"],
  ["iptables.sh", "#"],
  ["nftables.nft", "#"],
  ["dns-sinkhole.txt", "#"],
  ["dns-sinkhole.rpz", ";"],
];

test("hostile addresses and domains are skipped with the reason in a comment, never in code", () => {
  const d = new Diagnostics();
  const t = render(HOSTILE, d);
  for (const [file, marker] of TEXT_FILES) {
    for (const line of t[file].split("\n")) {
      if (line.trimStart().startsWith(marker)) continue;
      assert.doesNotMatch(line, /PWNED[1-7]|rm -rf|\$\(|`/, `${file}: data outside a comment: ${line}`);
      assert.doesNotMatch(line, /^next/, `${file}: a newline in a value must not start a line`);
    }
  }
  assert.match(
    t["blocklist.txt"],
    /^# skipped address "'; touch PWNED1 #" of "INC-'; touch PWNED0 #": not a valid IP address$/m,
  );
  assert.match(
    t["blocklist.txt"],
    /^# skipped domain "evil\.com'; touch PWNED2 #`touch PWNED3`\$\(touch PWNED4\)\\nnext" of .*: contains spaces or control characters$/m,
  );
  assert.match(t["blocklist.txt"], /^# skipped address "198\.51\.100\.7\\ntouch PWNED6" of/m);
  assert.deepEqual(
    t["blocklist.txt"].split("\n").filter((l) => l !== "" && !l.startsWith("#")),
    ["203.0.113.99"],
    "the one valid value of the hostile destinations is kept",
  );
  const warnings = d.list().filter((x) => x.code === "E_EXPORT");
  assert.equal(warnings.length, 5, warnings.map((w) => w.message).join("\n"));
  const first = warnings[0]!;
  assert.equal(first.severity, "warning");
  assert.match(
    first.message,
    /^address "'; touch PWNED1 #" left out of the exports: not a valid IP address$/,
  );
  assert.equal(first.location.recordId, `${HOSTILE.id}/${HOSTILE.id}-block-destination-1`);
  assert.ok(warnings.some((w) => /^sha256 "`touch PWNED7`" left out/.test(w.message)));
});

test("hostile values cannot execute: iptables.sh passes sh -n and runs only the expected iptables calls", () => {
  const t = render(HOSTILE);
  const dir = mkdtempSync(join(tmpdir(), "mikiwame-t2-"));
  try {
    const bin = join(dir, "bin");
    writeFileSync(join(dir, "iptables.sh"), t["iptables.sh"]);
    const log = join(dir, "calls.log");
    spawnSync("mkdir", [bin]);
    for (const tool of ["iptables", "ip6tables"]) {
      // a fake tool: records its arguments, one per line; -C ("is the rule there?") answers no
      writeFileSync(
        join(bin, tool),
        `#!/bin/sh\nprintf '%s' "${tool}" >> "${log}"\nfor a in "$@"; do printf ' [%s]' "$a" >> "${log}"; done\necho >> "${log}"\n[ "$1" = -C ] && exit 1\nexit 0\n`,
      );
      chmodSync(join(bin, tool), 0o755);
    }
    const syntax = spawnSync("sh", ["-n", "iptables.sh"], { cwd: dir, encoding: "utf8" });
    assert.equal(syntax.status, 0, syntax.stderr);
    const run = spawnSync("sh", ["iptables.sh"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    assert.equal(run.status, 0, run.stderr);
    const calls = readFileSync(log, "utf8").trim().split("\n");
    const inserts = calls.filter((c) => c.includes(" [-I] "));
    assert.deepEqual(inserts, [
      "iptables [-I] [OUTPUT] [1] [-d] [203.0.113.99] [-m] [comment] [--comment] [mikiwame INC-___touch_PWNED0__] [-j] [DROP]",
      "iptables [-I] [INPUT] [1] [-s] [203.0.113.99] [-m] [comment] [--comment] [mikiwame INC-___touch_PWNED0__] [-j] [DROP]",
      "iptables [-I] [FORWARD] [1] [-d] [203.0.113.99] [-m] [comment] [--comment] [mikiwame INC-___touch_PWNED0__] [-j] [DROP]",
      "iptables [-I] [FORWARD] [1] [-s] [203.0.113.99] [-m] [comment] [--comment] [mikiwame INC-___touch_PWNED0__] [-j] [DROP]",
    ]);
    const remove = spawnSync("sh", ["iptables.sh", "remove"], {
      cwd: dir,
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    assert.equal(remove.status, 0);
    assert.equal(
      readFileSync(log, "utf8")
        .split("\n")
        .filter((c) => c.includes(" [-D] ")).length,
      4,
    );
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith("PWNED")),
      [],
      "no command from the data ran",
    );
    assert.ok(!existsSync(join(dir, "PWNED0")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the PowerShell script holds the hostile incident id only as a restricted token inside quotes", () => {
  const ps = render(HOSTILE)["windows-firewall.ps1"];
  for (const line of ps.split("\n")) {
    if (line.startsWith("#")) continue;
    assert.ok(!line.includes("'; touch"), line);
    for (const m of line.matchAll(/PWNED0/g)) {
      const before = line.slice(0, m.index);
      assert.ok(before.endsWith("INC-___touch_"), `PWNED0 only inside the token: ${line}`);
      assert.equal((before.match(/'/g) ?? []).length % 2, 1, `inside a quoted literal: ${line}`);
    }
  }
  assert.match(ps, /-RemoteAddress '203\.0\.113\.99'/);
});

test("JSON exports stay valid and carry only checked indicator values", () => {
  const t = render(HOSTILE);
  const bundle = JSON.parse(t["stix-bundle.json"]) as { objects: { type: string; pattern?: string }[] };
  const patterns = bundle.objects.filter((o) => o.type === "indicator").map((o) => o.pattern ?? "");
  for (const p of patterns) assert.ok(parseStixPattern(p).ok, p);
  assert.ok(!patterns.some((p) => /PWNED/.test(p)));
  const misp = JSON.parse(t["misp-event.json"]) as {
    Event: { Attribute: { type: string; value: string }[] };
  };
  assert.ok(!misp.Event.Attribute.some((a) => a.type !== "regkey|value" && /PWNED/.test(a.value)));
  const hive = JSON.parse(t["thehive-alert.json"]) as {
    observables: { dataType: string; data: string }[];
    description: string;
  }[];
  assert.ok(!hive[0]!.observables.some((o) => /PWNED[1-7]/.test(o.data)));
});

test("CSV cells that look like formulas are neutralised", () => {
  const rows: [string, RegExp][] = [
    ['=HYPERLINK("http://x","y")', /,"'=HYPERLINK\(""http:\/\/x"",""y""\)",/],
    ["+cmd|' /C calc'!A0", /,'\+cmd\|' \/C calc'!A0,/],
    ["-2+3", /,'-2\+3,/],
    ["@SUM(1)", /,'@SUM\(1\),/],
  ];
  for (const [id, want] of rows) {
    const csv = render({ ...M, id })["blocklist.csv"];
    assert.match(csv.split("\r\n")[1]!, want, id);
  }
});

test("hostile Markdown in the TheHive description cannot open links, images or HTML", () => {
  const md: Incident = {
    ...M,
    title: {
      en: "[click](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](http://x/i.png) | `x`",
      ja: "x",
    },
  };
  const [alert] = JSON.parse(render(md)["thehive-alert.json"]) as { description: string }[];
  const d = alert!.description;
  assert.doesNotMatch(d, /(?<!\\)\[click(?<!\\)\]/);
  assert.doesNotMatch(d, /(?<!\\)<img/);
  assert.doesNotMatch(d, /(?<!\\)!(?<!\\)\[/);
  assert.match(d, /hxxp:\/\/x\/i\.png|hxxp/);
});
