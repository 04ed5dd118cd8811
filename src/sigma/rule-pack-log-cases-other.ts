/**
 * Test cases of the pack's rules on the other Windows logs (System, Application, Defender, firewall, BITS,
 * OpenSSH, PowerShell, RdpCoreTS, WinRM …): per detection rule, events it must hit and near misses it must
 * not (run by rule-pack.test.ts through rule-pack-log-cases.ts).
 */
import {
  type LogRuleCase,
  CLASSIC,
  DEFENDER,
  RCM,
  SSH,
  WINSOCK,
  app,
  bits,
  ev,
  fw,
  ps4103,
  ps4104,
  ps800,
  rcm1149,
  rdp,
  rdpAccepted,
  sys7045,
  winrm91,
} from "./rule-pack-log-events.js";

export const OTHER_LOG_CASES: readonly LogRuleCase[] = [
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
];
