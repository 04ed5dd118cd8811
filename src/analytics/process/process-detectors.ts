/**
 * The process-viewpoint detectors, in the order they run. Input: none. Output: the list the process
 * analyzer applies to every process (a caller may pass its own list).
 */
import { autorunRegistryDetector } from "./autorun-registry.js";
import { deceptiveNameDetector } from "./deceptive-name.js";
import { discoveryDetector } from "./discovery-commands.js";
import { executableDropDetector } from "./executable-drop.js";
import { lolbinDetector } from "./lolbin-abuse.js";
import { masqueradingDetector } from "./masquerading.js";
import { parentChildDetector } from "./parent-child.js";
import { processAccessDetector } from "./process-access.js";
import type { ProcessDetector } from "./process-detector.js";
import { suspiciousPathDetector } from "./suspicious-path.js";
import { unsignedTrustedDetector } from "./unsigned-trusted.js";

export const PROCESS_DETECTORS: readonly ProcessDetector[] = [
  parentChildDetector,
  processAccessDetector,
  masqueradingDetector,
  suspiciousPathDetector,
  deceptiveNameDetector,
  unsignedTrustedDetector,
  executableDropDetector,
  lolbinDetector,
  autorunRegistryDetector,
  discoveryDetector,
];
