/**
 * Tests of mikiwame's own Sigma rule pack (rules/mikiwame): every rule loads with the project's loader
 * and carries the metadata the pack promises (UUID, experimental status, ATT&CK tags, a kill-chain
 * stage …), docs/rule-pack.md lists it, and each rule hits its sample events and stays quiet on its
 * near misses. Events are built the way src/normalize builds Sysmon/Security events (a guard test
 * compares the builders with the real normalizer).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
// The consumer's vocabulary (a test-only import up the chain): `kill_chain` must name one of its stages.
import { KILL_CHAIN_STAGES } from "../findings/kill-chain.js";
import { createNormalizer } from "../normalize/normalizer.js";
import type { EvtxSystem } from "../readers/record.js";
import { corpusPath, corpusSkipReason, repoRoot } from "../testing/corpus.js";
import { LOG_CASES, LOG_CORRELATION_IDS } from "./rule-pack-log-cases.js";
import { type LoadedRules, loadRules } from "./rule-loader.js";
import { SIGMA_LEVELS } from "./rule-model.js";
import { SigmaEngine } from "./sigma-engine.js";

/** ATT&CK tactic tags (Sigma tags appendix 2.1). */
const ATTACK_TACTICS = [
  "initial-access",
  "execution",
  "persistence",
  "privilege-escalation",
  "defense-evasion",
  "credential-access",
  "discovery",
  "lateral-movement",
  "collection",
  "exfiltration",
  "command-and-control",
  "impact",
] as const;

const PACK_DIR = join(repoRoot(), "rules", "mikiwame");
const SYSMON = "Microsoft-Windows-Sysmon/Operational";
let recordId = 0;

function packFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...packFiles(join(dir, e.name)));
    else if (e.name.endsWith(".yml")) out.push(join(dir, e.name));
  }
  return out.sort();
}

function windowsEvent(
  channel: string,
  provider: string,
  eventId: number,
  category: string,
  data: Fields,
): Event {
  const service = channel === SYSMON ? "sysmon" : "security";
  const id = ++recordId;
  const fields: Fields = {
    EventID: eventId,
    Channel: channel,
    Provider_Name: provider,
    Computer: "ws01.contoso.local",
  };
  fields.EventRecordID = id;
  Object.assign(fields, data);
  return {
    kind: "windows",
    time: { iso: "2026-11-25T09:00:00.0000000Z", ms: Date.UTC(2026, 10, 25, 9) },
    host: "ws01.contoso.local",
    identity: { provider, channel, eventId, recordId: id },
    logsource: { product: "windows", service, category, categories: [category] },
    fields,
    provenance: { file: "rule-pack.test", format: "evtx", recordId: id },
  };
}

const sysmon = (eventId: number, category: string, data: Fields): Event =>
  windowsEvent(SYSMON, "Microsoft-Windows-Sysmon", eventId, category, { RuleName: "-", ...data });

/** Sysmon 1 (process_creation) with neutral defaults for the fields a test does not set. */
const proc = (data: Fields): Event =>
  sysmon(1, "process_creation", {
    ProcessId: 4242,
    Image: "C:\\Windows\\System32\\notepad.exe",
    OriginalFileName: "-",
    CommandLine: "",
    CurrentDirectory: "C:\\Users\\alice\\",
    User: "CONTOSO\\alice",
    IntegrityLevel: "Medium",
    ParentProcessId: 4000,
    ParentImage: "C:\\Windows\\explorer.exe",
    ParentCommandLine: "C:\\Windows\\Explorer.EXE",
    ...data,
  });

/** Security 4688 with the Sysmon-named fields the normalizer's field plan adds. */
const sec4688 = (image: string, parent: string): Event =>
  windowsEvent("Security", "Microsoft-Windows-Security-Auditing", 4688, "process_creation", {
    NewProcessName: image,
    ParentProcessName: parent,
    Image: image,
    ParentImage: parent,
  });

const img = (data: Fields): Event =>
  sysmon(7, "image_load", { Image: "C:\\Users\\alice\\AppData\\Roaming\\x.exe", Signed: "false", ...data });
const file = (image: string, target: string): Event =>
  sysmon(11, "file_event", { Image: image, TargetFilename: target, User: "CONTOSO\\alice" });
const pe = (image: string, target: string): Event =>
  sysmon(29, "file_executable_detected", { Image: image, TargetFilename: target, User: "CONTOSO\\alice" });
const net = (image: string, destinationIp: string, initiated: string | boolean = "true"): Event =>
  sysmon(3, "network_connection", {
    Image: image,
    Protocol: "tcp",
    Initiated: initiated,
    SourceIp: "192.168.1.20",
    DestinationIp: destinationIp,
    DestinationPort: 443,
  });

const U = "C:\\Users\\alice";
const LOCAL = `${U}\\AppData\\Local`;
const TEMP = `${LOCAL}\\Temp`;
const DL = `${U}\\Downloads`;
const ROAM = `${U}\\AppData\\Roaming`;
const S32 = "C:\\Windows\\System32";
const PF = "C:\\Program Files";
const CHROME = `${PF}\\Google\\Chrome\\Application\\chrome.exe`;
const EDGE = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
const OFFICE = `${PF}\\Microsoft Office\\root\\Office16`;
const RLO = "\u202E";

/** One sample: why it should (or should not) hit, and the event. */
type Sample = readonly [why: string, event: Event];
interface RuleCase {
  readonly id: string;
  readonly hits: readonly Sample[];
  readonly misses: readonly Sample[];
}
/** A process started from `image` (Sysmon 1), with optional extra fields. */
const run = (image: string, extra: Fields = {}): Event => proc({ Image: image, ...extra });
/** `parent` starting `image` (Sysmon 1). */
const kid = (parent: string, image: string, extra: Fields = {}): Event =>
  proc({ ParentImage: parent, Image: image, ...extra });

const CASES: readonly RuleCase[] = [
  {
    id: "3836316c-3dad-4312-aea9-9a32cc4204c0", // user Temp
    hits: [
      ["exe in Temp", run(`${TEMP}\\emdivi.exe`)],
      ["exe from a ZIP opened in Explorer", run(`${TEMP}\\Temp1_mail.zip\\doc.exe`)],
      ["Security 4688", sec4688(`${TEMP}\\a.exe`, "C:\\Windows\\explorer.exe")],
      ["XP Local Settings", run("C:\\Documents and Settings\\bob\\Local Settings\\Temp\\x.exe")],
    ],
    misses: [
      ["Program Files", run(`${PF}\\App\\app.exe`)],
      ["Inno Setup helper", run(`${TEMP}\\is-AB12C.tmp\\setup.tmp`)],
      ["DismHost from System32", kid(`${S32}\\dism.exe`, `${TEMP}\\{4F1E}\\DismHost.exe`)],
      ["same image, other category", net(`${TEMP}\\emdivi.exe`, "203.0.113.10")],
    ],
  },
  {
    id: "c115254d-6fec-4c69-8b44-d908759da59d", // Downloads
    hits: [["exe in Downloads", run(`${DL}\\tool.exe`)]],
    misses: [["Documents", run(`${U}\\Documents\\tool.exe`)]],
  },
  {
    id: "f6a0e6f7-429b-4c74-8a37-1fd108dfadd7", // Users\Public
    hits: [["exe in Public", run("C:\\Users\\Public\\Libraries\\svc.exe")]],
    misses: [
      ["IBM client", run("C:\\Users\\Public\\IBM\\ClientSolutions\\Start_Programs\\acslaunch.exe")],
      ["a folder named Public", run(`${U}\\Documents\\Public\\x.exe`)],
    ],
  },
  {
    id: "27e14312-c575-407f-aaba-4bd5f97983b1", // root of ProgramData / AppData
    hits: [
      ["ProgramData root", run("C:\\ProgramData\\update.exe")],
      ["Roaming root", run(`${ROAM}\\winupd.exe`)],
      ["lower-case Local root", run("c:\\users\\alice\\appdata\\local\\x.exe")],
    ],
    misses: [
      ["vendor folder", run("C:\\ProgramData\\Vendor\\agent.exe")],
      ["Roaming app folder", run(`${ROAM}\\Zoom\\bin\\Zoom.exe`)],
    ],
  },
  {
    id: "6113347a-5e7f-481e-8315-db419ffc8773", // deep hierarchy
    hits: [
      ["6 folders under Roaming", run(`${ROAM}\\Adobe\\Flash\\Data\\Cache\\x64\\bin\\fu.exe`)],
      ["5 folders under ProgramData", run("C:\\ProgramData\\a\\b\\c\\d\\e\\x.exe")],
    ],
    misses: [
      ["4 folders", run(`${ROAM}\\a\\b\\c\\d\\x.exe`)],
      ["UWP package", run(`${LOCAL}\\Packages\\P_8wekyb3d8bbwe\\LocalCache\\a\\b\\c\\x.exe`)],
    ],
  },
  {
    id: "c4156666-2ddf-44b2-9b5e-db1bd05868cb", // double extension
    hits: [
      ["pdf.exe", run(`${DL}\\report.pdf.exe`)],
      ["upper-case JPG.scr", run(`${DL}\\写真.JPG.scr`)],
      ["wscript on pdf.js", run(`${S32}\\wscript.exe`, { CommandLine: `wscript "${DL}\\invoice.pdf.js"` })],
    ],
    misses: [
      ["a real pdf opened", run(`${PF}\\Adobe\\AcroRd32.exe`, { CommandLine: `"${DL}\\report.pdf"` })],
      ["pdf.js, no script host", run(`${S32}\\notepad.exe`, { CommandLine: `notepad ${DL}\\x.pdf.js` })],
      ["version dots", run(`${DL}\\setup.v2.exe`)],
    ],
  },
  {
    id: "498bd5fb-cfb1-4ae6-837c-550940cdea5b", // padded name
    hits: [
      ["underscores", run(`${DL}\\report.pdf______________.exe`)],
      ["ideographic spaces", run(`${DL}\\見積書.xlsx\u3000\u3000\u3000.exe`)],
      ["wscript on padded js", run(`${S32}\\wscript.exe`, { CommandLine: `"${DL}\\a.pdf      .js"` })],
    ],
    misses: [
      ["three underscores", run(`${DL}\\my_tool___.exe`)],
      ["one space", run(`${PF}\\App\\my app.exe`)],
      ["padded js, no script host", run(`${S32}\\notepad.exe`, { CommandLine: `"${DL}\\a.pdf      .js"` })],
    ],
  },
  {
    id: "84ee39bb-a8a4-4278-9524-0106e9662f3f", // document-named executable
    hits: [
      ["Invoice_", run(`${DL}\\Invoice_2026_11.exe`)],
      ["keyword after a separator", run(`${U}\\Desktop\\2026-11_payment_advice.scr`)],
      ["請求書", run(`${TEMP}\\Temp1_mail.zip\\【重要】請求書のご確認.exe`)],
    ],
    misses: [
      ["keyword inside a word", run(`${LOCAL}\\Mozilla\\crashreporter.exe`)],
      ["installed program", run(`${PF}\\ScanSnap\\ScanManager.exe`)],
      ["no keyword", run(`${DL}\\putty.exe`)],
    ],
  },
  {
    id: "f9eb0752-5865-4e93-9884-308676a59f3c", // RTLO
    hits: [
      ["RLO in image", run(`${DL}\\invoice${RLO}fdp.exe`)],
      ["RLO in parent", kid(`${DL}\\photo${RLO}gpj.scr`, `${S32}\\cmd.exe`)],
    ],
    misses: [
      ["plain name", run(`${DL}\\invoice_fdp.exe`)],
      ["Hebrew name", run(`${DL}\\חשבונית.exe`)],
    ],
  },
  {
    id: "9a49cf02-ebcd-4653-927a-6e27174640c5", // system name outside system folders
    hits: [
      ["svchost in Roaming", run(`${ROAM}\\svchost.exe`)],
      ["lsass metadata", run("C:\\ProgramData\\Intel\\igfx.exe", { OriginalFileName: "lsass.exe" })],
      ["svchost in the Windows root", run("C:\\Windows\\svchost.exe")],
      ["Security 4688", sec4688("C:\\Users\\Public\\csrss.exe", "C:\\Windows\\explorer.exe")],
    ],
    misses: [
      ["real svchost", run(`${S32}\\svchost.exe`, { OriginalFileName: "svchost.exe" })],
      ["real explorer", run("C:\\Windows\\explorer.exe", { OriginalFileName: "EXPLORER.EXE" })],
      ["32-bit dllhost", run("C:\\Windows\\SysWOW64\\dllhost.exe", { OriginalFileName: "dllhost.exe" })],
    ],
  },
  {
    id: "82da11b2-23e8-4d7a-aec8-26fd709f707a", // lookalike names
    hits: [
      ["scvhost", run(`${LOCAL}\\scvhost.exe`)],
      ["iexplorer", run("C:\\Windows\\iexplorer.exe")],
    ],
    misses: [
      ["real svchost", run(`${S32}\\svchost.exe`)],
      ["real iexplore", run(`${PF}\\Internet Explorer\\iexplore.exe`)],
    ],
  },
  {
    id: "e4e070af-5887-4167-a3c6-c80bc69cd3d5", // browser → script host
    hits: [
      ["chrome → wscript", kid(CHROME, `${S32}\\wscript.exe`)],
      ["edge → renamed mshta", kid(EDGE, `${TEMP}\\u.exe`, { OriginalFileName: "MSHTA.EXE" })],
    ],
    misses: [
      ["chrome → chrome", kid(CHROME, CHROME)],
      ["explorer → wscript", run(`${S32}\\wscript.exe`)],
    ],
  },
  {
    id: "1d024515-b3d1-48b0-b3a3-5b671b47165a", // Office / reader / mail → script host
    hits: [
      ["Word → PowerShell", kid(`${OFFICE}\\WINWORD.EXE`, `${S32}\\WindowsPowerShell\\v1.0\\powershell.exe`)],
      ["Ichitaro → cscript", kid(`${PF}\\JustSystems\\JSLIB32\\TAROU.EXE`, `${S32}\\cscript.exe`)],
      ["Thunderbird → wscript", kid(`${PF}\\Mozilla Thunderbird\\thunderbird.exe`, `${S32}\\wscript.exe`)],
      ["Becky! → mshta", kid("C:\\Program Files (x86)\\RimArts\\B2\\B2.exe", `${S32}\\mshta.exe`)],
    ],
    misses: [
      ["Word → splwow64", kid(`${OFFICE}\\WINWORD.EXE`, "C:\\Windows\\splwow64.exe")],
      ["Outlook → browser (link clicked)", kid(`${OFFICE}\\OUTLOOK.EXE`, EDGE)],
    ],
  },
  {
    id: "7cff0619-921b-457f-9525-f911da34f875", // unsigned image with trusted metadata
    hits: [
      [
        "fake Adobe",
        img({
          ImageLoaded: `${ROAM}\\flashutil.exe`,
          Company: "adobe systems incorporated",
          Product: "adobe flash player utility",
        }),
      ],
      [
        "fake Windows product",
        img({ ImageLoaded: "C:\\ProgramData\\x.dll", Product: "Microsoft® Windows® Operating System" }),
      ],
    ],
    misses: [
      [
        "signed Adobe",
        img({
          ImageLoaded: `${PF}\\Adobe\\a.dll`,
          Company: "Adobe Inc.",
          Signed: "true",
          SignatureStatus: "Valid",
        }),
      ],
      [
        "NGEN native image",
        img({
          ImageLoaded: "C:\\Windows\\assembly\\NativeImages_v4.0.30319_64\\System\\ab\\System.ni.dll",
          Company: "Microsoft Corporation",
        }),
      ],
      ["unsigned, unknown company", img({ ImageLoaded: `${ROAM}\\x.dll`, Company: "Contoso Ltd" })],
    ],
  },
  {
    id: "8437059d-e6d0-4f67-b0fb-bc8d07571db1", // exe written by a user-folder program (Sysmon 11)
    hits: [["Downloads program drops into Roaming", file(`${DL}\\invoice.exe`, `${ROAM}\\svchost.exe`)]],
    misses: [
      ["installed writer", file(`${PF}\\7-Zip\\7zG.exe`, `${LOCAL}\\x.exe`)],
      ["not an executable", file(`${TEMP}\\a.exe`, `${TEMP}\\readme.txt`)],
    ],
  },
  {
    id: "f210a7e6-76ad-4aba-ac8c-8a864465c5b9", // browser / mail writes an executable or script
    hits: [
      ["chrome download", file(CHROME, `${DL}\\invoice.pdf.exe`)],
      [
        "Outlook attachment",
        file(
          `${OFFICE}\\OUTLOOK.EXE`,
          `${LOCAL}\\Microsoft\\Windows\\INetCache\\Content.Outlook\\X1\\請求書.js`,
        ),
      ],
    ],
    misses: [
      ["a pdf download", file(CHROME, `${DL}\\report.pdf`)],
      ["chrome component", file(CHROME, `${LOCAL}\\Google\\Chrome\\User Data\\SwReporter\\a.exe`)],
    ],
  },
  {
    id: "0455e9ef-ead1-408c-95eb-e5f910c03776", // PE written by a user-folder program (Sysmon 29)
    hits: [
      ["Temp dropper writes a DLL", pe(`${TEMP}\\dropper.exe`, `${ROAM}\\Microsoft\\payload.dll`)],
      ["ProgramData-root loader", pe("C:\\ProgramData\\loader.exe", "C:\\ProgramData\\Vendor\\x.exe")],
    ],
    misses: [
      ["msiexec installs", pe(`${S32}\\msiexec.exe`, `${PF}\\App\\app.exe`)],
      ["no executable extension", pe(`${TEMP}\\dropper.exe`, `${TEMP}\\data.bin`)],
      ["same fields in Sysmon 11", file(`${TEMP}\\dropper.exe`, `${ROAM}\\Microsoft\\payload.dll`)],
    ],
  },
  {
    id: "6b668acf-1a03-40f6-9f1c-b3c5a383e278", // PE under a document extension (Sysmon 29)
    hits: [
      ["png", pe(`${TEMP}\\a.exe`, "C:\\Users\\Public\\Pictures\\logo.png")],
      ["txt", pe(`${S32}\\certutil.exe`, `${TEMP}\\readme.txt`)],
    ],
    misses: [
      ["installer .tmp", pe(`${DL}\\setup.exe`, `${TEMP}\\is-1.tmp\\setup.tmp`)],
      ["exe", pe(`${DL}\\setup.exe`, `${PF}\\App\\tool.exe`)],
    ],
  },
  {
    id: "f019d08e-5739-4e24-9962-0afc08067fb0", // outbound from user folders
    hits: [
      ["Temp program to a public IP", net(`${TEMP}\\rat.exe`, "203.0.113.10")],
      ["ProgramData root, IPv6", net("C:\\ProgramData\\svc.exe", "2001:db8::1")],
      ["EVTX boolean Initiated", net(`${DL}\\x.exe`, "198.51.100.7", true)],
    ],
    misses: [
      ["private destination", net(`${TEMP}\\rat.exe`, "192.168.1.10")],
      ["inbound", net(`${TEMP}\\rat.exe`, "203.0.113.10", "false")],
      ["installed program", net(`${PF}\\App\\app.exe`, "203.0.113.10")],
    ],
  },
];

let loadedOnce: Promise<LoadedRules> | undefined;
const loadPack = (): Promise<LoadedRules> => {
  loadedOnce ??= loadRules([PACK_DIR]);
  return loadedOnce;
};

describe("rule pack rules/mikiwame", () => {
  it("loads every rule file with the project's loader, none rejected", async () => {
    const loaded = await loadPack();
    const files = packFiles(PACK_DIR);
    assert.deepEqual(
      loaded.rejected.map((r) => `${relative(PACK_DIR, r.source.file)}:${r.source.line}: ${r.reason}`),
      [],
    );
    assert.equal(files.length, CASES.length + LOG_CASES.length + LOG_CORRELATION_IDS.length);
    assert.equal(loaded.files, files.length);
    assert.equal(loaded.rules.length + loaded.correlations.length, files.length);
    assert.equal(loaded.correlations.length, LOG_CORRELATION_IDS.length);
    assert.equal(loaded.filters.length, 0);
  });

  it("follows Sigma's file naming convention", () => {
    for (const f of packFiles(PACK_DIR)) {
      const name = f.slice(f.lastIndexOf("/") + 1, -".yml".length);
      assert.match(name, /^[a-z0-9_]{10,70}$/, f);
    }
  });

  it("gives every rule the pack's metadata", async () => {
    const ids = new Set<string>();
    for (const { rule } of (await loadPack()).rules) {
      const at = `${relative(PACK_DIR, rule.source.file)} (${rule.title})`;
      assert.match(
        rule.id ?? "",
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        at,
      );
      assert.ok(!ids.has(rule.id!), `duplicate id in ${at}`);
      ids.add(rule.id!);
      assert.equal(rule.status, "experimental", at);
      assert.equal(rule.author, "mikiwame", at);
      assert.match(String(rule.date), /^\d{4}-\d{2}-\d{2}$/, at);
      assert.ok(rule.level !== undefined && SIGMA_LEVELS.includes(rule.level), at);
      assert.ok((rule.description ?? "").length > 40, at);
      assert.ok(rule.falsepositives.length > 0, at);
      assert.ok(
        rule.tags.some((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t)),
        `${at}: no technique tag`,
      );
      assert.ok(
        rule.tags.some((t) => (ATTACK_TACTICS as readonly string[]).includes(t.slice("attack.".length))),
        `${at}: no tactic tag`,
      );
      assert.ok(
        (KILL_CHAIN_STAGES as readonly unknown[]).includes(rule.custom.kill_chain),
        `${at}: kill_chain`,
      );
      assert.equal(rule.logsource.product, "windows", at);
      assert.ok(rule.logsource.category ?? rule.logsource.service, at);
    }
  });

  it("uses ids that SigmaHQ does not", async (t: TestContext) => {
    const dir = corpusPath("sigma");
    if (!dir) return t.skip(corpusSkipReason("sigma/"));
    const ours = new Set((await loadPack()).rules.map((r) => r.rule.id));
    for (const sub of ["rules", "rules-threat-hunting", "rules-emerging-threats"]) {
      for (const f of packFiles(join(dir, sub))) {
        const m = /^id: *([0-9a-f-]{36})/m.exec(readFileSync(f, "utf8"));
        assert.ok(!m || !ours.has(m[1]), `${f} has the same id as one of ours`);
      }
    }
  });

  it("is listed in docs/rule-pack.md, rule by rule", async () => {
    const doc = readFileSync(join(repoRoot(), "docs", "rule-pack.md"), "utf8");
    for (const { rule } of (await loadPack()).rules) {
      assert.ok(doc.includes(rule.id!), `docs/rule-pack.md does not mention ${rule.id} (${rule.title})`);
      assert.ok(doc.includes(rule.title), `docs/rule-pack.md does not mention "${rule.title}"`);
    }
  });

  it("has a test case for every rule, and every case names a rule of the pack", async () => {
    const loadedIds = (await loadPack()).rules.map((r) => r.rule.id).sort();
    assert.deepEqual([...CASES, ...LOG_CASES].map((c) => c.id).sort(), loadedIds);
  });

  for (const c of [...CASES, ...LOG_CASES]) {
    it(`rule ${c.id}: hits its samples and not its near misses`, async () => {
      const { rules } = await loadPack();
      const compiled = rules.find((r) => r.rule.id === c.id);
      assert.ok(compiled, `rule ${c.id} not loaded`);
      assert.ok(c.hits.length > 0 && c.misses.length > 0);
      // The whole pack runs, as in production: the rule must hit through the engine's logsource gate.
      const engine = new SigmaEngine(rules);
      const title = compiled.rule.title;
      for (const [why, event] of c.hits) {
        const ids = engine.match(event).map((m) => m.rule.id);
        assert.ok(ids.includes(c.id), `"${title}" should hit: ${why}`);
      }
      for (const [why, event] of c.misses) {
        const ids = engine.match(event).map((m) => m.rule.id);
        assert.ok(!ids.includes(c.id), `"${title}" should not hit: ${why}`);
      }
    });
  }
});

describe("rule-pack test events", () => {
  const system = (channel: string, provider: string, eventId: number): EvtxSystem => ({
    providerName: provider,
    eventId,
    recordId: 7,
    channel,
    computer: "ws01.contoso.local",
    timeCreated: "2026-11-25T09:00:00.0000000Z",
  });
  const normalize = (sys: EvtxSystem, data: Fields): Event | undefined =>
    createNormalizer().normalize(
      {
        kind: "evtx",
        provenance: { file: "x.evtx", format: "evtx", recordId: 7 },
        system: sys,
        data,
        section: "EventData",
        writtenTime: "2026-11-25T09:00:00.000Z",
      },
      new Diagnostics(),
    );

  it("look like what the normalizer makes of Sysmon 1 and 29 records", () => {
    for (const [eventId, built] of [
      [1, proc({ Image: `${TEMP}\\a.exe` })],
      [29, pe(`${TEMP}\\a.exe`, `${TEMP}\\b.dll`)],
    ] as const) {
      const data: Fields = {};
      for (const [k, v] of Object.entries(built.fields)) {
        if (!["EventID", "Channel", "Provider_Name", "Computer", "EventRecordID"].includes(k)) data[k] = v;
      }
      const real = normalize(system(SYSMON, "Microsoft-Windows-Sysmon", eventId), data);
      assert.ok(real);
      assert.deepEqual(real.logsource, built.logsource);
      for (const [k, v] of Object.entries(built.fields))
        if (k !== "EventRecordID") assert.deepEqual(real.fields[k], v, k);
    }
  });

  it("look like what the normalizer makes of a Security 4688 record", () => {
    const built = sec4688(`${TEMP}\\a.exe`, "C:\\Windows\\explorer.exe");
    const real = normalize(system("Security", "Microsoft-Windows-Security-Auditing", 4688), {
      NewProcessName: `${TEMP}\\a.exe`,
      ParentProcessName: "C:\\Windows\\explorer.exe",
    });
    assert.ok(real);
    assert.deepEqual(real.logsource, built.logsource);
    for (const k of ["Image", "ParentImage", "NewProcessName", "EventID", "Channel"]) {
      assert.deepEqual(real.fields[k], built.fields[k], k);
    }
  });
});
