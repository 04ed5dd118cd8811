/**
 * When to re-analyse: after commits of new events, wait until ingest has been quiet for `debounceMs`
 * (default 2 s) but never longer than `maxWaitMs` (default 30 s) after the first new event, then run one
 * analysis; an analyst decision asks for a run after the debounce alone. One analysis at a time: what
 * arrives during a run schedules the next one. Ingest never waits for analysis (notify returns at once).
 * Input: notifications (new events, requests). Output: calls of `run`, and the state for health,
 * status and metrics. A failing run is reported through `onError` and retried on the next trigger.
 */

export interface SchedulerOptions {
  readonly debounceMs: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { debounceMs: 2_000, maxWaitMs: 30_000 };

/** What health, status and metrics show. */
export interface SchedulerState {
  /** Events committed since the last run started */
  readonly pending: number;
  readonly analyzing: boolean;
  /** End of the last successful run, ISO */
  readonly analyzedAt: string | undefined;
  readonly lastAnalysisMs: number | undefined;
  readonly runs: number;
  readonly lastError: string | undefined;
}

export class AnalysisScheduler {
  private pending = 0;
  private requested = false;
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt: number | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private analyzedAt: string | undefined;
  private lastAnalysisMs: number | undefined;
  private runs = 0;
  private lastError: string | undefined;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly run: () => Promise<void>,
    private readonly options: SchedulerOptions,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** New events were committed. */
  notify(inserted: number): void {
    if (inserted <= 0 || this.stopped) return;
    this.pending += inserted;
    this.firstPendingAt ??= Date.now();
    this.arm();
  }

  /** Something other than new events changed what analysis would say (a decision, an allow-list entry). */
  request(): void {
    if (this.stopped) return;
    this.requested = true;
    this.firstPendingAt ??= Date.now();
    this.arm();
  }

  /** Runs now (start-up, tests); resolves when that run is over. */
  async runNow(): Promise<void> {
    this.requested = true;
    this.clearTimer();
    await this.fire();
    await this.idle();
  }

  state(): SchedulerState {
    return {
      pending: this.pending,
      analyzing: this.running !== undefined,
      analyzedAt: this.analyzedAt,
      lastAnalysisMs: this.lastAnalysisMs,
      runs: this.runs,
      lastError: this.lastError,
    };
  }

  /** Resolves when no run is running or scheduled. */
  idle(): Promise<void> {
    if (!this.running && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** No new runs; waits for the current one. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
    this.wakeIdle();
  }

  /** (Re)sets the timer: the debounce from now, capped by the longest wait after the first change. */
  private arm(): void {
    if (this.running) return; // the run's end re-arms
    this.clearTimer();
    const now = Date.now();
    const latest = (this.firstPendingAt ?? now) + this.options.maxWaitMs;
    const at = Math.min(now + this.options.debounceMs, latest);
    this.timer = setTimeout(() => void this.fire(), Math.max(0, at - now));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.stopped) return;
    if (this.pending === 0 && !this.requested) return this.wakeIdle();
    this.pending = 0;
    this.requested = false;
    this.firstPendingAt = undefined;
    const started = performance.now();
    this.running = (async () => {
      try {
        await this.run();
        this.analyzedAt = new Date().toISOString();
        this.lastError = undefined;
      } catch (e) {
        this.lastError = e instanceof Error ? e.message : String(e);
        this.onError(e);
      } finally {
        this.runs++;
        this.lastAnalysisMs = performance.now() - started;
      }
    })();
    await this.running;
    this.running = undefined;
    if ((this.pending > 0 || this.requested) && !this.stopped) {
      this.firstPendingAt ??= Date.now();
      this.arm();
    } else this.wakeIdle();
  }

  private wakeIdle(): void {
    if (this.running || this.timer) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
