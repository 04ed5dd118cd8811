/**
 * The texts and constants of the report fixture (report-fixtures.ts): what the logs could carry (each
 * replaceable, for the escaping tests), process keys, hashes, and two tiny constructors.
 */
import type { LocalizedText } from "../../findings/finding.js";
import type { IncidentTime } from "../../incidents/incident.js";

/** The log-derived texts of the fixture (defaults: the realistic scenario). */
export interface ReportFixtureText {
  readonly host: string;
  readonly user: string;
  readonly dropperImage: string;
  readonly payloadImage: string;
  readonly commandLine: string;
  readonly c2Address: string;
  readonly c2Domain: string;
  readonly runKey: string;
  /** Appended to the beacon finding's message (e.g. a value quoted from the logs) */
  readonly messageTail: string;
  readonly evidenceFile: string;
}

/** The realistic scenario's texts. */
export const DEFAULT_FIXTURE_TEXT: ReportFixtureText = {
  host: "WS-SALES-07",
  user: "CORP\\tanaka",
  dropperImage: "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe",
  payloadImage: "C:\\Users\\tanaka\\AppData\\Roaming\\svcupd.exe",
  commandLine: '"C:\\Users\\tanaka\\AppData\\Roaming\\svcupd.exe" -k netsvcs',
  c2Address: "203.0.113.45",
  c2Domain: "update-check.example.net",
  runKey: "HKU\\S-1-5-21-1004\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\svcupd",
  messageTail: "",
  evidenceFile: "logs/WS-SALES-07/Microsoft-Windows-Sysmon%4Operational.evtx",
};

/** An incident time from ISO text. */
export const t = (iso: string): IncidentTime => ({ iso, ms: Date.parse(iso) });
/** A localized text. */
export const text = (en: string, ja: string): LocalizedText => ({ en, ja });

/** Process keys of the fixture. */
export const KEY = {
  explorer: "{6e1f0c11-0a2b-6642-1c00-000000000a00}",
  dropper: "{6e1f0c11-0a31-6642-2d00-000000000a00}",
  payload: "{6e1f0c11-0a32-6642-2e00-000000000a00}",
  cmd: "{6e1f0c11-0b10-6642-3100-000000000a00}",
  outlookSales: "{6e1f0c11-08f0-6642-0f00-000000000a00}",
  outlookHr: "{a1b2c3d4-0901-6642-1200-000000000b00}",
} as const;

/** SHA256 values of the fixture. */
export const SHA = {
  dropper: "9f2c4a8e1d3b5f7a9c0e2d4b6f8a1c3e5d7b9f0a2c4e6d8b1a3c5e7f9d0b2a4c",
  payload: "3b7d9f1a5c2e4d6b8a0c9e1f3d5b7a9c2e4f6d8b0a1c3e5d7f9b2a4c6e8d0f1a",
  outlook: "c0ffee00aa11bb22cc33dd44ee55ff66a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c",
} as const;
