/**
 * The typed values of a detection item after its modifiers have been applied — what the value
 * matchers are compiled from. A discriminated union on `kind`.
 * Input: none (types). Output: SigmaValue.
 */
import type { Cidr } from "./ip-cidr.js";
import type { RegexFlags } from "./regex/safe-regex.js";
import type { SigmaPattern } from "./sigma-string.js";
import type { TimePart } from "./time-part.js";

export const COMPARE_OPS = ["gt", "gte", "lt", "lte"] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export type SigmaValue =
  /** a string pattern; `original` is the value as written (for `re`) */
  | {
      readonly kind: "string";
      readonly pattern: SigmaPattern;
      readonly cased: boolean;
      readonly original: string;
    }
  /** a YAML number: matches its decimal rendering or its source text (`0x1F`) */
  | { readonly kind: "number"; readonly value: number; readonly text: string }
  | { readonly kind: "bool"; readonly value: boolean }
  /** field absent, null or empty */
  | { readonly kind: "null" }
  | { readonly kind: "regex"; readonly source: string; readonly flags: RegexFlags }
  | { readonly kind: "cidr"; readonly cidr: Cidr }
  | { readonly kind: "compare"; readonly op: CompareOp; readonly value: number }
  | { readonly kind: "exists"; readonly value: boolean }
  | {
      readonly kind: "fieldref";
      readonly field: string;
      readonly startsWith: boolean;
      readonly endsWith: boolean;
      readonly cased: boolean;
    }
  | { readonly kind: "timepart"; readonly part: TimePart; readonly value: number };
