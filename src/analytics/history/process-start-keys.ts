/**
 * The values the history viewpoint keys a process creation by: the image as logged, its normalized
 * path, its identity (strongest hash, else the path) and the command line (as logged and normalized).
 * One definition shared by the history analyzer and by whoever fetches fleet-wide prevalence for the
 * same values (src/pipeline/store-fleet-prevalence.ts). Input: an event. Output: its keys, or undefined
 * when it is not a process creation with an image on a named host.
 */
import type { Event } from "../../events/event.js";
import { textField } from "../process/event-fields.js";
import { eventRole } from "../process/event-role.js";
import { parseHashes, primaryHash } from "../process/file-hashes.js";
import { normalizePath } from "../process/windows-path.js";

/** The history keys of one process creation. */
export interface ProcessStartKeys {
  /** The image as the source wrote it */
  readonly image: string;
  /** The normalized image path (`image-path` prevalence) */
  readonly path: string;
  /** `sha256:<HEX>` (or sha1/md5) when the event has a hash, else `path:<normalized path>` */
  readonly identity: string;
  /** The command line as logged, if any */
  readonly commandLine: string | undefined;
  /** The command line normalized (`command-line` prevalence), if any */
  readonly commandLineKey: string | undefined;
}

/** An image's identity: its strongest hash (`sha256:…`), else `path:<normalized path>`. */
export function imageIdentity(hashes: string | undefined, image: string): string {
  return primaryHash(parseHashes(hashes)) ?? `path:${normalizePath(image)}`;
}

/** Command lines compare case-insensitively with runs of white space as one, cut to `max` characters. */
export function normalizeCommandLine(cmd: string, max: number): string {
  return cmd.trim().replace(/\s+/g, " ").toLowerCase().slice(0, max);
}

/** The keys of a process creation (undefined for any other event, or without an image or host). */
export function processStartKeys(event: Event, maxCommandLineChars: number): ProcessStartKeys | undefined {
  if (event.host === "" || eventRole(event) !== "process-start") return undefined;
  const f = event.fields;
  const image = textField(f, "Image");
  if (!image) return undefined;
  const path = normalizePath(image);
  const cmd = textField(f, "CommandLine");
  return {
    image,
    path,
    identity: imageIdentity(textField(f, "Hashes"), image),
    commandLine: cmd || undefined,
    commandLineKey: cmd ? normalizeCommandLine(cmd, maxCommandLineChars) : undefined,
  };
}
