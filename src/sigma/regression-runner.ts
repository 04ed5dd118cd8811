/**
 * SigmaHQ-style regression tests (`regression_data/**\/info.yml`): each names a rule id and sample logs
 * the rule must match (exactly `match_count` times when given, else at least once). Input: a folder of
 * info.yml files, the loaded rules, and a function that streams a sample's events (reading logs is the
 * pipeline's job, not sigma's). Output: one result per (rule, sample) with passed/failed and the reason,
 * plus the located problems of info.yml files that could not be used.
 */
import { type Dirent, existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Location } from "../diagnostics/location.js";
import type { Event } from "../events/event.js";
import type { CompiledRule } from "./compiled-rule.js";
import type { RejectedRule } from "./rule-model.js";
import { SigmaEngine } from "./sigma-engine.js";
import { getEntry, parseYamlDocuments, type YMap, type YNode } from "./yaml-tree.js";

/** The file name SigmaHQ gives each test description. */
export const REGRESSION_INFO_FILE = "info.yml";

/** Walk limits: folders deeper than this, or info.yml files beyond this count, are reported. */
export const MAX_REGRESSION_DEPTH = 32;
export const MAX_REGRESSION_FILES = 100_000;

/** One sample a rule must match. */
export interface RegressionCase {
  /** The info.yml this case comes from, and the line of its test entry */
  readonly info: string;
  readonly line: number;
  /** The test's `name` (e.g. "Positive Detection Test") */
  readonly name: string;
  readonly ruleId: string;
  readonly ruleTitle: string | undefined;
  /** `type` of the sample as written (`evtx`, …); the reader detects the format from the content */
  readonly type: string | undefined;
  /** The sample path as written in info.yml */
  readonly path: string;
  /** The sample resolved on disk, or undefined when it is nowhere to be found */
  readonly sample: string | undefined;
  /** `match_count`, when given */
  readonly expectedMatches: number | undefined;
}

/** An info.yml (or part of one) that could not be turned into cases. */
export interface RegressionProblem {
  /** `warning` for a description without tests (commented out upstream); `error` for a broken one */
  readonly severity: "error" | "warning";
  readonly location: Location;
  readonly reason: string;
}

export const REGRESSION_STATUSES = ["passed", "failed"] as const;
export type RegressionStatus = (typeof REGRESSION_STATUSES)[number];

export interface RegressionResult {
  readonly case: RegressionCase;
  readonly status: RegressionStatus;
  /** Events of the sample the rule matched */
  readonly matches: number;
  /** Events read from the sample */
  readonly events: number;
  /** Why it failed (undefined when passed) */
  readonly reason: string | undefined;
}

/** Streams the events of one sample file to `onEvents`; resolves with the number of read problems. */
export type SampleReader = (
  sample: string,
  onEvents: (events: readonly Event[]) => void,
) => Promise<{ readonly errors: number }>;

/**
 * Where a sample path points: relative to the data's repository root, which is some ancestor of the
 * info.yml folder (`regression_data/rules/…/x.evtx`); when no ancestor has it, the file of that name
 * beside the info.yml; else undefined.
 */
export function resolveSamplePath(infoFile: string, path: string): string | undefined {
  let dir = dirname(resolve(infoFile));
  for (let i = 0; i < MAX_REGRESSION_DEPTH; i++) {
    const candidate = resolve(dir, path);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const beside = join(dirname(resolve(infoFile)), basename(path.replace(/\\/g, "/")));
  return existsSync(beside) ? beside : undefined;
}

function scalarText(map: YMap, key: string): string | undefined {
  const v = getEntry(map, key)?.value;
  if (v?.kind !== "scalar" || v.value === null) return undefined;
  return String(v.value);
}

function listOfMaps(node: YNode | undefined): YMap[] | undefined {
  if (node === undefined) return undefined;
  if (node.kind === "map") return [node];
  if (node.kind !== "seq") return undefined;
  return node.items.filter((n): n is YMap => n.kind === "map");
}

/** The cases of one info.yml text (`file` is its path, used to resolve samples and to locate problems). */
export function parseRegressionInfo(
  text: string,
  file: string,
): { cases: RegressionCase[]; problems: RegressionProblem[] } {
  const cases: RegressionCase[] = [];
  const problems: RegressionProblem[] = [];
  const problem = (line: number, reason: string, severity: RegressionProblem["severity"] = "error") =>
    problems.push({ severity, location: { file, line }, reason });
  const docs = parseYamlDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      problem(doc.line, `not valid YAML: ${doc.errors[0]}`);
      continue;
    }
    const root = doc.root;
    if (root === undefined) continue;
    if (root.kind !== "map") {
      problem(doc.line, "expected a mapping with rule_metadata and regression_tests_info");
      continue;
    }
    const rules = listOfMaps(getEntry(root, "rule_metadata")?.value) ?? [];
    const ruleIds = rules
      .map((r) => ({ id: scalarText(r, "id"), title: scalarText(r, "title"), line: r.line }))
      .filter((r): r is { id: string; title: string | undefined; line: number } => r.id !== undefined);
    if (ruleIds.length === 0) {
      problem(root.line, "no rule_metadata entry with an id");
      continue;
    }
    const tests = listOfMaps(getEntry(root, "regression_tests_info")?.value);
    if (tests === undefined || tests.length === 0) {
      problem(root.line, "no regression_tests_info entry: nothing to test", "warning");
      continue;
    }
    for (const test of tests) {
      const path = scalarText(test, "path");
      if (path === undefined || path.trim() === "") {
        problem(test.line, "a regression_tests_info entry without a path");
        continue;
      }
      const countText = scalarText(test, "match_count");
      let expectedMatches: number | undefined;
      if (countText !== undefined) {
        expectedMatches = Number(countText);
        if (!/^\d{1,9}$/.test(countText)) {
          problem(test.line, `match_count "${countText}" is not a whole number`);
          continue;
        }
      }
      for (const rule of ruleIds) {
        cases.push({
          info: file,
          line: test.line,
          name: scalarText(test, "name") ?? "(unnamed)",
          ruleId: rule.id,
          ruleTitle: rule.title,
          type: scalarText(test, "type"),
          path,
          sample: resolveSamplePath(file, path),
          expectedMatches,
        });
      }
    }
  }
  return { cases, problems };
}

/**
 * Every info.yml under `dir` (sorted, depth- and count-bounded) parsed into cases. A folder that cannot
 * be listed or a file that cannot be read is a problem, not a failure of the whole run.
 */
export async function findRegressionCases(
  dir: string,
): Promise<{ cases: RegressionCase[]; problems: RegressionProblem[]; files: number }> {
  const cases: RegressionCase[] = [];
  const problems: RegressionProblem[] = [];
  let files = 0;
  let full = false;
  const problem = (file: string, reason: string) =>
    problems.push({ severity: "error", location: { file }, reason });
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > MAX_REGRESSION_DEPTH) {
      problem(folder, `deeper than ${MAX_REGRESSION_DEPTH} folders: skipped`);
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      problem(folder, `cannot list: ${(e as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (full) return;
      const p = join(folder, entry.name);
      if (entry.isDirectory()) await walk(p, depth + 1);
      else if (entry.isFile() && entry.name === REGRESSION_INFO_FILE) {
        if (++files > MAX_REGRESSION_FILES) {
          problem(p, `more than ${MAX_REGRESSION_FILES} info.yml files: the rest skipped`);
          full = true;
          return;
        }
        let text: string;
        try {
          text = await readFile(p, "utf8");
        } catch (e) {
          problem(p, `cannot read: ${(e as Error).message}`);
          continue;
        }
        const parsed = parseRegressionInfo(text, p);
        cases.push(...parsed.cases);
        problems.push(...parsed.problems);
      }
    }
  };
  await walk(resolve(dir), 0);
  return { cases, problems, files: Math.min(files, MAX_REGRESSION_FILES) };
}

/** The rules by id (lower case); the first rule of an id wins. */
export function rulesById(rules: readonly CompiledRule[]): Map<string, CompiledRule> {
  const byId = new Map<string, CompiledRule>();
  for (const r of rules) {
    const id = r.rule.id?.toLowerCase();
    if (id !== undefined && !byId.has(id)) byId.set(id, r);
  }
  return byId;
}

function failed(c: RegressionCase, reason: string, matches = 0, events = 0): RegressionResult {
  return { case: c, status: "failed", matches, events, reason };
}

export interface RegressionOptions {
  /**
   * Pass on any number of matches (at least one), ignoring `match_count` — the semantics of SigmaHQ's
   * own runner, which only checks that the rule fires. Default false: `match_count` must be met exactly.
   */
  readonly anyCount?: boolean;
}

/**
 * Runs one case: the rule (looked up by id among `rules`; a rejected rule fails with its reason) over
 * every event of the sample. It passes when the rule matches exactly `match_count` events (at least one
 * without match_count, or with `anyCount`).
 */
export async function runRegressionCase(
  c: RegressionCase,
  rules: ReadonlyMap<string, CompiledRule>,
  rejected: readonly RejectedRule[],
  readSample: SampleReader,
  options: RegressionOptions = {},
): Promise<RegressionResult> {
  const compiled = rules.get(c.ruleId.toLowerCase());
  if (!compiled) {
    const why = rejected.find((r) => r.id?.toLowerCase() === c.ruleId.toLowerCase());
    return failed(
      c,
      why
        ? `rule ${c.ruleId} was rejected (${why.source.file}:${why.source.line}: ${why.reason})`
        : `rule ${c.ruleId} is not among the loaded rules`,
    );
  }
  if (c.sample === undefined) return failed(c, `sample ${c.path} not found`);
  const engine = new SigmaEngine([compiled]);
  let matches = 0;
  let events = 0;
  let engineError: string | undefined;
  const { errors } = await readSample(c.sample, (batch) => {
    for (const event of batch) {
      events++;
      try {
        if (engine.match(event).length > 0) matches++;
      } catch (e) {
        engineError ??= e instanceof Error ? e.message : String(e);
      }
    }
  });
  if (engineError !== undefined)
    return failed(c, `the engine failed on an event: ${engineError}`, matches, events);
  if (events === 0) {
    return failed(
      c,
      `no event could be read from ${c.sample}${errors > 0 ? ` (${errors} read errors)` : ""}`,
    );
  }
  const exact = c.expectedMatches !== undefined && !options.anyCount;
  if (exact && matches !== c.expectedMatches) {
    return failed(
      c,
      `expected ${c.expectedMatches} match(es), got ${matches} of ${events} event(s)`,
      matches,
      events,
    );
  }
  if (!exact && matches === 0) {
    return failed(c, `expected at least one match, got none of ${events} event(s)`, matches, events);
  }
  return { case: c, status: "passed", matches, events, reason: undefined };
}

/** `N passed, N failed`: the closing line of a regression run. */
export function regressionTotalsLine(results: readonly RegressionResult[]): string {
  const passed = results.filter((r) => r.status === "passed").length;
  return `${passed} passed, ${results.length - passed} failed`;
}
