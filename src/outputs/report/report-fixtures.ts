/**
 * A small hand-built ReportInput for the report tests and examples: a dropper `invoice.pdf.exe` on
 * WS-SALES-07 writes and starts the payload `svcupd.exe`, which beacons to 203.0.113.45, scans the
 * subnet and sets a Run key (user CORP\\tanaka; malicious, still active), and a benign OUTLOOK.EXE
 * over-detection on two hosts with one suppressed finding. Every text the logs could carry can be
 * replaced (ReportFixtureText) so the escaping tests can put hostile values in every place.
 */
import { fixtureFindings } from "./report-fixture-findings.js";
import { maliciousIncident } from "./report-fixture-incident.js";
import { benignIncident } from "./report-fixture-over-detection.js";
import { maliciousPlan } from "./report-fixture-plan.js";
import { DEFAULT_FIXTURE_TEXT, type ReportFixtureText } from "./report-fixture-text.js";
import type { ReportInput } from "./report-input.js";

export type { ReportFixtureText } from "./report-fixture-text.js";

/** The fixture: two incidents (malicious dropper chain, benign Outlook), their plans and findings. */
export function reportFixture(overrides: Partial<ReportFixtureText> = {}): ReportInput {
  const x: ReportFixtureText = { ...DEFAULT_FIXTURE_TEXT, ...overrides };
  const findings = fixtureFindings(x);
  const malicious = maliciousIncident(x, findings);
  const benign = benignIncident(x);
  return {
    incidents: [malicious, benign],
    plans: [maliciousPlan(malicious.id, x), { incidentId: benign.id, actions: [] }],
    findings,
    summary: {
      files: { total: 6, bytes: 48_211_968, failed: 0, unknownFormat: 1 },
      records: 182_344,
      events: 182_100,
      eventsWithoutTime: 0,
      timeRange: { first: "2024-05-14T00:00:02.000Z", last: "2024-05-14T17:59:58.000Z" },
      hosts: { distinct: 14, distinctCapped: false },
      diagnostics: { errors: 0, warnings: 3 },
      rules: { loaded: 2_411, rejected: 7, matched: 12 },
    },
    generatedAt: "2024-05-15T01:00:00.000Z",
    lang: "en",
  };
}
