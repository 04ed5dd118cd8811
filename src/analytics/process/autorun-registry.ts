/**
 * Process viewpoint — persistence through the registry: a process sets an autorun location (Run /
 * RunOnce keys, Winlogon Shell / Userinit, a service's ImagePath, an Image File Execution Options
 * debugger, Active Setup) to a program in a user-writable or otherwise suspicious place. Autoruns
 * pointing into Program Files or System32 (OneDrive's own Run key, say) are ordinary and left alone.
 * Input: a process's registry log (Sysmon 12–14). Output: at most one hit.
 */
import { MAX_EVIDENCE } from "../../findings/finding.js";
import type { DetectionContext, ProcessDetector, ProcessHit } from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { classifyPath } from "./suspicious-path.js";

export interface AutorunLocation {
  readonly id: string;
  /** Tested on the lower-case registry path */
  readonly pattern: RegExp;
  readonly attack: readonly string[];
}

export const AUTORUN_LOCATIONS: readonly AutorunLocation[] = [
  {
    id: "run-key",
    pattern:
      /\\(software\\(wow6432node\\)?)?microsoft\\windows\\currentversion\\(run|runonce|runonceex|runservices|policies\\explorer\\run)\\/,
    attack: ["T1547.001"],
  },
  {
    id: "winlogon",
    pattern: /\\microsoft\\windows nt\\currentversion\\winlogon\\(shell|userinit|notify)/,
    attack: ["T1547.004"],
  },
  {
    id: "service",
    pattern: /\\system\\(currentcontrolset|controlset\d+)\\services\\[^\\]+\\imagepath$/,
    attack: ["T1543.003"],
  },
  { id: "ifeo", pattern: /\\image file execution options\\[^\\]+\\debugger$/, attack: ["T1546.012"] },
  {
    id: "active-setup",
    pattern: /\\microsoft\\active setup\\installed components\\[^\\]+\\stubpath$/,
    attack: ["T1547.014"],
  },
];

/**
 * The program an autorun value starts: the first quoted path; for an unquoted full path, the text up
 * to its executable extension (paths may hold spaces); else the first word.
 */
export function autorunProgram(value: string): string {
  const v = value.trim();
  const quoted = /^"([^"]+)"/.exec(v);
  if (quoted) return quoted[1];
  const exe = /^((?:[a-z]:\\|\\\\|%).+?\.(exe|com|scr|bat|cmd|dll|vbs|js|ps1))\b/i.exec(v);
  if (exe) return exe[1];
  const sp = v.indexOf(" ");
  return sp > 0 ? v.slice(0, sp) : v;
}

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  const found: {
    readonly loc: AutorunLocation;
    readonly target: string;
    readonly program: string;
    readonly path: string;
    readonly e: ProcessInfo["registry"]["items"][number];
  }[] = [];
  for (const r of p.registry.items) {
    if (r.operation !== "" && !/setvalue|createkey/i.test(r.operation)) continue;
    const t = r.target.toLowerCase();
    const loc = AUTORUN_LOCATIONS.find((l) => l.pattern.test(t));
    if (!loc || !r.details) continue;
    const program = autorunProgram(r.details);
    const rule = classifyPath(program, ctx.options.deepPathDepth);
    if (!rule) continue;
    found.push({ loc, target: r.target, program, path: rule.id, e: r });
  }
  if (found.length === 0) return [];
  const first = found[0];
  const serious = found.some((f) => f.path !== "appdata" && f.path !== "deep-nesting");
  const shown = processName(p);
  return [
    {
      detector: "process.autorun-registry",
      severity: serious ? "high" : "medium",
      confidence: serious ? 0.75 : 0.6,
      stage: "installation",
      attack: [...new Set(found.flatMap((f) => f.loc.attack))],
      evidence: found.slice(0, MAX_EVIDENCE).map((f) => f.e.evidence),
      evidenceCount: found.length,
      first: first.e.time,
      last: found[found.length - 1].e.time,
      message: {
        en: `${shown} made ${first.program} start automatically (${first.target}): persistence for a program in a user-writable place.`,
        ja: `${shown} が ${first.program} を自動起動に登録しました（${first.target}）。ユーザーが書き込める場所のプログラムの永続化です。`,
      },
      details: {
        location: first.loc.id,
        registryKey: first.target,
        program: first.program,
        pathClass: first.path,
        settings: found.length,
      },
    },
  ];
}

export const autorunRegistryDetector: ProcessDetector = { id: "process.autorun-registry", detect };
