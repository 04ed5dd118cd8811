/** XML text/attribute escaping and the five predefined entities, for rendering and entity references. */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text an entity reference stands for (unknown entities are kept as `&name;`). */
export function entityText(name: string): string {
  return ENTITIES[name] ?? `&${name};`;
}

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Escapes a string for XML text or a double-quoted attribute; control characters become char refs. */
export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 38:
        out += "&amp;";
        break;
      case 60:
        out += "&lt;";
        break;
      case 62:
        out += "&gt;";
        break;
      case 34:
        out += "&quot;";
        break;
      default:
        out += c < 0x20 && c !== 9 && c !== 10 && c !== 13 ? `&#x${c.toString(16)};` : s[i];
    }
  }
  return out;
}
