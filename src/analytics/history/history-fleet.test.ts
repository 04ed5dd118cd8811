/**
 * The history analyzer with a fleet prevalence source (as `analyze --db/--store` gives it): host counts,
 * population and first sighting come from the fleet when it knows more than the run's events.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../events/event.js";
import { EventFactory, guid } from "../process/process-events.test.support.js";
import type { FleetPrevalence, FleetSighting, PrevalenceKind } from "./fleet-prevalence.js";
import { HistoryAnalyzer } from "./history-analyzer.js";

const SHA = (c: string) => c.repeat(64);
const TEMP = "C:\\Users\\a\\AppData\\Local\\Temp\\upd.exe";
const TEMP_ID = `sha256:${SHA("B")}`;

function start(host: string, image = TEMP, sha = SHA("B")): Event {
  return new EventFactory(host).start(60, guid(1), image, undefined, {
    Hashes: `SHA256=${sha}`,
    CommandLine: `${image} /s`,
  });
}

/** A fleet that knows `answers` (kind → key → sighting) and has `population` hosts. */
function fleet(
  population: number | undefined,
  answers: Partial<Record<PrevalenceKind, Record<string, FleetSighting>>>,
): FleetPrevalence {
  return {
    source: "store",
    population: () => population,
    lookup: (kind, key) => answers[kind]?.[key],
  };
}

function sighting(hosts: number, firstIso = "2026-01-05T00:00:00.000Z"): FleetSighting {
  const t = { iso: firstIso, ms: Date.parse(firstIso) };
  return { hosts, events: hosts * 3, firstSeen: t, lastSeen: t };
}

function run(events: readonly Event[], f: FleetPrevalence | undefined) {
  const a = new HistoryAnalyzer(f ? { fleet: f } : {});
  for (const e of events) a.observe(e);
  return { a, findings: a.finish() };
}

describe("history analyzer with a fleet prevalence source", () => {
  const cases: {
    name: string;
    fleet: FleetPrevalence | undefined;
    want: [string, string][];
  }[] = [
    { name: "no source: one host of one is judged nothing", fleet: undefined, want: [] },
    {
      name: "the fleet runs it on 4 hosts: spread on the analysed host",
      fleet: fleet(10, { image: { [TEMP_ID]: sighting(4) } }),
      want: [["history.spread", "WS-1"]],
    },
    {
      name: "only here in a fleet of 10: rare",
      fleet: fleet(10, { image: { [TEMP_ID]: sighting(1) } }),
      want: [["history.rare", "WS-1"]],
    },
    {
      name: "on 8 of 10 hosts: prevalent (counter-evidence)",
      fleet: fleet(10, { image: { [TEMP_ID]: sighting(8) } }),
      want: [["history.prevalent", ""]],
    },
    {
      name: "the source does not know the value: the run's own count (1) against the fleet population",
      fleet: fleet(10, {}),
      want: [["history.rare", "WS-1"]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { findings } = run([start("WS-1")], c.fleet);
      assert.deepEqual(
        findings.map((f) => [f.detector, f.host]),
        c.want,
      );
    });
  }

  it("a spread finding counts and dates from the fleet, names the hosts it saw, says where the numbers came from", () => {
    const { a, findings } = run([start("WS-1")], fleet(10, { image: { [TEMP_ID]: sighting(4) } }));
    const f = findings[0];
    assert.equal(f.details.hosts, 4);
    assert.equal(f.details.population, 10);
    assert.equal(f.details.prevalenceSource, "store");
    assert.equal(f.details.fleetEvents, 12);
    assert.equal(f.details.firstSeenAnywhere, "2026-01-05T00:00:00.000Z");
    assert.equal(f.details.firstSeenHere, "2026-03-02T09:01:00.000Z");
    assert.match(f.message.en, /also runs on 3 other host\(s\), …\.$/);
    assert.deepEqual(a.stats().fleetLookups, 1);
    assert.deepEqual(a.stats().fleetLookupsUnanswered, 0);
    assert.equal(a.stats().fleetPopulation, 10);
  });

  it("the run's own count and sighting win when they are wider or earlier than the fleet's", () => {
    const events = [start("WS-1"), start("WS-2"), start("WS-3")];
    const { findings } = run(
      events,
      fleet(10, { image: { [TEMP_ID]: sighting(1, "2027-01-01T00:00:00.000Z") } }),
    );
    const spread = findings.filter((f) => f.detector === "history.spread");
    assert.equal(spread.length, 3);
    assert.equal(spread[0].details.hosts, 3);
    assert.equal(spread[0].details.population, 10);
    assert.equal(spread[0].details.firstSeenAnywhere, "2026-03-02T09:01:00.000Z");
  });

  it("the query API answers fleet-wide for values of the run", () => {
    const cmd = `${TEMP} /s`.toLowerCase();
    const { a } = run(
      [start("WS-1")],
      fleet(50, {
        "image-path": { [TEMP.toLowerCase()]: sighting(7) },
        "command-line": { [cmd]: sighting(5) },
      }),
    );
    assert.equal(a.population(), 50);
    const p = a.prevalence("image-path", TEMP);
    assert.equal(p?.hosts, 7);
    assert.equal(p?.count, 1);
    assert.equal(p?.fleet?.events, 21);
    assert.equal(a.prevalence("command-line", `${TEMP}   /S`)?.hosts, 5);
    assert.equal(a.prevalence("image", TEMP_ID)?.hosts, 1);
    assert.equal(a.prevalence("image", TEMP_ID)?.fleet, undefined);
  });
});
