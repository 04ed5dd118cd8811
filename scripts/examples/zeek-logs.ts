/**
 * Zeek conn.log and dns.log from a sensor on the core switch, covering both workstations.
 * Input: the activities of WS-SALES-07 and WS-SALES-08. Output: the two logs as TSV text with Zeek
 * headers; outbound TCP flows the sensor saw and every DNS query (inbound legs are not repeated).
 */
import { DNS_SERVER, WS07, WS08 } from "./hosts.js";
import { between, rnd } from "./seeded-random.js";
import { digest } from "./synthetic-hashes.js";

/** The Zeek conn.log and dns.log text of the whole scenario, rows in time order. */
export function zeekLogs(): { conn: string; dns: string } {
  const head = (path: string, fields: string[], types: string[]) =>
    [
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      `#path\t${path}`,
      "#open\t2026-03-02-08-45-00",
      `#fields\t${fields.join("\t")}`,
      `#types\t${types.join("\t")}`,
    ].join("\n");
  let uidSeed = 0;
  const uid = () =>
    `C${digest("sha1", `uid:${uidSeed++}`)
      .slice(0, 17)
      .replace(/[0-9]/g, (d) => "kLmNpQrStU"[Number(d)]!)}`;
  const rows: { t: number; conn: string; dns?: string }[] = [];
  const zt = (us: number) => (us / 1e6).toFixed(6);
  for (const h of [WS07, WS08]) {
    for (const a of h.acts) {
      if (a.kind === "dns") {
        const id = uid();
        const tid = between(1, 65535);
        const rtt = (0.0008 + rnd() * 0.02).toFixed(6);
        const common = `${zt(a.t)}\t${id}\t${h.ip}\t${a.sport}\t${DNS_SERVER}\t53\tudp`;
        rows.push({
          t: a.t,
          conn: `${common}\tdns\t${rtt}\t${30 + a.query.length}\t${46 + a.query.length + 16 * a.answers.length}\tSF\tT\tT\t0\tDd\t1\t${58 + a.query.length}\t1\t${74 + a.query.length + 16 * a.answers.length}\t-`,
          dns: `${common}\t${tid}\t${rtt}\t${a.query}\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t${a.answers.join(",")}\t${a.answers.map(() => "300.000000").join(",")}\tF`,
        });
      } else if (a.kind === "net" && a.flow.zeek && a.flow.inbound !== true) {
        const f = a.flow;
        const z = f.zeek!;
        const local = f.dst.startsWith("10.") ? "T" : "F";
        const pk = (b: number) => Math.max(1, Math.ceil(b / 1200) + 2);
        const s0 = z.state === "S0";
        const op = s0 || z.state === "REJ" ? 1 : pk(z.orig);
        const rp = z.state === "S0" ? 0 : z.state === "REJ" ? 1 : pk(z.resp);
        rows.push({
          t: a.t,
          conn: `${zt(a.t)}\t${uid()}\t${h.ip}\t${f.sport}\t${f.dst}\t${f.dport}\ttcp\t${z.service || "-"}\t${
            s0 ? "-\t-\t-" : `${z.duration.toFixed(6)}\t${z.orig}\t${z.resp}`
          }\t${z.state}\tT\t${local}\t0\t${z.history}\t${op}\t${op * 52 + z.orig}\t${rp}\t${rp * 40 + z.resp}\t-`,
        });
      }
    }
  }
  rows.sort((x, y) => x.t - y.t);
  const connFields =
    "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents";
  const connTypes =
    "time string addr port addr port enum string interval count count string bool bool count string count count count count set[string]";
  const dnsFields =
    "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected";
  const dnsTypes =
    "time string addr port addr port enum count interval string count string count string count string bool bool bool bool count vector[string] vector[interval] bool";
  const close = "#close\t2026-03-02-11-20-00\n";
  return {
    conn: `${head("conn", connFields.split(" "), connTypes.split(" "))}\n${rows.map((r) => r.conn).join("\n")}\n${close}`,
    dns: `${head("dns", dnsFields.split(" "), dnsTypes.split(" "))}\n${rows.flatMap((r) => (r.dns ? [r.dns] : [])).join("\n")}\n${close}`,
  };
}
