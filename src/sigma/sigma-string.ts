/**
 * Sigma string values as patterns: literal text, `*` (any run), `?` (one character), the windash
 * class (any of `- / – — ―`) and `%placeholder%`s (only with `|expand`). Escaping follows the
 * spec: `\*`, `\?` and `\\` are literal, a backslash before anything else is itself.
 * Input: a rule's string value. Output: a SigmaPattern (a list of parts) that modifiers transform.
 */

/** The windash characters: hyphen-minus, slash, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ["-", "/", "\u2013", "\u2014", "\u2015"] as const;

export type PatternPart =
  | { readonly t: "lit"; readonly s: string }
  | { readonly t: "star" }
  | { readonly t: "one" }
  | { readonly t: "dash" }
  | { readonly t: "placeholder"; readonly name: string };

export interface SigmaPattern {
  readonly parts: readonly PatternPart[];
  /** Literal text holds bytes (one char per byte, 0–255) after an encoding modifier such as `wide` */
  readonly binary: boolean;
}

export interface ParseStringOptions {
  /** `%name%` is a placeholder (the `expand` modifier is in the chain); `\%` is then a literal `%` */
  readonly placeholders: boolean;
}

/** Parses a Sigma string value into a pattern. Throws Error on an unterminated placeholder. */
export function parseSigmaString(value: string, options: ParseStringOptions): SigmaPattern {
  const parts: PatternPart[] = [];
  let lit = "";
  const flush = (): void => {
    if (lit !== "") parts.push({ t: "lit", s: lit });
    lit = "";
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\") {
      const n = value[i + 1];
      if (n === "*" || n === "?" || n === "\\" || (options.placeholders && n === "%")) {
        lit += n;
        i++;
      } else {
        lit += c;
      }
    } else if (c === "*") {
      flush();
      parts.push({ t: "star" });
    } else if (c === "?") {
      flush();
      parts.push({ t: "one" });
    } else if (c === "%" && options.placeholders) {
      const end = value.indexOf("%", i + 1);
      if (end === -1) throw new Error(`unterminated placeholder in '${value}' (escape a plain % as \\%)`);
      const name = value.slice(i + 1, end);
      if (!/^[A-Za-z0-9_.-]+$/.test(name))
        throw new Error(`invalid placeholder name '%${name}%' in '${value}'`);
      flush();
      parts.push({ t: "placeholder", name });
      i = end;
    } else {
      lit += c;
    }
  }
  flush();
  return { parts, binary: false };
}

/** A pattern of one literal text (no wildcards). */
export function literalPattern(s: string): SigmaPattern {
  return { parts: s === "" ? [] : [{ t: "lit", s }], binary: false };
}

/** Does the pattern contain wildcards, windash classes or placeholders? */
export function hasSpecial(p: SigmaPattern): boolean {
  return p.parts.some((x) => x.t !== "lit");
}

/** The literal text of a pattern without special parts. */
export function patternText(p: SigmaPattern): string {
  return p.parts.map((x) => (x.t === "lit" ? x.s : "")).join("");
}

/** Merges adjacent literals and collapses runs of `*`. */
export function normalizePattern(p: SigmaPattern): SigmaPattern {
  const out: PatternPart[] = [];
  for (const part of p.parts) {
    const last = out[out.length - 1];
    if (part.t === "lit") {
      if (part.s === "") continue;
      if (last?.t === "lit") out[out.length - 1] = { t: "lit", s: last.s + part.s };
      else out.push(part);
    } else if (part.t === "star" && last?.t === "star") {
    } else {
      out.push(part);
    }
  }
  return { parts: out, binary: p.binary };
}

/** Renders a pattern back to Sigma syntax (for messages). */
export function renderPattern(p: SigmaPattern): string {
  return p.parts.map(renderPart).join("");
}

function renderPart(x: PatternPart): string {
  switch (x.t) {
    case "lit":
      return x.s.replace(/[\\*?]/g, (m) => `\\${m}`);
    case "star":
      return "*";
    case "one":
      return "?";
    case "dash":
      return "[-/–—―]";
    case "placeholder":
      return `%${x.name}%`;
  }
}
