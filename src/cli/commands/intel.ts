/**
 * `mikiwame intel import|list|lookup|export|allow`: the local threat-intel store in `<data dir>/intel/`.
 * import: feeds (plain list, abuse.ch CSV, MISP directory or event, STIX 2.1 bundle, CSV with --map) into
 * the store, or with --known-good hash lists into the allow-list; list: the stored indicators; lookup:
 * values against the store (with decay) and the allow-list; export: the store as CSV or STIX; allow: one
 * allow-list entry. Bad rows are diagnostics on stderr (file:line); output text is terminal-escaped.
 */
import { type Command, InvalidArgumentError } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { ALLOW_KINDS, ALLOW_SCOPES, type AllowKind, canonicalAllowValue } from "../../intel/allow-list.js";
import {
  allowListFile,
  appendAllowEntries,
  loadAllowList,
  readKnownGoodHashes,
} from "../../intel/allow-list-file.js";
import { decayState } from "../../intel/decay.js";
import { EXPORT_FORMATS, type ExportFormat, exportIndicators } from "../../intel/export-indicators.js";
import { FEED_FORMATS, type FeedFormat, importFeed } from "../../intel/importers/import-feed.js";
import { parseCsvMapping } from "../../intel/importers/mapped-csv.js";
import { INTEL_TYPES, type IntelType } from "../../intel/intel-indicator.js";
import { intelStoreFile, loadIntelStore, saveIntelStore } from "../../intel/intel-store-file.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminal } from "../../outputs/terminal-escape.js";
import type { CliRuntime } from "../cli-runtime.js";

function choice<T extends string>(name: string, values: readonly T[]): (v: string) => T {
  return (v) => {
    if ((values as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(`${name} must be one of ${values.join(", ")}`);
  };
}

function parseConfidence(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100)
    throw new InvalidArgumentError("expected a whole number from 0 to 100");
  return n;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

interface ImportOptions {
  readonly format: FeedFormat;
  readonly map?: string;
  readonly source?: string;
  readonly confidence?: number;
  readonly tag: string[];
  readonly knownGood?: boolean;
  readonly reason?: string;
  readonly author?: string;
  readonly json?: boolean;
}

/** Adds `intel` and its subcommands to the program. */
export function registerIntelCommand(program: Command, runtime: CliRuntime): void {
  const intel = program
    .command("intel")
    .summary("the local threat-intel store: import feeds, list, look up, export, allow-list")
    .description(
      "Manage the offline indicator store (<data dir>/intel/indicators.jsonl) and the allow-list " +
        "(<data dir>/intel/allowlist.jsonl). See docs/intel.md for formats and the decay per type.",
    );

  intel
    .command("import")
    .summary("import feeds into the store (or known-good hash lists into the allow-list)")
    .argument("<paths...>", "feed files or MISP feed directories")
    .option(
      "--format <format>",
      `feed format: ${FEED_FORMATS.join(", ")}`,
      choice("--format", FEED_FORMATS),
      "auto",
    )
    .option("--map <mapping>", "column mapping for --format csv, e.g. value=ioc,type=kind,tags=labels")
    .option("--source <name>", "source name recorded on each indicator (default: the feed's name)")
    .option("--confidence <n>", "confidence 0..100 of rows that give none (default 75)", parseConfidence)
    .option("--tag <tag>", "tag added to every indicator (repeatable)", collect, [])
    .option("--known-good", "the files are known-good hash lists: add them to the allow-list")
    .option("--reason <text>", "why the known-good hashes are trusted (with --known-good)")
    .option("--author <name>", "who vouches for them (with --known-good)")
    .option("--json", "print the import counts as JSON")
    .action(async (paths: string[], _o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<ImportOptions>();
        if (o.knownGood) {
          if (!o.reason || !o.author)
            throw new MikiwameError("E_USAGE", "--known-good needs --reason and --author");
          const added = new Date().toISOString();
          let total = 0;
          for (const p of paths) {
            const entries = await readKnownGoodHashes(
              p,
              { reason: o.reason, author: o.author, added },
              ctx.diagnostics,
            );
            await appendAllowEntries(allowListFile(ctx.dataDir), entries);
            total += entries.length;
            await ctx.out.write(
              o.json
                ? `${safeJsonStringify({ file: p, allowed: entries.length })}\n`
                : `${escapeTerminal(p)}: ${entries.length} known-good hashes added to the allow-list\n`,
            );
          }
          if (!o.json) await ctx.out.write(`allow-list: ${total} entries added\n`);
          return;
        }
        if (o.format === "csv" && !o.map)
          throw new MikiwameError("E_USAGE", "--format csv needs --map value=<column>,…");
        const file = intelStoreFile(ctx.dataDir);
        const store = await loadIntelStore(file, ctx.diagnostics);
        const mapping = o.map ? parseCsvMapping(o.map) : undefined;
        for (const p of paths) {
          const stats = await importFeed(p, store, ctx.diagnostics, {
            format: o.format,
            tags: o.tag.map((t) => t.toLowerCase()),
            ...(mapping !== undefined && { mapping }),
            ...(o.source !== undefined && { source: o.source }),
            ...(o.confidence !== undefined && { confidence: o.confidence }),
          });
          await ctx.out.write(
            o.json
              ? `${safeJsonStringify({ file: p, ...stats })}\n`
              : `${escapeTerminal(p)} (${stats.format}): ${stats.added} added, ${stats.merged} merged, ${stats.skipped} skipped, ${stats.ignored} not indicators\n`,
          );
        }
        await saveIntelStore(file, store);
        if (!o.json) await ctx.out.write(`store: ${store.size} indicators in ${escapeTerminal(file)}\n`);
      });
    });

  intel
    .command("list")
    .summary("list the stored indicators")
    .option("--type <type>", `only this type: ${INTEL_TYPES.join(", ")}`, choice("--type", INTEL_TYPES))
    .option("--limit <n>", "at most n indicators", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive whole number");
      return n;
    })
    .option("--json", "one JSON object per line")
    .action(async (_o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ type?: IntelType; limit?: number; json?: boolean }>();
        const store = await loadIntelStore(intelStoreFile(ctx.dataDir), ctx.diagnostics);
        const now = Date.now();
        let n = 0;
        for (const i of store.entries()) {
          if (o.type && i.type !== o.type) continue;
          if (o.limit !== undefined && n >= o.limit) break;
          n++;
          const s = decayState(i, now);
          await ctx.out.write(
            o.json
              ? `${safeJsonStringify({ ...i, effectiveConfidence: s.confidence, expired: s.expired })}\n`
              : `${escapeTerminal(`${i.type}  ${i.value}  confidence ${s.confidence}${s.expired ? " (expired)" : ""}  sources ${i.sources.join(",")}  family ${i.family ?? "-"}  tags ${i.tags.join(",") || "-"}`)}\n`,
          );
        }
        if (!o.json) await ctx.out.write(`${n} of ${store.size} indicators\n`);
      });
    });

  intel
    .command("lookup")
    .summary("look values up in the store and the allow-list")
    .argument("<values...>", "hashes, addresses, domains or URLs")
    .option("--all", "show expired indicators too")
    .option("--json", "one JSON object per value")
    .action(async (values: string[], _o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ all?: boolean; json?: boolean }>();
        const store = await loadIntelStore(intelStoreFile(ctx.dataDir), ctx.diagnostics);
        const allow = await loadAllowList(allowListFile(ctx.dataDir), ctx.diagnostics);
        for (const v of values) {
          const matches = store.lookup(v, { includeExpired: o.all === true });
          const allowed = allow.match("hash", v) ?? allow.match("destination", v);
          if (o.json) {
            await ctx.out.write(`${safeJsonStringify({ value: v, matches, allowed: allowed ?? null })}\n`);
            continue;
          }
          const lines = [`${v}: ${matches.length === 0 ? "no match" : `${matches.length} match(es)`}`];
          for (const m of matches)
            lines.push(
              `  ${m.indicator.type} ${m.indicator.value} (${m.kind}) confidence ${m.state.confidence}/${m.indicator.confidence}` +
                `${m.state.expired ? " expired" : ""} sources ${m.indicator.sources.join(",")}` +
                `${m.indicator.family ? ` family ${m.indicator.family}` : ""}${m.indicator.tags.length ? ` tags ${m.indicator.tags.join(",")}` : ""}`,
            );
          if (allowed)
            lines.push(
              `  allow-listed (${allowed.kind}, ${allowed.scope}): ${allowed.reason} — ${allowed.author}`,
            );
          await ctx.out.write(`${lines.map(escapeTerminal).join("\n")}\n`);
        }
      });
    });

  intel
    .command("export")
    .summary("export the store as CSV or a STIX 2.1 bundle")
    .option("--format <format>", `${EXPORT_FORMATS.join(" or ")}`, choice("--format", EXPORT_FORMATS), "csv")
    .action(async (_o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ format: ExportFormat }>();
        const store = await loadIntelStore(intelStoreFile(ctx.dataDir), ctx.diagnostics);
        await exportIndicators(store.entries(), o.format, (t) => ctx.out.write(t));
      });
    });

  intel
    .command("allow")
    .summary("add an allow-list entry (hash, signer, path or destination)")
    .argument("<kind>", ALLOW_KINDS.join(" | "), choice("<kind>", ALLOW_KINDS))
    .argument("<value>", "the hash, signer name, path (`*` wildcard) or destination (address, block, domain)")
    .requiredOption("--reason <text>", "why it is trusted")
    .requiredOption("--author <name>", "who vouches for it")
    .option("--host <name>", "only on this host")
    .option("--user <name>", "only for this user")
    .action(async (kind: AllowKind, value: string, _o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ reason: string; author: string; host?: string; user?: string }>();
        if (o.host && o.user) throw new MikiwameError("E_USAGE", "give --host or --user, not both");
        const v = canonicalAllowValue(kind, value);
        if ("reason" in v) throw new MikiwameError("E_USAGE", `allow ${kind}: ${v.reason}`);
        const scope = o.host ? ALLOW_SCOPES[1] : o.user ? ALLOW_SCOPES[2] : ALLOW_SCOPES[0];
        const scopeValue = o.host ?? o.user;
        await appendAllowEntries(allowListFile(ctx.dataDir), [
          {
            kind,
            value: v.value,
            scope,
            ...(scopeValue !== undefined && { scopeValue }),
            reason: o.reason,
            author: o.author,
            added: new Date().toISOString(),
          },
        ]);
        await ctx.out.write(
          `${escapeTerminal(`allow-listed ${kind} ${v.value} (${scope}${scopeValue ? ` ${scopeValue}` : ""})`)}\n`,
        );
      });
    });
}
