/**
 * Options of the response-plan builder: the named network segments (whose administrators are
 * notified) and a bound on the actions of one kind. Input: the caller's configuration. Output: the
 * defaults filled in.
 */

/** A named network segment: its administrators are notified when a host of the incident lies in it. */
export interface NetworkSegment {
  /** Shown to people, e.g. "sales floor" */
  readonly name: string;
  /** CIDR block, e.g. `10.0.5.0/24` */
  readonly cidr: string;
  /** Who administers it (a team, a mail address); copied into the notify action's details */
  readonly contact?: string;
}

/** How `buildResponsePlan` works. */
export interface PlanOptions {
  /**
   * Named segments. A host address outside all of them falls into its /24 (IPv4) or /64 (IPv6);
   * when several contain it, the most specific block wins. A malformed block throws E_CONFIG.
   */
  readonly segments?: readonly NetworkSegment[];
  /** At most this many actions of one kind; the last kept one counts the rest in `details.omitted` */
  readonly maxActionsPerKind?: number;
}

/** Default bound on the actions of one kind in one plan (a fleet-wide incident still lists its hosts). */
export const DEFAULT_MAX_ACTIONS_PER_KIND = 500;
