import assert from "node:assert/strict";
import { test } from "node:test";
import { parseStixPattern } from "../../intel/stix-pattern.js";
import { buildResponsePlans } from "../../respond/build-plan.js";
import {
  C2_ADDRESS,
  C2_DOMAIN,
  DROPPER_SHA256,
  EXAMPLE_INCIDENTS,
  PAYLOAD_SHA256,
} from "../../respond/incident-fixtures.js";
import { EXPORT_FILES, type ExportFile, renderExports } from "./write-exports.js";

const PLANS = buildResponsePlans(EXAMPLE_INCIDENTS);

function texts(): Record<ExportFile, string> {
  const out = {} as Record<ExportFile, string>;
  for (const { file, text } of renderExports(EXAMPLE_INCIDENTS, PLANS)) out[file] = text;
  return out;
}

const T = texts();
const dropper = DROPPER_SHA256.toLowerCase();
const payload = PAYLOAD_SHA256.toLowerCase();

/** Non-comment, non-empty lines. */
function code(text: string, marker = "#"): string[] {
  return text.split("\n").filter((l) => l.trim() !== "" && !l.trimStart().startsWith(marker));
}

test("every file is rendered, and the over-detection contributes nothing to any of them", () => {
  assert.deepEqual(Object.keys(T).sort(), [...EXPORT_FILES].sort());
  for (const [file, text] of Object.entries(T)) {
    assert.doesNotMatch(
      text,
      /52\.97\.146\.162|outlook\.office365\.com/,
      `${file} must not block the benign destination`,
    );
    assert.ok(text.endsWith("\n"), file);
  }
});

test("blocklist.txt: one indicator per line, comments with incident ids", () => {
  assert.deepEqual(code(T["blocklist.txt"]), [C2_ADDRESS, "198.51.100.23", C2_DOMAIN]);
  assert.match(T["blocklist.txt"], /# INC-3f9a1c2b7d malicious c2 port 443\n203\.0\.113\.45\n/);
  assert.match(T["blocklist.txt"], /# INC-c47e02a6f1 suspicious c2 port 8443\n198\.51\.100\.23\n/);
  assert.doesNotMatch(
    T["blocklist.txt"],
    /192\.0\.2\.80/,
    "a suspicious incident's download source is not blocked",
  );
});

test("blocklist.csv: header and one row per incident and value", () => {
  const rows = T["blocklist.csv"].split("\r\n").filter((l) => l !== "");
  assert.equal(rows[0], "type,value,port,incident,verdict,role,first,last,reason");
  const cells = rows.slice(1).map((r) => r.split(",").slice(0, 8));
  assert.deepEqual(
    cells.map((c) => c.slice(0, 6)),
    [
      ["ipv4", C2_ADDRESS, "443", "INC-3f9a1c2b7d", "malicious", "c2"],
      ["domain", C2_DOMAIN, "443", "INC-3f9a1c2b7d", "malicious", "c2"],
      ["sha256", dropper, "", "INC-3f9a1c2b7d", "malicious", "dropper"],
      ["sha256", payload, "", "INC-3f9a1c2b7d", "malicious", "payload"],
      ["ipv4", "198.51.100.23", "8443", "INC-c47e02a6f1", "suspicious", "c2"],
      [
        "sha256",
        "06a1ad61ed854af3cebcde0e43025461c594afe7374bc83cf1d224d2b4e3b829",
        "",
        "INC-c47e02a6f1",
        "suspicious",
        "root-cause",
      ],
    ],
  );
  assert.deepEqual(cells[0]!.slice(6), ["2026-03-02T09:14:12.030Z", "2026-03-02T11:14:06.512Z"]);
});

test("windows-firewall.ps1: outbound and inbound block per address, quoted, and a matching removal", () => {
  const ps = T["windows-firewall.ps1"];
  const rules = code(ps).filter((l) => l.startsWith("New-NetFirewallRule"));
  assert.equal(rules.length, 4);
  for (const [address, incident] of [
    [C2_ADDRESS, "INC-3f9a1c2b7d"],
    ["198.51.100.23", "INC-c47e02a6f1"],
  ]) {
    for (const dir of ["Outbound", "Inbound"]) {
      const rule = rules.find(
        (r) => r.includes(`-Direction ${dir}`) && r.includes(`-RemoteAddress '${address}'`),
      );
      assert.ok(rule, `${dir} rule for ${address}`);
      assert.match(rule, new RegExp(`-DisplayName 'mikiwame ${incident} ${address.replace(/\./g, "\\.")}'`));
      assert.match(rule, / -Action Block /);
      const name = /-Name '([^']+)'/.exec(rule)?.[1];
      assert.ok(name && ps.includes(`  '${name}'\n`), `${name} is in the removal list`);
    }
  }
  assert.match(ps, /param\(\[switch\]\$Remove\)/);
  assert.match(ps, /Remove-NetFirewallRule -Name \$name/);
  assert.match(ps, /# Domains are not blocked here .*cdn-update\.example-bad\.net/);
});

test("iptables.sh and nftables.nft block each address", () => {
  const sh = code(T["iptables.sh"]).filter((l) => l.startsWith("block "));
  assert.deepEqual(sh, [
    "block iptables '203.0.113.45' 'mikiwame INC-3f9a1c2b7d'",
    "block iptables '198.51.100.23' 'mikiwame INC-c47e02a6f1'",
  ]);
  const nft = T["nftables.nft"];
  assert.match(
    nft,
    /set blocked_v4 \{\n\t\ttype ipv4_addr\n\t\telements = \{\n\t\t\t# INC-3f9a1c2b7d[^\n]*\n\t\t\t203\.0\.113\.45,\n\t\t\t# INC-c47e02a6f1[^\n]*\n\t\t\t198\.51\.100\.23\n\t\t\}/,
  );
  assert.match(nft, /ip daddr @blocked_v4 counter drop/);
  assert.match(nft, /^table inet mikiwame \{\}\ndelete table inet mikiwame\n/m);
  const open = (nft.match(/\{/g) ?? []).length;
  assert.equal(open, (nft.match(/\}/g) ?? []).length, "balanced braces");
});

test("dns-sinkhole.txt (hosts) and dns-sinkhole.rpz (RPZ)", () => {
  assert.deepEqual(code(T["dns-sinkhole.txt"]), [`0.0.0.0 ${C2_DOMAIN}`]);
  const rpz = code(T["dns-sinkhole.rpz"], ";");
  assert.deepEqual(rpz, [
    "$TTL 300",
    "@ IN SOA localhost. hostmaster.localhost. ( 2026030213 3600 600 86400 300 )",
    "@ IN NS localhost.",
    `${C2_DOMAIN} CNAME .`,
    `*.${C2_DOMAIN} CNAME .`,
    "32.45.113.0.203.rpz-ip CNAME .",
    "32.23.100.51.198.rpz-ip CNAME .",
  ]);
});

const UUID5 = /^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const STIX_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LM_PHASES = [
  "reconnaissance",
  "weaponization",
  "delivery",
  "exploitation",
  "installation",
  "command-and-control",
  "actions-on-objectives",
];

test("stix-bundle.json: STIX 2.1 structure, valid patterns, LM kill chain, relationships", () => {
  const bundle = JSON.parse(T["stix-bundle.json"]) as {
    type: string;
    id: string;
    objects: Record<string, unknown>[];
  };
  assert.equal(bundle.type, "bundle");
  assert.match(bundle.id, UUID5);
  const ids = new Set<string>();
  for (const o of bundle.objects) {
    assert.equal(o.spec_version, "2.1");
    assert.match(String(o.id), UUID5);
    assert.ok(String(o.id).startsWith(`${o.type}--`));
    assert.match(String(o.created), STIX_TIME);
    assert.match(String(o.modified), STIX_TIME);
    assert.ok(String(o.modified) >= String(o.created));
    assert.ok(!ids.has(String(o.id)), `duplicate ${o.id}`);
    ids.add(String(o.id));
  }
  const byType = (t: string) => bundle.objects.filter((o) => o.type === t);
  assert.equal(byType("identity").length, 1);
  const malware = byType("malware");
  assert.equal(malware.length, 1, "one malware object: the malicious incident only");
  assert.equal(malware[0]!.name, "invoice.pdf.exe");
  assert.equal(malware[0]!.is_family, false);
  const indicators = byType("indicator");
  const patterns = indicators.map((i) => String(i.pattern));
  assert.deepEqual(patterns, [
    `[ipv4-addr:value = '${C2_ADDRESS}']`,
    `[domain-name:value = '${C2_DOMAIN}']`,
    `[file:hashes.'SHA-256' = '${dropper}']`,
    `[file:hashes.'SHA-256' = '${payload}']`,
    "[ipv4-addr:value = '198.51.100.23']",
    "[file:hashes.'SHA-256' = '06a1ad61ed854af3cebcde0e43025461c594afe7374bc83cf1d224d2b4e3b829']",
  ]);
  for (const i of indicators) {
    const parsed = parseStixPattern(String(i.pattern));
    assert.ok(parsed.ok, `${i.pattern}: ${parsed.ok ? "" : parsed.reason}`);
    assert.equal(i.pattern_type, "stix");
    assert.equal(i.valid_from, i.created);
    const phases = i.kill_chain_phases as { kill_chain_name: string; phase_name: string }[];
    assert.ok(phases.length > 0, `${i.pattern} has kill-chain phases`);
    for (const p of phases) {
      assert.equal(p.kill_chain_name, "lockheed-martin-cyber-kill-chain");
      assert.ok(LM_PHASES.includes(p.phase_name), p.phase_name);
    }
  }
  assert.deepEqual(
    (indicators[0]!.kill_chain_phases as { phase_name: string }[]).map((p) => p.phase_name),
    ["command-and-control"],
  );
  assert.equal(indicators[0]!.created, "2026-03-02T09:14:12.030Z", "from the data, not the clock");
  assert.deepEqual(
    indicators.map((i) => i.indicator_types),
    [
      ["malicious-activity"],
      ["malicious-activity"],
      ["malicious-activity"],
      ["malicious-activity"],
      ["anomalous-activity"],
      ["anomalous-activity"],
    ],
  );
  const rel = byType("relationship");
  assert.equal(rel.length, 4, "each malicious indicator indicates the malware");
  for (const r of rel) {
    assert.equal(r.relationship_type, "indicates");
    assert.ok(ids.has(String(r.source_ref)) && String(r.source_ref).startsWith("indicator--"));
    assert.equal(r.target_ref, malware[0]!.id);
  }
  const phases = (malware[0]!.kill_chain_phases as { phase_name: string }[]).map((p) => p.phase_name);
  assert.deepEqual(phases, [
    "reconnaissance",
    "delivery",
    "exploitation",
    "installation",
    "command-and-control",
  ]);
});

test("stix-bundle.json: ids and bytes are stable across runs and independent of the plans' presence", () => {
  const again = renderExports(EXAMPLE_INCIDENTS, buildResponsePlans(EXAMPLE_INCIDENTS)).find(
    (r) => r.file === "stix-bundle.json",
  );
  assert.equal(again?.text, T["stix-bundle.json"]);
  const built = renderExports(EXAMPLE_INCIDENTS, []).find((r) => r.file === "stix-bundle.json");
  assert.equal(built?.text, T["stix-bundle.json"], "a missing plan is built the same way");
});

test("misp-event.json: an importable event with typed attributes and tags", () => {
  const { Event: e } = JSON.parse(T["misp-event.json"]) as { Event: Record<string, unknown> };
  assert.equal(e.info, "mikiwame: 2 incidents (INC-3f9a1c2b7d, INC-c47e02a6f1)");
  assert.deepEqual(
    [e.threat_level_id, e.analysis, e.distribution, e.date, e.published],
    ["1", "1", "0", "2026-03-02", false],
  );
  assert.match(String(e.uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const attrs = e.Attribute as { type: string; category: string; value: string; to_ids: boolean }[];
  assert.deepEqual(
    attrs.map((a) => [a.type, a.value, a.to_ids]),
    [
      ["ip-dst", C2_ADDRESS, true],
      ["domain", C2_DOMAIN, true],
      ["filename|sha256", `invoice.pdf.exe|${dropper}`, true],
      ["filename|sha256", `svcupd.exe|${payload}`, true],
      ["ip-dst", "198.51.100.23", false],
      [
        "filename|sha256",
        "synchelper.exe|06a1ad61ed854af3cebcde0e43025461c594afe7374bc83cf1d224d2b4e3b829",
        false,
      ],
      [
        "regkey|value",
        "HKU\\S-1-5-21-3457937927-2839227994-823803824-1104\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SvcUpdate|C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe",
        false,
      ],
    ],
  );
  const tags = (e.Tag as { name: string }[]).map((t) => t.name);
  assert.ok(tags.includes("tlp:amber"));
  assert.ok(tags.includes("kill-chain:Command and Control"));
  assert.ok(
    tags.includes("kill-chain:Actions on Objectives"),
    "lateral movement (attempted) maps to actions on objectives",
  );
});

test("thehive-alert.json: one alert per malicious / suspicious incident", () => {
  const alerts = JSON.parse(T["thehive-alert.json"]) as Record<string, unknown>[];
  assert.deepEqual(
    alerts.map((a) => [a.sourceRef, a.source, a.type, a.severity, a.tlp, a.pap]),
    [
      ["INC-3f9a1c2b7d", "mikiwame", "mikiwame-incident", 4, 2, 2],
      ["INC-c47e02a6f1", "mikiwame", "mikiwame-incident", 3, 2, 2],
    ],
  );
  const m = alerts[0]!;
  assert.equal(
    m.title,
    "malicious: invoice.pdf.exe on WS-SALES-07 dropped svcupd.exe, which beacons to 203.0.113.45",
  );
  assert.equal(m.date, Date.parse("2026-03-02T09:14:03.214Z"));
  const obs = m.observables as { dataType: string; data: string; ioc: boolean }[];
  assert.deepEqual(
    obs.map((o) => [o.dataType, o.data, o.ioc]),
    [
      ["ip", C2_ADDRESS, true],
      ["domain", C2_DOMAIN, true],
      ["hash", dropper, true],
      ["filename", "invoice.pdf.exe", false],
      ["hash", payload, true],
      ["filename", "svcupd.exe", false],
      ["hostname", "WS-SALES-07", false],
    ],
  );
  const d = String(m.description);
  assert.match(d, /#### Priority 1 — now\n1\. Isolate WS-SALES-07/);
  assert.match(d, /Delete C:\\\\Users\\\\tanaka\\\\AppData\\\\Local\\\\Temp\\\\invoice\.pdf\.exe/);
  assert.match(
    d,
    /cdn-update\[\.\\]example-bad\[\.\\]net|cdn-update\\\[\.\\\]example-bad/,
    "domains in free text are defanged",
  );
  assert.match(d, /- domain ` cdn-update\.example-bad\.net `/);
  const s = alerts[1]!;
  assert.ok(
    (s.observables as { ioc: boolean; dataType: string }[]).every((o) => !o.ioc),
    "suspicious: no IOC flag",
  );
  const ja = JSON.parse(
    renderExports(EXAMPLE_INCIDENTS, PLANS, { lang: "ja", files: ["thehive-alert.json"] })[0]!.text,
  ) as Record<string, unknown>[];
  assert.match(String(ja[0]!.title), /^悪性: /);
  assert.match(String(ja[0]!.description), /#### 優先度 1 — 直ちに/);
});
