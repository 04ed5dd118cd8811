/**
 * What an event means to the process graph: a process start or end, or one kind of activity of a
 * process (file, registry, network, DNS, image load, remote thread, process access), or nothing.
 * Decided from the Sigma logsource category the normalizer assigned (so Sysmon, Security 4688/4689
 * and ECS documents are treated alike). Input: an Event. Output: a ProcessEventRole.
 */
import type { Event } from "../../events/event.js";

export const PROCESS_EVENT_ROLES = [
  "process-start", // Sysmon 1, Security 4688, ECS process start
  "process-end", // Sysmon 5, Security 4689, ECS process end
  "network", // Sysmon 3
  "dns", // Sysmon 22
  "file", // Sysmon 11, 15, 23, 26, 29
  "registry", // Sysmon 12, 13, 14
  "image-load", // Sysmon 7
  "remote-thread", // Sysmon 8
  "process-access", // Sysmon 10
  "activity", // any other Sysmon event of a process (pipes, WMI, tampering …): only its time counts
  "none", // not about a process (Zeek, PowerShell, logons …)
] as const;
export type ProcessEventRole = (typeof PROCESS_EVENT_ROLES)[number];

/** What a file event did to its `TargetFilename`. */
export const FILE_OPERATIONS = ["create", "stream", "executable", "delete"] as const;
export type FileOperation = (typeof FILE_OPERATIONS)[number];

/** Logsource category → role (first match over the event's categories wins). */
const CATEGORY_ROLES: Readonly<Record<string, ProcessEventRole>> = {
  process_creation: "process-start",
  process_termination: "process-end",
  network_connection: "network",
  dns_query: "dns",
  file_event: "file",
  create_stream_hash: "file",
  file_executable_detected: "file",
  file_delete: "file",
  file_delete_detected: "file",
  registry_event: "registry",
  registry_add: "registry",
  registry_set: "registry",
  registry_delete: "registry",
  registry_rename: "registry",
  image_load: "image-load",
  create_remote_thread: "remote-thread",
  process_access: "process-access",
};

/** Logsource category → file operation. */
const CATEGORY_FILE_OPS: Readonly<Record<string, FileOperation>> = {
  file_event: "create",
  create_stream_hash: "stream",
  file_executable_detected: "executable",
  file_delete: "delete",
  file_delete_detected: "delete",
};

/** The role of an event for the process graph. */
export function eventRole(event: Event): ProcessEventRole {
  if (event.kind !== "windows") return "none";
  const ls = event.logsource;
  const categories = ls.categories ?? (ls.category ? [ls.category] : []);
  for (const c of categories) {
    const role = CATEGORY_ROLES[c];
    if (role) return role;
  }
  if (
    ls.service === "sysmon" &&
    (typeof event.fields.ProcessGuid === "string" || event.fields.ProcessId !== undefined)
  )
    return "activity";
  return "none";
}

/** The file operation of a `file` event (`create` when the category says nothing more). */
export function fileOperation(event: Event): FileOperation {
  const ls = event.logsource;
  const categories = ls.categories ?? (ls.category ? [ls.category] : []);
  for (const c of categories) {
    const op = CATEGORY_FILE_OPS[c];
    if (op) return op;
  }
  return "create";
}
