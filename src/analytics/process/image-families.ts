/**
 * Families of well-known Windows images, by lower-case file name: document apps, browsers, mail
 * clients, shells and script hosts, system launchers, system binaries and where they belong, archivers,
 * and programs that legitimately write executables. The detectors and the root-cause walk decide from
 * these small, documented tables. Input: an image path or name. Output: membership answers.
 */
import { baseName, isInSystemFolder, isInWindowsRoot, normalizePath } from "./windows-path.js";

/** Office and document readers: a shell started by one of these is the classic malicious-document sign. */
export const DOCUMENT_APPS = [
  "winword.exe",
  "excel.exe",
  "powerpnt.exe",
  "msaccess.exe",
  "mspub.exe",
  "onenote.exe",
  "visio.exe",
  "eqnedt32.exe",
  "acrord32.exe",
  "acrobat.exe",
  "hwp.exe",
  "ichitaro.exe",
] as const;

export const BROWSERS = [
  "chrome.exe",
  "msedge.exe",
  "firefox.exe",
  "iexplore.exe",
  "opera.exe",
  "brave.exe",
  "vivaldi.exe",
] as const;

export const MAIL_CLIENTS = ["outlook.exe", "thunderbird.exe", "olk.exe", "hxoutlook.exe"] as const;

/** Shells, script hosts and proxy-execution binaries: unexpected as children of user applications. */
export const SHELLS_AND_SCRIPT_HOSTS = [
  "cmd.exe",
  "powershell.exe",
  "pwsh.exe",
  "powershell_ise.exe",
  "wscript.exe",
  "cscript.exe",
  "mshta.exe",
  "bash.exe",
  "wsl.exe",
  "rundll32.exe",
  "regsvr32.exe",
  "certutil.exe",
  "bitsadmin.exe",
  "msbuild.exe",
  "schtasks.exe",
  "wmic.exe",
  "hh.exe",
] as const;

/**
 * Genuine, signed Windows tools that attackers run for their own ends (living off the land): for these,
 * a valid Microsoft signature and the System32 path say nothing about intent, so the verdict does not
 * count them as counter-evidence (docs/verdict.md §2). Shells and script hosts are in the list too.
 */
export const DUAL_USE_TOOLS = [
  ...SHELLS_AND_SCRIPT_HOSTS,
  "reg.exe",
  "regedit.exe",
  "sc.exe",
  "net.exe",
  "net1.exe",
  "netsh.exe",
  "vssadmin.exe",
  "wevtutil.exe",
  "bcdedit.exe",
  "icacls.exe",
  "takeown.exe",
  "attrib.exe",
  "nltest.exe",
  "dsquery.exe",
  "at.exe",
  "msiexec.exe",
  "installutil.exe",
  "regasm.exe",
  "regsvcs.exe",
  "cmstp.exe",
  "odbcconf.exe",
  "forfiles.exe",
  "pcalua.exe",
  "wmiprvse.exe",
  "ntdsutil.exe",
  "esentutl.exe",
  "diskshadow.exe",
  "curl.exe",
  "ftp.exe",
  "expand.exe",
  "extrac32.exe",
  "makecab.exe",
  "mavinject.exe",
  "control.exe",
  "setspn.exe",
  "csc.exe",
  "vbc.exe",
  "jsc.exe",
  "ilasm.exe",
] as const;

/**
 * System and shell processes that start other programs as part of normal operation (boot, logon,
 * services, tasks, the desktop). They are never the root cause of what they start.
 */
export const SYSTEM_LAUNCHERS = [
  "system",
  "smss.exe",
  "csrss.exe",
  "wininit.exe",
  "winlogon.exe",
  "services.exe",
  "lsass.exe",
  "svchost.exe",
  "userinit.exe",
  "explorer.exe",
  "sihost.exe",
  "taskhostw.exe",
  "taskhost.exe",
  "taskeng.exe",
  "runtimebroker.exe",
  "wmiprvse.exe",
  "dllhost.exe",
] as const;

/** Windows binaries that live in System32 / SysWOW64 (a copy elsewhere is masquerading). */
export const SYSTEM_BINARIES = [
  "svchost.exe",
  "lsass.exe",
  "lsaiso.exe",
  "csrss.exe",
  "smss.exe",
  "wininit.exe",
  "winlogon.exe",
  "services.exe",
  "lsm.exe",
  "spoolsv.exe",
  "taskhost.exe",
  "taskhostw.exe",
  "conhost.exe",
  "dllhost.exe",
  "rundll32.exe",
  "regsvr32.exe",
  "cmd.exe",
  "powershell.exe",
  "userinit.exe",
  "dwm.exe",
  "sihost.exe",
  "ctfmon.exe",
  "fontdrvhost.exe",
  "searchindexer.exe",
  "searchprotocolhost.exe",
  "runtimebroker.exe",
  "wmiprvse.exe",
  "mshta.exe",
  "certutil.exe",
  "schtasks.exe",
  "wscript.exe",
  "cscript.exe",
  "net.exe",
  "net1.exe",
  "whoami.exe",
  "msiexec.exe",
  "wuauclt.exe",
  "audiodg.exe",
  "explorer.exe",
  "notepad.exe",
  "regedit.exe",
] as const;

/** System binaries that also live directly in the Windows folder. */
const WINDOWS_ROOT_BINARIES = [
  "explorer.exe",
  "notepad.exe",
  "regedit.exe",
  "hh.exe",
  "splwow64.exe",
] as const;

/** Well-known application binaries: version info claiming one of these on another file is impersonation. */
export const WELL_KNOWN_APPS = [
  ...DOCUMENT_APPS,
  ...BROWSERS,
  ...MAIL_CLIENTS,
  "teams.exe",
  "onedrive.exe",
  "java.exe",
  "javaw.exe",
  "psexec.exe",
  "psexesvc.exe",
  "procdump.exe",
  "7z.exe",
  "winrar.exe",
] as const;

/** Archivers and the shell: writing an executable is how a user unpacks a download (delivery). */
export const ARCHIVERS = [
  "7z.exe",
  "7zg.exe",
  "7zfm.exe",
  "winrar.exe",
  "rar.exe",
  "unrar.exe",
  "winzip32.exe",
  "winzip64.exe",
  "bandizip.exe",
  "lhaplus.exe",
  "explorer.exe",
] as const;

/** Programs that write executables as their job (installers, updaters, antivirus), when in their own folders. */
export const EXECUTABLE_WRITERS = [
  "trustedinstaller.exe",
  "tiworker.exe",
  "msiexec.exe",
  "svchost.exe",
  "msmpeng.exe",
  "mpsigstub.exe",
  "mrt.exe",
  "wuauclt.exe",
  "dismhost.exe",
  "setuphost.exe",
  "googleupdate.exe",
  "microsoftedgeupdate.exe",
  "onedrivesetup.exe",
  "onedrivestandaloneupdater.exe",
  "compattelrunner.exe",
] as const;

const sets = {
  document: new Set<string>(DOCUMENT_APPS),
  browser: new Set<string>(BROWSERS),
  mail: new Set<string>(MAIL_CLIENTS),
  shell: new Set<string>(SHELLS_AND_SCRIPT_HOSTS),
  launcher: new Set<string>(SYSTEM_LAUNCHERS),
  system: new Set<string>(SYSTEM_BINARIES),
  windowsRoot: new Set<string>(WINDOWS_ROOT_BINARIES),
  wellKnown: new Set<string>([...SYSTEM_BINARIES, ...WELL_KNOWN_APPS]),
  archiver: new Set<string>(ARCHIVERS),
  writer: new Set<string>(EXECUTABLE_WRITERS),
  dualUse: new Set<string>(DUAL_USE_TOOLS),
};

/** The lower-case file name of an image path. */
export function imageName(image: string | undefined): string {
  return baseName(image).toLowerCase();
}

export const isDocumentApp = (name: string): boolean => sets.document.has(name);
export const isBrowser = (name: string): boolean => sets.browser.has(name);
export const isMailClient = (name: string): boolean => sets.mail.has(name);
export const isShellOrScriptHost = (name: string): boolean => sets.shell.has(name);
export const isSystemLauncherName = (name: string): boolean => sets.launcher.has(name);
export const isSystemBinaryName = (name: string): boolean => sets.system.has(name);
export const isWellKnownName = (name: string): boolean => sets.wellKnown.has(name);
export const isArchiverOrShell = (name: string): boolean => sets.archiver.has(name);
export const isExecutableWriterName = (name: string): boolean => sets.writer.has(name);
export const isDualUseTool = (name: string): boolean => sets.dualUse.has(name);

/** True when a system binary's path is where Windows puts it (System32, SysWOW64, WinSxS, or the Windows root for a few). */
export function isExpectedSystemLocation(image: string): boolean {
  const p = normalizePath(image);
  if (isInSystemFolder(p)) return true;
  return isInWindowsRoot(p) && sets.windowsRoot.has(imageName(image));
}

/**
 * True for a system launcher in its expected place (or with no known path, as placeholders often
 * are). `System` (the kernel, PID 4) has no path.
 */
export function isSystemLauncher(image: string | undefined): boolean {
  const name = imageName(image);
  if (!isSystemLauncherName(name)) return false;
  if (!image || name === "system" || !/[\\/]/.test(image)) return true;
  return isExpectedSystemLocation(image);
}
