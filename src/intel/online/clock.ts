/**
 * Time as the rate limiter, the retry back-off and the cache see it, so tests can run minutes of
 * waiting in microseconds. Input: nothing. Output: `systemClock`, and the `Clock` interface for fakes.
 */

/** Milliseconds since the epoch, and a sleep that an AbortSignal can cut short (it then rejects). */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()` and a timer. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
