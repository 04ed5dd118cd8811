/**
 * Test cases of the Windows-log rules of mikiwame's rule pack: per detection rule, events it must hit and
 * near misses it must not (LOG_CASES, run by rule-pack.test.ts), and the ids of the pack's correlation rules
 * (exercised end to end by correlation-stage.test.ts). The cases live in rule-pack-log-cases-security.ts,
 * rule-pack-log-cases-sysmon.ts and rule-pack-log-cases-other.ts, the event builders in rule-pack-log-events.ts.
 */
import { OTHER_LOG_CASES } from "./rule-pack-log-cases-other.js";
import { SECURITY_LOG_CASES } from "./rule-pack-log-cases-security.js";
import { SYSMON_LOG_CASES } from "./rule-pack-log-cases-sysmon.js";
import type { LogRuleCase } from "./rule-pack-log-events.js";

export type { LogRuleCase, LogSample } from "./rule-pack-log-events.js";

/** Hits and near misses of every detection rule of the pack's Windows-log rules. */
export const LOG_CASES: readonly LogRuleCase[] = [
  ...SECURITY_LOG_CASES,
  ...SYSMON_LOG_CASES,
  ...OTHER_LOG_CASES,
];

/** The pack's correlation rules (bursts); correlation-stage.test.ts runs each through analyze's stage. */
export const LOG_CORRELATION_IDS: readonly string[] = [
  "22b74103-fa38-411b-b34a-fc2ba6910819", // win_app_mikiwame_mssql_brute_force
  "3e05c685-591e-4a1b-8a13-840dc1cecb5a", // win_openssh_mikiwame_brute_force
  "4d956f9c-4129-47df-92ae-95a087e01cb4", // win_security_mikiwame_kerberos_brute_force
  "c215f155-e04c-481e-89bd-6b5e7270c19c", // win_security_mikiwame_kerberos_user_enumeration
  "187f96c1-0e72-42f3-9dd2-ef13668397ed", // win_security_mikiwame_logon_brute_force
  "923ad215-075f-42cf-91ff-661110e621c8", // win_security_mikiwame_logon_spray
  "c54691ef-90fb-4ab7-97e9-356b44c90356", // win_security_mikiwame_sam_enumeration
  "05084b91-c6a1-493a-b51f-4c18c6ad91f0", // win_security_mikiwame_task_created_then_deleted
  "a5d0bf94-2f66-459f-9cb4-d8cba37a379b", // win_security_mikiwame_tgs_enumeration
  "4e838f1e-08c5-4cb3-bcbe-d4a74a071930", // win_security_mikiwame_user_created_then_deleted
  "e685b943-4373-466b-accd-77233859b98e", // win_rdpcorets_mikiwame_connection_burst
  "e80b976d-26e2-4e1a-bee2-e0131b728fd1", // win_terminalservices_rcm_mikiwame_rdp_fan_out
  "908a13ff-5bf3-4b12-8968-b3f2dbd4ba2f", // win_security_mikiwame_member_added_to_many_groups
  "003d5f07-aa41-4e3c-b234-ad191dec6076", // net_connection_win_mikiwame_smb_fan_out
];
