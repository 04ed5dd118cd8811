/**
 * The one place benchmarks time things. Input: a command line (argv, no shell). Output: a TimedRun —
 * wall, user and system seconds and the peak RSS from GNU time (`/usr/bin/time -v -o FILE`), the exit
 * status, stdout (captured, sent to a file, or dropped) and, when asked, the RSS of the command's
 * process tree sampled from /proc every N ms. Also: medians over several runs, the machine description
 * every result file carries, the RSS curve of a run, and the command that runs the CLI built beside
 * the benchmarks.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** GNU time, which measures the peak RSS of a whole process. */
export const GNU_TIME = "/usr/bin/time";

/** One RSS sample of the measured process tree. */
export interface RssSample {
  /** Seconds since the start */
  readonly tS: number;
  readonly rssMb: number;
}

/** One timed run of a command. */
export interface TimedRun {
  readonly wallS: number;
  readonly userS: number;
  readonly sysS: number;
  /** user + system */
  readonly cpuS: number;
  /** GNU time's maximum resident set size, MB (2^20 bytes) */
  readonly peakRssMb: number;
  readonly exitCode: number;
  /** Captured stdout (only with `stdout: "pipe"`) */
  readonly stdout: string;
  /** The last 4 KB of stderr (only with `stderr: "pipe"`) */
  readonly stderrTail: string;
  /** RSS samples (only with `sampleMs`) */
  readonly samples: readonly RssSample[];
}

/** Where a stream goes: captured, dropped, or written to a file. */
export type StreamTarget = "pipe" | "ignore" | { readonly file: string };

/** Options of `timeCommand`. */
export interface TimeOptions {
  /** Default "pipe" */
  readonly stdout?: StreamTarget;
  /** Default "pipe" (the tail is kept) */
  readonly stderr?: StreamTarget;
  /** Sample the process tree's RSS this often (ms); default: no sampling */
  readonly sampleMs?: number;
  /** Exit codes that count as a completed run (default 0 and 1: 1 is a run that reported input errors) */
  readonly okExitCodes?: readonly number[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Median of a non-empty list (the upper middle for even lengths). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Is `cmd` on the PATH? */
export function have(cmd: string): boolean {
  return spawnSync("sh", ["-c", 'command -v "$1"', "sh", cmd]).status === 0;
}

/** A number argument `--name N` (or `--name=N`) of this process, or `def`. */
export function argNumber(name: string, def: number): number {
  const v = argString(name);
  return v === undefined ? def : Number(v);
}

/** A string argument `--name VALUE` (or `--name=VALUE`) of this process, or `def`. */
export function argString(name: string, def: string): string;
export function argString(name: string, def?: string): string | undefined;
export function argString(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0 && process.argv[i + 1] !== undefined) return process.argv[i + 1];
  const joined = process.argv.find((a) => a.startsWith(`${name}=`));
  return joined === undefined ? def : joined.slice(name.length + 1);
}

/** Is this module the script node was started with? (so a benchmark's CLI runs only then) */
export function isMain(metaUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(metaUrl));
  } catch {
    return false;
  }
}

/** Children of `pid` (from /proc; empty when the process is gone). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter((s) => s !== "")
      .map(Number);
  } catch {
    return [];
  }
}

/** VmRSS of `pid` in kB (0 when gone). */
function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS (MB) of every descendant of `root` (not `root` itself: that is GNU time). Bounded: 64 processes. */
function treeRssMb(root: number): number {
  let kb = 0;
  const todo = childrenOf(root);
  for (let seen = 0; todo.length > 0 && seen < 64; seen++) {
    const pid = todo.pop() as number;
    kb += rssKb(pid);
    todo.push(...childrenOf(pid));
  }
  return kb / 1024;
}

/** Parses GNU time's `-v` report. */
function parseTimeReport(text: string): { wallS: number; userS: number; sysS: number; rssKb: number } {
  const field = (label: string) => new RegExp(`${label}[^:]*:\\s*([^\\n]+)`).exec(text)?.[1]?.trim();
  const clock = field("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)") ?? "";
  const wallS = clock.split(":").reduce((s, part) => s * 60 + Number(part), 0);
  return {
    wallS,
    userS: Number(field("User time \\(seconds\\)")),
    sysS: Number(field("System time \\(seconds\\)")),
    rssKb: Number(field("Maximum resident set size \\(kbytes\\)")),
  };
}

function openTarget(t: StreamTarget): "pipe" | "ignore" | number {
  return typeof t === "string" ? t : openSync(t.file, "w");
}

/**
 * Runs `cmd` once under GNU time (no shell). Rejects when GNU time is missing, the command could not
 * be timed, or it exited with a code not in `okExitCodes` (the message carries the stderr tail).
 */
export async function timeCommand(cmd: readonly string[], options: TimeOptions = {}): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), "mikiwame-bench-"));
  const report = join(dir, "time.txt");
  const out = openTarget(options.stdout ?? "pipe");
  const err = openTarget(options.stderr ?? "pipe");
  const samples: RssSample[] = [];
  let stdout = "";
  let stderrTail = "";
  try {
    const child = spawn(GNU_TIME, ["-v", "-o", report, ...cmd], {
      stdio: ["ignore", out, err],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    child.stdout?.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr?.setEncoding("utf8").on("data", (s: string) => {
      stderrTail = (stderrTail + s).slice(-4096);
    });
    const t0 = performance.now();
    const timer =
      options.sampleMs !== undefined && child.pid !== undefined
        ? setInterval(() => {
            const rss = treeRssMb(child.pid as number);
            if (rss > 0) samples.push({ tS: (performance.now() - t0) / 1000, rssMb: rss });
          }, options.sampleMs)
        : undefined;
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c, signal) => resolve(c ?? (signal ? 128 : 255)));
    });
    if (timer) clearInterval(timer);
    const text = existsSync(report) ? readFileSync(report, "utf8") : "";
    const statusLine = /Exit status: (\d+)/.exec(text);
    const signalled = /Command terminated by signal (\d+)/.exec(text);
    // GNU time reports "Exit status: 0" for a command killed by a signal: the signal wins
    const exitCode = signalled ? 128 + Number(signalled[1]) : statusLine ? Number(statusLine[1]) : code;
    const t = parseTimeReport(text);
    if (!Number.isFinite(t.wallS) || !Number.isFinite(t.rssKb) || text === "")
      throw new Error(`could not time ${cmd.slice(0, 3).join(" ")}…: ${stderrTail.slice(-800)}`);
    if (!(options.okExitCodes ?? [0, 1]).includes(exitCode))
      throw new Error(`${cmd.slice(0, 3).join(" ")}… exited with ${exitCode}: ${stderrTail.slice(-800)}`);
    return {
      wallS: t.wallS,
      userS: t.userS,
      sysS: t.sysS,
      cpuS: t.userS + t.sysS,
      peakRssMb: t.rssKb / 1024,
      exitCode,
      stdout,
      stderrTail,
      samples,
    };
  } finally {
    for (const fd of [out, err]) if (typeof fd === "number") closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Several runs of one command: medians of wall and CPU, the largest peak RSS, every run. */
export interface RunsSummary {
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  /** Each run's wall seconds, in order */
  readonly walls: readonly number[];
  readonly runs: readonly TimedRun[];
}

/** Runs `cmd` `runs` times, one after the other (see `timeCommand`). */
export async function timeRuns(
  cmd: readonly string[],
  runs: number,
  options: TimeOptions = {},
): Promise<RunsSummary> {
  const all: TimedRun[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) all.push(await timeCommand(cmd, options));
  return {
    wallS: median(all.map((r) => r.wallS)),
    cpuS: median(all.map((r) => r.cpuS)),
    peakRssMb: Math.max(...all.map((r) => r.peakRssMb)),
    walls: all.map((r) => r.wallS),
    runs: all,
  };
}

/** RSS at the start, a quarter, half, three quarters and the end of a run (nearest sample), MB. */
export interface RssCurve {
  readonly start: number;
  readonly quarter: number;
  readonly half: number;
  readonly threeQuarters: number;
  readonly end: number;
  /** Largest sample */
  readonly peak: number;
  readonly samples: number;
}

/** The RSS curve of sampled run (`samples` in time order). */
export function rssCurve(samples: readonly RssSample[]): RssCurve | undefined {
  if (samples.length === 0) return undefined;
  const at = (f: number) =>
    samples[Math.min(samples.length - 1, Math.round(f * (samples.length - 1)))]!.rssMb;
  return {
    start: at(0),
    quarter: at(0.25),
    half: at(0.5),
    threeQuarters: at(0.75),
    end: at(1),
    peak: Math.max(...samples.map((s) => s.rssMb)),
    samples: samples.length,
  };
}

/** At most `n` samples, evenly picked (for result files). */
export function thinSamples(samples: readonly RssSample[], n: number): RssSample[] {
  if (samples.length <= n) return [...samples];
  const out: RssSample[] = [];
  for (let i = 0; i < n; i++) out.push(samples[Math.round((i * (samples.length - 1)) / (n - 1))]!);
  return out.map((s) => ({ tS: Math.round(s.tS * 10) / 10, rssMb: Math.round(s.rssMb) }));
}

/** The machine a result was measured on. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly date: string;
  /** 1-minute load average when the description was taken */
  readonly loadAverage1m: number;
  /** Other work ran at the same time (load average above 0.5 before the run, or said with --shared) */
  readonly shared: boolean;
}

/** Describes this machine; `shared` forces the flag (else: a load average above 0.5 means shared). */
export function machineInfo(shared?: boolean): MachineInfo {
  const load = loadavg()[0] ?? 0;
  let os = `${type()} ${release()}`;
  try {
    const pretty = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
    if (pretty) os = `${pretty} (${os})`;
  } catch {
    // not Linux: the kernel name and release are enough
  }
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os,
    date: new Date().toISOString(),
    loadAverage1m: Math.round(load * 100) / 100,
    shared: shared ?? load > 0.5,
  };
}

/** One line describing the machine, for the end of a printed table. */
export function machineLine(m: MachineInfo): string {
  return `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; ${m.date}; 1-min load ${m.loadAverage1m}${m.shared ? " — shared with other work" : ""}`;
}

/** The compiled CLI beside this file (`<out>/src/cli/main.js`, where `<out>` holds `<out>/bench`). */
export function cliMainPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "src", "cli", "main.js");
}

/** argv that runs `mikiwame <args…>` with the CLI built beside the benchmarks (as bin/mikiwame.js does). */
export function mikiwameCommand(args: readonly string[], nodeOptions: readonly string[] = []): string[] {
  return [
    process.execPath,
    ...nodeOptions,
    "--input-type=module",
    "-e",
    "const m = await import(process.argv[1]); await m.runMain(process.argv.slice(2));",
    cliMainPath(),
    ...args,
  ];
}
