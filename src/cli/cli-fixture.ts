/**
 * Test support for the CLI golden tests (not used by the CLI itself): writes small fixture logs into a
 * temp directory and spawns the `mikiwame` command on them. Input: argv. Output: exit code, stdout,
 * stderr. Built into the repo's dist/, it runs `bin/mikiwame.js`; built elsewhere (a helper's own outDir)
 * it runs an equivalent two-line entry pointing at the compiled main.js beside this file. Children run
 * with cwd = `<work>/logs` (short, stable paths in the output) and MIKIWAME_HOME = an empty `<work>/home`.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { repoRoot } from "../testing/corpus.js";

/** A Sysmon 1 event, flat (OTRF Security-Datasets style). */
export const SYSMON_1 = {
  Hostname: "WS1.corp.local",
  Channel: "Microsoft-Windows-Sysmon/Operational",
  SourceName: "Microsoft-Windows-Sysmon",
  EventID: 1,
  "@timestamp": "2020-05-02T03:40:19.123Z",
  Image: "C:\\Windows\\System32\\cmd.exe",
  CommandLine: "cmd.exe /c whoami",
  ProcessId: 4242,
};

/** A Security 4688 event whose command line is a spreadsheet formula (DDE). */
export const SECURITY_4688 = {
  Hostname: "WS2.corp.local",
  Channel: "Security",
  SourceName: "Microsoft-Windows-Security-Auditing",
  EventID: 4688,
  "@timestamp": "2020-05-02T03:41:00.000Z",
  NewProcessName: "C:\\Windows\\System32\\whoami.exe",
  CommandLine: "=cmd|' /C calc'!A0",
};

/** A host name carrying a clear-screen escape and a right-to-left override. */
export const HOSTILE = {
  Hostname: "EVIL\u001b[2J\u202eHOST",
  Channel: "Security",
  SourceName: "Microsoft-Windows-Security-Auditing",
  EventID: 4688,
  "@timestamp": "2020-05-02T03:42:00.000Z",
  CommandLine: "@SUM(1+1)",
};

/** A one-row Zeek conn.log (TSV). */
export const CONN_LOG = [
  "#separator \\x09",
  "#set_separator\t,",
  "#empty_field\t(empty)",
  "#unset_field\t-",
  "#path\tconn",
  "#open\t2020-05-02-03-40-00",
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto",
  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum",
  "1588390820.500000\tCabc1\t10.0.0.5\t49152\t203.0.113.7\t443\ttcp",
  "#close\t2020-05-02-04-00-00",
  "",
].join("\n");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/**
 * The fixture tree:
 * ```
 * <work>/logs/sysmon.json        SYSMON_1, SECURITY_4688 (NDJSON)
 * <work>/logs/more/conn.log      CONN_LOG
 * <work>/logs/more/README.txt    not a log
 * <work>/bad.json                SYSMON_1, then a line that is not JSON
 * <work>/hostile.json            HOSTILE
 * <work>/many-bad.json           15 broken lines, then SYSMON_1
 * <work>/big.json                SYSMON_1 × 20,000
 * <work>/home/                   MIKIWAME_HOME (no config.yaml)
 * ```
 */
export class CliFixture {
  private constructor(
    readonly work: string,
    readonly home: string,
    readonly entry: string,
  ) {}

  static async create(): Promise<CliFixture> {
    const work = await mkdtemp(join(tmpdir(), "mikiwame-cli-"));
    const home = join(work, "home");
    await mkdir(home);
    const logs = join(work, "logs");
    await mkdir(join(logs, "more"), { recursive: true });
    const line = (v: object) => `${JSON.stringify(v)}\n`;
    await writeFile(join(logs, "sysmon.json"), line(SYSMON_1) + line(SECURITY_4688));
    await writeFile(join(logs, "more", "conn.log"), CONN_LOG);
    await writeFile(join(logs, "more", "README.txt"), "not a log\n");
    await writeFile(join(work, "bad.json"), `${line(SYSMON_1)}{"Hostname": oops}\n`);
    await writeFile(join(work, "hostile.json"), line(HOSTILE));
    const broken = Array.from({ length: 15 }, (_, i) => `{bad ${i}\n`).join("");
    await writeFile(join(work, "many-bad.json"), broken + line(SYSMON_1));
    await writeFile(join(work, "big.json"), line(SYSMON_1).repeat(20_000));

    const mainJs = join(dirname(fileURLToPath(import.meta.url)), "main.js");
    const root = repoRoot();
    let entry = join(root, "bin", "mikiwame.js");
    if (resolve(mainJs) !== resolve(root, "dist", "src", "cli", "main.js")) {
      entry = join(work, "mikiwame-entry.mjs");
      const href = JSON.stringify(pathToFileURL(mainJs).href);
      await writeFile(entry, `import { runMain } from ${href};\nrunMain(process.argv.slice(2));\n`);
    }
    return new CliFixture(work, home, entry);
  }

  /** True when the tests run the real `bin/mikiwame.js`. */
  get usesBin(): boolean {
    return this.entry.endsWith(join("bin", "mikiwame.js"));
  }

  /** Starts the CLI with `args`; stdout and stderr are pipes (not terminals). */
  spawn(args: readonly string[], options: RunOptions = {}): ChildProcessByStdio<null, Readable, Readable> {
    return spawn(process.execPath, [this.entry, ...args], {
      cwd: options.cwd ?? join(this.work, "logs"),
      env: { PATH: process.env.PATH, MIKIWAME_HOME: this.home, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Runs the CLI with `args` to the end. */
  run(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
    return new Promise((resolveRun, reject) => {
      const child = this.spawn(args, options);
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (s: string) => {
        stdout += s;
      });
      child.stderr.setEncoding("utf8").on("data", (s: string) => {
        stderr += s;
      });
      child.on("error", reject);
      child.on("close", (code) => resolveRun({ code, stdout, stderr }));
    });
  }

  async dispose(): Promise<void> {
    await rm(this.work, { recursive: true, force: true });
  }
}
