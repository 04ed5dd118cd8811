import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Event } from "../../events/event.js";
import { connEvent, testEvent } from "../time/test-events.test.support.js";
import { type IpAddress, parseCidr } from "../../events/ip-address.js";
import type { IpDatabase, IpFacts } from "./ip-database.js";
import { LocationAnalyzer } from "./location-analyzer.js";
import { LocationLookup } from "./location-lookup.js";
import type { LocationOptions } from "./location-options.js";

/** 5.x → IR, 175.45.x → KP (AS131279), 6.x → AS64500 in US, 2a02:x → DE, 100+n.x → country C<n>, others US. */
const FACTS: IpDatabase = {
  description: "test facts",
  lookup(ip: IpAddress): IpFacts {
    const t = ip.text;
    if (t.startsWith("5.")) return { country: "IR", asn: 42337, asOrganization: "Respina" };
    if (t.startsWith("175.45.")) return { country: "KP", asn: 131279, asOrganization: "Star JV" };
    if (t.startsWith("6.")) return { country: "US", asn: 64500, asOrganization: "Bad Hosting" };
    if (t.startsWith("2a02:")) return { country: "DE", asn: 3320 };
    const first = Number(t.split(".")[0]);
    if (first >= 101 && first <= 126) return { country: `C${String.fromCharCode(64 + first - 100)}` };
    return { country: "US", asn: 15169 };
  },
};

function analyzer(options: Partial<LocationOptions> = {}): LocationAnalyzer {
  return new LocationAnalyzer(new LocationLookup([FACTS]), options);
}

function sysmon3(time: string | undefined, host: string, src: string, dst: string, line?: number): Event {
  return testEvent({
    time,
    host,
    eventId: 3,
    service: "sysmon",
    category: "network_connection",
    fields: { SourceIp: src, DestinationIp: dst, Initiated: "true" },
    line,
  });
}

const DAY = 86_400_000;
const T0 = Date.parse("2026-03-02T00:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe("LocationAnalyzer: risk lists", () => {
  test("outbound contacts with a high-risk country: one finding per host and address", () => {
    const a = analyzer();
    a.observe(sysmon3(at(3000), "WS1", "10.0.0.5", "5.1.1.1", 30));
    a.observe(sysmon3(at(1000), "WS1", "10.0.0.5", "5.1.1.1", 10));
    a.observe(sysmon3(at(2000), "WS1", "10.0.0.5", "5.1.1.1", 20));
    a.observe(sysmon3(at(4000), "WS1", "10.0.0.5", "8.8.8.8", 40));
    const findings = a.finish();
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.id, "location.high-risk-country:WS1|5.1.1.1");
    assert.equal(f.detector, "location.high-risk-country");
    assert.equal(f.viewpoint, "location");
    assert.equal(f.severity, "medium");
    assert.equal(f.stage, "command_and_control");
    assert.equal(f.host, "WS1");
    assert.deepEqual(f.subject, { kind: "address", address: "5.1.1.1" });
    assert.equal(f.evidenceCount, 3);
    assert.deepEqual(
      f.evidence.map((p) => p.line),
      [10, 20, 30],
      "earliest first",
    );
    assert.equal(f.first?.ms, T0 + 1000);
    assert.equal(f.last?.ms, T0 + 3000);
    assert.equal(f.details.country, "IR");
    assert.equal(f.details.asn, 42337);
    assert.equal(f.details.direction, "outbound");
    assert.match(f.message.en, /WS1 connected 3 times to 5\.1\.1\.1 in Iran \(IR\), AS42337 Respina/);
    assert.match(f.message.ja, /イラン \(IR\)/);
    assert.match(f.message.ja, /3 回接続しました/);
  });

  test("inbound contacts (Zeek, logon IpAddress) are low severity with no stage", () => {
    const a = analyzer();
    a.observe(connEvent(at(0), "175.45.176.1", "192.168.1.7"));
    a.observe(
      testEvent({
        time: at(10),
        host: "DC1",
        channel: "Security",
        eventId: 4624,
        service: "security",
        fields: { IpAddress: "175.45.176.9", TargetUserName: "admin", LogonType: "10" },
      }),
    );
    const findings = a.finish().sort((x, y) => x.id.localeCompare(y.id));
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity, f.stage, f.details.direction]),
      [
        ["location.high-risk-country:192.168.1.7|175.45.176.1", "low", undefined, "inbound"],
        ["location.high-risk-country:DC1|175.45.176.9", "low", undefined, "inbound"],
      ],
    );
    assert.match(
      findings[0].message.en,
      /North Korea \(KP\).*was in contact with 192\.168\.1\.7 1 time \(inbound\)/,
    );
  });

  test("ASN list: its own detector; a country not on the list raises nothing", () => {
    const a = analyzer({ highRiskAsns: [64500], highRiskCountries: ["kp"] });
    a.observe(sysmon3(at(0), "WS1", "10.0.0.5", "6.6.6.6"));
    a.observe(sysmon3(at(0), "WS1", "10.0.0.5", "5.1.1.1"));
    const findings = a.finish();
    assert.deepEqual(
      findings.map((f) => f.id),
      ["location.high-risk-asn:WS1|6.6.6.6"],
    );
    assert.match(findings[0].message.en, /an autonomous system on the high-risk list/);
    assert.equal(findings[0].details.list, "asn");
  });

  test("an empty list raises nothing; internal and reserved addresses are never looked up", () => {
    let asked = 0;
    const counting: IpDatabase = {
      description: "c",
      lookup: () => {
        asked++;
        return { country: "IR" };
      },
    };
    const a = new LocationAnalyzer(new LocationLookup([counting]), { highRiskCountries: [] });
    a.observe(sysmon3(at(0), "WS1", "10.0.0.5", "10.0.0.6"));
    a.observe(sysmon3(at(0), "WS1", "fe80::1", "ff02::1:3"));
    a.observe(connEvent(at(0), "192.168.1.7", "203.0.113.45"));
    assert.equal(asked, 0);
    a.observe(sysmon3(at(0), "WS1", "10.0.0.5", "5.5.5.5"));
    assert.equal(asked, 1);
    assert.deepEqual(a.finish(), []);
    assert.equal(a.stats().contacts, 1);
  });

  test("an untimed contact still counts for the risk list", () => {
    const a = analyzer();
    a.observe(sysmon3(undefined, "WS1", "10.0.0.5", "5.1.1.1"));
    const [f] = a.finish();
    assert.equal(f.evidenceCount, 1);
    assert.equal(f.first, undefined);
    assert.equal(a.stats().untimedContacts, 1);
  });

  test("state is bounded: pairs beyond maxRiskPairs are dropped and counted", () => {
    const a = analyzer({ maxRiskPairs: 2 });
    for (let i = 1; i <= 3; i++) a.observe(sysmon3(at(i), "WS1", "10.0.0.5", `5.0.0.${i}`));
    a.observe(sysmon3(at(9), "WS1", "10.0.0.5", "5.0.0.3"));
    assert.equal(a.finish().length, 2);
    assert.equal(a.stats().riskPairsDropped, 2);
  });
});

describe("LocationAnalyzer: declared internal networks", () => {
  test("a public block declared internal is the inside: direction and host come from it", () => {
    const internalNetworks = [parseCidr("147.32.0.0/16")!];
    const a = new LocationAnalyzer(new LocationLookup([FACTS], { internalNetworks }));
    a.observe(connEvent(at(0), "147.32.81.167", "5.200.88.51"));
    a.observe(connEvent(at(1), "147.32.81.167", "147.32.1.1"));
    const findings = a.finish();
    assert.deepEqual(
      findings.map((f) => [f.id, f.details.direction, f.severity]),
      [["location.high-risk-country:147.32.81.167|5.200.88.51", "outbound", "medium"]],
    );
    assert.equal(a.stats().contacts, 1, "internal-to-internal is no contact");
  });
});

describe("LocationAnalyzer: first contact with a new country", () => {
  /** 24 contacts with US over the first day, then the given (time, address) contacts. */
  function host(a: LocationAnalyzer, name: string, later: ReadonlyArray<readonly [number, string]>): void {
    for (let i = 0; i < 24; i++) a.observe(sysmon3(at(i * 3_600_000), name, "10.0.0.5", "8.8.8.8"));
    for (const [ms, ip] of later) a.observe(sysmon3(at(ms), name, "10.0.0.5", ip));
  }

  test("a country first contacted after the learning period is new; one within it is not", () => {
    const a = analyzer({ highRiskCountries: [] });
    host(a, "WS1", [
      [3_600_000 * 5, "101.0.0.1"], // country CA, within the first day
      [DAY * 2 + 60_000, "2a02:8100::1"], // DE on day 3
      [DAY * 2 + 120_000, "2a02:8100::2"],
    ]);
    const findings = a.finish();
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.id, "location.new-country:WS1|DE");
    assert.equal(f.severity, "info");
    assert.equal(f.subject.kind === "address" && f.subject.address, "2a02:8100::1");
    assert.equal(f.evidenceCount, 2);
    assert.equal(f.first?.ms, T0 + DAY * 2 + 60_000);
    assert.equal(f.details.knownCountries, "CA,US");
    assert.equal(f.details.afterHours, 48);
    assert.match(f.message.en, /WS1 contacted Germany \(DE\) for the first time/);
    assert.match(f.message.ja, /初めてドイツ \(DE\) と通信しました/);
  });

  test("hosts with too few contacts are not judged", () => {
    const a = analyzer({ highRiskCountries: [], newCountryMinConnections: 100 });
    host(a, "WS1", [[DAY * 2, "2a02:8100::1"]]);
    assert.deepEqual(a.finish(), []);
  });

  test("at most newCountryMaxPerHost findings per host, the earliest; the rest counted", () => {
    const a = analyzer({ highRiskCountries: [], newCountryMaxPerHost: 5 });
    const later: Array<readonly [number, string]> = [];
    for (let i = 1; i <= 7; i++) later.push([DAY * 2 + i * 1000, `${100 + i}.0.0.1`]);
    host(a, "WS1", later);
    const findings = a.finish();
    assert.deepEqual(
      findings.map((f) => f.details.country),
      ["CA", "CB", "CC", "CD", "CE"],
    );
    assert.equal(a.stats().newCountrySuppressed, 2);
  });

  test("external-only (both ends public) contacts are not attributed to a host", () => {
    const a = analyzer({ highRiskCountries: [], newCountryMinConnections: 1 });
    for (let i = 0; i < 30; i++) a.observe(connEvent(at(i * DAY), "8.8.8.8", `${101 + (i % 20)}.0.0.1`));
    assert.deepEqual(a.finish(), []);
    assert.equal(a.stats().hosts, 0);
  });

  test("hosts beyond maxHosts are dropped and counted", () => {
    const a = analyzer({ maxHosts: 1 });
    a.observe(sysmon3(at(0), "WS1", "10.0.0.5", "8.8.8.8"));
    a.observe(sysmon3(at(0), "WS2", "10.0.0.6", "8.8.8.8"));
    assert.equal(a.stats().hosts, 1);
    assert.equal(a.stats().hostsDropped, 1);
  });
});

describe("LocationAnalyzer options", () => {
  const bad: ReadonlyArray<readonly [string, Partial<LocationOptions>, RegExp]> = [
    ["country code", { highRiskCountries: ["Iran"] }, /highRiskCountries/],
    ["AS number", { highRiskAsns: [-1] }, /highRiskAsns/],
    ["negative threshold", { newCountryMinConnections: -5 }, /newCountryMinConnections/],
    ["NaN", { maxHosts: Number.NaN }, /maxHosts/],
    ["empty path", { geoipDatabase: "" }, /geoipDatabase/],
    ["internal network", { internalNetworks: ["10.0.0.0/40"] }, /internalNetworks/],
  ];
  for (const [name, options, message] of bad)
    test(`bad ${name} is E_CONFIG naming the option`, () => {
      assert.throws(
        () => analyzer(options),
        (e: unknown) => {
          assert.ok(e instanceof MikiwameError);
          assert.equal(e.code, "E_CONFIG");
          assert.equal(e.location, undefined, "an option has no file location");
          assert.match(e.message, message);
          return true;
        },
      );
    });

  test("country codes are upper-cased", () => {
    assert.deepEqual(analyzer({ highRiskCountries: ["ir"] }).options.highRiskCountries, ["IR"]);
  });
});
