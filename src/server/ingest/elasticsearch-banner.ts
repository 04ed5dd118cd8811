/**
 * Just enough of Elasticsearch's identity for shippers to talk to the `_bulk` endpoint: the root banner
 * (`GET /` for a non-browser client), the license answer the default Beats distribution asks for, and
 * the `X-Elastic-Product: Elasticsearch` header that Elasticsearch clients since 7.14 require on every
 * answer. Beats 8 refuse a cluster older than themselves unless `allow_older_versions: true`; the
 * version given here is configurable for that reason. Input: the version. Output: JSON bodies and the
 * header. Also tells a shipper's request apart from a browser's.
 */

/** Elasticsearch's product header, set on every Elasticsearch-compatible answer. */
export const ELASTIC_PRODUCT_HEADER = ["x-elastic-product", "Elasticsearch"] as const;

/** The version we answer with by default. */
export const DEFAULT_ES_VERSION = "8.11.0";

/** The root banner. */
export function elasticsearchBanner(version: string): Record<string, unknown> {
  return {
    name: "mikiwame",
    cluster_name: "mikiwame",
    cluster_uuid: "bWlraXdhbWUtbWlraXdhbWU",
    version: {
      number: version,
      build_flavor: "default",
      build_type: "tar",
      build_snapshot: false,
      lucene_version: "9.8.0",
      minimum_wire_compatibility_version: "7.17.0",
      minimum_index_compatibility_version: "7.0.0",
    },
    tagline: "You Know, for Search",
  };
}

/** `GET /_license`: an active basic license (what the default Beats distribution checks for). */
export function elasticsearchLicense(): Record<string, unknown> {
  return {
    license: {
      status: "active",
      uid: "00000000-0000-0000-0000-6d696b697761",
      type: "basic",
      issue_date_in_millis: 0,
      max_nodes: 1000,
      issued_to: "mikiwame",
      issuer: "mikiwame",
      start_date_in_millis: -1,
    },
  };
}

/** `GET /_cat/health` (rsyslog's omelasticsearch checks it before sending): one green, single-node cluster. */
export function elasticsearchCatHealth(json: boolean, now = new Date()): string {
  const epoch = Math.floor(now.getTime() / 1000);
  const time = now.toISOString().slice(11, 19);
  const row = {
    epoch: String(epoch),
    timestamp: time,
    cluster: "mikiwame",
    status: "green",
    "node.total": "1",
    "node.data": "1",
  };
  return json ? JSON.stringify([row]) : `${epoch} ${time} mikiwame green 1 1 0 0 0 0 0 0 - 100.0%\n`;
}

/** User agents of shippers that probe `GET /` (Beats, Elastic Agent, Logstash, rsyslog, Fluent Bit, Vector, curl). */
const SHIPPER_AGENTS =
  /beat|elastic|logstash|manticore|rsyslog|fluent|vector|go-http-client|curl|wget|python|java|okhttp/i;

/**
 * True when `GET /` comes from a shipper or a script rather than a browser: it asks for JSON and not
 * HTML, or it has a shipper's user agent and does not ask for HTML.
 */
export function wantsElasticsearchBanner(accept: string | undefined, userAgent: string | undefined): boolean {
  const a = (accept ?? "").toLowerCase();
  if (a.includes("text/html")) return false;
  if (a.includes("application/json")) return true;
  return SHIPPER_AGENTS.test(userAgent ?? "") || userAgent === undefined;
}
