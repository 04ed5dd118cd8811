/**
 * Label templates: `{name}` placeholders filled with run-time values. Input: a template and values.
 * Output: the text.
 */

/** Values filled into `{name}` placeholders. */
export type LabelVars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; unknown names stay as written. */
export function fillLabel(template: string, vars: LabelVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The placeholder names of a template, sorted (for checking that translations keep them). */
export function labelPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}
