/**
 * Audit of ingest without an audit line per request: a shipper may post dozens of batches a second, so
 * ingest by one token through one endpoint is summed and written as one audit entry per minute (requests,
 * documents accepted / duplicate / rejected, first and last request time), and at shutdown. Uploads are
 * audited one by one by their route. Input: each ingest request's caller and counts. Output: entries in
 * the audit log.
 */
import type { AuditLog, Actor } from "../audit-log.js";

interface Pending {
  readonly actor: Actor;
  readonly action: string;
  requests: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  first: string;
  last: string;
}

/** How often the sums are written. */
export const INGEST_AUDIT_INTERVAL_MS = 60_000;

export class IngestAudit {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly audit: AuditLog,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Adds one request's counts. */
  add(actor: Actor, action: string, accepted: number, duplicates: number, rejected: number): void {
    const key = `${actor.tokenId} ${action}`;
    const now = new Date().toISOString();
    let p = this.pending.get(key);
    if (!p) {
      p = { actor, action, requests: 0, accepted: 0, duplicates: 0, rejected: 0, first: now, last: now };
      this.pending.set(key, p);
    }
    p.requests++;
    p.accepted += accepted;
    p.duplicates += duplicates;
    p.rejected += rejected;
    p.last = now;
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), INGEST_AUDIT_INTERVAL_MS);
      this.timer.unref?.();
    }
  }

  /** Writes the sums now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) {
      const { actor, action, ...details } = p;
      try {
        await this.audit.record(actor, action, "events", details, true);
      } catch (e) {
        this.onError(e);
      }
    }
  }
}
