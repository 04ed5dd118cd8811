/**
 * Test support for the hunt/rules CLI tests (not used by the CLI): three small Sigma rules matching the
 * events of cli-fixture.ts, and a function writing them under `<work>/rules/`. Input: a CliFixture.
 * Output: `<work>/rules/good/{whoami,formula}.yml` and `<work>/rules/bad/broken.yml`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CliFixture } from "../cli-fixture.js";

/** Matches SYSMON_1 (`cmd.exe /c whoami`). */
export const WHOAMI_RULE = `title: Whoami Execution
id: 11111111-1111-4111-8111-111111111111
status: test
level: medium
tags:
  - attack.discovery
  - attack.t1033
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    CommandLine|contains: whoami
  condition: selection
`;

/** Matches SECURITY_4688 (`=cmd|…`) and HOSTILE (`@SUM(1+1)`); its title is a formula. */
export const FORMULA_RULE = `title: =Formula In Command Line
id: 22222222-2222-4222-8222-222222222222
status: experimental
level: high
tags:
  - attack.execution
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    CommandLine|startswith:
      - '='
      - '@'
  condition: selection
`;

/** Rejected: an unknown modifier on line 7. */
export const BROKEN_RULE = `title: Broken
id: 33333333-3333-4333-8333-333333333333
logsource:
  product: windows
detection:
  selection:
    CommandLine|nosuchmodifier: x
  condition: selection
`;

/** Writes `<work>/rules/good/{whoami,formula}.yml` and `<work>/rules/bad/broken.yml`. */
export async function writeRules(cli: CliFixture): Promise<void> {
  await mkdir(join(cli.work, "rules", "good"), { recursive: true });
  await mkdir(join(cli.work, "rules", "bad"), { recursive: true });
  await writeFile(join(cli.work, "rules", "good", "whoami.yml"), WHOAMI_RULE);
  await writeFile(join(cli.work, "rules", "good", "formula.yml"), FORMULA_RULE);
  await writeFile(join(cli.work, "rules", "bad", "broken.yml"), BROKEN_RULE);
}
