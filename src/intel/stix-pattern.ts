/**
 * The simple STIX 2.1 patterns an indicator store can hold: one or more comparisons
 * `object-type:property = 'value'` joined by `OR`, inside one `[...]` or as `[...] OR [...]`.
 * Supported paths: `file:hashes.'SHA-256'|'SHA-1'|MD5|…`, `ipv4-addr:value`, `ipv6-addr:value` (also
 * `ISSUBSET` a block), `domain-name:value`, `url:value`. Anything else — `AND`, `FOLLOWEDBY`, other
 * operators, qualifiers (`WITHIN`, `START`…), other paths — is rejected with the reason.
 * Input: the pattern text. Output: `{ type, value }` pairs, or a reason.
 */

/** One comparison of a pattern. */
export interface StixComparison {
  /** A store type name (md5, sha1, sha256, imphash, ipv4, ipv6, cidr, domain, url) */
  readonly type: string;
  readonly value: string;
}

/** The parse result. */
export type StixPatternResult =
  | { readonly ok: true; readonly comparisons: StixComparison[] }
  | { readonly ok: false; readonly reason: string };

/** Longest pattern parsed. */
export const MAX_STIX_PATTERN_CHARS = 65_536;

const HASH_NAMES: Readonly<Record<string, string>> = {
  md5: "md5",
  "sha-1": "sha1",
  sha1: "sha1",
  "sha-256": "sha256",
  sha256: "sha256",
  imphash: "imphash",
};

function pathType(path: string, operator: string, value: string): string | { reason: string } {
  const p = path.replace(/\s+/g, "");
  const hash = /^file:hashes\.(?:'([^']+)'|"([^"]+)"|([A-Za-z0-9-]+))$/.exec(p);
  if (hash) {
    const name = (hash[1] ?? hash[2] ?? hash[3] ?? "").toLowerCase();
    const t = HASH_NAMES[name];
    if (!t) return { reason: `hash algorithm "${name}" is not supported` };
    if (operator !== "=") return { reason: `operator ${operator} on ${p} is not supported (only =)` };
    return t;
  }
  const simple: Readonly<Record<string, string>> = {
    "ipv4-addr:value": value.includes("/") || operator === "ISSUBSET" ? "cidr" : "ipv4",
    "ipv6-addr:value": value.includes("/") || operator === "ISSUBSET" ? "cidr" : "ipv6",
    "domain-name:value": "domain",
    "url:value": "url",
  };
  const t = simple[p];
  if (!t) return { reason: `object path ${p} is not supported` };
  if (operator === "=" || (operator === "ISSUBSET" && t === "cidr")) return t;
  return { reason: `operator ${operator} on ${p} is not supported` };
}

/** Parses a simple STIX pattern. */
export function parseStixPattern(pattern: string): StixPatternResult {
  if (pattern.length > MAX_STIX_PATTERN_CHARS) return { ok: false, reason: "pattern too long" };
  const comparisons: StixComparison[] = [];
  let i = 0;
  const s = pattern;
  const ws = (): void => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const word = (): string => {
    ws();
    const m = /^[A-Za-z]+/.exec(s.slice(i, i + 16));
    return m ? m[0].toUpperCase() : "";
  };
  let depth = 0;
  // bounded: every iteration consumes at least one character or returns
  for (;;) {
    ws();
    if (s[i] !== "[") return { ok: false, reason: `expected "[" at character ${i + 1}` };
    i++;
    depth++;
    for (;;) {
      ws();
      const pathMatch = /^[a-z0-9-]+:[A-Za-z0-9_.'"-]+/.exec(s.slice(i, i + 256));
      if (!pathMatch) return { ok: false, reason: `expected an object path at character ${i + 1}` };
      i += pathMatch[0].length;
      ws();
      const op = /^(=|!=|<=|>=|<|>|ISSUBSET|ISSUPERSET|LIKE|MATCHES|IN|NOT)/i.exec(s.slice(i, i + 16));
      if (!op) return { ok: false, reason: `expected an operator at character ${i + 1}` };
      const operator = op[0].toUpperCase();
      i += op[0].length;
      ws();
      if (s[i] !== "'") return { ok: false, reason: `expected a quoted string at character ${i + 1}` };
      let value = "";
      i++;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === "\\" && i + 1 < s.length) i++;
        value += s[i];
        i++;
      }
      if (i >= s.length) return { ok: false, reason: "unterminated string" };
      i++;
      const t = pathType(pathMatch[0], operator, value);
      if (typeof t !== "string") return { ok: false, reason: t.reason };
      comparisons.push({ type: t, value });
      const w = word();
      if (w === "OR") {
        i += 2;
        continue;
      }
      if (w !== "") return { ok: false, reason: `${w} inside an observation is not supported (only OR)` };
      if (s[i] !== "]") return { ok: false, reason: `expected "]" at character ${i + 1}` };
      i++;
      depth--;
      break;
    }
    const w = word();
    if (w === "") {
      ws();
      if (i === s.length && depth === 0) return { ok: true, comparisons };
      return { ok: false, reason: `unexpected text at character ${i + 1}` };
    }
    if (w !== "OR") return { ok: false, reason: `${w} between observations is not supported (only OR)` };
    i += 2;
  }
}
