import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { stringify } from "yaml";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { analyticsOptionsOf } from "../cli/commands/analyze.js";
import { analyzeLogs } from "../pipeline/analyze-logs.js";
import { repoRoot } from "../testing/corpus.js";
import { analyticsInEffect, DEFAULT_ANALYTICS_CONFIG } from "./analytics-config.js";
import { ANALYTICS_SECTIONS, optionKind, SECTION_SPECS, sectionKeys, snakeCase } from "./analytics-schema.js";
import { parseConfig } from "./config.js";

const FILE = "/home/analyst/.local/share/mikiwame/config.yaml";
const DIR = "/home/analyst/.local/share/mikiwame";

function parse(text: string, diagnostics = new Diagnostics()) {
  return parseConfig(text, FILE, diagnostics).analytics;
}

describe("analytics config: valid settings", () => {
  it("no analytics section leaves every module on its defaults", () => {
    assert.deepEqual(parse("language: en\n"), DEFAULT_ANALYTICS_CONFIG);
    assert.deepEqual(parse("analytics:\n"), DEFAULT_ANALYTICS_CONFIG);
  });

  it("maps snake_case keys to the options and keeps only what the file sets", () => {
    const diagnostics = new Diagnostics();
    const a = parse(
      [
        "analytics:",
        "  internal_networks: [203.0.113.0/24, 10.0.0.0/8]",
        "  process:",
        "    discovery_min_commands: 2",
        "    flag_severity: high",
        "    trusted_vendors: [microsoft, contoso]",
        "  history:",
        "    common_fraction: 0.25",
        "  location:",
        "    high_risk_countries: [kp, RU]",
        "    high_risk_asns: [64500]",
        "    bundled_asn: false",
        "  time:",
        "    time_zone: Asia/Tokyo",
        "    min_days: 5",
        "  reputation:",
        "    report_known_good: false",
        "  network:",
        "    port:",
        "      vertical_min_ports: 30",
        "      common_ports: [443, 8443]",
        "    frequency:",
        "      scoring:",
        "        timestamp_weight: 0.4",
        "      beacon_kinds: [ip, dns]",
        "    direction:",
        "      admin_services:",
        "        - { port: 445, name: SMB, technique: T1021.002 }",
        "",
      ].join("\n"),
      diagnostics,
    );
    assert.equal(diagnostics.total, 0);
    assert.deepEqual(a.internalNetworks, ["203.0.113.0/24", "10.0.0.0/8"]);
    assert.deepEqual(a.process, {
      discoveryMinCommands: 2,
      flagSeverity: "high",
      trustedVendors: ["microsoft", "contoso"],
    });
    assert.deepEqual(a.history, { commonFraction: 0.25 });
    assert.deepEqual(a.location, {
      highRiskCountries: ["kp", "RU"],
      highRiskAsns: [64500],
      bundledAsn: false,
    });
    assert.deepEqual(a.time, { timeZone: "Asia/Tokyo", minDays: 5 });
    assert.deepEqual(a.reputation, { reportKnownGood: false });
    assert.deepEqual(a.network.port, { verticalMinPorts: 30, commonPorts: [443, 8443] });
    assert.equal(a.network.frequency?.scoring?.timestampWeight, 0.4);
    assert.equal(
      a.network.frequency?.scoring?.histogramBins,
      24,
      "the rest of a nested mapping keeps its defaults",
    );
    assert.deepEqual(a.network.frequency?.beaconKinds, ["ip", "dns"]);
    assert.deepEqual(a.network.direction?.adminServices, [
      { port: 445, name: "SMB", technique: "T1021.002" },
    ]);
    const shown = analyticsInEffect(a) as { location: { high_risk_countries: string[] } };
    assert.deepEqual(shown.location.high_risk_countries, ["KP", "RU"], "shown through the module's resolver");
  });

  it("resolves relative list and database paths against the config file's folder", () => {
    const a = parse(
      [
        "analytics:",
        "  reputation:",
        "    indicator_lists: [intel/bad.txt, /srv/iocs.csv]",
        "    known_good_lists: [safelist.csv]",
        "  location:",
        "    geoip_database: geo/city.mmdb",
        "",
      ].join("\n"),
    );
    assert.deepEqual(a.reputation.indicatorLists, [`${DIR}/intel/bad.txt`, "/srv/iocs.csv"]);
    assert.deepEqual(a.reputation.knownGoodLists, [`${DIR}/safelist.csv`]);
    assert.equal(a.location.geoipDatabase, `${DIR}/geo/city.mmdb`);
  });

  it("baselines: false turns the time baselines off (no subjects)", () => {
    const a = parse("analytics:\n  time:\n    baselines: false\n");
    assert.equal(a.timeBaselines, false);
    assert.deepEqual(a.time.subjects, []);
  });

  it("every option of every module is reachable: the settings in effect read back unchanged", () => {
    for (const section of ANALYTICS_SECTIONS)
      for (const key of sectionKeys(section))
        assert.ok(optionKind(key, SECTION_SPECS[section].defaults[key]), `${section}.${key} has no kind`);
    const shown = analyticsInEffect(DEFAULT_ANALYTICS_CONFIG);
    const diagnostics = new Diagnostics();
    const a = parse(stringify({ analytics: shown }), diagnostics);
    assert.equal(diagnostics.total, 0, diagnostics.list()[0]?.message);
    assert.deepEqual(analyticsInEffect(a), shown);
  });
});

describe("analytics config: bad values", () => {
  const rows: readonly { name: string; text: string; line: number; message: RegExp }[] = [
    {
      name: "a count below 1",
      text: "analytics:\n  network:\n    port:\n      vertical_min_ports: 0\n",
      line: 4,
      message: /^analytics\.network\.port\.vertical_min_ports: must be a whole number ≥ 1$/,
    },
    {
      name: "a fraction where a whole number belongs",
      text: "analytics:\n  process:\n    max_processes: 1.5\n",
      line: 3,
      message: /^analytics\.process\.max_processes: must be a whole number ≥ 0$/,
    },
    {
      name: "a negative number",
      text: "analytics:\n  history:\n    common_fraction: -0.1\n",
      line: 3,
      message: /^analytics\.history\.common_fraction: must be a number ≥ 0$/,
    },
    {
      name: "text where a number belongs",
      text: "analytics:\n  network:\n    volume:\n      spike_min_bytes: 100_000\n",
      line: 4,
      message: /^analytics\.network\.volume\.spike_min_bytes: must be a whole number ≥ 1$/,
    },
    {
      name: "an infinite number",
      text: "analytics:\n  network:\n    volume:\n      spike_min_z: .inf\n",
      line: 4,
      message: /spike_min_z: must be a number ≥ 0/,
    },
    {
      name: "a string for a boolean",
      text: "analytics:\n  reputation:\n    report_known_good: 'yes'\n",
      line: 3,
      message: /^analytics\.reputation\.report_known_good: must be true or false$/,
    },
    {
      name: "a word outside the vocabulary",
      text: "analytics:\n  process:\n    flag_severity: severe\n",
      line: 3,
      message: /flag_severity: must be one of info, low, medium, high, critical/,
    },
    {
      name: "a list item outside the vocabulary",
      text: "analytics:\n  network:\n    frequency:\n      beacon_kinds:\n        - ip\n        - smtp\n",
      line: 6,
      message: /beacon_kinds\[1\]: must be one of ip, sni, dns, process/,
    },
    {
      name: "a single value where a list belongs",
      text: "analytics:\n  location:\n    high_risk_countries: KP\n",
      line: 3,
      message: /^analytics\.location\.high_risk_countries: must be a list of texts$/,
    },
    {
      name: "a port that is not a number",
      text: "analytics:\n  network:\n    port:\n      common_ports: [443, https]\n",
      line: 4,
      message: /common_ports\[1\]: must be a whole number ≥ 0/,
    },
    {
      name: "an empty path",
      text: "analytics:\n  reputation:\n    indicator_lists: ['']\n",
      line: 3,
      message: /indicator_lists\[0\]: must be a file path/,
    },
    {
      name: "an admin service without its technique",
      text: "analytics:\n  network:\n    direction:\n      admin_services:\n        - port: 445\n          name: SMB\n",
      line: 5,
      message: /admin_services\[0\]: needs technique/,
    },
    {
      name: "a malformed internal network",
      text: "analytics:\n  internal_networks:\n    - 10.0.0.0/8\n    - 10.0.0.0/99\n",
      line: 4,
      message: /^analytics\.internal_networks: "10\.0\.0\.0\/99" is not a CIDR block/,
    },
    {
      name: "a section that is not a mapping",
      text: "analytics:\n  process: 3\n",
      line: 2,
      message: /^analytics\.process: must be a mapping/,
    },
    {
      name: "the analytics section not a mapping",
      text: "analytics: [process]\n",
      line: 1,
      message: /^analytics: must be a mapping/,
    },
    {
      name: "a country code the location resolver rejects",
      text: "analytics:\n  location:\n    max_hosts: 5\n    high_risk_countries: [KP, North Korea]\n",
      line: 4,
      message: /^analytics\.location\.high_risk_countries: location option highRiskCountries: .* two-letter/,
    },
    {
      name: "a share the time resolver rejects",
      text: "analytics:\n  time:\n    min_days: 3\n    rare_hour_share: 2\n",
      line: 4,
      message: /^analytics\.time\.rare_hour_share: time option rareHourShare: 2 is not a number in 0\.\.1/,
    },
    {
      name: "a confidence the reputation resolver rejects",
      text: "analytics:\n  reputation:\n    malicious_confidence: 1.5\n",
      line: 3,
      message:
        /^analytics\.reputation\.malicious_confidence: reputation\.maliciousConfidence must be from 0 to 1/,
    },
    {
      name: "an unknown time zone (resolver, located at the section when its message names no key)",
      text: "analytics:\n  time:\n    time_zone: Mars/Olympus\n",
      line: 3,
      message: /^analytics\.time(\.time_zone)?: /,
    },
  ];
  for (const row of rows) {
    it(`rejects ${row.name} with E_CONFIG at file:${row.line} naming the key path`, () => {
      assert.throws(
        () => parse(row.text),
        (e: unknown) => {
          assert.ok(e instanceof MikiwameError);
          assert.equal(e.code, "E_CONFIG");
          assert.deepEqual(e.location, { file: FILE, line: row.line });
          assert.match(e.message, row.message);
          return true;
        },
      );
    });
  }
});

describe("analytics config: unknown keys", () => {
  it("warns about each unknown key with its line and key path, keeping the known ones", () => {
    const diagnostics = new Diagnostics();
    const a = parse(
      [
        "analytics:",
        "  colour: blue",
        "  process:",
        "    discovery_min_command: 2",
        "    discovery_min_commands: 4",
        "  network:",
        "    dns: {}",
        "    frequency:",
        "      scoring: { weight: 1 }",
        "",
      ].join("\n"),
      diagnostics,
    );
    assert.deepEqual(a.process, { discoveryMinCommands: 4 });
    assert.deepEqual(
      diagnostics.list().map((d) => [d.severity, d.code, d.location?.line, d.message]),
      [
        ["warning", "E_CONFIG", 2, 'unknown key "analytics.colour": ignored'],
        ["warning", "E_CONFIG", 4, 'unknown key "analytics.process.discovery_min_command": ignored'],
        ["warning", "E_CONFIG", 7, 'unknown key "analytics.network.dns": ignored'],
        ["warning", "E_CONFIG", 9, 'unknown key "analytics.network.frequency.scoring.weight": ignored'],
      ],
    );
    assert.ok(diagnostics.list().every((d) => d.location?.file === FILE));
  });
});

describe("analytics config: docs/configuration.md", () => {
  it("documents every analytics key", () => {
    const doc = readFileSync(join(repoRoot(), "docs", "configuration.md"), "utf8");
    const missing: string[] = [];
    for (const section of ANALYTICS_SECTIONS)
      for (const key of sectionKeys(section)) {
        const path = `analytics.${section}.${snakeCase(key)}`;
        if (!doc.includes(`\`${path}\``)) missing.push(path);
      }
    for (const path of ["analytics.internal_networks", "analytics.time.baselines"])
      if (!doc.includes(`\`${path}\``)) missing.push(path);
    assert.deepEqual(missing, []);
  });

  it("its analytics example is a valid config with no warnings", () => {
    const doc = readFileSync(join(repoRoot(), "docs", "configuration.md"), "utf8");
    const example = /Example:\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, "the example block is missing");
    const diagnostics = new Diagnostics();
    const a = parse(example, diagnostics);
    assert.equal(diagnostics.total, 0);
    assert.equal(a.network.port?.verticalMinPorts, 25);
    assert.deepEqual(a.reputation.indicatorLists, [`${DIR}/intel/iocs.txt`]);
  });
});

describe("analytics config applied to an analyze run", () => {
  let dir: string;
  let log: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mikiwame-analytics-config-"));
    log = join(dir, "sysmon.json");
    const event = {
      Hostname: "WS1.corp.local",
      Channel: "Microsoft-Windows-Sysmon/Operational",
      SourceName: "Microsoft-Windows-Sysmon",
      EventID: 1,
      "@timestamp": "2020-05-02T03:40:19.123Z",
      Image: "C:\\Windows\\System32\\cmd.exe",
      CommandLine: "cmd.exe /c whoami & ipconfig /all",
      ProcessId: 4242,
    };
    await writeFile(log, `${JSON.stringify(event)}\n`);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const discoveries = async (configText: string): Promise<number> => {
    const diagnostics = new Diagnostics();
    const { analytics } = parseConfig(configText, join(dir, "config.yaml"), diagnostics);
    const result = await analyzeLogs([log], { diagnostics, ...analytics, location: false });
    return result.findings.filter((f) => f.detector === "process.discovery").length;
  };

  it("a process running two discovery commands is reported only when the config lowers the threshold", async () => {
    assert.equal(await discoveries(""), 0);
    assert.equal(await discoveries("analytics:\n  process:\n    discovery_min_commands: 2\n"), 1);
  });
});

describe("analyze flags over the config (analyticsOptionsOf)", () => {
  const config = parse(
    [
      "analytics:",
      "  internal_networks: [10.0.0.0/8]",
      "  location: { geoip_database: city.mmdb }",
      "  reputation: { indicator_lists: [iocs.txt] }",
      "",
    ].join("\n"),
  );
  it("without flags the config's settings are used", () => {
    const o = analyticsOptionsOf(config, { top: 10, defaultRules: false });
    assert.deepEqual(o.internalNetworks, ["10.0.0.0/8"]);
    assert.deepEqual(o.location, { geoipDatabase: `${DIR}/city.mmdb` });
    assert.deepEqual(o.reputation?.indicatorLists, [`${DIR}/iocs.txt`]);
  });
  it("--internal replaces, --geoip replaces, --indicators adds", () => {
    const o = analyticsOptionsOf(config, {
      top: 10,
      defaultRules: false,
      internal: ["203.0.113.0/24,198.51.100.0/24"],
      geoip: "/x/geo.mmdb",
      indicators: ["more.txt"],
      knownGood: ["clean.csv"],
    });
    assert.deepEqual(o.internalNetworks, ["203.0.113.0/24", "198.51.100.0/24"]);
    assert.deepEqual(o.location, { geoipDatabase: "/x/geo.mmdb" });
    assert.deepEqual(o.reputation?.indicatorLists, [`${DIR}/iocs.txt`, "more.txt"]);
    assert.deepEqual(o.reputation?.knownGoodLists, ["clean.csv"]);
  });
});
