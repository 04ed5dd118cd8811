import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Fields } from "../../events/field-value.js";
import { testEvent } from "../time/test-events.test.support.js";
import type { IpAddress } from "../../events/ip-address.js";
import type { IpDatabase, IpFacts } from "./ip-database.js";
import { LocationLookup } from "./location-lookup.js";
import { type ContactDirection, remoteContacts } from "./remote-contacts.js";

const db: IpDatabase = {
  description: "t",
  lookup: (ip: IpAddress): IpFacts => ({ country: ip.text.startsWith("5.") ? "IR" : "US" }),
};

describe("remoteContacts", () => {
  const cases: ReadonlyArray<{
    name: string;
    kind: "windows" | "network";
    fields: Fields;
    host?: string;
    expected: ReadonlyArray<readonly [string, ContactDirection, string]>;
  }> = [
    {
      name: "Sysmon 3 outbound",
      kind: "windows",
      host: "WS1",
      fields: { SourceIp: "10.0.5.27", DestinationIp: "5.1.1.1", Initiated: "true" },
      expected: [["5.1.1.1", "outbound", "WS1"]],
    },
    {
      name: "Sysmon 3 inbound (source is the remote initiator)",
      kind: "windows",
      host: "WS1",
      fields: { SourceIp: "5.1.1.1", DestinationIp: "10.0.5.27", Initiated: "false" },
      expected: [["5.1.1.1", "inbound", "WS1"]],
    },
    {
      name: "internal to internal",
      kind: "windows",
      host: "WS1",
      fields: { SourceIp: "10.0.5.27", DestinationIp: "10.0.5.28" },
      expected: [],
    },
    {
      name: "IPv6 link-local and documentation addresses are not contacts",
      kind: "windows",
      host: "WS1",
      fields: { SourceIp: "fe80::1", DestinationIp: "2001:db8::1" },
      expected: [],
    },
    {
      name: "IPv6 outbound",
      kind: "windows",
      host: "WS1",
      fields: { SourceIp: "fd00::5", DestinationIp: "2a00:1450:4001::1" },
      expected: [["2a00:1450:4001::1", "outbound", "WS1"]],
    },
    {
      name: "both public, Initiated true",
      kind: "windows",
      host: "SRV",
      fields: { SourceIp: "8.8.4.4", DestinationIp: "5.1.1.1", Initiated: true },
      expected: [["5.1.1.1", "outbound", "SRV"]],
    },
    {
      name: "both public, Initiated false",
      kind: "windows",
      host: "SRV",
      fields: { SourceIp: "5.1.1.1", DestinationIp: "8.8.4.4", Initiated: false },
      expected: [["5.1.1.1", "inbound", "SRV"]],
    },
    {
      name: "Zeek, both public: both ends, external, host is the sensor",
      kind: "network",
      host: "sensor1",
      fields: { SourceIp: "8.8.4.4", DestinationIp: "5.1.1.1" },
      expected: [
        ["8.8.4.4", "external", "sensor1"],
        ["5.1.1.1", "external", "sensor1"],
      ],
    },
    {
      name: "Zeek outbound: host is the internal originator",
      kind: "network",
      fields: { SourceIp: "192.168.1.7", DestinationIp: "5.1.1.1" },
      expected: [["5.1.1.1", "outbound", "192.168.1.7"]],
    },
    {
      name: "Zeek inbound: host is the internal responder",
      kind: "network",
      fields: { SourceIp: "5.1.1.1", DestinationIp: "192.168.1.7" },
      expected: [["5.1.1.1", "inbound", "192.168.1.7"]],
    },
    {
      name: "logon from a public IpAddress",
      kind: "windows",
      host: "DC1",
      fields: { IpAddress: "5.2.2.2", TargetUserName: "admin" },
      expected: [["5.2.2.2", "inbound", "DC1"]],
    },
    {
      name: "logon from - or a private address",
      kind: "windows",
      host: "DC1",
      fields: { IpAddress: "-", WorkstationName: "x" },
      expected: [],
    },
    {
      name: "garbage addresses",
      kind: "windows",
      host: "WS1",
      fields: { SourceIp: "n/a", DestinationIp: 12 },
      expected: [],
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const lookup = new LocationLookup([db]);
      const contacts = remoteContacts(
        testEvent({ kind: c.kind, host: c.host, time: "2026-03-02T09:00:00Z", fields: c.fields }),
        lookup,
      );
      assert.deepEqual(
        contacts.map((x) => [x.remote.address, x.direction, x.host]),
        c.expected,
      );
    });
});
