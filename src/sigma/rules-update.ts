/**
 * `mikiwame rules update`: downloads a SigmaHQ release zip and unpacks it into
 * `<data dir>/rules/sigmahq/`. Input: the release URL and the data directory. Output: the rules folder
 * replaced as a whole (the previous one stays untouched when anything fails) and the counts. The only
 * code of mikiwame that goes on the network, and only when the user runs this command.
 *
 * The zip is unpacked while it downloads (fflate's streaming Unzip: no whole archive in memory), with
 * limits on the download size, the unpacked size, the number of entries and each file's size, and every
 * entry name checked (no absolute paths, no `..`, no drive letters) so a hostile archive cannot write
 * outside the target folder or fill the disk.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from "fflate";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** SigmaHQ's latest release with every rule (core, emerging threats, threat hunting). */
export const DEFAULT_SIGMA_RELEASE_URL =
  "https://github.com/SigmaHQ/sigma/releases/latest/download/sigma_all_rules.zip";

/** The folder under `<data dir>` the rules go to. */
export const SIGMAHQ_RULES_DIR = join("rules", "sigmahq");

export interface UpdateLimits {
  /** Bytes downloaded */
  readonly maxDownloadBytes: number;
  /** Bytes unpacked, all files together */
  readonly maxUnpackedBytes: number;
  /** Entries in the archive */
  readonly maxEntries: number;
  /** Bytes of one unpacked file */
  readonly maxFileBytes: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxDownloadBytes: 256 * 1024 * 1024,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxEntries: 100_000,
  maxFileBytes: 16 * 1024 * 1024,
};

export interface UpdateOptions {
  /** The zip to download (http or https) */
  readonly url: string;
  /** The data directory (`resolveDataDir()`) */
  readonly dataDir: string;
  readonly signal?: AbortSignal;
  /** Give up when the server sends nothing for this long (default 60 s) */
  readonly idleTimeoutMs?: number;
  readonly limits?: Partial<UpdateLimits>;
  /** Called with the bytes downloaded so far and the total when the server said it */
  readonly onProgress?: (bytes: number, total: number | undefined) => void;
}

export interface UpdateResult {
  readonly url: string;
  /** The rules folder now in place */
  readonly dir: string;
  /** Files written, and how many of them are rules (`.yml` / `.yaml`) */
  readonly files: number;
  readonly rules: number;
  readonly downloadedBytes: number;
  readonly unpackedBytes: number;
}

function downloadError(url: string, reason: string, cause?: unknown): MikiwameError {
  return new MikiwameError("E_DOWNLOAD", `cannot update the rules from ${url}: ${reason}`, undefined, {
    cause,
  });
}

/**
 * The safe relative path of a zip entry, undefined for a folder entry; throws for a name that would
 * leave the target folder (absolute, drive letter, `..`, NUL).
 */
export function safeEntryPath(name: string): string | undefined {
  const unified = name.replace(/\\/g, "/");
  if (unified.endsWith("/")) return undefined;
  const parts = unified.split("/").filter((p) => p !== "" && p !== ".");
  const unsafe =
    unified.startsWith("/") ||
    /^[A-Za-z]:/.test(unified) ||
    unified.includes("\u0000") ||
    parts.length === 0 ||
    parts.some((p) => p === "..");
  if (unsafe) throw new RangeError(`unsafe entry name ${JSON.stringify(name.slice(0, 200))}`);
  return parts.join("/");
}

/** Compressed bytes handed to the unzipper at a time (at most ~4 MiB of output each). */
const UNZIP_SLICE_BYTES = 4096;

/** Streams the zip in `body` into `target`; returns the counts. Throws E_DOWNLOAD on any problem. */
async function unpack(
  url: string,
  body: AsyncIterable<Uint8Array>,
  target: string,
  limits: UpdateLimits,
  onChunk: (bytes: number) => void,
): Promise<{ files: number; rules: number; downloaded: number; unpacked: number }> {
  let files = 0;
  let rules = 0;
  let entries = 0;
  let downloaded = 0;
  let unpacked = 0;
  let failure: MikiwameError | undefined;
  const pending: Promise<void>[] = [];
  const fail = (reason: string, cause?: unknown) => {
    failure ??= downloadError(url, reason, cause);
  };

  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    if (++entries > limits.maxEntries) return fail(`the archive has more than ${limits.maxEntries} entries`);
    let path: string | undefined;
    try {
      path = safeEntryPath(file.name);
    } catch (e) {
      return fail((e as Error).message);
    }
    if (path === undefined) return;
    const relative = path;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) return fail(`entry ${relative}: ${err.message}`, err);
      size += data.length;
      unpacked += data.length;
      if (size > limits.maxFileBytes)
        return fail(`entry ${relative} is larger than ${limits.maxFileBytes} bytes`);
      if (unpacked > limits.maxUnpackedBytes) {
        return fail(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
      }
      chunks.push(data);
      if (!final) return;
      files++;
      if (/\.ya?ml$/i.test(relative)) rules++;
      const dest = join(target, ...relative.split("/"));
      pending.push(
        mkdir(dirname(dest), { recursive: true })
          .then(() => writeFile(dest, Buffer.concat(chunks)))
          .catch((e: unknown) => fail(`cannot write ${dest}: ${(e as Error).message}`, e)),
      );
    };
    try {
      file.start();
    } catch (e) {
      fail(`entry ${relative}: ${(e as Error).message}`, e); // e.g. a compression method other than store/deflate
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);

  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      unzip.push(chunk, final);
    } catch (e) {
      fail(`not a readable zip archive: ${(e as Error).message}`, e);
    }
  };
  for await (const chunk of body) {
    downloaded += chunk.length;
    onChunk(downloaded);
    if (downloaded > limits.maxDownloadBytes)
      fail(`the download is larger than ${limits.maxDownloadBytes} bytes`);
    // fed in slices: deflate expands up to ~1000×, so one 64 KiB network chunk of a zip bomb would
    // inflate to 64 MiB before the size limits are looked at again
    for (let i = 0; i < chunk.length && !failure; i += UNZIP_SLICE_BYTES)
      push(chunk.subarray(i, i + UNZIP_SLICE_BYTES), false);
    await Promise.all(pending.splice(0)); // writes keep pace with the download (bounded memory)
    if (failure) break;
  }
  if (!failure) push(new Uint8Array(0), true);
  await Promise.all(pending.splice(0));
  if (failure) throw failure;
  return { files, rules, downloaded, unpacked };
}

/** Reads a fetch body, failing when no byte arrives for `idleMs`. */
async function* withIdleTimeout(
  body: ReadableStream<Uint8Array>,
  idleMs: number,
  onIdle: (reason: string) => void,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const reason = `no data for ${idleMs / 1000} s`;
          onIdle(reason);
          reject(new Error(reason));
        }, idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), idle]);
        if (done) return;
        yield value;
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Downloads `options.url` and replaces `<data dir>/rules/sigmahq/` with its content. Throws
 * MikiwameError E_DOWNLOAD (no network, HTTP error, not a zip, unsafe or oversized archive, no rule in
 * it) and E_IO (the data directory cannot be written); the previous rules stay in place on any error.
 */
export async function updateSigmaRules(options: UpdateOptions): Promise<UpdateResult> {
  const { url } = options;
  const limits = { ...DEFAULT_UPDATE_LIMITS, ...options.limits };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MikiwameError("E_USAGE", `--url ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new MikiwameError("E_USAGE", `--url must be an http or https URL, not ${parsed.protocol}`);
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const rulesRoot = join(options.dataDir, "rules");
  const final = join(options.dataDir, SIGMAHQ_RULES_DIR);
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = join(rulesRoot, `.sigmahq-new-${suffix}`);
  const previous = join(rulesRoot, `.sigmahq-old-${suffix}`);
  try {
    let response: Response;
    try {
      response = await fetch(parsed, { signal: controller.signal, redirect: "follow" });
    } catch (e) {
      if (options.signal?.aborted) throw downloadError(url, "interrupted", e);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (e as Error).message;
      throw downloadError(url, `no connection (${detail}); check the network or give another --url`, e);
    }
    if (!response.ok || response.body === null) {
      throw downloadError(url, `the server answered HTTP ${response.status} ${response.statusText}`.trim());
    }
    const total = Number(response.headers.get("content-length") ?? Number.NaN);
    const knownTotal = Number.isFinite(total) ? total : undefined;
    if (knownTotal !== undefined && knownTotal > limits.maxDownloadBytes) {
      throw downloadError(url, `the download is larger than ${limits.maxDownloadBytes} bytes`);
    }
    try {
      await mkdir(staging, { recursive: true });
    } catch (e) {
      throw new MikiwameError("E_IO", `cannot create ${staging}: ${(e as Error).message}`, { file: staging });
    }
    let idle: string | undefined;
    const body = withIdleTimeout(response.body, options.idleTimeoutMs ?? 60_000, (reason) => {
      idle = reason;
      controller.abort();
    });
    let counts: Awaited<ReturnType<typeof unpack>>;
    try {
      counts = await unpack(url, body, staging, limits, (n) => options.onProgress?.(n, knownTotal));
    } catch (e) {
      if (e instanceof MikiwameError) throw e;
      if (options.signal?.aborted) throw downloadError(url, "interrupted", e);
      if (idle !== undefined) throw downloadError(url, `the server stopped sending (${idle})`, e);
      throw downloadError(url, `the download broke off: ${(e as Error).message}`, e);
    }
    if (counts.rules === 0) throw downloadError(url, "the archive holds no Sigma rule (.yml)");
    // swap: old → aside, new → in place, then drop the old one
    let hadPrevious = true;
    try {
      await rename(final, previous);
    } catch (e) {
      if ((e as { code?: string }).code !== "ENOENT") {
        throw new MikiwameError("E_IO", `cannot replace ${final}: ${(e as Error).message}`, { file: final });
      }
      hadPrevious = false;
    }
    try {
      await rename(staging, final);
    } catch (e) {
      if (hadPrevious) await rename(previous, final).catch(() => undefined);
      throw new MikiwameError("E_IO", `cannot move the new rules to ${final}: ${(e as Error).message}`, {
        file: final,
      });
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return {
      url,
      dir: final,
      files: counts.files,
      rules: counts.rules,
      downloadedBytes: counts.downloaded,
      unpackedBytes: counts.unpacked,
    };
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
