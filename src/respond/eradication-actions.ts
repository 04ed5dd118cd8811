/**
 * Eradication (priority 2): delete the payload AND the dropper (and other executables the incident
 * wrote) on each host, by path + SHA256, and remove each persistence item. Never a system binary or a
 * validly signed program (a root cause that is a legitimate tool abused is stopped, not deleted). For
 * a suspicious incident both are phrased "after confirmation". Input: IncidentFacts. Output: DraftActions.
 */
import type { LocalizedText } from "../findings/finding.js";
import type {
  FileRole,
  IncidentPersistence,
  IncidentProcess,
  IncidentTime,
  PersistenceKind,
} from "../incidents/incident.js";
import { finalExtension, isExecutableExtension } from "../knowledge/deceptive-file-name.js";
import { cleanDetails, type DraftAction, findingUnion } from "./draft-action.js";
import type { IncidentFacts } from "./incident-facts.js";
import {
  baseName,
  FILE_ROLE_WORDS,
  folderOf,
  formatTime,
  listEn,
  listJa,
  lt,
  processLabel,
} from "./plan-text.js";

/** Paths under the Windows folder are never deleted (system binaries abused by an attack). */
const SYSTEM_FOLDER = /^[a-z]:\\windows\\/i;

interface FileToDelete {
  readonly host: string;
  readonly path: string;
  readonly sha256: string | undefined;
  readonly role: FileRole;
  /** Set for a root cause's image that wrote no other executable (not a dropper, not written by the incident) */
  readonly rootImage: boolean;
  readonly writer: IncidentProcess | undefined;
  readonly runners: readonly IncidentProcess[];
  readonly time: IncidentTime | undefined;
}

function isProtected(path: string, runners: readonly IncidentProcess[]): boolean {
  return SYSTEM_FOLDER.test(path) || runners.some((p) => p.signature === "valid");
}

/** The files to delete: dropper, payload and written executables, then root-cause / payload images not listed. */
function filesToDelete(facts: IncidentFacts): FileToDelete[] {
  const out: FileToDelete[] = [];
  const seen = new Set<string>();
  const add = (f: FileToDelete): void => {
    const key = `${f.host.toLowerCase()}|${f.path.toLowerCase()}`;
    if (seen.has(key) || isProtected(f.path, f.runners)) return;
    seen.add(key);
    out.push(f);
  };
  for (const f of facts.incident.files) {
    if (f.role === "written" && !isExecutableExtension(finalExtension(baseName(f.path)))) continue;
    const runners = f.executedBy.flatMap((k) => facts.processByKey.get(k) ?? []);
    const writer = f.writtenBy !== undefined ? facts.processByKey.get(f.writtenBy) : undefined;
    add({
      host: f.host,
      path: f.path,
      sha256: f.sha256,
      role: f.role,
      rootImage: false,
      writer,
      runners,
      time: f.time,
    });
  }
  for (const p of facts.incident.processes) {
    if ((p.role !== "root-cause" && p.role !== "payload") || !p.image) continue;
    const writer = p.droppedByKey !== undefined ? facts.processByKey.get(p.droppedByKey) : undefined;
    const dropper = facts.incident.processes.some((c) => c.droppedByKey === p.key);
    const role: FileRole = p.role === "payload" ? "payload" : dropper ? "dropper" : "written";
    const rootImage = p.role === "root-cause" && !dropper;
    add({
      host: p.host,
      path: p.image,
      sha256: p.sha256,
      role,
      rootImage,
      writer,
      runners: [p],
      time: p.start,
    });
  }
  return out;
}

/** The program of a root cause that is neither a dropper nor written by the incident. */
const ROOT_IMAGE_WORDS = lt("the root cause's program", "起点のプログラム");

function fileWords(f: FileToDelete): LocalizedText {
  return f.rootImage ? ROOT_IMAGE_WORDS : FILE_ROLE_WORDS[f.role];
}

/** The role written into the action's details (and the exports): the file role, or `root-cause`. */
function detailRole(f: FileToDelete): string {
  return f.rootImage ? "root-cause" : f.role;
}

function deleteReason(f: FileToDelete, facts: IncidentFacts): LocalizedText {
  const en: string[] = [fileWords(f).en];
  const ja: string[] = [fileWords(f).ja];
  const when = formatTime(f.time);
  if (f.writer?.image) {
    en.push(`written by ${baseName(f.writer.image)}${when ? ` at ${when}` : ""}`);
    ja.push(`${baseName(f.writer.image)} が書き込みました${when ? `（${when}）` : ""}`);
  }
  if (f.runners.length > 0) {
    const names = f.runners.map(processLabel);
    en.push(`run as ${listEn(names)}`);
    ja.push(`${listJa(names)} として実行されました`);
  }
  if (f.role === "dropper") {
    const dropped = facts.incident.files
      .filter(
        (x) => x.role === "payload" && x.host === f.host && f.runners.some((r) => r.key === x.writtenBy),
      )
      .map((x) => baseName(x.path));
    const what = dropped.length > 0 ? listEn(dropped) : "the payload";
    const whatJa = dropped.length > 0 ? listJa(dropped) : "ペイロード";
    en.push(`deleting only ${what} is not enough: the dropper would write and start it again`);
    ja.push(`${whatJa} だけを削除しても不十分です。ドロッパーが残っていると再び作成・実行されます`);
  }
  return lt(en.join("; "), ja.join("。"));
}

/** delete-file: per host, path + SHA256, payload and dropper alike. */
export function deleteActions(facts: IncidentFacts): DraftAction[] {
  return filesToDelete(facts).map((f) => {
    const hash = f.sha256 ? ` (SHA256 ${f.sha256})` : " (hash unknown: compare with a collected copy first)";
    const hashJa = f.sha256
      ? `（SHA256 ${f.sha256}）`
      : "（ハッシュ不明: 先に回収したファイルと照合してください）";
    const role = fileWords(f);
    const text = facts.malicious
      ? lt(
          `Delete ${f.path} on ${f.host}${hash}: ${role.en}`,
          `${f.host} の ${f.path} を削除してください${hashJa}: ${role.ja}`,
        )
      : lt(
          `After confirming it is malicious (keep a copy for analysis), delete ${f.path} on ${f.host}${hash}`,
          `悪性と確認した後で（解析用に複製を保全のうえ）、${f.host} の ${f.path} を削除してください${hashJa}`,
        );
    return {
      kind: "delete-file",
      category: "technical",
      priority: 2,
      host: f.host,
      target: f.path,
      details: cleanDetails({
        path: f.path,
        name: baseName(f.path),
        folder: folderOf(f.path),
        sha256: f.sha256,
        role: detailRole(f),
        writtenBy: f.writer?.image,
        written: f.time?.iso,
      }),
      text,
      reason: deleteReason(f, facts),
      findings: findingUnion(...f.runners.map((p) => p.findings), f.writer?.findings ?? []),
      points: [],
    } satisfies DraftAction;
  });
}

/** How each persistence kind is removed, in words. */
const REMOVAL: Readonly<Record<PersistenceKind, (target: string, host: string) => LocalizedText>> = {
  "run-key": (t, h) =>
    lt(`Delete the registry value ${t} on ${h}`, `${h} のレジストリ値 ${t} を削除してください`),
  service: (t, h) =>
    lt(
      `Stop and delete the service ${t} on ${h} (sc.exe stop, sc.exe delete)`,
      `${h} のサービス ${t} を停止して削除してください（sc.exe stop、sc.exe delete）`,
    ),
  "scheduled-task": (t, h) =>
    lt(
      `Delete the scheduled task ${t} on ${h} (schtasks /delete)`,
      `${h} のスケジュールタスク ${t} を削除してください（schtasks /delete）`,
    ),
  "wmi-subscription": (t, h) =>
    lt(
      `Remove the WMI event subscription ${t} on ${h} (its filter, consumer and binding)`,
      `${h} の WMI イベントサブスクリプション ${t} を削除してください（フィルター、コンシューマー、バインディング）`,
    ),
  "startup-folder": (t, h) =>
    lt(
      `Delete the Startup-folder file ${t} on ${h}`,
      `${h} のスタートアップフォルダーのファイル ${t} を削除してください`,
    ),
};

function persistenceReason(item: IncidentPersistence, facts: IncidentFacts): LocalizedText {
  const setter = item.processKey !== undefined ? facts.processByKey.get(item.processKey) : undefined;
  const when = formatTime(item.time);
  const by = setter ? processLabel(setter) : undefined;
  const head = `persistence${by ? ` set by ${by}` : ""}${when ? ` at ${when}` : ""}`;
  const headJa = `${by ? `${by} が ` : ""}${when ? `${when} に` : ""}設定した永続化です`;
  return item.value
    ? lt(
        `${head}; it starts ${item.value} again at the next logon or boot`,
        `${headJa}。次回のログオンや起動時に ${item.value} が再び起動されます`,
      )
    : lt(
        `${head}; it would act again at the next logon or boot`,
        `${headJa}。次回のログオンや起動時に再び動作します`,
      );
}

/** remove-persistence: one per item, with its concrete target. */
export function persistenceActions(facts: IncidentFacts): DraftAction[] {
  return facts.incident.persistence.map((item) => {
    const base = REMOVAL[item.kind](item.target, item.host);
    const text = facts.malicious
      ? base
      : lt(
          `After confirmation: ${base.en.charAt(0).toLowerCase()}${base.en.slice(1)}`,
          `確認後に: ${base.ja}`,
        );
    const setter = item.processKey !== undefined ? facts.processByKey.get(item.processKey) : undefined;
    return {
      kind: "remove-persistence",
      category: "technical",
      priority: 2,
      host: item.host,
      target: item.target,
      details: cleanDetails({
        kind: item.kind,
        target: item.target,
        value: item.value,
        setBy: setter?.image,
        time: item.time?.iso,
      }),
      text,
      reason: persistenceReason(item, facts),
      findings: findingUnion(item.findings, setter?.findings ?? []),
      points: [],
    } satisfies DraftAction;
  });
}
