/**
 * `mikiwame token create|list|revoke`: the API tokens of `mikiwame serve`, kept hashed in
 * `<data dir>/tokens.json`. Works whether the server is running or not (a running server notices the
 * change on its next request). Input: a role and a name, or a token id. Output: `create` prints the new
 * token once (and nothing else on stdout, so `TOKEN=$(mikiwame token create …)` works); `list` a table
 * or `--json`; `revoke` a confirmation line.
 */
import { userInfo } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminal } from "../../outputs/terminal-escape.js";
import { renderTable } from "../../outputs/text-table.js";
import { TOKEN_ROLES, type TokenRole } from "../../server/api-contract.js";
import { TOKEN_ID } from "../../server/auth/api-token.js";
import { TokenFile, tokenFilePath } from "../../server/auth/token-file.js";
import type { CliRuntime } from "../cli-runtime.js";

function parseRole(v: string): TokenRole {
  if ((TOKEN_ROLES as readonly string[]).includes(v)) return v as TokenRole;
  throw new InvalidArgumentError(`role must be one of ${TOKEN_ROLES.join(", ")}`);
}

/** Who runs the command, for `createdBy` / `revoked.by`. */
function localUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

/** Adds `token` and its subcommands to the program. */
export function registerTokenCommand(program: Command, runtime: CliRuntime): void {
  const token = program
    .command("token")
    .summary("API tokens of `mikiwame serve`: create, list, revoke")
    .description(
      "Manage the API tokens of the server (<data dir>/tokens.json; only hashes are stored). Roles: viewer " +
        "(read), analyst (also verdicts, notes, allow-list, upload), admin (everything, tokens and audit), " +
        "ingest (write events only). A running server sees changes on its next request.",
    );

  token
    .command("create")
    .summary("create a token and print it (once)")
    .requiredOption("--role <role>", `one of ${TOKEN_ROLES.join(", ")}`, parseRole)
    .requiredOption("--name <name>", "what the token is for (shown in lists and the audit log)")
    .action(async (_o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ role: TokenRole; name: string }>();
        const created = await new TokenFile(tokenFilePath(ctx.dataDir), ctx.diagnostics).create(
          o.name,
          o.role,
          localUser(),
        );
        await ctx.out.write(`${created.token}\n`);
        runtime.errorLine(
          `created ${created.info.role} token ${created.info.id} (${created.info.name}); it is shown only this once`,
        );
      });
    });

  token
    .command("list")
    .summary("list the tokens (never their secrets)")
    .option("--json", "print JSON")
    .action(async (_o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const list = await new TokenFile(tokenFilePath(ctx.dataDir), ctx.diagnostics).list();
        if (command.opts<{ json?: boolean }>().json) {
          await ctx.out.write(`${safeJsonStringify(list)}\n`);
          return;
        }
        if (list.length === 0) {
          await ctx.out.write("no tokens (the first `mikiwame serve` creates an admin token)\n");
          return;
        }
        const rows = list.map((t) => [
          t.id,
          t.role,
          t.name,
          t.created,
          t.revoked ? `revoked ${t.revoked.at}` : "active",
        ]);
        const columns = ["id", "role", "name", "created", "state"].map((header) => ({
          header,
          maxWidth: 60,
        }));
        await ctx.out.write(`${renderTable(columns, rows, { indent: "" }).join("\n")}\n`);
      });
    });

  token
    .command("revoke")
    .summary("revoke a token (refused from the next request on)")
    .argument("<id>", "the token id (12 hex digits, as `token list` shows)")
    .action(async (id: string, _o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        if (!TOKEN_ID.test(id))
          throw new MikiwameError("E_USAGE", `${escapeTerminal(id)} is not a token id (12 hex digits)`);
        const revoked = await new TokenFile(tokenFilePath(ctx.dataDir), ctx.diagnostics).revoke(
          id,
          localUser(),
        );
        if (!revoked) throw new MikiwameError("E_USAGE", `no token ${id} (see mikiwame token list)`);
        await ctx.out.write(
          `revoked ${revoked.role} token ${revoked.id} (${escapeTerminal(revoked.name)}) at ${revoked.revoked?.at}\n`,
        );
      });
    });
}
