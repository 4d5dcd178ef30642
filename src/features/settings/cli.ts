// `chibo settings <ORG_CODE> [key=value ...]`: shows an organisation's effective
// settings (its own and inherited), and sets its own keys. Values are JSON
// (numbers, true/false, ["a","b"], {"start":"21:30","end":"06:30"}) or plain text.
import { parseArgs } from "node:util";
import { audit } from "../../db/audit.js";
import { checkSetting } from "../../domain/settings.js";
import { settingsFor } from "../../org/settings.js";
import { UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function settingsCommand(cli: CliContext, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: { actor: { type: "string" } } });
  if (positionals.length < 1) throw new UsageError("settings <ORG_CODE> [key=value ...]");
  const [code, ...assignments] = positionals;
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, code);
    if (!org) return 1;
    const own = JSON.parse(org.settings || "{}") as Record<string, unknown>;
    let bad = 0;
    for (const assignment of assignments) {
      const split = assignment.indexOf("=");
      if (split < 1) throw new UsageError(`"${assignment}" is not key=value`);
      const key = assignment.slice(0, split);
      const raw = assignment.slice(split + 1);
      if (raw === "") {
        delete own[key];
        continue;
      }
      const checked = checkSetting(key, parseValue(raw));
      if (checked.ok) own[key] = checked.value;
      else {
        cli.io.err(cli.say("cli-setting-invalid", { key, error: checked.error }));
        bad++;
      }
    }
    if (bad > 0) return 1;
    if (assignments.length > 0) {
      await db.org.update({ where: { id: org.id }, data: { settings: JSON.stringify(own) } });
      await audit(db, { actor: "cli", action: "org.settings", detail: { org: org.code, settings: own } }, cli.now());
    }
    const effective = await settingsFor(db, org.path);
    cli.io.out(JSON.stringify({ org: org.code, own, effective }, null, 2));
    return 0;
  } finally {
    await database.close();
  }
}
