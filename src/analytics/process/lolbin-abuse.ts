/**
 * Process viewpoint — LOLBin abuse: Windows' own binaries used to fetch, decode or proxy-run a payload
 * (rundll32, regsvr32, mshta, certutil, bitsadmin, msiexec, wmic …). A small documented table: each row
 * names the binaries, the command-line patterns that make their use suspicious, and whether an outbound
 * connection to a public address counts too. Input: a process (image, command line, network log).
 * Output: at most one hit (the first matching row).
 */
import { MAX_EVIDENCE } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import { imageName } from "./image-families.js";
import type { DetectionContext, ProcessDetector, ProcessHit } from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { isPublicAddress } from "./public-address.js";

export interface LolbinRule {
  readonly id: string;
  readonly images: readonly string[];
  /** Any of these on the command line is abuse */
  readonly patterns: readonly RegExp[];
  /** An outbound connection to a public address is abuse too */
  readonly network: boolean;
  readonly attack: readonly string[];
  readonly stage: KillChainStage;
}

/** User-writable places a payload is staged in. */
const USER_PLACE = /\\(temp|tmp|appdata|downloads|users\\public|programdata)\\/i;
const URL = /\b(https?|ftp):\/\//i;

export const LOLBIN_RULES: readonly LolbinRule[] = [
  {
    id: "rundll32",
    images: ["rundll32.exe"],
    patterns: [
      /javascript:/i,
      URL,
      /\\(temp|tmp|appdata|downloads|users\\public|programdata)\\[^,"]*,/i,
      /(shell32\.dll,\s*shellexec_rundll|url\.dll,\s*(openurl|fileprotocolhandler)|advpack\.dll,\s*(launchinfsection|registerocx)|zipfldr\.dll,\s*routethecall|pcwutl\.dll,\s*launchapplication)/i,
      /comsvcs(\.dll)?[", ]+(#\+?0*24|minidump)/i,
    ],
    network: true,
    attack: ["T1218.011"],
    stage: "installation",
  },
  {
    id: "regsvr32",
    images: ["regsvr32.exe"],
    patterns: [/\/i:\s*"?(https?|ftp):/i, /scrobj\.dll/i, URL, USER_PLACE],
    network: true,
    attack: ["T1218.010"],
    stage: "installation",
  },
  {
    id: "mshta",
    images: ["mshta.exe"],
    patterns: [URL, /javascript:/i, /vbscript:/i, /\.hta\b/i],
    network: true,
    attack: ["T1218.005"],
    stage: "installation",
  },
  {
    id: "certutil",
    images: ["certutil.exe"],
    patterns: [/[-/]urlcache\b/i, /[-/](decode|decodehex|encode)\b/i, /[-/]verifyctl\b/i, URL],
    network: true,
    attack: ["T1105", "T1140"],
    stage: "installation",
  },
  {
    id: "bitsadmin",
    images: ["bitsadmin.exe"],
    patterns: [/\/(transfer|addfile|setnotifycmdline)\b/i, URL],
    network: false,
    attack: ["T1197", "T1105"],
    stage: "installation",
  },
  {
    id: "msiexec",
    images: ["msiexec.exe"],
    patterns: [URL],
    network: true,
    attack: ["T1218.007"],
    stage: "installation",
  },
  {
    id: "wmic",
    images: ["wmic.exe"],
    patterns: [/process\s+call\s+create/i, /\/node:/i, /\/format:\s*"?(https?:|[^ ]*\.xsl)/i],
    network: false,
    attack: ["T1047", "T1220"],
    stage: "installation",
  },
  {
    id: "cmstp",
    images: ["cmstp.exe"],
    patterns: [/\.inf\b/i],
    network: true,
    attack: ["T1218.003"],
    stage: "installation",
  },
  {
    id: "dotnet-installers",
    images: ["installutil.exe", "regasm.exe", "regsvcs.exe"],
    patterns: [USER_PLACE, /\/u\b/i],
    network: true,
    attack: ["T1218.004", "T1218.009"],
    stage: "installation",
  },
  {
    id: "msbuild",
    images: ["msbuild.exe"],
    patterns: [USER_PLACE],
    network: true,
    attack: ["T1127.001"],
    stage: "installation",
  },
  {
    id: "powershell",
    images: ["powershell.exe", "pwsh.exe"],
    patterns: [
      /\s[-/]e(c|nc|ncodedcommand)?\s+[a-z0-9+/=]{20,}/i,
      /(downloadstring|downloadfile|downloaddata|invoke-webrequest|\biwr\b|invoke-restmethod|net\.webclient|start-bitstransfer)/i,
      /(invoke-expression|\biex\b)/i,
      /frombase64string/i,
      /\s[-/]w(indowstyle)?\s+h(idden)?\b/i,
    ],
    network: false,
    attack: ["T1059.001"],
    stage: "installation",
  },
  {
    id: "script-host",
    images: ["wscript.exe", "cscript.exe"],
    patterns: [URL, /\\(temp|tmp|downloads|users\\public)\\[^"]*\.(js|jse|vbs|vbe|wsf)\b/i],
    network: true,
    attack: ["T1059.005", "T1059.007"],
    stage: "installation",
  },
  {
    id: "hh",
    images: ["hh.exe"],
    patterns: [URL],
    network: true,
    attack: ["T1218.001"],
    stage: "installation",
  },
  {
    id: "indirect-command",
    images: ["forfiles.exe", "pcalua.exe", "odbcconf.exe"],
    patterns: [/\s\/c\s/i, /\s-a\s/i, /regsvr/i],
    network: false,
    attack: ["T1202", "T1218.008"],
    stage: "installation",
  },
  {
    id: "schtasks",
    images: ["schtasks.exe"],
    patterns: [
      /\/create\b.*(\\appdata\\|\\temp\\|\\users\\public\\|powershell|mshta|rundll32|regsvr32|https?:)/i,
    ],
    network: false,
    attack: ["T1053.005"],
    stage: "installation",
  },
  {
    id: "reg-run-key",
    images: ["reg.exe"],
    patterns: [/\badd\b.*\\currentversion\\(run|runonce)\b/i],
    network: false,
    attack: ["T1547.001"],
    stage: "installation",
  },
];

const RULE_BY_IMAGE = new Map<string, LolbinRule>();
for (const r of LOLBIN_RULES) for (const i of r.images) if (!RULE_BY_IMAGE.has(i)) RULE_BY_IMAGE.set(i, r);

function detect(p: ProcessInfo, _ctx: DetectionContext): ProcessHit[] {
  const rule = RULE_BY_IMAGE.get(imageName(p.image));
  if (!rule) return [];
  const cmd = p.commandLine ?? "";
  const pattern = rule.patterns.find((re) => re.test(cmd));
  const outbound = rule.network
    ? p.network.items.filter((n) => n.initiated !== false && isPublicAddress(n.destinationIp))
    : [];
  if (!pattern && outbound.length === 0) return [];
  const evidence = [
    ...(p.created ? [p.created] : []),
    ...outbound.slice(0, MAX_EVIDENCE - 1).map((n) => n.evidence),
  ];
  if (evidence.length === 0) return [];
  const shown = processName(p);
  const destinations = [
    ...new Set(outbound.map((n) => `${n.destinationIp}:${n.destinationPort ?? "?"}`)),
  ].slice(0, 5);
  const why = pattern
    ? { en: `a suspicious command line (${clip(cmd)})`, ja: `不審なコマンドライン（${clip(cmd)}）` }
    : {
        en: `connections to the Internet (${destinations.join(", ")})`,
        ja: `インターネットへの通信（${destinations.join(", ")}）`,
      };
  return [
    {
      detector: "process.lolbin",
      severity: pattern ? "high" : "medium",
      confidence: pattern ? 0.7 : 0.5,
      stage: rule.stage,
      attack: rule.attack,
      evidence,
      evidenceCount: (p.created ? 1 : 0) + outbound.length,
      message: {
        en: `${shown}, a Windows binary attackers use to run or fetch payloads, shows ${why.en}.`,
        ja: `攻撃者がペイロードの実行や取得に悪用する Windows 標準の ${shown} に、${why.ja}が見られます。`,
      },
      details: {
        rule: rule.id,
        image: p.image ?? null,
        commandLine: p.commandLine ?? null,
        pattern: pattern ? pattern.source : null,
        publicConnections: outbound.length,
      },
    },
  ];
}

/** A command line cut for a message. */
function clip(s: string, max = 160): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export const lolbinDetector: ProcessDetector = { id: "process.lolbin", detect };
