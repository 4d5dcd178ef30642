// `chibo calendar <CELL_CODE> [--revoke]`: the cell's private calendar feed link, and a
// way to revoke it (a link that reached the wrong hands, a member who left): every
// earlier link stops working and members get the new one from /calendar.
import { parseArgs } from "node:util";
import { calendarPath, revokeCalendarLink } from "../features/meetings/calendar-feed.js";
import { CliFailure, openCliDatabase, orgOrSay, UsageError, type CliContext } from "./io.js";

export async function calendarCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { revoke: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("calendar <CELL_CODE> [--revoke]");
  const { PUBLIC_URL, CHIBO_SECRET } = cli.config;
  if (!PUBLIC_URL || !CHIBO_SECRET) throw new CliFailure("cli-calendar-off");
  const database = await openCliDatabase(cli);
  try {
    const found = await orgOrSay(cli, database.db, positionals[0]);
    if (!found) return 1;
    if (found.kind !== "cell") {
      cli.io.err(cli.say("cli-not-a-cell", { code: found.code }));
      return 1;
    }
    const org = values.revoke ? await revokeCalendarLink(database.db, found.id, "cli", cli.now()) : found;
    if (values.revoke) cli.io.out(cli.say("cli-calendar-revoked", { org: org.name }));
    cli.io.out(`${PUBLIC_URL.replace(/\/$/, "")}${calendarPath(CHIBO_SECRET, org)}`);
    return 0;
  } finally {
    await database.close();
  }
}
