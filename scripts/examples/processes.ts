/**
 * Processes of the example incident: PIDs and Sysmon process GUIDs derived from the host and the
 * seeded PRNG. Input: a host, an image, a command line, a parent and an optional start time.
 * Output: a `Proc`; a process with a start time also adds its "start" activity to the host.
 */
import { at } from "./clock.js";
import type { Host } from "./hosts.js";
import { S32 } from "./pe-images.js";
import { between } from "./seeded-random.js";

/** A process on a host, as Sysmon and the Security log describe it. */
export interface Proc {
  readonly host: Host;
  readonly pid: number;
  readonly guid: string;
  readonly image: string;
  readonly cmd: string;
  readonly cwd: string;
  readonly parent: Proc | undefined;
  readonly system: boolean;
  readonly integrity: "Medium" | "System";
}

/** A process; `start` adds its creation (Sysmon 1, Security 4688) at that time. */
export function proc(
  host: Host,
  image: string,
  cmd: string,
  parent: Proc | undefined,
  start?: number,
  system = false,
): Proc {
  host.pidSeed += between(4, 900);
  const pid = host.pidSeed - (host.pidSeed % 4);
  host.procSeq += 1;
  const t = start ?? at("08:41:00");
  const ts = Math.floor(t / 1e6);
  const guid = `{${host.machine}-${(ts >>> 16).toString(16).toUpperCase().padStart(4, "0")}-${(ts & 0xffff)
    .toString(16)
    .toUpperCase()
    .padStart(
      4,
      "0",
    )}-${host.procSeq.toString(16).toUpperCase().padStart(4, "0")}-0010${pid.toString(16).toUpperCase().padStart(8, "0")}}`;
  const p: Proc = {
    host,
    pid,
    guid,
    image,
    cmd,
    cwd: system ? S32 : `C:\\Users\\${host.user}\\`,
    parent,
    system,
    integrity: system ? "System" : "Medium",
  };
  if (start !== undefined) host.acts.push({ t: start, kind: "start", p });
  return p;
}

/** The account a process runs as, in DOMAIN\user form. */
export const userOf = (p: Proc): string => (p.system ? "NT AUTHORITY\\SYSTEM" : `CORP\\${p.host.user}`);
