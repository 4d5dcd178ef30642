// `chibo digest <ORG_CODE> [--at <ISO time>] [--json]`: the digest that organisation's
// committee would get at that moment, as text or with every figure and list as JSON.
import { parseArgs } from "node:util";
import { buildDigest } from "../../domain/digest.js";
import { translate } from "../../bot/i18n.js";
import { digestInput } from "./data.js";
import { digestText } from "./text.js";
import { parseInstant, UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";
import { auditRead } from "../../db/audit.js";

export async function digestCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { at: { type: "string" }, json: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("digest <ORG_CODE> [--at <ISO time>] [--json]");
  const at = parseInstant(values.at, "--at") ?? cli.now();
  const database = await openCliDatabase(cli);
  try {
    const org = await orgOrSay(cli, database.db, positionals[0]);
    if (!org) return 1;
    const digest = buildDigest(await digestInput(database.db, org, at));
    await auditRead(database.db, "cli", "digest", { org: org.code, json: Boolean(values.json) }, cli.now());
    cli.io.out(values.json ? JSON.stringify(digest, null, 2) : digestText(translate, cli.config.CHIBO_LANG, digest, org.timezone));
    return 0;
  } finally {
    await database.close();
  }
}
