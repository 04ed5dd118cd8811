import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../events/event.js";
import { type Connection, hostWithoutPort, imageName, readConnection } from "./connection.js";
import { sysmon3, zeekConn, zeekDns, zeekHttp, zeekSsl } from "./network-events.test.support.js";

const T0 = 1_772_400_000;

/** The connection without its event and time, and without the fields `expected` does not name. */
function pick(
  c: Connection | undefined,
  expected: Partial<Connection> | undefined,
): Partial<Connection> | undefined {
  if (!c || !expected) return c && { source: c.source };
  const { event: _event, time: _time, ...rest } = c;
  return Object.fromEntries(
    Object.entries(rest).filter(
      ([k, v]) => v !== undefined && ((k !== "srcPort" && k !== "uid") || k in expected),
    ),
  );
}

describe("readConnection", () => {
  const winlogbeat: Event = {
    ...sysmon3({ ts: T0, src: "10.0.5.27", dst: "10.0.5.28", dport: 445 }),
    fields: {
      Image: "System",
      SourceIp: "10.0.5.27",
      SourcePort: "54156",
      DestinationIp: "10.0.5.28",
      DestinationPort: "445",
      Protocol: "tcp",
      Initiated: "false",
      "source.bytes": "1200",
    },
  };
  const cases: [string, Event, Partial<Connection> | undefined][] = [
    [
      "Zeek conn",
      zeekConn({
        ts: T0,
        src: "10.0.0.5",
        sport: 5000,
        dst: "203.0.113.45",
        dport: 443,
        uid: "C1",
        origBytes: 10,
        respBytes: 20,
        origIpBytes: 90,
        duration: 1.5,
        state: "SF",
      }),
      {
        source: "zeek-conn",
        host: "",
        srcIp: "10.0.0.5",
        dstIp: "203.0.113.45",
        srcPort: 5000,
        dstPort: 443,
        protocol: "tcp",
        origBytes: 10,
        respBytes: 20,
        origIpBytes: 90,
        duration: 1.5,
        state: "SF",
        uid: "C1",
      },
    ],
    [
      "Zeek open_conn (Zeek names only)",
      zeekConn(
        {
          ts: T0,
          src: "10.0.0.5",
          sport: 5000,
          dst: "198.51.100.7",
          dport: 22,
          uid: "C2",
          duration: 7200,
          state: "S1",
          origBytes: 5,
          respBytes: 6,
          origIpBytes: 50,
        },
        "open_conn",
      ),
      {
        source: "zeek-open-conn",
        host: "",
        srcIp: "10.0.0.5",
        dstIp: "198.51.100.7",
        srcPort: 5000,
        dstPort: 22,
        protocol: "tcp",
        origBytes: 5,
        respBytes: 6,
        origIpBytes: 50,
        duration: 7200,
        state: "S1",
        uid: "C2",
      },
    ],
    [
      "Zeek http CONNECT through a proxy",
      zeekHttp({
        ts: T0,
        src: "10.1.0.18",
        dst: "10.1.0.16",
        dport: 3128,
        host: "WWW.Evil.Example:443",
        method: "CONNECT",
        uid: "C3",
      }),
      {
        source: "zeek-http",
        host: "",
        srcIp: "10.1.0.18",
        dstIp: "10.1.0.16",
        dstPort: 3128,
        uid: "C3",
        fqdn: "www.evil.example",
        proxied: true,
      },
    ],
    [
      "Zeek ssl SNI",
      zeekSsl({ ts: T0, src: "10.0.0.5", dst: "203.0.113.45", serverName: "cdn.example.", uid: "C4" }),
      {
        source: "zeek-ssl",
        host: "",
        srcIp: "10.0.0.5",
        dstIp: "203.0.113.45",
        dstPort: 443,
        uid: "C4",
        fqdn: "cdn.example",
      },
    ],
    [
      "Zeek dns",
      zeekDns({ ts: T0, src: "10.0.0.5", dst: "10.0.0.1", query: "c2.example.net" }),
      {
        source: "zeek-dns",
        host: "",
        srcIp: "10.0.0.5",
        dstIp: "10.0.0.1",
        dstPort: 53,
        fqdn: "c2.example.net",
      },
    ],
    [
      "Sysmon 3 from Winlogbeat (strings), accepted inbound, ECS bytes",
      winlogbeat,
      {
        source: "sysmon",
        host: "WS-1",
        srcIp: "10.0.5.27",
        dstIp: "10.0.5.28",
        srcPort: 54156,
        dstPort: 445,
        protocol: "tcp",
        origBytes: 1200,
        image: "System",
        initiated: false,
      },
    ],
    [
      "an event without a time",
      { ...zeekConn({ ts: T0, src: "10.0.0.5", dst: "10.0.0.6" }), time: undefined },
      undefined,
    ],
    [
      "a Zeek log that is not about connections",
      {
        ...zeekConn({ ts: T0, src: "10.0.0.5", dst: "10.0.0.6" }),
        identity: { provider: "zeek", channel: "x509", eventId: 0 },
      },
      undefined,
    ],
    [
      "a Windows event that is not a network connection",
      {
        ...sysmon3({ ts: T0, src: "10.0.0.5", dst: "10.0.0.6", dport: 1 }),
        logsource: { product: "windows", category: "process_creation" },
      },
      undefined,
    ],
  ];
  for (const [name, event, expected] of cases)
    it(name, () => assert.deepEqual(pick(readConnection(event), expected), expected));

  it("keeps the time in ms", () =>
    assert.equal(readConnection(zeekConn({ ts: T0, src: "a", dst: "b" }))?.time, T0 * 1000));
});

describe("names", () => {
  const hosts: [string, string][] = [
    ["www.example.com:443", "www.example.com"],
    ["[2001:db8::1]:80", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["Example.COM.", "example.com"],
  ];
  for (const [h, e] of hosts) it(`host ${h} → ${e}`, () => assert.equal(hostWithoutPort(h), e));
  it("image names", () => {
    assert.equal(imageName("C:\\Program Files\\Google\\Chrome.EXE"), "chrome.exe");
    assert.equal(imageName("/usr/bin/curl"), "curl");
    assert.equal(imageName("System"), "system");
  });
});
