/**
 * Fills a process from its events: the creation event's attributes (image, command line, user,
 * integrity, hashes, version info, EDR code signature), and each kind of activity into its bounded
 * log (files, registry, network, DNS, image loads — the image's own load gives its signature).
 * Input: a MutableProcess and a normalized Event. Output: the process, updated in place.
 */
import type { Event } from "../../events/event.js";
import type { Fields } from "../../events/field-value.js";
import { boolField, intField, textField } from "./event-fields.js";
import { type FileOperation, fileOperation } from "./event-role.js";
import { parseHashes } from "./file-hashes.js";
import type {
  ImageSignature,
  MutableProcess,
  ProcessInfo,
  ProcessSource,
  SignatureState,
} from "./process-node.js";
import { touch } from "./process-node.js";
import { normalizePath } from "./windows-path.js";

/**
 * Applies a creation event (Sysmon 1, 4688, ECS start). With `overwrite` the event's values replace
 * what is known (a placeholder learning its real attributes); without, they only fill gaps (a 4688
 * merged into the Sysmon process it duplicates).
 */
export function applyStart(p: MutableProcess, event: Event, source: ProcessSource, overwrite: boolean): void {
  const f = event.fields;
  const pick = <T>(known: T | undefined, found: T | undefined): T | undefined =>
    overwrite ? (found ?? known) : (known ?? found);
  if (overwrite || p.placeholder) {
    p.source = source;
    p.placeholder = false;
    p.start = event.time;
    p.created = event.provenance;
  }
  p.pid = pick(p.pid, intField(f, "ProcessId"));
  p.image = pick(p.image, textField(f, "Image"));
  p.commandLine = pick(p.commandLine, textField(f, "CommandLine"));
  p.currentDirectory = pick(p.currentDirectory, textField(f, "CurrentDirectory"));
  p.user = pick(p.user, textField(f, "User"));
  p.integrity = pick(p.integrity, textField(f, "IntegrityLevel"));
  p.parentImage = pick(p.parentImage, textField(f, "ParentImage"));
  p.parentCommandLine = pick(p.parentCommandLine, textField(f, "ParentCommandLine"));
  p.hashes = overwrite
    ? { ...p.hashes, ...parseHashes(textField(f, "Hashes")) }
    : { ...parseHashes(textField(f, "Hashes")), ...p.hashes };
  const m = p.metadata;
  p.metadata = {
    company: pick(m.company, textField(f, "Company")),
    product: pick(m.product, textField(f, "Product")),
    description: pick(m.description, textField(f, "Description")),
    originalFileName: pick(m.originalFileName, textField(f, "OriginalFileName")),
    fileVersion: pick(m.fileVersion, textField(f, "FileVersion")),
  };
  const edr = edrSignature(f, event);
  if (edr && p.signature.state === "unknown") p.signature = edr;
  touch(p, event.time, event.provenance);
}

/**
 * A placeholder parent learns what its child's creation event says about it (image, command line,
 * user); its PID is handed to `learnPid` (which indexes it).
 */
export function describeParent(
  parent: MutableProcess,
  child: Event,
  learnPid: (pid: number | undefined) => void,
): void {
  const f = child.fields;
  parent.image ??= textField(f, "ParentImage");
  parent.commandLine ??= textField(f, "ParentCommandLine");
  parent.user ??= textField(f, "ParentUser");
  learnPid(intField(f, "ParentProcessId"));
}

/** A Sysmon process takes over what its Security 4688 twin knew and it did not. */
export function absorbTwin(p: MutableProcess, twin: ProcessInfo): void {
  p.user ??= twin.user;
  p.integrity ??= twin.integrity;
  p.commandLine ??= twin.commandLine;
  p.parentImage ??= twin.parentImage;
  p.parent ??= twin.parent;
  if (!p.end && twin.end) {
    p.end = twin.end;
    p.terminated = twin.terminated;
  }
  p.events += twin.events;
  touch(p, twin.firstSeen);
  touch(p, twin.lastSeen);
}

/** The signature an EDR document states for the process image (`process.code_signature.*`), if any. */
function edrSignature(f: Fields, event: Event): ImageSignature | undefined {
  const exists = boolField(f, "process.code_signature.exists");
  const trusted = boolField(f, "process.code_signature.trusted");
  const signer = textField(f, "process.code_signature.subject_name");
  const status = textField(f, "process.code_signature.status");
  let state: SignatureState;
  if (trusted === true) state = "valid";
  else if (exists === false) state = "unsigned";
  else if (trusted === false || exists === true) state = "invalid";
  else return undefined;
  return { state, signer, status, evidence: event.provenance };
}

/** The state Sysmon 7's `Signed` / `SignatureStatus` describe. */
export function signatureState(signed: boolean | undefined, status: string | undefined): SignatureState {
  const valid = status !== undefined && status.trim().toLowerCase() === "valid";
  if (signed === false) return "unsigned";
  if (signed === true) return valid ? "valid" : "invalid";
  if (valid) return "valid";
  return "unknown";
}

/** Sysmon 3 / ECS network event → the process's network log. */
export function attachNetwork(p: MutableProcess, event: Event): void {
  const f = event.fields;
  p.network.add({
    time: event.time,
    evidence: event.provenance,
    protocol: textField(f, "Protocol"),
    initiated: boolField(f, "Initiated"),
    sourceIp: textField(f, "SourceIp"),
    sourcePort: intField(f, "SourcePort"),
    destinationIp: textField(f, "DestinationIp"),
    destinationPort: intField(f, "DestinationPort"),
    destinationHostname: textField(f, "DestinationHostname"),
  });
}

/** Sysmon 22 → the process's DNS log. */
export function attachDns(p: MutableProcess, event: Event): void {
  const f = event.fields;
  const query = textField(f, "QueryName");
  if (!query) return;
  p.dns.add({
    time: event.time,
    evidence: event.provenance,
    query,
    status: textField(f, "QueryStatus"),
    results: textField(f, "QueryResults"),
  });
}

/** Sysmon 11/15/23/26/29 → the process's file log. Returns the file and operation (or undefined). */
export function attachFile(
  p: MutableProcess,
  event: Event,
): { readonly path: string; readonly operation: FileOperation } | undefined {
  const path = textField(event.fields, "TargetFilename");
  if (!path) return undefined;
  const operation = fileOperation(event);
  p.files.add({ time: event.time, evidence: event.provenance, operation, path });
  return { path, operation };
}

/** Sysmon 12/13/14 → the process's registry log. */
export function attachRegistry(p: MutableProcess, event: Event): void {
  const f = event.fields;
  const target = textField(f, "TargetObject");
  if (!target) return;
  p.registry.add({
    time: event.time,
    evidence: event.provenance,
    operation: textField(f, "EventType") ?? "",
    target,
    details: textField(f, "Details", "NewName"),
  });
}

/**
 * Sysmon 7 → the process's image-load log; the load of the process's own image gives the image's
 * signature (and fills version info and hashes the creation event did not have).
 */
export function attachImageLoad(p: MutableProcess, event: Event): void {
  const f = event.fields;
  const path = textField(f, "ImageLoaded");
  if (!path) return;
  const signed = boolField(f, "Signed");
  const status = textField(f, "SignatureStatus");
  const signer = textField(f, "Signature");
  p.images.add({
    time: event.time,
    evidence: event.provenance,
    path,
    signed,
    signatureStatus: status,
    signer,
  });
  const image = p.image ?? textField(f, "Image");
  if (!image || normalizePath(image) !== normalizePath(path)) return;
  p.image ??= image;
  const state = signatureState(signed, status);
  if (state !== "unknown" || p.signature.state === "unknown")
    p.signature = { state, signer, status, evidence: event.provenance };
  p.hashes = { ...parseHashes(textField(f, "Hashes")), ...p.hashes };
  const m = p.metadata;
  p.metadata = {
    company: m.company ?? textField(f, "Company"),
    product: m.product ?? textField(f, "Product"),
    description: m.description ?? textField(f, "Description"),
    originalFileName: m.originalFileName ?? textField(f, "OriginalFileName"),
    fileVersion: m.fileVersion ?? textField(f, "FileVersion"),
  };
}
