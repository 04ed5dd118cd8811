/**
 * One operation at a time on a shared resource (a database connection whose transactions must not
 * interleave). Input: async operations. Output: their results, run in call order, each after the
 * previous one settled (a failed operation does not stop the queue).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `op` after every operation queued before it; resolves or rejects with `op`'s outcome. */
  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => op());
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
