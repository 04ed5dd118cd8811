/**
 * Test support for the hunt correlation tests (not used by the product): hand-written Sigma rules — a
 * failed-logon building block with an event_count brute-force correlation, and two process rules with a
 * temporal_ordered correlation — and the small logs they fire on (NDJSON Security events, and the fields
 * of Sysmon 1 records that the tests write with the project's EVTX writer; this module imports no writer,
 * to keep pipeline/ below writers/). Input: times and hosts. Output: rule texts, log lines, field maps.
 */
/** The failed-logon rule (a building block: the correlation below hides it) and a brute-force event_count. */
export const BRUTE_FORCE_RULES = `title: Failed Logon
id: 0b7f9a3e-0000-4000-8000-000000000001
name: failed_logon
status: test
level: low
tags:
  - attack.credential_access
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
  condition: selection
---
title: Brute Force On One Account
id: 0b7f9a3e-0000-4000-8000-000000000002
status: test
level: high
tags:
  - attack.credential_access
  - attack.t1110
correlation:
  type: event_count
  rules:
    - failed_logon
  group-by:
    - TargetUserName
  timespan: 5m
  condition:
    gte: 3
`;

/** Two process-creation rules (they report on their own: `generate: true`) and a temporal_ordered chain. */
export const MACRO_CHAIN_RULES = `title: Office Spawns Shell
id: 0b7f9a3e-0000-4000-8000-000000000011
name: office_shell
status: test
level: medium
tags:
  - attack.execution
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    ParentImage|endswith: '\\winword.exe'
    Image|endswith: '\\cmd.exe'
  condition: selection
---
title: Whoami Run
id: 0b7f9a3e-0000-4000-8000-000000000012
name: whoami_run
status: test
level: low
tags:
  - attack.discovery
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
---
title: Macro Shell Then Discovery
id: 0b7f9a3e-0000-4000-8000-000000000013
status: experimental
level: critical
correlation:
  type: temporal_ordered
  rules:
    - office_shell
    - whoami_run
  group-by:
    - Computer
  timespan: 2m
  generate: true
`;

/** 2020-05-02T03:40:00Z plus `seconds`, as ISO-8601. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2020, 4, 2, 3, 40, 0) + seconds * 1000).toISOString();
}

/** One NDJSON line of a Security 4625 (failed logon) for `user` at `seconds` (no user when undefined). */
export function failedLogonLine(seconds: number, user: string | undefined, host = "DC1.corp.local"): string {
  return `${JSON.stringify({
    Hostname: host,
    Channel: "Security",
    SourceName: "Microsoft-Windows-Security-Auditing",
    EventID: 4625,
    "@timestamp": at(seconds),
    ...(user === undefined ? {} : { TargetUserName: user }),
    IpAddress: "10.0.0.66",
    LogonType: 3,
  })}\n`;
}

/** One Sysmon 1 process creation: `parent` spawned `image` on `host` at `seconds`. */
export interface ProcessStep {
  readonly seconds: number;
  readonly host: string;
  readonly parent: string;
  readonly image: string;
  readonly commandLine: string;
}

/** The EventData of step number `i` (0-based) as a Sysmon 1 record (for `sysmonEvent(1, at(seconds), …)`). */
export function sysmonProcessFields(s: ProcessStep, i: number): Record<string, string | number> {
  return {
    RuleName: "-",
    UtcTime: at(s.seconds).replace("T", " ").replace("Z", ""),
    ProcessGuid: `{11111111-2222-3333-4444-${String(i + 1).padStart(12, "0")}}`,
    ProcessId: 4000 + i,
    Image: s.image,
    CommandLine: s.commandLine,
    User: "CORP\\alice",
    ParentImage: s.parent,
    ParentCommandLine: s.parent,
  };
}
