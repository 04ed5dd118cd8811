/**
 * The executables and DLLs of the example incident: their paths and PE version info / signer.
 * Input: an image path. Output: the `Pe` metadata Sysmon reports for it (a "-" placeholder for
 * images not listed). The dropper and payload are unsigned and masquerade as Adobe / svchost.
 */

/** PE version info and signer of an image (no signer = unsigned). */
export interface Pe {
  readonly version: string;
  readonly description: string;
  readonly product: string;
  readonly company: string;
  readonly original: string;
  readonly signer?: string;
}
const WINDOWS = "Microsoft® Windows® Operating System";
const MS = "Microsoft Corporation";
const win = (description: string, original: string): Pe => ({
  version: "10.0.19041.3636 (WinBuild.160101.0800)",
  description,
  product: WINDOWS,
  company: MS,
  original,
  signer: "Microsoft Windows",
});
const office = (description: string, original: string): Pe => ({
  version: "16.0.17328.20162",
  description,
  product: "Microsoft Office",
  company: MS,
  original,
  signer: MS,
});
/** The System32 folder, with its trailing backslash. */
export const S32 = "C:\\Windows\\System32\\";
/** The Office 16 folder, with its trailing backslash. */
export const OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";
/** Chrome's executable. */
export const CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
/** The fake invoice the user runs from Temp. */
export const DROPPER = "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe";
/** The payload the dropper installs. */
export const PAYLOAD = "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe";
const PE: Record<string, Pe> = {
  "C:\\Windows\\explorer.exe": win("Windows Explorer", "EXPLORER.EXE"),
  [`${S32}userinit.exe`]: win("Userinit Logon Application", "USERINIT.EXE"),
  [`${S32}svchost.exe`]: win("Host Process for Windows Services", "svchost.exe"),
  [`${S32}taskhostw.exe`]: win("Host Process for Windows Tasks", "taskhostw.exe"),
  [`${S32}SearchProtocolHost.exe`]: win("Microsoft Windows Search Protocol Host", "SearchProtocolHost.exe"),
  [`${S32}cmd.exe`]: win("Windows Command Processor", "Cmd.Exe"),
  [`${S32}conhost.exe`]: win("Console Window Host", "CONHOST.EXE"),
  [`${S32}whoami.exe`]: win("whoami - displays logged on user information", "whoami.exe"),
  [`${S32}ipconfig.exe`]: win("IP Configuration Utility", "ipconfig.exe"),
  [`${S32}net.exe`]: win("Net Command", "net.exe"),
  [`${S32}wininet.dll`]: win("Internet Extensions for Win32", "wininet.dll"),
  [`${S32}winhttp.dll`]: win("Windows HTTP Services", "winhttp.dll"),
  [`${S32}bcrypt.dll`]: win("Windows Cryptographic Primitives Library", "bcrypt.dll"),
  [CHROME]: {
    version: "122.0.6261.95",
    description: "Google Chrome",
    product: "Google Chrome",
    company: "Google LLC",
    original: "chrome.exe",
    signer: "Google LLC",
  },
  "C:\\Program Files\\Google\\Chrome\\Application\\122.0.6261.95\\chrome.dll": {
    version: "122.0.6261.95",
    description: "Google Chrome",
    product: "Google Chrome",
    company: "Google LLC",
    original: "chrome.dll",
    signer: "Google LLC",
  },
  [`${OFFICE}OUTLOOK.EXE`]: office("Microsoft Outlook", "Outlook.exe"),
  [`${OFFICE}WINWORD.EXE`]: office("Microsoft Word", "WinWord.exe"),
  [`${OFFICE}EXCEL.EXE`]: office("Microsoft Excel", "Excel.exe"),
  [`${OFFICE}wwlib.dll`]: office("Microsoft Word", "wwlib.dll"),
  "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe": {
    version: "24.020.0128.0003",
    description: "Microsoft OneDrive",
    product: "Microsoft OneDrive",
    company: MS,
    original: "OneDrive.exe",
    signer: MS,
  },
  [DROPPER]: {
    version: "24.1.20604.0",
    description: "Adobe Acrobat Reader",
    product: "Adobe Acrobat Reader",
    company: "Adobe Systems Incorporated",
    original: "AcroRd32.exe",
  },
  [PAYLOAD]: {
    version: "10.0.19041.1",
    description: "Host Process for Windows Services",
    product: WINDOWS,
    company: MS,
    original: "svchost.exe",
  },
};
/** The PE metadata of `image` (placeholders for images not in the catalog). */
export const pe = (image: string): Pe => PE[image] ?? win("-", "-");
