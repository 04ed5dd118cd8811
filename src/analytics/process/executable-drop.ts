/**
 * Process viewpoint — "an executable creates an executable" and "dropped then executed": the dropper
 * (a process that wrote a file that later ran as a process), the payload (the process running a file
 * another process wrote), and processes writing executables. Who wrote the file decides the stage:
 * a browser, mail client, archiver or the shell → delivery (the user fetched or unpacked it; running it
 * is exploitation); the kernel (`System`, i.e. over SMB) → lateral movement; installers and updaters
 * in their own folders → nothing; anything else → installation (a dropper).
 * Input: a process, its file log and its dropper edges. Output: hits.
 */
import type { Provenance } from "../../events/provenance.js";
import { MAX_EVIDENCE } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import {
  imageName,
  isArchiverOrShell,
  isBrowser,
  isExecutableWriterName,
  isMailClient,
} from "./image-families.js";
import { type DetectionContext, type ProcessDetector, type ProcessHit, weaker } from "./process-detector.js";
import { formatDuration } from "./format-duration.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { baseName, isExecutableName, isInInstallFolder, normalizePath } from "./windows-path.js";

export const WRITER_CLASSES = ["installer", "delivery", "remote", "other"] as const;
export type WriterClass = (typeof WRITER_CLASSES)[number];

/** What kind of program wrote an executable (see the module comment). */
export function writerClass(image: string | undefined, pid?: number): WriterClass {
  const name = imageName(image);
  if (name === "system" || pid === 4) return "remote";
  if (isBrowser(name) || isMailClient(name) || isArchiverOrShell(name)) return "delivery";
  if (image && isExecutableWriterName(name) && isInInstallFolder(normalizePath(image))) return "installer";
  return "other";
}

interface StageInfo {
  readonly stage: KillChainStage;
  readonly attack: readonly string[];
}

/** Stage and techniques of writing an executable, per writer class. */
function writeStage(cls: WriterClass, writerName: string): StageInfo {
  if (cls === "remote") return { stage: "lateral_movement", attack: ["T1570", "T1021.002"] };
  if (cls === "delivery")
    return isMailClient(writerName)
      ? { stage: "delivery", attack: ["T1566.001"] }
      : isBrowser(writerName)
        ? { stage: "delivery", attack: ["T1105", "T1189"] }
        : { stage: "delivery", attack: ["T1204.002"] };
  return { stage: "installation", attack: ["T1105"] };
}

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  const hits: ProcessHit[] = [];
  const shown = processName(p);
  const cls = writerClass(p.image, p.pid);
  const stage = writeStage(cls, imageName(p.image));
  const dropped = ctx.graph.dropped(p.key);
  // A valid signature is counter-evidence (installers and updaters write and start executables)
  const signed = p.signature.state === "valid";

  if (dropped.length > 0 && cls === "other") {
    const evidence: Provenance[] = [];
    for (const q of dropped) {
      if (q.dropper) evidence.push(q.dropper.evidence);
      if (q.created) evidence.push(q.created);
    }
    const names = dropped.slice(0, 5).map(processName);
    hits.push({
      detector: "process.dropper",
      severity: signed ? "medium" : "high",
      confidence: signed ? 0.4 : 0.8,
      stage: stage.stage,
      attack: stage.attack,
      evidence: evidence.slice(0, MAX_EVIDENCE),
      evidenceCount: evidence.length,
      message: {
        en: `${shown} wrote executables that were then run (${names.join(", ")}): it is a dropper and must be removed with its payload.`,
        ja: `${shown} が実行ファイルを作成し、それが実行されました（${names.join(", ")}）。ドロッパーであり、ペイロードとともに削除が必要です。`,
      },
      details: {
        image: p.image ?? null,
        signature: p.signature.state,
        writerClass: cls,
        payloads: dropped.length,
        payloadKeys: dropped.slice(0, 10).map((q) => q.key),
      },
    });
  }

  const executables = p.files.items.filter(
    (f) => (f.operation === "create" && isExecutableName(baseName(f.path))) || f.operation === "executable",
  );
  if (executables.length > 0 && cls !== "installer" && (cls !== "other" || dropped.length === 0)) {
    const paths = [...new Set(executables.map((f) => f.path))];
    const list = `${paths.slice(0, 3).join(", ")}${paths.length > 3 ? ", …" : ""}`;
    const listJa = `${paths.slice(0, 3).join(", ")}${paths.length > 3 ? " など" : ""}`;
    hits.push({
      detector: "process.executable-write",
      severity: cls === "remote" ? "high" : cls === "delivery" ? "low" : "medium",
      confidence: cls === "remote" ? 0.6 : cls === "delivery" ? 0.2 : 0.5,
      stage: stage.stage,
      attack: stage.attack,
      evidence: executables.slice(0, MAX_EVIDENCE).map((f) => f.evidence),
      evidenceCount: executables.length,
      first: executables[0].time,
      last: executables[executables.length - 1].time,
      message:
        cls === "remote"
          ? {
              en: `${paths.length} executable file(s) were written over the network (by ${shown}, i.e. through a file share): ${list}.`,
              ja: `ネットワーク経由（${shown}、すなわちファイル共有）で ${paths.length} 個の実行ファイルが書き込まれました：${listJa}。`,
            }
          : {
              en: `${shown} wrote ${paths.length} executable file(s) (${list}).`,
              ja: `${shown} が ${paths.length} 個の実行ファイルを作成しました（${listJa}）。`,
            },
      details: { image: p.image ?? null, writerClass: cls, files: paths.length, paths: paths.slice(0, 10) },
    });
  }

  const edge = ctx.graph.droppedBy(p.key);
  if (edge && p.created) {
    const writerImage = edge.writer?.image;
    const wcls = writerClass(writerImage, edge.writer?.pid);
    if (wcls !== "installer") {
      const writerShown = edge.writer ? processName(edge.writer) : edge.edge.writerKey;
      const latencyMs =
        p.start && edge.edge.time ? Math.max(0, Math.round(p.start.ms - edge.edge.time.ms)) : undefined;
      const delivered = wcls === "delivery";
      hits.push({
        detector: "process.dropped-executed",
        severity: weakerIf(signed, delivered ? "medium" : "high"),
        confidence: (delivered ? 0.5 : 0.8) * (signed ? 0.5 : 1),
        stage: delivered ? "exploitation" : wcls === "remote" ? "lateral_movement" : "installation",
        attack: delivered ? ["T1204.002"] : wcls === "remote" ? ["T1570", "T1569.002"] : ["T1105"],
        evidence: [edge.edge.evidence, p.created],
        first: edge.edge.time ?? p.start,
        last: p.start,
        message: {
          en: `${shown} runs a file that ${writerShown} wrote${latencyMs !== undefined ? ` ${formatDuration(latencyMs, "en")} earlier` : ""} (${edge.edge.path}).`,
          ja: `${shown} は ${writerShown} が${latencyMs !== undefined ? ` ${formatDuration(latencyMs, "ja")}前に` : ""}作成したファイル（${edge.edge.path}）を実行しています。`,
        },
        details: {
          image: p.image ?? null,
          signature: p.signature.state,
          path: edge.edge.path,
          writerKey: edge.edge.writerKey,
          writerImage: writerImage ?? null,
          writerClass: wcls,
          latencyMs: latencyMs ?? null,
        },
      });
    }
  }
  return hits;
}

function weakerIf(condition: boolean, s: Severity): Severity {
  return condition ? weaker(s) : s;
}

export const executableDropDetector: ProcessDetector = { id: "process.executable-drop", detect };
