/**
 * Reading the intel data files (`indicators.jsonl`, `allowlist.jsonl`): one JSON object per line,
 * each turned into an item by `decode` (which returns a reason string when the object is unusable).
 * A missing file reads as empty; an over-long line, a non-JSON line or an unusable object is a
 * located warning (file:line) and is skipped; a file that cannot be read rejects with E_IO.
 */
import { stat } from "node:fs/promises";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { ErrorCode } from "../diagnostics/error-codes.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { textLines } from "../readers/text/text-lines.js";

export interface JsonLinesSpec<T> {
  /** What the file is, for messages ("allow-list", "intel store") */
  readonly what: string;
  /** The code of per-line problems */
  readonly code: ErrorCode;
  readonly maxLineBytes: number;
  readonly decode: (value: unknown) => T | string;
  readonly add: (item: T) => void;
}

export async function readJsonLines<T>(
  file: string,
  diagnostics: Diagnostics,
  spec: JsonLinesSpec<T>,
): Promise<void> {
  try {
    await stat(file);
  } catch {
    return;
  }
  try {
    for await (const { line, text } of textLines(file, spec.maxLineBytes)) {
      if (text === undefined) {
        diagnostics.warn("E_LIMIT", `${spec.what} line longer than ${spec.maxLineBytes} bytes; skipped`, {
          file,
          line,
        });
        continue;
      }
      if (text.trim() === "") continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        diagnostics.warn(spec.code, `${spec.what} line is not JSON; skipped`, { file, line });
        continue;
      }
      const r = spec.decode(parsed);
      if (typeof r === "string")
        diagnostics.warn(spec.code, `${spec.what} line: ${r}; skipped`, { file, line });
      else spec.add(r);
    }
  } catch (e) {
    throw new MikiwameError(
      "E_IO",
      `cannot read the ${spec.what}: ${e instanceof Error ? e.message : String(e)}`,
      {
        file,
      },
    );
  }
}
