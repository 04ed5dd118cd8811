/**
 * One key per host, whatever the source calls it: Sysmon EVTX writes `WS-SALES-07`, Winlogbeat
 * `WS-SALES-08.corp.example`, ECS `ws-sales-08`. Input: an event's host. Output: the lower-case short
 * name (first DNS label); IP addresses and empty names are kept whole.
 */

/** `WS-SALES-08.corp.example` → `ws-sales-08`; `10.0.5.27` and `fe80::1` stay as they are. */
export function hostKey(host: string): string {
  const h = host.trim().toLowerCase();
  if (h === "" || /^[\d.]+$/.test(h) || h.includes(":")) return h;
  const dot = h.indexOf(".");
  return dot > 0 ? h.slice(0, dot) : h;
}
