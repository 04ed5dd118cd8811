/**
 * Test cases of the pack's rules on the Security log: per detection rule, events it must hit and near misses
 * it must not (run by rule-pack.test.ts through rule-pack-log-cases.ts).
 */
import { type LogRuleCase, sec } from "./rule-pack-log-events.js";

export const SECURITY_LOG_CASES: readonly LogRuleCase[] = [
  {
    id: "8695c4df-f214-4611-a2d1-564e5aa26fa2", // win_security_uac_weak_account_flags
    hits: [
      ["4738 password not required", sec(4738, { UserAccountControl: "\r\n\t\t%%2082" })],
      ["4742 never expires", sec(4742, { UserAccountControl: "\r\n\t\t%%2089", SubjectUserName: "bob" })],
    ],
    misses: [
      ["4720 creation (transient flag)", sec(4720, { UserAccountControl: "%%2080 %%2082 %%2084" })],
      ["flag disabled", sec(4738, { UserAccountControl: "%%2050" })],
    ],
  },
  {
    id: "d191a5da-ce6b-4cd6-8659-a867db544efe", // win_security_account_delegation_enabled
    hits: [["unconstrained", sec(4742, { UserAccountControl: "%%2093" })]],
    misses: [["not delegated enabled", sec(4742, { UserAccountControl: "%%2094" })]],
  },
  {
    id: "96ef5b2a-e36a-4fba-9ce4-706c3613d6ec", // win_security_spn_set_on_account
    hits: [
      ["4742 by a user", sec(4742, { ServicePrincipalNames: "HTTP/web01", SubjectUserName: "bob" })],
      ["5136 add", sec(5136, { AttributeLDAPDisplayName: "servicePrincipalName", OperationType: "%%14674" })],
    ],
    misses: [
      ["4742 by the machine", sec(4742, { ServicePrincipalNames: "HOST/ws01", SubjectUserName: "WS01$" })],
      [
        "5136 delete",
        sec(5136, { AttributeLDAPDisplayName: "servicePrincipalName", OperationType: "%%14675" }),
      ],
    ],
  },
  {
    id: "ed80cd1b-4e98-414f-86a1-3432a2950ccc", // win_security_dcshadow_spn
    hits: [["GC SPN", sec(4742, { ServicePrincipalNames: "GC/ws01.contoso.local/contoso.local" })]],
    misses: [["host SPN", sec(4742, { ServicePrincipalNames: "HOST/ws01" })]],
  },
  {
    id: "d3e4cb59-8b11-42d5-b15b-9d9d5bbc59b6", // win_security_rogue_dc_object_created
    hits: [
      [
        "server under Sites",
        sec(5137, {
          ObjectClass: "server",
          ObjectDN: "CN=WS01,CN=Servers,CN=Default,CN=Sites,CN=Configuration,DC=contoso,DC=local",
        }),
      ],
    ],
    misses: [
      ["user object", sec(5137, { ObjectClass: "user", ObjectDN: "CN=bob,CN=Users,DC=contoso,DC=local" })],
    ],
  },
  {
    id: "35653853-1552-455e-815f-b7c3978e0d80", // win_security_adminsdholder_changed
    hits: [
      ["ACL of AdminSDHolder", sec(5136, { ObjectDN: "CN=AdminSDHolder,CN=System,DC=contoso,DC=local" })],
    ],
    misses: [["another object", sec(5136, { ObjectDN: "CN=bob,CN=Users,DC=contoso,DC=local" })]],
  },
  {
    id: "d31bd9c5-fc74-41b7-acc2-38e96a30ef06", // win_security_ad_permissions_changed
    hits: [
      [
        "OU ACL",
        sec(5136, { AttributeLDAPDisplayName: "nTSecurityDescriptor", ObjectClass: "organizationalUnit" }),
      ],
    ],
    misses: [
      [
        "description",
        sec(5136, { AttributeLDAPDisplayName: "description", ObjectClass: "organizationalUnit" }),
      ],
    ],
  },
  {
    id: "5507961f-ccaf-4d47-90d7-feda30ed67bc", // win_security_member_added_to_privileged_group
    hits: [
      ["local admins", sec(4732, { TargetSid: "S-1-5-32-544", TargetUserName: "Administrators" })],
      ["Domain Admins", sec(4728, { TargetSid: "S-1-5-21-1-2-3-512" })],
      [
        "Exchange",
        sec(4756, { TargetSid: "S-1-5-21-1-2-3-1120", TargetUserName: "Organization Management" }),
      ],
    ],
    misses: [["Users", sec(4732, { TargetSid: "S-1-5-32-545", TargetUserName: "Users" })]],
  },
  {
    id: "c44256ee-5996-49ef-8a43-d4a6ec8bb468", // win_security_admin_like_account_created
    hits: [["admin name", sec(4720, { SamAccountName: "admin-helpdesk" })]],
    misses: [["plain name", sec(4720, { SamAccountName: "alice" })]],
  },
  {
    id: "cf554b18-f974-47e7-8e5c-dbf1c92bae9f", // win_security_guest_account_enabled
    hits: [["RID 501", sec(4722, { TargetSid: "S-1-5-21-1-2-3-501" })]],
    misses: [["other account", sec(4722, { TargetSid: "S-1-5-21-1-2-3-1001" })]],
  },
  {
    id: "0b7efe59-c285-4951-a7ed-a58602412f61", // win_security_user_created
    hits: [["4720", sec(4720, { TargetSid: "S-1-5-21-1-2-3-1001" })]],
    misses: [["4726", sec(4726, {})]],
  },
  {
    id: "32cb51a6-f76a-49e6-8d8c-544a340f254c", // win_security_user_deleted
    hits: [["4726", sec(4726, { TargetSid: "S-1-5-21-1-2-3-1001" })]],
    misses: [["4720", sec(4720, {})]],
  },
  {
    id: "b80642db-17ca-4c21-b807-823816d7080a", // win_security_asrep_roastable_tgt
    hits: [["no pre-auth", sec(4768, { Status: "0x0", PreAuthType: "0" })]],
    misses: [["pre-auth 2", sec(4768, { Status: "0x0", PreAuthType: "2" })]],
  },
  {
    id: "b12ef78a-92a9-4ebc-81ae-53a424f4ddf6", // win_security_kerberos_failure
    hits: [
      ["bad password", sec(4771, { Status: "0x18" })],
      ["unknown user", sec(4768, { Status: "0x6" })],
    ],
    misses: [["success", sec(4768, { Status: "0x0" })]],
  },
  {
    id: "e2c2576b-4710-4174-b221-3fb734e97e15", // win_security_service_ticket
    hits: [["cifs ticket", sec(4769, { Status: "0x0", ServiceName: "FS01$" })]],
    misses: [
      ["krbtgt", sec(4769, { Status: "0x0", ServiceName: "krbtgt" })],
      ["failed", sec(4769, { Status: "0x1b", ServiceName: "FS01$" })],
    ],
  },
  {
    id: "94bb4e49-60b0-40c3-83ad-9be9f88bb414", // win_security_failed_logon
    hits: [
      ["4625", sec(4625, { TargetUserName: "bob" })],
      ["4776 failure", sec(4776, { Status: "0xc000006a" })],
    ],
    misses: [["4776 success", sec(4776, { Status: "0x0" })]],
  },
  {
    id: "8cd17bb8-0a79-4b02-84ca-a1c08af69b51", // win_security_anonymous_logon_with_domain
    hits: [
      [
        "null session naming a domain",
        sec(4624, {
          LogonType: 3,
          TargetUserName: "ANONYMOUS LOGON",
          AuthenticationPackageName: "NTLM",
          TargetDomainName: "contoso",
        }),
      ],
    ],
    misses: [
      [
        "NT AUTHORITY",
        sec(4624, {
          LogonType: 3,
          TargetUserName: "ANONYMOUS LOGON",
          AuthenticationPackageName: "NTLM",
          TargetDomainName: "NT AUTHORITY",
        }),
      ],
    ],
  },
  {
    id: "55de7cd3-2cf3-4f00-90e3-4ab4d6b0e721", // win_security_remote_local_group_enumeration
    hits: [
      ["remote", sec(4799, { TargetSid: "S-1-5-32-544", CallerProcessName: "-", SubjectUserName: "bob" })],
    ],
    misses: [
      [
        "local net1",
        sec(4799, {
          TargetSid: "S-1-5-32-544",
          CallerProcessName: "C:\\Windows\\System32\\net1.exe",
          SubjectUserName: "bob",
        }),
      ],
      [
        "machine account",
        sec(4799, { TargetSid: "S-1-5-32-544", CallerProcessName: "-", SubjectUserName: "WS02$" }),
      ],
    ],
  },
  {
    id: "68fcae49-5e84-4d8e-94f8-510727f34db5", // win_security_sam_object_lookup
    hits: [
      [
        "SAM_USER",
        sec(4661, {
          ObjectServer: "Security Account Manager",
          ObjectType: "SAM_USER",
          SubjectUserName: "bob",
        }),
      ],
    ],
    misses: [
      [
        "machine",
        sec(4661, {
          ObjectServer: "Security Account Manager",
          ObjectType: "SAM_USER",
          SubjectUserName: "DC01$",
        }),
      ],
    ],
  },
  {
    id: "11c50e93-dce8-4be5-a1b3-48bd303e30f4", // win_security_remote_svcctl_atsvc_pipe
    hits: [["svcctl", sec(5145, { ShareName: "\\\\*\\IPC$", RelativeTargetName: "svcctl" })]],
    misses: [["srvsvc", sec(5145, { ShareName: "\\\\*\\IPC$", RelativeTargetName: "srvsvc" })]],
  },
  {
    id: "e4b7631f-b941-4ef5-8f3f-1219e2b5f703", // win_security_admin_share_executable_access
    hits: [["exe on ADMIN$", sec(5145, { ShareName: "\\\\*\\ADMIN$", RelativeTargetName: "PSEXESVC.exe" })]],
    misses: [
      ["text file", sec(5145, { ShareName: "\\\\*\\C$", RelativeTargetName: "Users\\bob\\notes.txt" })],
    ],
  },
  {
    id: "363c03d0-33f1-40bf-90f1-cbd5f8126aee", // win_security_service_shell_image_path_4697
    hits: [["powershell service", sec(4697, { ServiceFileName: "powershell -enc AAAA" })]],
    misses: [["vendor", sec(4697, { ServiceFileName: "C:\\Program Files\\Vendor\\agent.exe" })]],
  },
  {
    id: "c5a4ff84-ee44-4847-bd59-2efdcc1653a7", // win_security_task_runs_shell_with_output_redirect
    hits: [
      [
        "atexec task",
        sec(4698, {
          TaskContent:
            "<Command>cmd.exe</Command><Arguments>/C whoami &gt; C:\\Windows\\Temp\\x.tmp 2&gt;&amp;1</Arguments>",
        }),
      ],
    ],
    misses: [
      ["plain task", sec(4698, { TaskContent: "<Command>C:\\Program Files\\Vendor\\update.exe</Command>" })],
    ],
  },
  {
    id: "338bf7d2-62c1-42d7-8ff1-db9b98ca43b8", // win_security_task_created
    hits: [["4698", sec(4698, { TaskName: "\\t1" })]],
    misses: [["4699", sec(4699, { TaskName: "\\t1" })]],
  },
  {
    id: "75b354f6-bacd-48c6-83f4-7a5d622ec1ff", // win_security_task_deleted
    hits: [["4699", sec(4699, { TaskName: "\\t1" })]],
    misses: [["4698", sec(4698, { TaskName: "\\t1" })]],
  },
  {
    id: "f308202a-61c4-40b9-8738-b3f8b53d02b6", // win_security_sensitive_privilege_assigned
    hits: [["debug right", sec(4704, { PrivilegeList: "SeDebugPrivilege" })]],
    misses: [["logon right", sec(4704, { PrivilegeList: "SeChangeNotifyPrivilege" })]],
  },
  {
    id: "ac03daea-ed04-4f2e-b189-9923da36ac54", // win_security_debug_privilege_enabled_outside_system
    hits: [
      [
        "mimikatz",
        sec(4703, {
          EnabledPrivilegeList: "SeDebugPrivilege",
          ProcessName: "C:\\Users\\bob\\Desktop\\m.exe",
        }),
      ],
    ],
    misses: [
      [
        "taskmgr",
        sec(4703, {
          EnabledPrivilegeList: "SeDebugPrivilege",
          ProcessName: "C:\\Windows\\System32\\Taskmgr.exe",
        }),
      ],
    ],
  },
  {
    id: "fdb10869-250c-44d0-a2c0-88c5fe25d1f8", // win_security_boot_config_debug_testsigning
    hits: [["test signing", sec(4826, { KernelDebug: "%%1843", TestSigning: "%%1842" })]],
    misses: [
      [
        "all off",
        sec(4826, {
          KernelDebug: "%%1843",
          TestSigning: "%%1843",
          DisableIntegrityChecks: "%%1843",
          FlightSigning: "%%1843",
        }),
      ],
    ],
  },
  {
    id: "38900938-500b-4265-bf5d-e326b566dde9", // win_security_transaction_by_user_folder_program
    hits: [["ProgramData exe", sec(4985, { ProcessName: "C:\\ProgramData\\x.exe" })]],
    misses: [["msiexec", sec(4985, { ProcessName: "C:\\Windows\\System32\\msiexec.exe" })]],
  },
  {
    id: "acbf07e6-be29-42e7-88a9-edf25be255de", // win_security_special_group_logon
    hits: [["4964", sec(4964, {})]],
    misses: [["4624", sec(4624, { LogonType: 2 })]],
  },
  {
    id: "e135d000-36eb-40c0-bfc5-333a0a34b627", // win_security_lsass_dump_file_access
    hits: [
      [
        "taskmgr reads lsass",
        sec(4663, {
          ObjectType: "Process",
          ObjectName: "\\Device\\HarddiskVolume2\\Windows\\System32\\lsass.exe",
          AccessMask: "0x10",
          ProcessName: "C:\\Windows\\System32\\Taskmgr.exe",
        }),
      ],
    ],
    misses: [
      [
        "wininit",
        sec(4663, {
          ObjectType: "Process",
          ObjectName: "\\Device\\HarddiskVolume2\\Windows\\System32\\lsass.exe",
          AccessMask: "0x10",
          ProcessName: "C:\\Windows\\System32\\wininit.exe",
        }),
      ],
    ],
  },
  {
    id: "9a9059f3-16f8-4dab-a6b9-d35bce1cedee", // win_security_mikiwame_machine_account_quota_used
    hits: [
      ["4741 by a user", sec(4741, { SubjectUserName: "hack1", PrivilegeList: "SeMachineAccountPrivilege" })],
      [
        "4673 by a user",
        sec(4673, {
          SubjectUserName: "hack1",
          Service: "Security Account Manager",
          PrivilegeList: "SeMachineAccountPrivilege",
        }),
      ],
    ],
    misses: [
      ["4741 by an admin", sec(4741, { SubjectUserName: "admin", PrivilegeList: "-" })],
      [
        "4741 by a machine",
        sec(4741, { SubjectUserName: "DC01$", PrivilegeList: "SeMachineAccountPrivilege" }),
      ],
    ],
  },
  {
    id: "6dda04ee-56e4-491d-a5ed-5949d7c59364", // win_security_mikiwame_user_added_itself_to_group
    hits: [
      ["self-add", sec(4728, { MemberSid: "S-1-5-21-1-2-3-1158", SubjectUserSid: "S-1-5-21-1-2-3-1158" })],
    ],
    misses: [
      [
        "admin adds another",
        sec(4728, { MemberSid: "S-1-5-21-1-2-3-1158", SubjectUserSid: "S-1-5-21-1-2-3-500" }),
      ],
    ],
  },
  {
    id: "a4fa5356-1327-438a-a319-33d0d9b09a7f", // win_security_mikiwame_credential_manager_backup
    hits: [["5376", sec(5376, { BackupFileName: "C:\\Windows\\TEMP\\CRD1.tmp" })]],
    misses: [["5379 read", sec(5379, { CountOfCredentialsReturned: 9 })]],
  },
  {
    id: "9faedd05-734e-4b33-a33a-d18d3cd36d94", // win_security_mikiwame_task_in_microsoft_folder_by_user
    hits: [
      [
        "domain user",
        sec(4698, { TaskName: "\\Microsoft\\SynchronizeTimeZone", SubjectUserSid: "S-1-5-21-1-2-3-1111" }),
      ],
    ],
    misses: [
      [
        "SYSTEM",
        sec(4698, { TaskName: "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag", SubjectUserSid: "S-1-5-18" }),
      ],
      ["user task at the root", sec(4698, { TaskName: "\\Backup", SubjectUserSid: "S-1-5-21-1-2-3-1111" })],
    ],
  },
  {
    id: "74fec497-ce5f-4ed3-a01a-44dc173570ac", // win_security_mikiwame_hidden_share_everyone_write
    hits: [
      [
        "Everyone change",
        sec(5143, {
          ShareName: "\\\\*\\drop$",
          NewSD: "O:BAG:DUD:(A;;FA;;;S-1-5-21-1-2-3-1107)(A;;0x1301bf;;;WD)",
        }),
      ],
    ],
    misses: [
      ["Everyone read", sec(5143, { ShareName: "\\\\*\\drop$", NewSD: "O:BAG:DUD:(A;;0x1200a9;;;WD)" })],
      ["visible share", sec(5143, { ShareName: "\\\\*\\Public", NewSD: "O:BAG:DUD:(A;;FA;;;WD)" })],
    ],
  },
  {
    id: "e70861e1-9809-4636-ad67-78b18738d6a1", // win_security_mikiwame_member_added_to_group (building block)
    hits: [
      ["4728", sec(4728, { MemberSid: "S-1-5-21-1-1150", TargetSid: "S-1-5-21-1-1134" })],
      ["4756", sec(4756, { MemberSid: "S-1-5-21-1-1150", TargetSid: "S-1-5-21-1-1135" })],
    ],
    misses: [["4729 removed", sec(4729, { MemberSid: "S-1-5-21-1-1150", TargetSid: "S-1-5-21-1-1134" })]],
  },
];
