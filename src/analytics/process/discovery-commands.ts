/**
 * Process viewpoint — discovery: one process running several host / network / domain discovery
 * commands (whoami, ipconfig, net view, systeminfo, nltest …), directly on its command line
 * (`cmd /c "whoami & ipconfig"`) or as child processes. Reconnaissance from inside the network.
 * Input: a process, its command line and its children. Output: at most one hit.
 */
import type { Provenance } from "../../events/provenance.js";
import { imageName } from "./image-families.js";
import type { DetectionContext, ProcessDetector, ProcessHit } from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";

export interface DiscoveryCommand {
  /** Image file name (lower case) */
  readonly image: string;
  /** Required first arguments, when the image alone does not mean discovery (`net` → `view|user|group …`) */
  readonly args?: RegExp;
  readonly attack: string;
}

const NET_VERBS = /^\s*(view|user|group|localgroup|accounts|share|session|config)\b/i;

export const DISCOVERY_COMMANDS: readonly DiscoveryCommand[] = [
  { image: "whoami.exe", attack: "T1033" },
  { image: "ipconfig.exe", attack: "T1016" },
  { image: "systeminfo.exe", attack: "T1082" },
  { image: "hostname.exe", attack: "T1082" },
  { image: "quser.exe", attack: "T1033" },
  { image: "qwinsta.exe", attack: "T1033" },
  { image: "tasklist.exe", attack: "T1057" },
  { image: "netstat.exe", attack: "T1049" },
  { image: "arp.exe", attack: "T1016" },
  { image: "route.exe", args: /^\s*print\b/i, attack: "T1016" },
  { image: "nltest.exe", attack: "T1482" },
  { image: "dsquery.exe", attack: "T1087.002" },
  {
    image: "net.exe",
    args: NET_VERBS,
    attack: "T1087",
  },
  {
    image: "net1.exe",
    args: NET_VERBS,
    attack: "T1087",
  },
  { image: "nslookup.exe", attack: "T1018" },
  { image: "ping.exe", attack: "T1018" },
];

const BY_IMAGE = new Map(DISCOVERY_COMMANDS.map((c) => [c.image, c]));

/** Discovery tools named in a command line (`whoami /all & ipconfig /all & net view`). */
export function discoveryInCommandLine(cmd: string): DiscoveryCommand[] {
  const out: DiscoveryCommand[] = [];
  for (const part of cmd.split(/&&|\|\||[&|;\n]/).slice(0, 64)) {
    const m = /^\s*"?(?:[^"\s]*\\)?([a-z0-9_]+)(\.exe)?"?(\s.*)?$/i.exec(part.replace(/^.*\/c\s+"?/i, ""));
    if (!m) continue;
    const c = BY_IMAGE.get(`${m[1].toLowerCase()}.exe`);
    if (c && (!c.args || c.args.test(m[3] ?? ""))) out.push(c);
  }
  return out;
}

/** A command line without its first word (the program): `"C:\\x\\net.exe" view` → ` view`. */
function argumentsOf(cmd: string): string {
  const m = /^\s*("[^"]*"|\S+)(.*)$/s.exec(cmd);
  return m ? m[2] : "";
}

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  const kids = ctx.graph.children(p.key);
  const found = new Map<string, DiscoveryCommand>();
  const evidence: Provenance[] = [];
  for (const c of discoveryInCommandLine(p.commandLine ?? "")) found.set(c.image, c);
  if (found.size > 0 && p.created) evidence.push(p.created);
  for (const k of kids) {
    const c = BY_IMAGE.get(imageName(k.image));
    if (!c || (c.args && !c.args.test(argumentsOf(k.commandLine ?? "")))) continue;
    found.set(c.image, c);
    if (k.created) evidence.push(k.created);
  }
  if (found.size < ctx.options.discoveryMinCommands || evidence.length === 0) return [];
  const names = [...found.keys()].map((n) => n.replace(/\.exe$/, ""));
  const shown = processName(p);
  return [
    {
      detector: "process.discovery",
      severity: "medium",
      confidence: 0.5,
      stage: "reconnaissance",
      attack: [...new Set([...found.values()].map((c) => c.attack))],
      evidence,
      message: {
        en: `${shown} ran ${found.size} discovery commands (${names.join(", ")}): someone is surveying the host and network.`,
        ja: `${shown} が ${found.size} 種類の探索コマンド（${names.join(", ")}）を実行しました。ホストやネットワークの調査が行われています。`,
      },
      details: { commands: names.join(","), count: found.size },
    },
  ];
}

export const discoveryDetector: ProcessDetector = { id: "process.discovery", detect };
