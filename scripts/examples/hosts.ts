/**
 * The machines of the example incident: WS-SALES-07 (CORP\tanaka, the infected one), WS-SALES-08
 * (CORP\suzuki) and the DNS server. Input: nothing. Output: `Host` records whose `acts` the scenario
 * modules fill and the log writers read.
 */
import type { Act } from "./activities.js";

/** A workstation, its logged-on user, and everything that happens on it (`acts`, in no set order). */
export interface Host {
  readonly name: string;
  readonly ip: string;
  readonly user: string;
  readonly userSid: string;
  readonly logonId: bigint;
  readonly logonGuid: string;
  readonly machine: string;
  pidSeed: number;
  procSeq: number;
  readonly acts: Act[];
}

/** The CORP domain's SID; user SIDs are this plus a RID. */
export const DOMAIN_SID = "S-1-5-21-3457937927-2839227994-823803824";

const mkHost = (
  name: string,
  ip: string,
  user: string,
  rid: number,
  logonId: bigint,
  machine: string,
): Host => ({
  name,
  ip,
  user,
  userSid: `${DOMAIN_SID}-${rid}`,
  logonId,
  logonGuid: `{${machine}-5F1A-65E2-0000-0020${logonId.toString(16).padStart(8, "0").toUpperCase()}}`,
  machine,
  pidSeed: 4000,
  procSeq: 0x2a0,
  acts: [],
});

/** The infected workstation (user tanaka). */
export const WS07 = mkHost("WS-SALES-07", "10.0.5.27", "tanaka", 1104, 0x5a3f21n, "8E6A1C2F");
/** The neighbour workstation (user suzuki) that the scan reaches. */
export const WS08 = mkHost("WS-SALES-08", "10.0.5.28", "suzuki", 1107, 0x61b0c4n, "3D94B7A0");
/** The resolver every DNS query goes to. */
export const DNS_SERVER = "10.0.0.10";
