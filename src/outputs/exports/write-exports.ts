/**
 * The export files of an analysis, by fixed names, into one directory: blocklists, firewall rules
 * (Windows, iptables, nftables), the DNS sinkhole (hosts style and RPZ), STIX 2.1, MISP and TheHive.
 * `renderExports` is pure (incidents + plans → file texts); `writeExports` creates the directory and
 * writes each file with O_NOFOLLOW, so a symbolic link planted under one of the names is refused (E_OUTPUT)
 * rather than followed out of the directory. Values the exports had to leave out (not a valid address,
 * domain, hash or port) are reported to the Diagnostics given, as E_EXPORT warnings located by
 * incident and action. Input: incidents, plans, options. Output: file texts / the files written.
 */
import { constants } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import type { Language } from "../../config/config.js";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { renderBlocklistCsv } from "./blocklist-csv.js";
import { renderBlocklistTxt } from "./blocklist-txt.js";
import { renderDnsSinkholeHosts, renderDnsSinkholeRpz } from "./dns-sinkhole.js";
import { collectExportIndicators, pairPlans } from "./export-indicators.js";
import { renderIptablesScript } from "./iptables-script.js";
import { renderMispEvent } from "./misp-event.js";
import { renderNftablesRuleset } from "./nftables-ruleset.js";
import { renderStixBundle } from "./stix-bundle.js";
import { renderTheHiveAlerts } from "./thehive-alert.js";
import { renderWindowsFirewall } from "./windows-firewall.js";

/** The export files, by their fixed names. */
export const EXPORT_FILES = [
  "blocklist.txt",
  "blocklist.csv",
  "windows-firewall.ps1",
  "iptables.sh",
  "nftables.nft",
  "dns-sinkhole.txt",
  "dns-sinkhole.rpz",
  "stix-bundle.json",
  "misp-event.json",
  "thehive-alert.json",
] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/** How the exports are made. */
export interface ExportOptions {
  /** Language of the MISP event info and the TheHive alerts (default en) */
  readonly lang?: Language;
  /** Only these files (default: all) */
  readonly files?: readonly ExportFile[];
  /** Where the left-out values are reported (E_EXPORT warnings) */
  readonly diagnostics?: Diagnostics;
}

/** One rendered export. */
export interface RenderedExport {
  readonly file: ExportFile;
  readonly text: string;
}

/** One written export. */
export interface WrittenExport {
  readonly file: ExportFile;
  readonly path: string;
  readonly bytes: number;
}

/** A renderer: incidents and their plans to the file's text. */
type Render = (incidents: readonly Incident[], plans: readonly ResponsePlan[], lang: Language) => string;

const RENDER: Readonly<Record<ExportFile, Render>> = {
  "blocklist.txt": renderBlocklistTxt,
  "blocklist.csv": renderBlocklistCsv,
  "windows-firewall.ps1": renderWindowsFirewall,
  "iptables.sh": renderIptablesScript,
  "nftables.nft": renderNftablesRuleset,
  "dns-sinkhole.txt": renderDnsSinkholeHosts,
  "dns-sinkhole.rpz": renderDnsSinkholeRpz,
  "stix-bundle.json": renderStixBundle,
  "misp-event.json": renderMispEvent,
  "thehive-alert.json": renderTheHiveAlerts,
};

/** The export texts (pure; a plan missing for an incident is built with the default options). */
export function renderExports(
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
  options: ExportOptions = {},
): RenderedExport[] {
  const complete = pairPlans(incidents, plans);
  const lang = options.lang ?? "en";
  const files = EXPORT_FILES.filter((f) => !options.files || options.files.includes(f));
  if (options.diagnostics)
    for (const s of collectExportIndicators(complete).skipped)
      options.diagnostics.warn(
        "E_EXPORT",
        `${s.field} ${JSON.stringify(s.value.slice(0, 200))} left out of the exports: ${s.reason}`,
        { recordId: `${s.incidentId}/${s.actionId}` },
      );
  const allPlans = complete.map((p) => p.plan);
  return files.map((file) => ({ file, text: RENDER[file](incidents, allPlans, lang) }));
}

async function writeOne(path: string, text: string): Promise<number> {
  const data = Buffer.from(text, "utf8");
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
      0o644,
    );
    await handle.writeFile(data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ELOOP"
        ? "it is a symbolic link (refused: exports never write through links)"
        : (e as Error).message;
    throw new MikiwameError("E_OUTPUT", `cannot write the export: ${why}`, { file: path }, { cause: e });
  } finally {
    await handle?.close();
  }
  return data.length;
}

/** Creates `dir` (with parents) and writes the exports into it; returns the files written, in EXPORT_FILES order. */
export async function writeExports(
  dir: string,
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
  options: ExportOptions = {},
): Promise<WrittenExport[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new MikiwameError(
      "E_OUTPUT",
      `cannot create the export directory: ${(e as Error).message}`,
      { file: dir },
      { cause: e },
    );
  }
  const out: WrittenExport[] = [];
  for (const { file, text } of renderExports(incidents, plans, options)) {
    const path = join(dir, file);
    out.push({ file, path, bytes: await writeOne(path, text) });
  }
  return out;
}
