/**
 * The stable error codes of mikiwame. Every problem that reaches a user carries one of these.
 * The table in docs/ARCHITECTURE.md explains each code; keep the two in step.
 */
export const ERROR_CODES = [
  // input files
  "E_IO", // a file or directory could not be read
  "E_FORMAT_UNKNOWN", // content matches no supported format
  // EVTX
  "E_EVTX_HEADER", // file header missing, bad signature or bad checksum
  "E_EVTX_CHUNK", // chunk header bad (signature, checksum, offsets)
  "E_EVTX_RECORD", // event record header or size invalid
  "E_EVTX_BINXML", // BinXML token stream invalid
  "E_EVTX_TEMPLATE", // template definition missing or out of bounds
  "E_EVTX_VALUE", // substitution value could not be decoded
  // JSON
  "E_JSON_SYNTAX", // a line is not valid JSON
  "E_JSON_SHAPE", // valid JSON, but not an object we can read as an event
  // Zeek
  "E_ZEEK_HEADER", // missing or inconsistent #fields/#types header
  "E_ZEEK_ROW", // a row with the wrong number of columns or a bad value
  // normalize
  "E_NORMALIZE", // a record could not be turned into an event
  "E_MAPPING", // a field-mapping file is invalid
  // config / usage
  "E_CONFIG", // configuration file invalid
  "E_USAGE", // command-line usage error
  "E_INTERNAL", // a bug: please report
  // writers (test fixtures and examples)
  "E_EVTX_WRITE", // the EVTX writer was given something it cannot encode (value out of range, record larger than a chunk)
  // limits
  "E_LIMIT", // one input value or line exceeds a safety limit (e.g. a 64 MiB JSON value); it is skipped, reading continues
  // rules update
  "E_DOWNLOAD", // a download failed or gave an unusable archive (no network, HTTP error, not a zip, unsafe or oversized entry)
  // rule regression tests
  "E_RULE_TEST", // a rule check failed: a regression test failed, its info.yml cannot be used, or `rules lint` rejected a rule
  // analytics: location
  "E_GEOIP", // a GeoIP / ASN database could not be opened or read (missing data package, unreadable or invalid .mmdb file)
  // analytics: reputation
  "E_INDICATOR", // a line of an indicator list cannot be read (bad value for its type, unknown type or verdict); the line is skipped
  // intel
  "E_ALLOWLIST", // an allow-list entry or known-good line is invalid (bad hash/address, unknown kind or scope, no reason/author); it is skipped
  // intel: online lookups
  "E_INTEL_ONLINE", // an online reputation lookup could not be used: key rejected, HTTP error, timeout, or an unreadable lookup cache file (the cache starts empty)
  // file triage
  "E_FILE_TRIAGE", // a collected file's structure cannot be read (truncated PE header, import/resource table or signature out of bounds or malformed); that part is skipped and reported, the rest of the file is still triaged
  // the event store
  "E_STORE", // the event store cannot be used: database file unreadable, locked by another process or newer than this mikiwame; a batch refused (invalid event, nothing of it stored); a query that is not a single read-only statement
  // analyst feedback
  "E_DECISION", // an analyst decision is invalid (unknown verdict or scope, empty reason, bad sha256 or pattern) or a line of the decision log (decisions.jsonl) cannot be read; a bad log line is skipped, the rest loads
  // the HTTP server
  "E_SERVER", // `mikiwame serve` cannot start or serve: unreadable TLS files, port in use, the store or rules cannot be opened (a remote bind without TLS or --insecure-remote is E_USAGE)
  "E_AUTH", // no, malformed, unknown or revoked API token (HTTP 401), a role not allowed on the route (403), or an unreadable token file
  "E_NOT_FOUND", // the API has no such incident, decision, token or route (HTTP 404)
  // reports
  "E_OUTPUT", // an output file cannot be written: the directory cannot be created, a report path is a symbolic link or not a regular file (refused), permission denied, disk full
  // response exports
  "E_EXPORT", // a value of a response plan cannot go into the exports (not a valid IP address, domain name, SHA256 or port, or an address that must never be blocked); it is left out with a comment in the text exports and reported, the other values are exported
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
