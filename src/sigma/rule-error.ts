/**
 * The error thrown while compiling one rule: a reason and the 1-based line it points at. The
 * loader catches it and turns it into a RejectedRule (`line N: reason`), so one bad rule never
 * stops the others.
 * Input: a reason and a line. Output: a throwable error.
 */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
    this.name = "RuleError";
  }

  /** `line 23: unknown modifier 'foo'` */
  describe(): string {
    return this.line === undefined ? this.message : `line ${this.line}: ${this.message}`;
  }
}
