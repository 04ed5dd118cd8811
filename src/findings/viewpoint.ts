/**
 * The eleven viewpoints (注視するべき要点) of the mission: every finding is filed under one.
 */
export const VIEWPOINTS = [
  "location", // 場所: where addresses are (country, ASN), risk lists, C&C infrastructure
  "time", // 時刻: when; outside the host's / user's usual hours
  "duration", // 期間: how long a process was active, dwell time, gaps between stages
  "direction", // 方向性: inbound / outbound / internal-to-internal
  "port", // ポート: services contacted, unusual ports, port scans
  "volume", // データ量: bytes transferred, outliers
  "frequency", // 頻度: repetition, beaconing, rate of suspicious behaviour
  "reputation", // 評価: threat-intel verdicts on hashes, addresses, domains, URLs
  "history", // 履歴: prevalence across hosts, first seen
  "process", // プロセス: parent/child, path, name, signature, metadata
  "state", // 状態: still running or stopped
] as const;
export type Viewpoint = (typeof VIEWPOINTS)[number];

/** Japanese labels, for reports. */
export const VIEWPOINT_JA: Readonly<Record<Viewpoint, string>> = {
  location: "場所",
  time: "時刻",
  duration: "期間",
  direction: "方向性",
  port: "ポート",
  volume: "データ量",
  frequency: "頻度",
  reputation: "評価",
  history: "履歴",
  process: "プロセス",
  state: "状態",
};
