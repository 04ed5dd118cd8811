/**
 * `POST /api/upload?name=x.evtx`: a whole log file in the body (EVTX, JSON/NDJSON, Zeek, gzip of
 * either), written to a private temp file in `<data dir>/tmp/` (hashed on the way), then read with the
 * same file readers and normalizer as `mikiwame analyze`, and committed in batches. Each event's
 * provenance names the upload (`upload:<name>`) instead of the temp path. The temp file is removed
 * afterwards whatever happens. Input: the request, the name, limits. Output: the IngestResult with the
 * file's located problems, and its bookkeeping row in the store.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { basename, join } from "node:path";
import { Diagnostics, formatDiagnostic } from "../../diagnostics/diagnostics.js";
import type { Event } from "../../events/event.js";
import type { Normalizer } from "../../normalize/normalizer.js";
import { readPaths } from "../../readers/read-paths.js";
import { eventLocation, eventProblem } from "../../store/event-validation.js";
import type { Store } from "../../store/store.js";
import type { CommitQueue } from "./commit-queue.js";
import type { SessionResult } from "./ingest-session.js";
import { requestBody } from "./request-body.js";

/** Longest upload name kept. */
const MAX_NAME = 100;

/** A safe display name for an upload: the base name, characters outside `[A-Za-z0-9._-]` as `_`. */
export function uploadName(name: string | undefined): string {
  const base = basename(String(name ?? "").replace(/\\/g, "/"))
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "")
    .slice(0, MAX_NAME);
  return base === "" ? "upload" : base;
}

export interface UploadOptions {
  readonly dataDir: string;
  readonly normalizer: Normalizer;
  readonly commits: CommitQueue;
  readonly store: Store;
  readonly bodyBytes: number;
  readonly batchSize: number;
  readonly maxProblems: number;
}

/** Writes the body to a new temp file; returns its size and SHA-256. */
async function saveBody(request: IncomingMessage, file: string, limit: number) {
  const hash = createHash("sha256");
  let size = 0;
  const handle = await open(file, "wx", 0o600);
  try {
    for await (const chunk of requestBody(request, limit)) {
      hash.update(chunk);
      size += chunk.length;
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return { size, sha256: hash.digest("hex") };
}

/** Reads an uploaded file into the store. */
export async function ingestUpload(
  request: IncomingMessage,
  rawName: string | undefined,
  options: UploadOptions,
): Promise<SessionResult & { readonly name: string }> {
  const name = uploadName(rawName);
  const source = `upload:${name}`;
  const dir = join(options.dataDir, "tmp");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `upload-${randomBytes(8).toString("hex")}-${name}`);
  const diagnostics = new Diagnostics(options.maxProblems);
  let accepted = 0;
  let duplicates = 0;
  let events = 0;
  try {
    const { size, sha256 } = await saveBody(request, temp, options.bodyBytes);
    let batch: Event[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const outcome = await options.commits.commit(batch, source);
      accepted += outcome.inserted;
      duplicates += outcome.duplicates;
      batch = [];
    };
    for await (const records of readPaths([temp], { diagnostics })) {
      for (const record of records.records) {
        const event = options.normalizer.normalize(record, diagnostics);
        if (!event) continue;
        const problem = eventProblem(event);
        if (problem) {
          diagnostics.error(
            "E_NORMALIZE",
            `the event cannot be stored: ${problem}; skipped`,
            eventLocation(event),
          );
          continue;
        }
        events++;
        batch.push({ ...event, provenance: { ...event.provenance, file: source } });
        if (batch.length >= options.batchSize) await flush();
      }
    }
    await flush();
    const now = Date.now();
    await options.store.recordIngest({ path: source, size, mtime: now, sha256, events, at: now });
  } finally {
    await rm(temp, { force: true });
  }
  const problems = diagnostics
    .list()
    .filter((d) => d.severity === "error")
    .slice(0, options.maxProblems)
    .map((d) => formatDiagnostic({ ...d, location: { ...d.location, file: source } }));
  return {
    name,
    accepted,
    duplicates,
    rejected: diagnostics.errors,
    problems,
    warnings: diagnostics.warnings,
    items: [],
  };
}
