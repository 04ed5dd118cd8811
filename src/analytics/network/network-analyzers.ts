/**
 * The network analytics as one set of Analyzers for the pipeline: flow attribution (Zeek ↔ Sysmon 3,
 * emits nothing itself), lateral movement and remote-logon direction (方向性), port scans and unusual ports (ポート), data volume
 * (データ量) and beacons / strobes / long connections (頻度). One shared attribution index is passed
 * to the analyzers that use it; `internalNetworks` given once applies to every module.
 * Input: NetworkOptions (each module's options partial, defaults otherwise). Output: Analyzer[] in
 * the order to observe (the attribution index first).
 */
import type { Analyzer } from "../../findings/finding.js";
import type { DirectionOptions } from "./direction/direction-options.js";
import { InternalConnectionAnalyzer } from "./direction/internal-connection-analyzer.js";
import { LateralMovementAnalyzer } from "./direction/lateral-movement-analyzer.js";
import { LogonDirectionAnalyzer, type LogonDirectionOptions } from "./direction/logon-direction-analyzer.js";
import { FlowAttribution, type FlowAttributionOptions } from "./flow-attribution.js";
import { BeaconAnalyzer } from "./frequency/beacon-analyzer.js";
import type { FrequencyOptions } from "./frequency/frequency-options.js";
import { PortScanAnalyzer } from "./port/port-scan-analyzer.js";
import type { PortOptions } from "./port/port-options.js";
import { UnusualPortAnalyzer } from "./port/unusual-port-analyzer.js";
import { VolumeAnalyzer } from "./volume/volume-analyzer.js";
import type { VolumeOptions } from "./volume/volume-options.js";

export interface NetworkOptions {
  /** CIDR blocks that are ours, for every module (a module's own `internalNetworks` wins) */
  readonly internalNetworks?: readonly string[];
  readonly attribution?: Partial<FlowAttributionOptions>;
  readonly direction?: Partial<DirectionOptions>;
  readonly logons?: Partial<LogonDirectionOptions>;
  readonly port?: Partial<PortOptions>;
  readonly volume?: Partial<VolumeOptions>;
  readonly frequency?: Partial<FrequencyOptions>;
}

function withNetworks<T extends { readonly internalNetworks?: readonly string[] }>(
  module: T | undefined,
  networks: readonly string[] | undefined,
): T | Record<string, never> {
  if (!networks) return module ?? {};
  return { internalNetworks: networks, ...module } as T;
}

/** Makes the network analyzers, sharing one flow-attribution index. */
export function createNetworkAnalyzers(options: NetworkOptions = {}): Analyzer[] {
  const n = options.internalNetworks;
  const attribution = new FlowAttribution(options.attribution);
  return [
    attribution,
    new LateralMovementAnalyzer(withNetworks(options.direction, n)),
    new LogonDirectionAnalyzer(withNetworks(options.logons, n)),
    new InternalConnectionAnalyzer(withNetworks(options.direction, n)),
    new PortScanAnalyzer(withNetworks(options.port, n)),
    new UnusualPortAnalyzer(withNetworks(options.port, n)),
    new VolumeAnalyzer(withNetworks(options.volume, n), { attribution }),
    new BeaconAnalyzer(withNetworks(options.frequency, n), { attribution }),
  ];
}
