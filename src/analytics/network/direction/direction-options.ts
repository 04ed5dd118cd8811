/**
 * Options of the direction module (方向性: internal networks, lateral-movement candidates), one
 * object with defaults that work out of the box. Every field is documented in
 * docs/analytics-network.md.
 */
import { DEFAULT_INTERNAL_NETWORKS } from "../direction.js";

/** A remote-administration service whose internal use can be lateral movement. */
export interface AdminService {
  readonly port: number;
  readonly name: string;
  /** ATT&CK technique (Remote Services sub-technique) */
  readonly technique: string;
}

export interface DirectionOptions {
  /** CIDR blocks that are ours (see direction.ts) */
  readonly internalNetworks: readonly string[];
  /** Internal connections to these services are lateral-movement candidates */
  readonly adminServices: readonly AdminService[];
  /**
   * Processes (file names, lower case) that normally make such connections (the SMB client lives
   * in the kernel, `System`; RPC/WinRM in svchost; …). Sysmon connections from any other process
   * are candidates.
   */
  readonly systemImages: readonly string[];
  /** Zeek (no process known): distinct internal hosts a source must reach on admin ports */
  readonly zeekMinTargets: number;
  /**
   * Zeek: a destination reached on admin ports by at least this many sources is a shared server
   * (domain controller, file server) and does not count towards a source's targets
   */
  readonly sharedServerMinSources: number;
  /** Sources (address, or host + process) tracked at most */
  readonly maxLateralSources: number;
  /** Targets kept per source (beyond: counted) */
  readonly maxTargetsPerSource: number;
  /** Hosts listed in a finding's details at most */
  readonly maxListed: number;
}

export const DEFAULT_DIRECTION_OPTIONS: DirectionOptions = {
  internalNetworks: DEFAULT_INTERNAL_NETWORKS,
  adminServices: [
    { port: 445, name: "SMB", technique: "T1021.002" },
    { port: 139, name: "SMB (NetBIOS)", technique: "T1021.002" },
    { port: 3389, name: "RDP", technique: "T1021.001" },
    { port: 5985, name: "WinRM", technique: "T1021.006" },
    { port: 5986, name: "WinRM (TLS)", technique: "T1021.006" },
    { port: 135, name: "RPC/DCOM", technique: "T1021.003" },
    { port: 22, name: "SSH", technique: "T1021.004" },
    { port: 5900, name: "VNC", technique: "T1021.005" },
  ],
  systemImages: [
    "system",
    "svchost.exe",
    "lsass.exe",
    "services.exe",
    "wininit.exe",
    "smss.exe",
    "explorer.exe",
    "dfsrs.exe",
    "ntfrs.exe",
    "dns.exe",
    "ccmexec.exe",
    "msmpeng.exe",
  ],
  zeekMinTargets: 3,
  sharedServerMinSources: 5,
  maxLateralSources: 10_000,
  maxTargetsPerSource: 4096,
  maxListed: 20,
};
