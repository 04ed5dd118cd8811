/**
 * A host's Sysmon events as Winlogbeat 8 ECS documents, one JSON object per line.
 * Input: a host with its activities. Output: JSON lines in log order (EventData values as text).
 */
import type { LooseFieldValue } from "../../src/writers/evtx/field-coercion.js";
import { SYSMON_EVENT_VERSIONS, SYSMON_PROVIDER } from "../../src/writers/evtx/sysmon-event.js";
import { iso } from "./clock.js";
import type { Host } from "./hosts.js";
import { logged } from "./log-order.js";
import { between } from "./seeded-random.js";
import { SYSMON_NAMES, sysmonFields } from "./sysmon-fields.js";

/** An EventData value as Winlogbeat writes it: text, with 64-bit values in hex. */
const wire = (v: LooseFieldValue): string =>
  typeof v === "bigint"
    ? `0x${v.toString(16)}`
    : typeof v === "object"
      ? String((v as { value?: unknown }).value)
      : String(v);

/** The host's Sysmon events as Winlogbeat ECS JSON lines (record IDs from 48212), in log order. */
export function ecsLines(h: Host): string[] {
  let recordId = 48211;
  return logged(h).flatMap(({ a, logT }) => {
    const f = sysmonFields(a);
    if (!f) return [];
    const [id, fields] = f;
    recordId++;
    const doc = {
      "@timestamp": iso(logT),
      agent: { type: "winlogbeat", version: "8.12.2", name: h.name },
      ecs: { version: "8.0.0" },
      event: {
        code: String(id),
        kind: "event",
        provider: SYSMON_PROVIDER.name,
        action: SYSMON_NAMES[id],
        created: iso(logT + between(400, 1900) * 1000),
      },
      host: {
        name: h.name.toLowerCase(),
        hostname: h.name,
        ip: [h.ip],
        os: { family: "windows", name: "Windows 10 Pro", build: "19045.4046" },
      },
      log: { level: "information" },
      winlog: {
        api: "wineventlog",
        channel: SYSMON_PROVIDER.channel,
        computer_name: `${h.name}.corp.example`,
        event_id: String(id),
        provider_name: SYSMON_PROVIDER.name,
        provider_guid: SYSMON_PROVIDER.guid.toLowerCase(),
        record_id: String(recordId),
        version: SYSMON_EVENT_VERSIONS[id],
        task: SYSMON_NAMES[id],
        opcode: "Info",
        process: { pid: 3016, thread: { id: 4124 } },
        user: { identifier: "S-1-5-18", name: "SYSTEM", domain: "NT AUTHORITY", type: "User" },
        event_data: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, wire(v)])),
      },
    };
    return [JSON.stringify(doc)];
  });
}
