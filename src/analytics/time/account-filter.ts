/**
 * Accounts left out of the time baselines: machine and service accounts (SYSTEM, LOCAL SERVICE,
 * `HOST$`, `DWM-1` …) run on the machine's schedule, not a person's, so their activity at 03:00
 * says nothing about the host's or a user's usual hours.
 * Patterns are case-insensitive globs (`*` = any run of characters) matched against the account name
 * without its domain (`NT AUTHORITY\SYSTEM` → `system`; `user@domain` → `user`).
 * Input: patterns, then user names. Output: whether each is ignored.
 */

/** Case-insensitive glob matcher for account names. */
export class AccountFilter {
  private readonly patterns: readonly RegExp[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map(
      (p) =>
        new RegExp(
          `^${p
            .split("*")
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
          "i",
        ),
    );
  }

  /** True when `user` (`domain\name`, `name@domain` or `name`) matches a pattern. */
  ignores(user: string): boolean {
    const slash = user.lastIndexOf("\\");
    let name = slash >= 0 ? user.slice(slash + 1) : user;
    const at = name.indexOf("@");
    if (at > 0) name = name.slice(0, at);
    return this.patterns.some((p) => p.test(name));
  }
}
