/**
 * The decision log: an append-only JSON-lines audit file `decisions.jsonl` in a directory the caller gives
 * (the CLI passes the data directory). Each line is one entry — `{"op":"decide","decision":{…}}` or
 * `{"op":"revoke","id":…,"analyst":…,"at":…,"reason":…}` — and nothing is ever rewritten or deleted: a
 * revoked decision stays in the file, and re-deciding is a new decision. Input: the directory, a
 * Diagnostics for broken lines. Output: the decisions (with their revocation state) and the audit trail.
 *
 * A broken line (not JSON, unknown op, invalid decision, revoke of an unknown id) is a located warning
 * (E_DECISION, file:line) and is skipped; the rest loads. Each append is one `write` of one whole line on a
 * descriptor opened for appending, then fsync: the kernel puts every such write at the end of the file, and
 * on a local file system one write to a regular file is not interleaved with another process's write (Linux
 * holds the file's lock for the whole write), so two processes appending at once give whole lines. Network
 * file systems (NFS, SMB) may not keep that promise. A DecisionLog is the file as it was at `open` plus its
 * own appends; open it again to see another process's decisions.
 */
import { mkdir, open, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import {
  canonicalTime,
  checkDecisionInput,
  DECISION_ID,
  DECISION_LIMITS,
  type Decision,
  type DecisionInput,
  newDecisionId,
  parseDecision,
} from "./decision.js";
import { textLines } from "../readers/text/text-lines.js";

/** The log's file name inside the directory. */
export const DECISION_LOG_FILE = "decisions.jsonl";

/** The operations a log line records. */
export const DECISION_LOG_OPS = ["decide", "revoke"] as const;
export type DecisionLogOp = (typeof DECISION_LOG_OPS)[number];

/** One line of the log. A `decide` entry's decision is as decided (`revoked` undefined). */
export type DecisionLogEntry =
  | { readonly op: "decide"; readonly decision: Decision }
  | {
      readonly op: "revoke";
      readonly id: string;
      readonly analyst: string;
      readonly at: string;
      readonly reason: string;
    };

/** A line longer than this is not a decision we wrote (the field limits keep ours far below). */
export const MAX_LOG_LINE_BYTES = 65_536;

/** The log file of a directory. */
export function decisionLogFile(dir: string): string {
  return join(dir, DECISION_LOG_FILE);
}

/** Options of `list`. */
export interface ListOptions {
  /** Also the revoked decisions (default: only the ones in force) */
  readonly includeRevoked?: boolean;
}

/** The JSON of an entry: the decision without its (derived) revocation state. */
function entryJson(e: DecisionLogEntry): string {
  if (e.op === "revoke") return JSON.stringify(e);
  const { id, verdict, reason, scope, analyst, at } = e.decision;
  return JSON.stringify({ op: "decide", decision: { id, verdict, reason, scope, analyst, at } });
}

/** A JSON value → a log entry, or the reason it is not one. */
function parseEntry(value: unknown): DecisionLogEntry | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const o = value as Readonly<Record<string, unknown>>;
  if (o.op === "decide") {
    const d = parseDecision(o.decision);
    return typeof d === "string" ? `invalid decision: ${d}` : { op: "decide", decision: d };
  }
  if (o.op === "revoke") {
    if (typeof o.id !== "string" || !DECISION_ID.test(o.id))
      return "revoke: id must look like D-0123456789ab";
    const at = canonicalTime(o.at);
    if (at === undefined) return "revoke: at must be an ISO-8601 time";
    if (typeof o.analyst !== "string" || o.analyst.trim() === "") return "revoke: analyst is required";
    if (typeof o.reason !== "string" || o.reason.trim() === "") return "revoke: reason is required";
    return { op: "revoke", id: o.id, analyst: o.analyst.trim(), at, reason: o.reason.trim() };
  }
  return `op must be one of ${DECISION_LOG_OPS.join(", ")}`;
}

export class DecisionLog {
  private readonly entries: DecisionLogEntry[] = [];
  /** Every decision by id, in log order (Map keeps insertion order), with its revocation state */
  private readonly decisions = new Map<string, Decision>();

  private constructor(readonly file: string) {}

  /**
   * Opens the log in `dir` (a missing file or directory is an empty log; nothing is created until the first
   * append). Broken lines are reported to `diagnostics` and skipped. Rejects with E_IO when the file exists
   * but cannot be read.
   */
  static async open(dir: string, diagnostics: Diagnostics): Promise<DecisionLog> {
    const log = new DecisionLog(decisionLogFile(dir));
    const file = log.file;
    try {
      await stat(file);
    } catch {
      return log;
    }
    try {
      for await (const { line, text } of textLines(file, MAX_LOG_LINE_BYTES)) {
        if (text === undefined) {
          diagnostics.warn("E_LIMIT", `decision log line longer than ${MAX_LOG_LINE_BYTES} bytes; skipped`, {
            file,
            line,
          });
          continue;
        }
        if (text.trim() === "") continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          diagnostics.warn("E_DECISION", "decision log line is not JSON; skipped", { file, line });
          continue;
        }
        const entry = parseEntry(parsed);
        const problem = typeof entry === "string" ? entry : log.apply(entry);
        if (problem !== undefined)
          diagnostics.warn("E_DECISION", `decision log line: ${problem}; skipped`, { file, line });
      }
    } catch (e) {
      throw new MikiwameError(
        "E_IO",
        `cannot read the decision log: ${e instanceof Error ? e.message : String(e)}`,
        { file },
      );
    }
    return log;
  }

  /** Takes an entry into the state; returns why it cannot be taken (then nothing changed). */
  private apply(entry: DecisionLogEntry): string | undefined {
    if (entry.op === "decide") {
      if (this.decisions.has(entry.decision.id)) return `decision ${entry.decision.id} is already in the log`;
      this.decisions.set(entry.decision.id, entry.decision);
    } else {
      const d = this.decisions.get(entry.id);
      if (!d) return `revoke of ${entry.id}, which no earlier line decides`;
      if (d.revoked) return `${entry.id} was already revoked at ${d.revoked.at}`;
      this.decisions.set(entry.id, {
        ...d,
        revoked: { analyst: entry.analyst, at: entry.at, reason: entry.reason },
      });
    }
    this.entries.push(entry);
    return undefined;
  }

  /**
   * Records a new decision and returns it (with its new id). Throws MikiwameError E_DECISION when the input
   * is invalid (unknown verdict or scope, empty reason or analyst, bad sha256, path or pattern), E_IO when
   * the log cannot be written.
   */
  async decide(input: DecisionInput): Promise<Decision> {
    const checked = checkDecisionInput(input);
    let id = newDecisionId();
    // bounded: a 48-bit random id repeats an existing one with negligible probability
    for (let i = 0; i < 16 && this.decisions.has(id); i++) id = newDecisionId();
    if (this.decisions.has(id)) throw new MikiwameError("E_INTERNAL", "could not pick a new decision id");
    const decision: Decision = { id, ...checked, revoked: undefined };
    const entry: DecisionLogEntry = { op: "decide", decision };
    await this.append(entry);
    this.apply(entry);
    return decision;
  }

  /**
   * Revokes decision `id` (it stays in the log and the audit, and no longer applies) and returns it as
   * revoked. Throws E_DECISION for an unknown or already revoked id or an empty analyst or reason.
   */
  async revoke(id: string, analyst: string, reason: string, now: Date = new Date()): Promise<Decision> {
    const d = this.decisions.get(id);
    if (!d) throw new MikiwameError("E_DECISION", `no decision ${id} in the log`, { file: this.file });
    if (d.revoked)
      throw new MikiwameError(
        "E_DECISION",
        `${id} was already revoked by ${d.revoked.analyst} at ${d.revoked.at}`,
        { file: this.file },
      );
    const who = analyst.trim();
    const why = reason.trim();
    if (who === "" || who.length > DECISION_LIMITS.analyst)
      throw new MikiwameError(
        "E_DECISION",
        `revoke: analyst is required (at most ${DECISION_LIMITS.analyst} characters)`,
      );
    if (why === "" || why.length > DECISION_LIMITS.reason)
      throw new MikiwameError(
        "E_DECISION",
        `revoke: reason is required (at most ${DECISION_LIMITS.reason} characters)`,
      );
    const entry: DecisionLogEntry = { op: "revoke", id, analyst: who, at: now.toISOString(), reason: why };
    await this.append(entry);
    this.apply(entry);
    return this.decisions.get(id)!;
  }

  /** The decisions in log order; revoked ones only with `includeRevoked`. */
  list(options: ListOptions = {}): readonly Decision[] {
    const all = [...this.decisions.values()];
    return options.includeRevoked ? all : all.filter((d) => !d.revoked);
  }

  /** The decisions in force (not revoked), in log order: what decisionFilter takes. */
  active(): readonly Decision[] {
    return this.list();
  }

  /** One decision by id, with its revocation state. */
  get(id: string): Decision | undefined {
    return this.decisions.get(id);
  }

  /** Every entry of the log in order (who decided or revoked what, when and why). */
  audit(): readonly DecisionLogEntry[] {
    return this.entries;
  }

  /** Appends one entry as one whole line, durably (fsync). */
  private async append(entry: DecisionLogEntry): Promise<void> {
    const dir = join(this.file, "..");
    let created = false;
    try {
      await mkdir(dir, { recursive: true });
      created = await stat(this.file).then(
        () => false,
        () => true,
      );
      // "a+": every write goes to the end of the file (O_APPEND); reading is for the check below
      const fh = await open(this.file, "a+");
      try {
        const { size } = await fh.stat();
        let prefix = "";
        if (size > 0) {
          // a line cut short (disk full, a crash mid-write) must not swallow this entry: start a new line
          const last = Buffer.alloc(1);
          await fh.read(last, 0, 1, size - 1);
          if (last[0] !== 10) prefix = "\n";
        }
        const bytes = Buffer.from(`${prefix}${entryJson(entry)}\n`, "utf8");
        const { bytesWritten } = await fh.write(bytes, 0, bytes.length, null);
        if (bytesWritten !== bytes.length)
          throw new Error(`only ${bytesWritten} of ${bytes.length} bytes were written`);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (e) {
      throw new MikiwameError(
        "E_IO",
        `cannot write the decision log: ${e instanceof Error ? e.message : String(e)}`,
        { file: this.file },
        { cause: e },
      );
    }
    if (created) await syncDirectory(dir);
  }
}

/** Makes a new file's directory entry durable (best effort: not every platform can fsync a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Windows cannot open a directory this way; the file's own fsync still holds its content
  }
}
