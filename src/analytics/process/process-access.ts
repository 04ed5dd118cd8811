/**
 * Process viewpoint — one process reaching into another: opening lsass.exe with rights that allow
 * reading its memory (credential dumping), and starting a thread in another process (injection).
 * Input: a process's access log (Sysmon 10 / 8). Output: up to two hits (one per kind).
 */
import { MAX_EVIDENCE } from "../../findings/finding.js";
import { imageName, isSystemLauncherName } from "./image-families.js";
import type { DetectionContext, ProcessDetector, ProcessHit } from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { isInInstallFolder, isInSystemFolder, isUnder, normalizePath } from "./windows-path.js";

/** PROCESS_VM_READ: with it, a process can read (dump) the target's memory. */
export const PROCESS_VM_READ = 0x0010;

/** Programs that read lsass as part of their job, when they run from their own folders. */
export const LSASS_READERS = [
  "msmpeng.exe",
  "mssense.exe",
  "wininit.exe",
  "csrss.exe",
  "services.exe",
  "svchost.exe",
  "lsm.exe",
  "wmiprvse.exe",
  "mrt.exe",
  "vmtoolsd.exe",
  "taskmgr.exe",
] as const;

function isKnownLsassReader(image: string | undefined): boolean {
  if (!image) return false;
  const p = normalizePath(image);
  const inOwnPlace =
    isInSystemFolder(p) || isInInstallFolder(p) || isUnder(p, "\\programdata\\microsoft\\windows defender");
  return inOwnPlace && (LSASS_READERS as readonly string[]).includes(imageName(image));
}

function detect(p: ProcessInfo, _ctx: DetectionContext): ProcessHit[] {
  const hits: ProcessHit[] = [];
  const shown = processName(p);
  // A valid signature is counter-evidence (system tools such as Process Monitor open every process)
  const signed = p.signature.state === "valid";
  const dumps = p.access.items.filter(
    (a) =>
      a.kind === "process-access" &&
      imageName(a.targetImage) === "lsass.exe" &&
      a.grantedAccess !== undefined &&
      (a.grantedAccess & PROCESS_VM_READ) !== 0,
  );
  if (dumps.length > 0 && !isKnownLsassReader(p.image)) {
    const masks = [...new Set(dumps.map((a) => `0x${(a.grantedAccess ?? 0).toString(16)}`))];
    hits.push({
      detector: "process.lsass-access",
      severity: signed ? "medium" : "high",
      confidence: signed ? 0.4 : 0.75,
      stage: "lateral_movement",
      attack: ["T1003.001"],
      evidence: dumps.slice(0, MAX_EVIDENCE).map((a) => a.evidence),
      evidenceCount: dumps.length,
      first: dumps[0].time,
      last: dumps[dumps.length - 1].time,
      message: {
        en: `${shown} opened lsass.exe with memory-read rights (${masks.join(", ")}): credential dumping.`,
        ja: `${shown} がメモリ読み取り権限（${masks.join(", ")}）で lsass.exe を開きました。認証情報の窃取が疑われます。`,
      },
      details: {
        image: p.image ?? null,
        grantedAccess: masks.join(","),
        accesses: dumps.length,
        signature: p.signature.state,
      },
    });
  }
  const threads = p.access.items.filter(
    (a) => a.kind === "remote-thread" && (a.targetKey === undefined || a.targetKey !== p.key),
  );
  if (threads.length > 0 && !isSystemLauncherName(imageName(p.image))) {
    const trusted = signed || (p.image !== undefined && isInInstallFolder(normalizePath(p.image)));
    const targets = [...new Set(threads.map((a) => imageName(a.targetImage) || "?"))].slice(0, 5);
    hits.push({
      detector: "process.remote-thread",
      severity: trusted ? "low" : "medium",
      confidence: trusted ? 0.2 : 0.5,
      stage: "installation",
      attack: ["T1055"],
      evidence: threads.slice(0, MAX_EVIDENCE).map((a) => a.evidence),
      evidenceCount: threads.length,
      first: threads[0].time,
      last: threads[threads.length - 1].time,
      message: {
        en: `${shown} started threads in other processes (${targets.join(", ")}): possible process injection.`,
        ja: `${shown} が他のプロセス（${targets.join(", ")}）内にスレッドを作成しました。プロセスインジェクションの可能性があります。`,
      },
      details: { image: p.image ?? null, targets: targets.join(","), threads: threads.length },
    });
  }
  return hits;
}

export const processAccessDetector: ProcessDetector = { id: "process.access", detect };
