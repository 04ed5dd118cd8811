/**
 * The only way report markup is built from data. Input: text from the logs, the incidents or the labels.
 * Output: `escapeHtml` — text safe in element content AND in a double- or single-quoted attribute value
 * (`&`, `<`, `>`, `"`, `'`, and the backtick are replaced by character references; C0/C1 controls other than
 * tab and line breaks, and lone surrogates, become U+FFFD) — and the `html` tagged template, which escapes
 * every interpolated value unless it is markup that `html` itself produced. Data never reaches an attribute
 * that takes a URL, a style, or an event handler: the renderers only put escaped data into `title`/`class`
 * values they control and into text.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Characters that have no business in a report (they could confuse a parser or a reader), and lone surrogates. */
const UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` safe for HTML text content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(UNSAFE, "\ufffd").replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** Markup built by `html` (or a literal from the renderer's own code): inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `html`: text (escaped), numbers, markup, lists of these; nothing for null/undefined/false. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === true) return "";
  return escapeHtml(String(value));
}

/** Tagged template: the literal parts are the renderer's markup, every `${value}` is escaped (see HtmlValue). */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}

/** Markup items joined by a separator (the separator is markup too). */
export function joinHtml(items: readonly SafeHtml[], separator: SafeHtml = new SafeHtml("")): SafeHtml {
  return new SafeHtml(items.map((i) => i.value).join(separator.value));
}
