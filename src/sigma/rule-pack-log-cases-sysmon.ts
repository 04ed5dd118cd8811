/**
 * Test cases of the pack's rules on Sysmon and process-creation events (process, file, registry, pipe,
 * network, image load, process access): per detection rule, events it must hit and near misses it must not
 * (run by rule-pack.test.ts through rule-pack-log-cases.ts).
 */
import {
  type LogRuleCase,
  file,
  pipe,
  proc4688,
  reg,
  smbTo,
  sysmon,
  sysmonNet,
} from "./rule-pack-log-events.js";

export const SYSMON_LOG_CASES: readonly LogRuleCase[] = [
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
    id: "988a45a6-5caf-4370-8083-93090510a6c7", // net_connection_win_mikiwame_explorer_inbound
    hits: [["inbound tcp", sysmonNet({ Image: "C:\\Windows\\explorer.exe", Initiated: false })]],
    misses: [
      ["outbound tcp", sysmonNet({ Image: "C:\\Windows\\explorer.exe", Initiated: true })],
      ["inbound svchost", sysmonNet({ Image: "C:\\Windows\\System32\\svchost.exe", Initiated: false })],
    ],
  },
  {
    id: "b9e40b25-b598-4eeb-86c8-2096a051abad", // net_connection_win_mikiwame_smb_connection_initiated (building block)
    hits: [["to 445", smbTo("10.0.0.21")]],
    misses: [["inbound 445", sysmonNet({ Image: "System", Initiated: false, DestinationPort: 445 })]],
  },
];
