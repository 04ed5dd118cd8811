/**
 * Test cases of the Windows-log rules of mikiwame's rule pack (Security, System, Application, Defender,
 * firewall, BITS, OpenSSH, PowerShell, registry, pipes): per detection rule, events it must hit and near
 * misses it must not. Input: nothing; output: LOG_CASES (run by rule-pack.test.ts like its own cases)
 * and the ids of the pack's correlation rules (exercised end to end by correlation-stage.test.ts).
 * Events are built the way src/normalize builds them (EventData names, logsource from the channel).
 */
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";

/** One sample: why it should (or should not) hit, and the event. */
export type LogSample = readonly [why: string, event: Event];
export interface LogRuleCase {
  readonly id: string;
  readonly hits: readonly LogSample[];
  readonly misses: readonly LogSample[];
}

const SECURITY = "Security";
const DEFENDER = "Microsoft-Windows-Windows Defender/Operational";
const CLASSIC = "Windows PowerShell";
const SSH = "OpenSSH/Operational";
const SYSMON = "Microsoft-Windows-Sysmon/Operational";
const RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
let recordId = 1000;

/** A Windows event of `channel` as the normalizer makes it. */
export function ev(
  channel: string,
  provider: string,
  eventId: number,
  service: string,
  category: string | undefined,
  data: Fields,
): Event {
  const id = ++recordId;
  const fields: Fields = {
    EventID: eventId,
    Channel: channel,
    Provider_Name: provider,
    Computer: "dc01.contoso.local",
    EventRecordID: id,
    ...data,
  };
  return {
    kind: "windows",
    time: { iso: "2026-11-25T09:00:00.0000000Z", ms: Date.UTC(2026, 10, 25, 9) },
    host: "dc01.contoso.local",
    identity: { provider, channel, eventId, recordId: id },
    logsource: {
      product: "windows",
      service,
      ...(category !== undefined && { category, categories: [category] }),
    },
    fields,
    provenance: { file: "rule-pack-log-cases", format: "evtx", recordId: id },
  };
}

/** A Security event. */
export const sec = (eventId: number, data: Fields): Event =>
  ev(SECURITY, "Microsoft-Windows-Security-Auditing", eventId, "security", undefined, data);
const sys7045 = (data: Fields): Event =>
  ev("System", "Service Control Manager", 7045, "system", undefined, { ServiceName: "x", ...data });
const app = (eventId: number, data: string): Event =>
  ev("Application", "MSSQLSERVER", eventId, "application", undefined, { Data: data });
const ps4104 = (text: string): Event =>
  ev(
    "Microsoft-Windows-PowerShell/Operational",
    "Microsoft-Windows-PowerShell",
    4104,
    "powershell",
    "ps_script",
    {
      ScriptBlockText: text,
    },
  );
const fw = (data: Fields): Event =>
  ev(
    "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall",
    "Microsoft-Windows-Windows Firewall With Advanced Security",
    2004,
    "firewall-as",
    undefined,
    { RuleName: "r", ...data },
  );
const bits = (url: string): Event =>
  ev(
    "Microsoft-Windows-Bits-Client/Operational",
    "Microsoft-Windows-Bits-Client",
    59,
    "bits-client",
    undefined,
    {
      name: "job",
      url,
    },
  );
const sysmon = (eventId: number, category: string, data: Fields): Event =>
  ev(SYSMON, "Microsoft-Windows-Sysmon", eventId, "sysmon", category, {
    RuleName: "-",
    ProcessId: 4242,
    ...data,
  });
const file = (image: string, target: string): Event =>
  sysmon(11, "file_event", { Image: image, TargetFilename: target });
const reg = (target: string, details: string): Event =>
  sysmon(13, "registry_event", {
    EventType: "SetValue",
    Image: "C:\\Windows\\System32\\reg.exe",
    TargetObject: target,
    Details: details,
  });
const pipe = (name: string): Event =>
  sysmon(17, "pipe_created", { EventType: "CreatePipe", Image: "C:\\Windows\\svc.exe", PipeName: name });

const WINSOCK = "Microsoft-Windows-Winsock-WS2HELP/Operational";
/** A Security 4688 as the normalizer makes it (process_creation category, Sysmon field names). */
const proc4688 = (data: Fields): Event =>
  ev(SECURITY, "Microsoft-Windows-Security-Auditing", 4688, "security", "process_creation", data);
const rdp = (eventId: number, data: Fields): Event =>
  ev(
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS",
    eventId,
    "rdpcorets",
    undefined,
    data,
  );

/** Hits and near misses of every detection rule of the pack's Windows-log rules. */
export const LOG_CASES: readonly LogRuleCase[] = [
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
    id: "0d2fc3ef-d52b-4692-a123-a8b72ed2f0a9", // win_system_service_shell_image_path
    hits: [["cmd service", sys7045({ ImagePath: "%COMSPEC% /Q /c echo dir > \\\\127.0.0.1\\C$\\__output" })]],
    misses: [
      ["driver", sys7045({ ImagePath: "C:\\Program Files\\Vendor\\agent.exe" })],
      [
        "Defender kernel helper",
        sys7045({
          ImagePath: "C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{1}\\MpKsl1.sys",
        }),
      ],
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
    id: "37b95e3d-1d4e-42a7-b41f-3aee756a0a58", // win_defender_exclusion_added
    hits: [
      [
        "path exclusion",
        ev(DEFENDER, "Microsoft-Windows-Windows Defender", 5007, "windefend", undefined, {
          "New Value": "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Exclusions\\Paths\\C:\\x = 0x0",
        }),
      ],
    ],
    misses: [
      [
        "signature setting",
        ev(DEFENDER, "Microsoft-Windows-Windows Defender", 5007, "windefend", undefined, {
          "New Value": "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\X = 0x1",
        }),
      ],
    ],
  },
  {
    id: "bdf8be84-5b63-4a88-88d5-29e752ed34e6", // posh_ps_defender_tampering
    hits: [["exclusion path", ps4104("Set-MpPreference -ExclusionPath c:\\x")]],
    misses: [["scan schedule", ps4104("Set-MpPreference -ScanScheduleDay 1")]],
  },
  {
    id: "e4b2cc6a-1599-4ba8-a9f0-edf3afea08f8", // win_firewall_as_any_any_allow_inbound
    hits: [
      [
        "any any inbound allow",
        fw({ Direction: "1", Action: "3", RemoteAddresses: "*", ApplicationPath: "", LocalPorts: "" }),
      ],
    ],
    misses: [
      [
        "program rule",
        fw({
          Direction: "1",
          Action: "3",
          RemoteAddresses: "*",
          ApplicationPath: "C:\\Program Files\\App\\app.exe",
          LocalPorts: "",
        }),
      ],
    ],
  },
  {
    id: "777ff998-430b-4033-ba4f-0a14f0ef0ffb", // win_bits_client_executable_download
    hits: [
      ["exe from an IP", bits("http://203.0.113.5/calc.exe")],
      ["local program", bits("C:\\Windows\\system32\\cmd.exe")],
    ],
    misses: [
      ["Windows update", bits("http://download.windowsupdate.com/x/y.exe")],
      ["json", bits("https://example.org/config.json")],
    ],
  },
  {
    id: "6115ef36-c34c-4896-ba50-ae4627989996", // file_event_win_hosts_file_written
    hits: [["hosts", file("C:\\Windows\\notepad.exe", "C:\\Windows\\System32\\drivers\\etc\\hosts")]],
    misses: [
      ["hosts.bak", file("C:\\Windows\\notepad.exe", "C:\\Windows\\System32\\drivers\\etc\\hosts.bak")],
    ],
  },
  {
    id: "ad9a7cc9-73fb-409c-92dc-b83f1d7b5a08", // registry_event_win_security_control_keys
    hits: [
      [
        "execution policy",
        reg(
          "HKLM\\SOFTWARE\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell\\ExecutionPolicy",
          "Unrestricted",
        ),
      ],
      [
        "pending GPO",
        reg(
          "HKU\\S-1-5-21-1\\Software\\Microsoft\\IEAK\\GroupPolicy\\PendingGPOs\\Count",
          "DWORD (0x00000001)",
        ),
      ],
    ],
    misses: [
      [
        "RemoteSigned",
        reg(
          "HKLM\\SOFTWARE\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell\\ExecutionPolicy",
          "RemoteSigned",
        ),
      ],
    ],
  },
  {
    id: "af8725ea-5dbe-44ec-ac02-7f8884f56576", // registry_event_win_protection_disabled_keys
    hits: [
      [
        "CLM removed",
        reg("HKLM\\System\\CurrentControlSet\\Control\\SESSION MANAGER\\Environment\\__PSLockdownPolicy", ""),
      ],
      [
        "Defender disabled",
        reg("HKLM\\System\\CurrentControlSet\\Services\\WinDefend\\Start", "DWORD (0x00000004)"),
      ],
    ],
    misses: [
      [
        "Defender automatic",
        reg("HKLM\\System\\CurrentControlSet\\Services\\WinDefend\\Start", "DWORD (0x00000002)"),
      ],
    ],
  },
  {
    id: "8a5abe05-8433-45f6-9357-f0dbb612d241", // registry_event_win_service_failure_or_path_to_shell
    hits: [
      [
        "FailureCommand to Temp",
        reg("HKLM\\System\\CurrentControlSet\\Services\\W32Time\\FailureCommand", "C:\\Temp\\x.exe"),
      ],
    ],
    misses: [
      [
        "normal ImagePath",
        reg("HKLM\\System\\CurrentControlSet\\Services\\App\\ImagePath", "C:\\Program Files\\App\\svc.exe"),
      ],
    ],
  },
  {
    id: "b07e0385-ff9e-49cb-9c79-7cc4dbe471cd", // pipe_created_win_remote_exec_tool_pipes
    hits: [
      ["renamed PsExec service", pipe("\\svc-WS01-8116-stdin")],
      ["kekeo", pipe("\\kekeo_tsssp_endpoint")],
    ],
    misses: [
      ["PsExec itself", pipe("\\PSEXESVC-WS01-8116-stdin")],
      ["srvsvc", pipe("\\srvsvc")],
    ],
  },
  {
    id: "5622b88a-2cc4-4b54-9d6e-d55998c1d9b5", // posh_ps_group_and_spn_discovery
    hits: [
      ["local admins", ps4104("Get-LocalGroupMember -Name Administrators")],
      ["SPN search", ps4104('([adsisearcher]"(servicePrincipalName=*)").FindAll()')],
    ],
    misses: [["other group", ps4104("Get-LocalGroupMember -Name Users")]],
  },
  {
    id: "0205d29f-d159-4853-898d-4d404cf74527", // posh_ps_service_or_log_tampering
    hits: [
      [
        "FailureCommand",
        ps4104(
          "Set-ItemProperty -path HKLM:\\System\\CurrentControlSet\\services\\x -name FailureCommand -value c:\\nc.exe",
        ),
      ],
      ["clear logs", ps4104("Clear-EventLog -LogName system")],
    ],
    misses: [
      ["read service", ps4104("Get-ItemProperty -path HKLM:\\System\\CurrentControlSet\\services\\x")],
    ],
  },
  {
    id: "c17ac65b-d11b-4b8e-b49a-aabfdb67f337", // posh_pc_engine_version_2
    hits: [
      [
        "engine 2",
        ev(CLASSIC, "PowerShell", 400, "powershell-classic", "ps_classic_start", {
          Data: "Available,None,\tNewEngineState=Available\r\n\tEngineVersion=2.0\r\n",
        }),
      ],
    ],
    misses: [
      [
        "engine 5.1",
        ev(CLASSIC, "PowerShell", 400, "powershell-classic", "ps_classic_start", {
          Data: "Available,None,\tNewEngineState=Available\r\n\tEngineVersion=5.1.1\r\n",
        }),
      ],
    ],
  },
  {
    id: "d7b2ffbe-8777-459c-94cf-05073730439a", // win_app_mssql_failed_login
    hits: [
      ["18456", app(18456, "sa, Reason: Password did not match")],
      ["33205 LGIF", app(33205, "action_id:LGIF\nsucceeded:false\n")],
    ],
    misses: [["33205 success", app(33205, "action_id:LGIS\nsucceeded:true\n")]],
  },
  {
    id: "cce59c7c-b02e-4eb5-8e3d-f8e228233646", // win_app_mssql_role_member_added
    hits: [["APRL", app(33205, "action_id:APRL\nsucceeded:true\n")]],
    misses: [["select", app(33205, "action_id:SL\nsucceeded:true\n")]],
  },
  {
    id: "20e9d3fa-9e0a-4b16-af4d-9fad42982990", // win_openssh_failed_password
    hits: [
      [
        "failed password",
        ev(SSH, "OpenSSH", 4, "openssh", undefined, {
          payload: "Failed password for bob from 10.0.0.9 port 1 ssh2",
        }),
      ],
    ],
    misses: [
      [
        "listening",
        ev(SSH, "OpenSSH", 4, "openssh", undefined, { payload: "Server listening on 0.0.0.0 port 22." }),
      ],
    ],
  },
  // --- second round (t12) ---
  {
    id: "874a12b6-cc52-45bb-91ab-3c9c8fe1059e", // registry_event_win_mikiwame_uac_bypass_shell_open_command
    hits: [
      [
        "changepk handler",
        reg(
          "HKU\\S-1-5-21-1-2-3-1000_Classes\\Launcher.SystemSettings\\shell\\open\\command\\(Default)",
          "C:\\Windows\\System32\\cmd.exe",
        ),
      ],
      [
        "fodhelper handler",
        reg("HKCU\\Software\\Classes\\ms-settings\\shell\\open\\command\\DelegateExecute", "(Empty)"),
      ],
    ],
    misses: [
      [
        "machine-wide handler",
        reg("HKLM\\Software\\Classes\\mscfile\\shell\\open\\command\\(Default)", "mmc.exe"),
      ],
      ["other class", reg("HKCU\\Software\\Classes\\txtfile\\shell\\open\\command\\(Default)", "notepad")],
    ],
  },
  {
    id: "32f302c3-c697-42dc-952a-895017c7a8f2", // registry_event_win_mikiwame_uscheduler_command_line
    hits: [
      [
        "cmd as cmdLine",
        reg(
          "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\51999\\cmdLine",
          "c:\\windows\\system32\\cmd.exe",
        ),
      ],
    ],
    misses: [
      [
        "update binary",
        reg(
          "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\6\\cmdLine",
          "C:\\Windows\\UUS\\amd64\\MoUsoCoreWorker.exe",
        ),
      ],
    ],
  },
  {
    id: "94cfbb81-b13b-451c-9bd7-26c591aad021", // proc_creation_win_mikiwame_rundll32_spawns_hollowing_host
    hits: [
      [
        "rundll32 → wermgr",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\wermgr.exe",
          ParentImage: "C:\\Windows\\SysWOW64\\rundll32.exe",
        }),
      ],
    ],
    misses: [
      [
        "svchost → wermgr",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\wermgr.exe",
          ParentImage: "C:\\Windows\\System32\\svchost.exe",
        }),
      ],
      [
        "rundll32 → WerFault (crash)",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\WerFault.exe",
          ParentImage: "C:\\Windows\\System32\\rundll32.exe",
        }),
      ],
    ],
  },
  {
    id: "76d23b09-5877-4945-89dc-a0f376d3136f", // proc_access_win_mikiwame_script_host_full_access_explorer
    hits: [
      [
        "powershell full access",
        sysmon(10, "process_access", {
          SourceImage: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
          TargetImage: "C:\\Windows\\Explorer.EXE",
          GrantedAccess: "0x1f3fff",
        }),
      ],
    ],
    misses: [
      [
        "query access",
        sysmon(10, "process_access", {
          SourceImage: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
          TargetImage: "C:\\Windows\\Explorer.EXE",
          GrantedAccess: "0x1000",
        }),
      ],
    ],
  },
  {
    id: "924153a0-e8ce-4faf-92a9-c8fd952f2e4f", // proc_creation_win_mikiwame_shell_from_dcomlaunch
    hits: [
      [
        "cmd under DcomLaunch",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\cmd.exe",
          ParentImage: "C:\\Windows\\System32\\svchost.exe",
          ParentCommandLine: "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p -s PlugPlay",
        }),
      ],
    ],
    misses: [
      [
        "cmd under netsvcs",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\cmd.exe",
          ParentImage: "C:\\Windows\\System32\\svchost.exe",
          ParentCommandLine: "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
        }),
      ],
    ],
  },
  {
    id: "c03aa790-94f9-4ba2-84e3-c2012c757736", // proc_creation_win_mikiwame_output_to_loopback_admin_share
    hits: [
      [
        "wmiexec output",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\cmd.exe",
          CommandLine: "cmd.exe /Q /c whoami 1> \\\\127.0.0.1\\ADMIN$\\__1690000000.5 2>&1",
        }),
      ],
    ],
    misses: [
      [
        "copy to a file server",
        sysmon(1, "process_creation", {
          Image: "C:\\Windows\\System32\\cmd.exe",
          CommandLine: "cmd.exe /c copy a.txt \\\\fs01\\share\\a.txt",
        }),
      ],
    ],
  },
  {
    id: "0d707567-fcb8-402c-a064-ca5f997f8ead", // posh_ps_mikiwame_call_operator_on_concatenated_name
    hits: [["emotet-style", ps4104("&('ne'+'w-'+'item') $env:temp\\x -itemtype Directory")]],
    misses: [["plain call", ps4104("& 'C:\\tools\\build.ps1' + $args; New-Item x")]],
  },
  {
    id: "5ee020dd-1f2b-44bb-8a34-0161c631fa1a", // posh_pc_mikiwame_call_operator_on_concatenated_name
    hits: [
      [
        "800 pipeline text",
        ev(CLASSIC, "PowerShell", 800, "powershell-classic", "ps_classic_script", {
          Data: ['.("Inv"+"oke-Expression") $x', "DetailSequence=1"],
        }),
      ],
    ],
    misses: [
      [
        "plain pipeline",
        ev(CLASSIC, "PowerShell", 800, "powershell-classic", "ps_classic_script", {
          Data: ["Get-Item ('C:\\' + 'x')", "DetailSequence=1"],
        }),
      ],
    ],
  },
  {
    id: "0687952e-d2f1-40c0-95ec-f16fd2f4df36", // win_system_mikiwame_dcom_lateral_object_remote_launch_denied
    hits: [
      [
        "remote MMC20",
        ev("System", "Microsoft-Windows-DistributedCOM", 10016, "system", undefined, {
          param2: "Remote",
          param3: "Launch",
          param4: "{49B2791A-B1AE-4C90-9B8E-E860BA07F889}",
        }),
      ],
    ],
    misses: [
      [
        "local broker",
        ev("System", "Microsoft-Windows-DistributedCOM", 10016, "system", undefined, {
          param2: "Local",
          param3: "Activation",
          param4: "Windows.SecurityCenter.WscBrokerManager",
        }),
      ],
    ],
  },
  {
    id: "706836fe-fc53-4551-91b0-46ad19b39e3f", // win_app_mikiwame_mssql_code_execution_option
    hits: [
      ["xp_cmdshell blocked", app(15281, "procedure sys.xp_cmdshell xp_cmdshell")],
      ["clr enabled", app(15457, "clr enabled")],
    ],
    misses: [["other option", app(15457, "max server memory (MB)")]],
  },
  {
    id: "50c2f3e3-3de5-4805-a836-785c14aaaebe", // win_rdpcorets_mikiwame_ms_t120_channel_bluekeep
    hits: [["MS_T120", rdp(148, { ChannelName: "ms_t120", TunnelID: 0 })]],
    misses: [["rdpdr", rdp(148, { ChannelName: "rdpdr", TunnelID: 0 })]],
  },
  {
    id: "431f985b-3623-4864-b754-4160092c7745", // win_winsock_mikiwame_layered_service_provider_installed
    hits: [
      [
        "LSP added",
        ev(WINSOCK, "Microsoft-Windows-Winsock-WS2HELP", 1, "winsock-ws2help", undefined, {
          LSPName: "Some LSP",
          Catalog: 32,
        }),
      ],
    ],
    misses: [
      [
        "other event",
        ev(WINSOCK, "Microsoft-Windows-Winsock-WS2HELP", 2, "winsock-ws2help", undefined, { Catalog: 32 }),
      ],
    ],
  },
  {
    id: "9dd2178f-2bbf-4371-bc42-051bf6869090", // proc_creation_win_mikiwame_remote_service_or_task_created
    hits: [
      [
        "sc remote create",
        proc4688({
          Image: "C:\\Windows\\System32\\sc.exe",
          CommandLine: 'sc  \\\\fs02\\ create svc binPath="x.exe"',
        }),
      ],
      [
        "schtasks remote",
        proc4688({
          Image: "C:\\Windows\\System32\\schtasks.exe",
          CommandLine: "schtasks /create /s fs02 /tn t /tr x.exe /sc daily",
        }),
      ],
    ],
    misses: [
      [
        "local task",
        proc4688({
          Image: "C:\\Windows\\System32\\schtasks.exe",
          CommandLine: "schtasks /create /tn t /tr x.exe /sc daily",
        }),
      ],
      [
        "sc local config with an escaped quote",
        proc4688({
          Image: "C:\\Windows\\System32\\sc.exe",
          CommandLine: 'sc config Fax binPath= "powershell.exe -c \\"write-host x\\""',
        }),
      ],
      [
        "sc local create",
        proc4688({ Image: "C:\\Windows\\System32\\sc.exe", CommandLine: 'sc create svc binPath="x.exe"' }),
      ],
    ],
  },
  {
    id: "3928ba60-60d5-4e66-aaac-00b8eac86b47", // proc_creation_win_mikiwame_sql_server_single_user_mode
    hits: [
      [
        "net start /m",
        proc4688({ Image: "C:\\Windows\\System32\\net.exe", CommandLine: "net.exe start MSSQL$RADAR /m" }),
      ],
    ],
    misses: [
      [
        "normal start",
        proc4688({ Image: "C:\\Windows\\System32\\net.exe", CommandLine: "net.exe start MSSQL$RADAR" }),
      ],
    ],
  },
  {
    id: "fe661beb-05e3-4ea9-9350-68c1d18a1aa8", // proc_creation_win_mikiwame_defender_feature_disabled_cmdline
    hits: [
      [
        "CFA off",
        proc4688({
          Image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
          CommandLine: 'powershell.exe -command "Set-MpPreference -EnableControlledFolderAccess Disabled"',
        }),
      ],
    ],
    misses: [
      [
        "CFA on",
        proc4688({
          Image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
          CommandLine: 'powershell.exe -command "Set-MpPreference -EnableControlledFolderAccess Enabled"',
        }),
      ],
    ],
  },
  {
    id: "2b5cc786-9ed5-4f4d-9f49-aca3469156a6", // win_system_mikiwame_security_minifilter_unloaded
    hits: [
      [
        "SysmonDrv",
        ev("System", "Microsoft-Windows-FilterManager", 1, "system", undefined, { DeviceName: "SysmonDrv" }),
      ],
    ],
    misses: [
      [
        "other filter",
        ev("System", "Microsoft-Windows-FilterManager", 1, "system", undefined, { DeviceName: "bindflt" }),
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
    id: "352e7e0b-c2a9-4bc3-9db6-3fb2959f9d7a", // posh_ps_mikiwame_remote_dcom_object_instantiated
    hits: [
      [
        "MMC20 on fs01",
        ps4104(
          '$a = [System.Activator]::CreateInstance([type]::GetTypeFromProgID("MMC20.Application.1","fs01"))',
        ),
      ],
    ],
    misses: [["local Excel", ps4104('$x = [type]::GetTypeFromProgID("Excel.Application")')]],
  },
  {
    id: "5d8ed0dc-e1c0-47a0-913c-4f18f6f85e98", // image_load_win_mikiwame_lsass_loads_dll_from_share
    hits: [
      [
        "UNC",
        sysmon(7, "image_load", {
          Image: "C:\\Windows\\System32\\lsass.exe",
          ImageLoaded: "\\\\172.16.66.254\\shared\\lsadb.dll",
        }),
      ],
    ],
    misses: [
      [
        "System32",
        sysmon(7, "image_load", {
          Image: "C:\\Windows\\System32\\lsass.exe",
          ImageLoaded: "C:\\Windows\\System32\\lsasrv.dll",
        }),
      ],
    ],
  },
  {
    id: "bce025fc-c596-43a0-b390-8050ae6a6869", // image_load_win_mikiwame_rdp_activex_outside_system
    hits: [
      [
        "tool in ProgramData",
        sysmon(7, "image_load", {
          Image: "C:\\ProgramData\\x\\SharpRDP.exe",
          ImageLoaded: "C:\\Windows\\System32\\mstscax.dll",
        }),
      ],
    ],
    misses: [
      [
        "mstsc",
        sysmon(7, "image_load", {
          Image: "C:\\Windows\\System32\\mstsc.exe",
          ImageLoaded: "C:\\Windows\\System32\\mstscax.dll",
        }),
      ],
    ],
  },
  {
    id: "a4fa5356-1327-438a-a319-33d0d9b09a7f", // win_security_mikiwame_credential_manager_backup
    hits: [["5376", sec(5376, { BackupFileName: "C:\\Windows\\TEMP\\CRD1.tmp" })]],
    misses: [["5379 read", sec(5379, { CountOfCredentialsReturned: 9 })]],
  },
  {
    id: "15a61542-4bb6-4a15-aaf3-439547c6a07a", // file_event_win_mikiwame_exchange_transport_agent_config
    hits: [
      [
        "text editor",
        file(
          "C:\\Program Files (x86)\\Notepad++\\notepad++.exe",
          "E:\\Exchange2016\\TransportRoles\\Shared\\agents.config",
        ),
      ],
    ],
    misses: [
      [
        "Exchange transport",
        file(
          "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\MSExchangeTransport.exe",
          "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Shared\\agents.config",
        ),
      ],
    ],
  },
  {
    id: "aeceaff4-e2cc-4448-afc4-95ee06c84a9a", // win_rdpcorets_mikiwame_minimal_desktop_size
    hits: [["200 x 200 monitor", rdp(168, { MonitorNum: 0, MonitorWidth: 200, MonitorHeight: 200 })]],
    misses: [
      ["laptop screen", rdp(168, { MonitorNum: 0, MonitorWidth: 1366, MonitorHeight: 768 })],
      ["narrow but tall", rdp(168, { MonitorNum: 1, MonitorWidth: 300, MonitorHeight: 1024 })],
    ],
  },
  {
    id: "5f0643c1-25b3-478b-a489-e0ce9ebc0627", // posh_ps_mikiwame_named_pipe_server
    hits: [
      [
        "pipe server",
        ps4104(
          "$p = New-Object System.IO.Pipes.NamedPipeServerStream($Pipe, [System.IO.Pipes.PipeDirection]::InOut)",
        ),
      ],
    ],
    misses: [
      ["pipe client", ps4104("$p = New-Object System.IO.Pipes.NamedPipeClientStream('.', 'x', 'InOut')")],
    ],
  },
  {
    id: "0d1e7a45-4bd2-4e76-a738-9c26176fa291", // posh_pc_mikiwame_named_pipe_server
    hits: [["800 pipe server", ps800("Try {$o = New-Object System.IO.Pipes.NamedPipeServerStream($Pipe)}")]],
    misses: [["800 pipe client", ps800("$o = New-Object System.IO.Pipes.NamedPipeClientStream('.', 'x')")]],
  },
  {
    id: "220d4692-3411-461f-9f8a-649b9de2be20", // posh_pm_mikiwame_named_pipe_server
    hits: [
      [
        "4103 New-Object pipe server",
        ps4103(
          'ParameterBinding(New-Object): name="TypeName"; value="System.IO.Pipes.NamedPipeServerStream"',
        ),
      ],
    ],
    misses: [
      [
        "4103 New-Object pipe client",
        ps4103(
          'ParameterBinding(New-Object): name="TypeName"; value="System.IO.Pipes.NamedPipeClientStream"',
        ),
      ],
    ],
  },
  {
    id: "988a45a6-5caf-4370-8083-93090510a6c7", // net_connection_win_mikiwame_explorer_inbound
    hits: [["inbound tcp", sysmonNet({ Image: "C:\\Windows\\explorer.exe", Initiated: false })]],
    misses: [
      ["outbound tcp", sysmonNet({ Image: "C:\\Windows\\explorer.exe", Initiated: true })],
      ["inbound svchost", sysmonNet({ Image: "C:\\Windows\\System32\\svchost.exe", Initiated: false })],
    ],
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
    id: "d4fac838-9bc3-4d1e-9f47-cb54b4388023", // win_winrm_mikiwame_remote_cmd_shell
    hits: [
      [
        "resource URI",
        winrm91({ resourceUri: "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd" }),
      ],
      [
        "hex payload",
        winrm91({
          EventPayload: Buffer.from(
            "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd\0",
            "utf16le",
          )
            .toString("hex")
            .toUpperCase(),
        }),
      ],
    ],
    misses: [
      [
        "PowerShell remoting",
        winrm91({ resourceUri: "http://schemas.microsoft.com/powershell/Microsoft.PowerShell" }),
      ],
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
    id: "e84db884-5249-4d48-9f27-f0ac496a0022", // win_rdpcorets_mikiwame_connection_accepted (building block)
    hits: [["131", rdpAccepted("10.0.0.9:50000")]],
    misses: [["68", rdp(68, { ConnectionName: "RDP-Tcp#0" })]],
  },
  {
    id: "e199736f-cbfc-450c-8c9a-f36831c7f868", // win_terminalservices_rcm_mikiwame_user_authenticated (building block)
    hits: [["1149", rcm1149("srv01", "10.0.0.9")]],
    misses: [
      [
        "1158",
        ev(
          RCM,
          "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
          1158,
          "terminalservices-remoteconnectionmanager",
          undefined,
          { Param1: "10.0.0.9" },
        ),
      ],
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
  {
    id: "b9e40b25-b598-4eeb-86c8-2096a051abad", // net_connection_win_mikiwame_smb_connection_initiated (building block)
    hits: [["to 445", smbTo("10.0.0.21")]],
    misses: [["inbound 445", sysmonNet({ Image: "System", Initiated: false, DestinationPort: 445 })]],
  },
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

// Builders of the third round (function declarations: hoisted, so LOG_CASES above can use them).

/** A classic Windows PowerShell 800 event whose pipeline details hold `text`. */
function ps800(text: string): Event {
  return ev(CLASSIC, "PowerShell", 800, "powershell-classic", "ps_classic_script", {
    Data: [text, "HostName=ConsoleHost"],
  });
}

/** A PowerShell module-logging 4103 event with `payload`. */
function ps4103(payload: string): Event {
  return ev(
    "Microsoft-Windows-PowerShell/Operational",
    "Microsoft-Windows-PowerShell",
    4103,
    "powershell",
    "ps_module",
    {
      Payload: payload,
    },
  );
}

/** A WinRM Operational 91 (shell created) event. */
function winrm91(data: Fields): Event {
  return ev("Microsoft-Windows-WinRM/Operational", "Microsoft-Windows-WinRM", 91, "winrm", undefined, data);
}

/** A Sysmon 3 TCP connection. */
export function sysmonNet(data: Fields): Event {
  return ev(SYSMON, "Microsoft-Windows-Sysmon", 3, "sysmon", "network_connection", {
    RuleName: "-",
    ProcessId: 4,
    Protocol: "tcp",
    SourceIp: "10.0.0.5",
    DestinationIp: "10.0.0.6",
    DestinationPort: 49158,
    ...data,
  });
}

/** A Sysmon 3 SMB connection from System to `ip`. */
export function smbTo(ip: string): Event {
  return sysmonNet({ Image: "System", Initiated: true, DestinationIp: ip, DestinationPort: 445 });
}

/** An RdpCoreTS 131 (connection accepted) from `clientIp` (address:port, as logged). */
export function rdpAccepted(clientIp: string): Event {
  return ev(
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
    "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS",
    131,
    "rdpcorets",
    undefined,
    { ConnType: "TCP", ClientIP: clientIp },
  );
}

/** A TerminalServices-RemoteConnectionManager 1149 (RDP user authenticated) on `computer` from `source`. */
export function rcm1149(computer: string, source: string): Event {
  return ev(
    RCM,
    "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
    1149,
    "terminalservices-remoteconnectionmanager",
    undefined,
    { Computer: computer, Param1: "admin", Param2: "CONTOSO", Param3: source },
  );
}
