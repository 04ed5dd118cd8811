/**
 * The process analyzer over third-party attack samples (sbousseaden/EVTX-ATTACK-SAMPLES, read in
 * place): no file may make it fail, known techniques must be recognised, and the figures per tactic
 * folder (files with at least one process-viewpoint finding) are printed as test diagnostics.
 */
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { before, describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Finding } from "../../findings/finding.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { evtxReader } from "../../readers/evtx/evtx-reader.js";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import { ProcessAnalyzer } from "./process-analyzer.js";

const ROOT = corpusPath("evtx-attack-samples");

function evtxFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) evtxFiles(p, out);
    else if (name.toLowerCase().endsWith(".evtx")) out.push(p);
  }
  return out;
}

interface FileResult {
  readonly file: string;
  readonly tactic: string;
  readonly findings: readonly Finding[];
  readonly error?: string;
}

describe("process analyzer on EVTX-ATTACK-SAMPLES", {
  skip: !ROOT && corpusSkipReason("evtx-attack-samples"),
}, () => {
  const results = new Map<string, FileResult>();

  before(async () => {
    if (!ROOT) return;
    const normalizer = createNormalizer();
    for (const file of evtxFiles(ROOT)) {
      const rel = relative(ROOT, file);
      const tactic = rel.split(/[\\/]/)[0];
      const diagnostics = new Diagnostics();
      const a = new ProcessAnalyzer();
      try {
        for await (const batch of evtxReader.read(file, { diagnostics }))
          for (const r of batch) {
            const e = normalizer.normalize(r, diagnostics);
            if (e) a.observe(e);
          }
        results.set(rel, { file: rel, tactic, findings: a.finish() });
      } catch (e) {
        results.set(rel, {
          file: rel,
          tactic,
          findings: [],
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
  });

  it("reads and analyses every file without failing", () => {
    assert.ok(results.size >= 200, `${results.size} files`);
    const failed = [...results.values()].filter((r) => r.error !== undefined);
    assert.deepEqual(
      failed.map((r) => `${r.file}: ${r.error}`),
      [],
    );
  });

  it("reports per tactic folder how many files give a process-viewpoint finding", (t) => {
    const perTactic = new Map<string, { files: number; withFinding: number }>();
    for (const r of results.values()) {
      const row = perTactic.get(r.tactic) ?? { files: 0, withFinding: 0 };
      row.files++;
      if (r.findings.some((f) => f.viewpoint === "process")) row.withFinding++;
      perTactic.set(r.tactic, row);
    }
    let total = 0;
    for (const [tactic, row] of [...perTactic].sort()) {
      t.diagnostic(`${tactic}: ${row.withFinding} of ${row.files} files`);
      total += row.withFinding;
    }
    t.diagnostic(`total: ${total} of ${results.size} files`);
    for (const tactic of [
      "Credential Access",
      "Defense Evasion",
      "Execution",
      "Lateral Movement",
      "Privilege Escalation",
    ])
      assert.ok((perTactic.get(tactic)?.withFinding ?? 0) >= 5, tactic);
    assert.ok(total >= 70, `${total} files with a process finding`);
  });

  // file (relative to the folder) → a detector that must fire, and its stage when it matters
  const expected: [string, string, string | undefined][] = [
    [
      "Credential Access/sysmon_10_lsass_mimikatz_sekurlsa_logonpasswords.evtx",
      "process.lsass-access",
      "lateral_movement",
    ],
    ["Credential Access/sysmon_10_1_memdump_comsvcs_minidump.evtx", "process.lolbin", undefined],
    [
      "Lateral Movement/remote_file_copy_system_proc_file_write_sysmon_11.evtx",
      "process.dropped-executed",
      "lateral_movement",
    ],
    [
      "Lateral Movement/remote_file_copy_system_proc_file_write_sysmon_11.evtx",
      "process.unusual-service-child",
      "lateral_movement",
    ],
    [
      "Lateral Movement/LM_sysmon_psexec_smb_meterpreter.evtx",
      "process.unusual-service-child",
      "installation",
    ],
    [
      "Privilege Escalation/sysmon_11_7_1_uacbypass_windirectory_mocking.evtx",
      "process.mock-folder",
      undefined,
    ],
    ["Privilege Escalation/Sysmon_UACME_38.evtx", "process.dropper", "installation"],
    ["Execution/exec_driveby_cve-2018-15982_sysmon_1_10.evtx", "process.suspicious-parent", "exploitation"],
    ["Execution/sysmon_zipexec.evtx", "process.original-name-mismatch", undefined],
    ["Execution/exec_sysmon_lobin_regsvr32_sct.evtx", "process.lolbin", undefined],
    [
      "AutomatedTestingTools/Malware/DE_timestomp_and_dll_sideloading_and_RunPersist.evtx",
      "process.dropper",
      undefined,
    ],
    [
      "AutomatedTestingTools/Malware/DE_timestomp_and_dll_sideloading_and_RunPersist.evtx",
      "process.autorun-registry",
      undefined,
    ],
    [
      "Defense Evasion/DE_ProcessHerpaderping_Sysmon_11_10_1_7.evtx",
      "process.unsigned-trusted-metadata",
      undefined,
    ],
    ["Defense Evasion/meterpreter_migrate_to_explorer_sysmon_8.evtx", "process.remote-thread", undefined],
  ];
  for (const [file, detector, stage] of expected)
    it(`${file}: ${detector}`, () => {
      const r = results.get(file);
      assert.ok(r, `${file} is in the corpus`);
      const hit = r.findings.find(
        (f) => f.detector === detector && (stage === undefined || f.stage === stage),
      );
      assert.ok(hit, `${detector} among ${r.findings.map((f) => `${f.detector}/${f.stage}`).join(", ")}`);
      assert.ok(hit.evidence.every((e) => e.file.endsWith(".evtx") && e.recordId !== undefined));
    });
});
