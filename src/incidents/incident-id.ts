/**
 * The stable id of an incident: `INC-` + the first 10 hex digits of a SHA-256 over the root cause's
 * identity — its host (the host key, so `WS-SALES-08` and `ws-sales-08.corp.example` agree), its image
 * path (lower case) and its start time — or, for an incident without a root cause, over its sorted
 * group keys. The same data gives the same ids on every run. Input: those facts. Output: the id.
 */
import { createHash } from "node:crypto";
import { hostKey } from "../analytics/process/host-key.js";

export interface RootIdentity {
  readonly host: string;
  readonly image: string | undefined;
  /** ISO start time (or first-seen time) of the root cause */
  readonly start: string | undefined;
}

/** `INC-` + 10 hex digits (see the module header). */
export function incidentId(root: RootIdentity | undefined, keys: readonly string[]): string {
  const text = root
    ? `root\u0000${hostKey(root.host)}\u0000${(root.image ?? "").toLowerCase()}\u0000${root.start ?? ""}`
    : `keys\u0000${[...keys].sort().join("\u0000")}`;
  return `INC-${createHash("sha256").update(text, "utf8").digest("hex").slice(0, 10)}`;
}
