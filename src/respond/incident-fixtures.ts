/**
 * Hand-built Incidents of the examples scenario, for the plan, export and report tests (test support;
 * nothing here is read from logs). Malicious: the dropper invoice.pdf.exe on WS-SALES-07 wrote and
 * started svcupd.exe (Run key, beacon to 203.0.113.45:443, scan of 10.0.5.0/24, user CORP\tanaka,
 * active). Benign: OUTLOOK.EXE polling Exchange Online on WS-SALES-07 and WS-SALES-08 (an
 * over-detection; its destination is even flagged c2 to prove nothing is blocked). Suspicious: an
 * unsigned synchelper.exe on WS-FIN-03 that read LSASS memory (CORP\sato's credentials at risk),
 * called 198.51.100.23:8443 and set a scheduled task; no longer running. Hashes are synthetic (the
 * SHA256 of the path, as scripts/examples does). Input: nothing. Output: Incident values (re-exported
 * from one file per incident, with the builders in incident-fixture-parts.ts).
 */
import type { Incident } from "../incidents/incident.js";
import { EXAMPLE_BENIGN_INCIDENT } from "./benign-incident-fixture.js";
import { EXAMPLE_MALICIOUS_INCIDENT } from "./malicious-incident-fixture.js";
import { EXAMPLE_SUSPICIOUS_INCIDENT } from "./suspicious-incident-fixture.js";

export { EXAMPLE_BENIGN_INCIDENT } from "./benign-incident-fixture.js";
export { destination, fixtureTime, proc } from "./incident-fixture-parts.js";
export {
  C2_ADDRESS,
  C2_DOMAIN,
  DROPPER_PATH,
  DROPPER_SHA256,
  EXAMPLE_MALICIOUS_INCIDENT,
  PAYLOAD_PATH,
  PAYLOAD_SHA256,
  RUN_KEY,
} from "./malicious-incident-fixture.js";
export { EXAMPLE_SUSPICIOUS_INCIDENT } from "./suspicious-incident-fixture.js";

/** The three incidents, most severe first (as buildIncidents orders them). */
export const EXAMPLE_INCIDENTS: readonly Incident[] = [
  EXAMPLE_MALICIOUS_INCIDENT,
  EXAMPLE_SUSPICIOUS_INCIDENT,
  EXAMPLE_BENIGN_INCIDENT,
];
