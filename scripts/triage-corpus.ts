/**
 * Triage figures on the third-party corpus (not a test): every EVTX file of
 * ../shared/corpus/evtx-attack-samples and hayabusa-sample-evtx is analysed on its own (built-in rule pack
 * plus the SigmaHQ Windows rules of ../shared/corpus/sigma), and per tactic folder we report the share of
 * files that give at least one suspicious/malicious incident ("flagged") and the share whose flagged
 * incident carries the folder's tactic — a finding from a rule tagged with that ATT&CK tactic, or the
 * tactic's kill-chain stage among the incident's stages. Presumed-benign data (evtx-parser-samples, the
 * benign-labelled Zeek flows of stratosphere-zeek) is analysed too: the malicious and suspicious
 * incidents found there are listed, each with its top reason. Prints tables; writes
 * bench/results/triage-corpus.json. Usage: `npm run triage:corpus [-- --no-sigmahq]`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import type { Incident } from "../src/incidents/incident.js";
import type { AnalyzeResult } from "../src/pipeline/analyze-logs.js";
import { analyzeLogs } from "../src/pipeline/analyze-logs.js";
import { type AttackTactic, TACTIC_STAGE } from "../src/pipeline/detection-rule-mapping.js";
import { type LoadedRules, loadRules } from "../src/sigma/rule-loader.js";
import { corpusPath, repoRoot } from "../src/testing/corpus.js";

/** Folder name words → the ATT&CK tactic the folder stands for. */
const FOLDER_TACTICS: readonly (readonly [RegExp, AttackTactic])[] = [
  [/command and control/i, "command_and_control"],
  [/credential access/i, "credential_access"],
  [/defense evasion/i, "defense_evasion"],
  [/discovery/i, "discovery"],
  [/execution/i, "execution"],
  [/lateral movement/i, "lateral_movement"],
  [/persistence/i, "persistence"],
  [/privilege escalation/i, "privilege_escalation"],
  [/initial access/i, "initial_access"],
  [/collection/i, "collection"],
  [/exfiltration/i, "exfiltration"],
  [/impact/i, "impact"],
];

interface FileResult {
  readonly corpus: string;
  readonly file: string;
  readonly folder: string;
  readonly tactic: AttackTactic | undefined;
  readonly flagged: boolean;
  readonly carriesTactic: boolean;
  readonly incidents: number;
  readonly best: string | undefined;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.toLowerCase().endsWith(".evtx")) out.push(p);
  }
  return out;
}

/** The folder a file is counted under and its tactic (first folder naming one, from the top). */
function folderOf(root: string, file: string): { folder: string; tactic: AttackTactic | undefined } {
  const parts = relative(root, file).split("/").slice(0, -1);
  for (const part of parts) {
    for (const [re, tactic] of FOLDER_TACTICS) if (re.test(part)) return { folder: part, tactic };
  }
  return { folder: parts[0] ?? "(top)", tactic: undefined };
}

function isFlagged(i: Incident): boolean {
  return i.verdict.verdict === "malicious" || i.verdict.verdict === "suspicious";
}

function carries(
  i: Incident,
  tactic: AttackTactic,
  detectorOf: ReadonlyMap<string, string>,
  ruleTactics: ReadonlyMap<string, ReadonlySet<string>>,
): boolean {
  if (i.stages.some((s) => s.stage === TACTIC_STAGE[tactic])) return true;
  return i.findings.some((id) => ruleTactics.get(detectorOf.get(id) ?? "")?.has(tactic) ?? false);
}

function ruleTacticIndex(rules: LoadedRules | undefined): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const { rule } of rules?.rules ?? []) {
    const tactics = new Set(
      rule.tags.filter((t) => t.startsWith("attack.")).map((t) => t.slice("attack.".length)),
    );
    if (tactics.size > 0 && rule.id) index.set(`sigma:${rule.id}`, tactics);
  }
  return index;
}

async function analyzeOne(path: string, rules: LoadedRules | undefined): Promise<AnalyzeResult> {
  return analyzeLogs([path], { diagnostics: new Diagnostics(), rules, location: false });
}

function pct(n: number, d: number): string {
  return d === 0 ? "-" : `${((100 * n) / d).toFixed(0)}%`;
}

function topReason(i: Incident): string {
  const r = i.verdict.reasons[0];
  return r ? `[${r.viewpoint}] ${r.text.en}` : "(no reason)";
}

async function main(): Promise<void> {
  const useSigmaHq = !process.argv.includes("--no-sigmahq");
  const rulePaths = [join(repoRoot(), "rules", "mikiwame")];
  const sigmaWindows = corpusPath("sigma", "rules", "windows");
  if (useSigmaHq && sigmaWindows) rulePaths.push(sigmaWindows);
  const rules = await loadRules(rulePaths);
  const ruleTactics = ruleTacticIndex(rules);
  console.log(
    `rules: ${rules.rules.length} loaded from ${rulePaths.map((p) => relative(repoRoot(), p)).join(", ")}`,
  );

  const results: FileResult[] = [];
  for (const corpus of ["evtx-attack-samples", "hayabusa-sample-evtx"]) {
    const root = corpusPath(corpus);
    if (!root) {
      console.log(`skipped ${corpus}: not in ../shared/corpus`);
      continue;
    }
    for (const file of walk(root)) {
      const { folder, tactic } = folderOf(root, file);
      const result = await analyzeOne(file, rules);
      const flagged = result.incidents.filter(isFlagged);
      const detectorOf = new Map(result.findings.map((f) => [f.id, f.detector]));
      const withTactic = tactic ? flagged.filter((i) => carries(i, tactic, detectorOf, ruleTactics)) : [];
      results.push({
        corpus,
        file: relative(root, file),
        folder,
        tactic,
        flagged: flagged.length > 0,
        carriesTactic: withTactic.length > 0,
        incidents: flagged.length,
        best: flagged[0] ? `${flagged[0].verdict.verdict} ${flagged[0].title.en}` : undefined,
      });
    }
  }

  // per corpus + folder
  const rows = new Map<string, FileResult[]>();
  for (const r of results) {
    const key = `${r.corpus}\t${r.folder}`;
    rows.set(key, [...(rows.get(key) ?? []), r]);
  }
  console.log("\ncorpus                 folder                                   files  flagged  tactic");
  for (const [key, list] of [...rows].sort()) {
    const [corpus, folder] = key.split("\t") as [string, string];
    const flagged = list.filter((r) => r.flagged).length;
    const tactic = list[0]?.tactic ? pct(list.filter((r) => r.carriesTactic).length, list.length) : "n/a";
    console.log(
      `${corpus.padEnd(22)} ${folder.slice(0, 40).padEnd(40)} ${String(list.length).padStart(5)}  ${pct(flagged, list.length).padStart(7)}  ${tactic.padStart(6)}`,
    );
  }
  const flaggedAll = results.filter((r) => r.flagged).length;
  const withTactic = results.filter((r) => r.tactic);
  console.log(
    `\nall: ${results.length} files, flagged ${flaggedAll} (${pct(flaggedAll, results.length)}); ` +
      `of ${withTactic.length} files in a tactic folder, ${withTactic.filter((r) => r.carriesTactic).length} carry it (${pct(withTactic.filter((r) => r.carriesTactic).length, withTactic.length)})`,
  );
  const misses = results.filter((r) => !r.flagged);
  console.log(`\nnot flagged (${misses.length}):`);
  for (const m of misses) console.log(`  ${m.corpus}/${m.file}`);

  // presumed benign
  const benign: { file: string; verdict: string; title: string; reason: string }[] = [];
  let benignFiles = 0;
  const parserSamples = corpusPath("evtx-parser-samples");
  if (parserSamples) {
    for (const file of walk(parserSamples)) {
      benignFiles++;
      const result = await analyzeOne(file, rules);
      for (const i of result.incidents.filter(isFlagged))
        benign.push({
          file: relative(parserSamples, file),
          verdict: i.verdict.verdict,
          title: i.title.en,
          reason: topReason(i),
        });
    }
  }
  const strato = corpusPath("stratosphere-zeek");
  let benignFlows = 0;
  if (strato) {
    for (const dir of readdirSync(strato).sort()) {
      const labeled = join(strato, dir, "labeled-conn.log");
      let text: string;
      try {
        text = readFileSync(labeled, "utf8");
      } catch {
        continue;
      }
      // keep the header and the rows whose label column says Benign
      const lines = text.split("\n");
      const header = lines.filter((l) => l.startsWith("#"));
      const rowsBenign = lines.filter((l) => !l.startsWith("#") && /\tBenign\b/i.test(l));
      if (rowsBenign.length === 0) continue;
      benignFlows += rowsBenign.length;
      const tmp = join(tmpdir(), `mikiwame-benign-${process.pid}-${dir}.log`);
      writeFileSync(tmp, [...header.filter((h) => !h.startsWith("#close")), ...rowsBenign, ""].join("\n"));
      const result = await analyzeOne(tmp, rules);
      for (const i of result.incidents.filter(isFlagged))
        benign.push({
          file: `stratosphere-zeek/${dir} (benign flows)`,
          verdict: i.verdict.verdict,
          title: i.title.en,
          reason: topReason(i),
        });
      rmSync(tmp, { force: true });
    }
  }
  const malicious = benign.filter((b) => b.verdict === "malicious");
  console.log(
    `\npresumed benign: ${benignFiles} evtx-parser-samples files + ${benignFlows} benign Stratosphere flows → ` +
      `${malicious.length} malicious, ${benign.length - malicious.length} suspicious incidents`,
  );
  for (const b of benign) console.log(`  ${b.verdict.padEnd(10)} ${b.file}: ${b.title} — ${b.reason}`);

  mkdirSync(join(repoRoot(), "bench", "results"), { recursive: true });
  writeFileSync(
    join(repoRoot(), "bench", "results", "triage-corpus.json"),
    `${JSON.stringify({ rules: rules.rules.length, sigmaHq: useSigmaHq, files: results, benign, benignFiles, benignFlows }, null, 2)}\n`,
  );
}

await main();
