import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AccountFilter } from "./account-filter.js";
import { DEFAULT_TIME_OPTIONS } from "./time-options.js";

describe("AccountFilter (default patterns)", () => {
  const filter = new AccountFilter(DEFAULT_TIME_OPTIONS.ignoreAccounts);
  const cases: ReadonlyArray<readonly [string, boolean]> = [
    ["nt authority\\system", true],
    ["NT AUTHORITY\\SYSTEM", true],
    ["nt authority\\local service", true],
    ["nt authority\\network service", true],
    ["nt authority\\anonymous logon", true],
    ["window manager\\dwm-1", true],
    ["font driver host\\umfd-0", true],
    ["corp\\ws-sales-07$", true],
    ["ws-sales-07$@corp.local", true],
    ["corp\\tanaka", false],
    ["tanaka", false],
    ["corp\\systemadmin", false],
    ["corp\\svc_inventory", false],
  ];
  for (const [user, ignored] of cases)
    test(`${user} ${ignored ? "is" : "is not"} ignored`, () => assert.equal(filter.ignores(user), ignored));

  test("patterns are globs, not regular expressions", () => {
    const f = new AccountFilter(["a.b", "svc_*"]);
    assert.equal(f.ignores("a.b"), true);
    assert.equal(f.ignores("axb"), false);
    assert.equal(f.ignores("corp\\svc_backup"), true);
  });
});
