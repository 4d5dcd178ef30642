// `chibo import` and `chibo members`.
import { parseArgs } from "node:util";
import { importRoster, type ImportSummary, type Tally } from "./import-mutations.js";
import { listRoster } from "./data.js";
import { formatPhone } from "../../domain/phone.js";
import { UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";
import { auditRead } from "../../db/audit.js";
import { applyBotRoutes, routesOf } from "../../delivery/bot-routes.js";
import { telegramBots } from "../../config.js";

export async function importCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "dry-run": { type: "boolean" }, sync: { type: "boolean" } } });
  if (positionals.length !== 2) throw new UsageError("import <orgs.csv|orgs.xlsx> <members.csv|members.xlsx> [--dry-run] [--sync]");
  const database = await openCliDatabase(cli, { create: true });
  try {
    const summary = await importRoster(database.db, positionals[0], positionals[1], {
      dryRun: values["dry-run"] ?? false,
      sync: values.sync ?? false,
      actor: "cli",
      now: cli.now(),
      progress: (stage, done, total) =>
        cli.io.err(stage === "validated" && total === 0 ? cli.say("cli-import-progress-checked", { done }) : cli.say(`cli-progress-${stage}`, { done, total })),
    });
    if (summary.problems.length > 0) {
      cli.io.err(cli.say("cli-import-problems", { count: summary.problems.length }));
      for (const problem of summary.problems) cli.io.err(cli.say("cli-import-problem", { ...problem }));
      return 1;
    }
    const line = (what: string, tally: Tally) => cli.io.out(cli.say("cli-import-summary", { what: cli.say(what), ...tally }));
    line("cli-import-orgs", summary.orgs);
    line("cli-import-people", summary.people);
    line("cli-import-memberships", summary.memberships);
    printChanges(cli, summary);
    if (summary.dryRun) cli.io.out(cli.say("cli-import-dry-run"));
    // Organisations moved between provinces speak through their new province's bot.
    else if (cli.config.TELEGRAM_BOTS_FILE) await applyBotRoutes(database.db, routesOf(telegramBots(cli.config)));
    return 0;
  } finally {
    await database.close();
  }
}

/** Every move and every ending by name (a dry run says what would happen, a run what did). */
function printChanges(cli: CliContext, summary: ImportSummary): void {
  const would = summary.dryRun ? "-dry" : "";
  if (summary.moves.length > 0) {
    cli.io.out(cli.say(`cli-import-moves${would}`, { count: summary.moves.length }));
    for (const move of summary.moves) cli.io.out(cli.say("cli-import-move", { name: move.fullName, phone: formatPhone(move.phone), from: move.from, to: move.to }));
  }
  if (summary.unlisted.length === 0) return;
  if (summary.sync) {
    cli.io.out(cli.say(`cli-import-left${would}`, { count: summary.unlisted.length }));
    for (const gone of summary.unlisted) cli.io.out(cli.say("cli-import-left-line", { name: gone.fullName, phone: formatPhone(gone.phone), org: gone.org }));
  } else {
    cli.io.out(cli.say("cli-import-unlisted-kept", { count: summary.unlisted.length }));
    for (const kept of summary.unlisted) cli.io.out(cli.say("cli-import-unlisted-line", { name: kept.fullName, phone: formatPhone(kept.phone), org: kept.org }));
  }
}

export async function membersCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("members <ORG_CODE> [--json]");
  const database = await openCliDatabase(cli);
  try {
    const org = await orgOrSay(cli, database.db, positionals[0]);
    if (!org) return 1;
    const entries = await listRoster(database.db, org.id);
    await auditRead(database.db, "cli", "members", { org: org.code, json: Boolean(values.json) }, cli.now());
    if (values.json) {
      cli.io.out(JSON.stringify({ org: { code: org.code, name: org.name, kind: org.kind }, members: entries }, null, 2));
      return 0;
    }
    const linked = entries.filter((e) => e.linked).length;
    cli.io.out(cli.say("cli-members-header", { org: org.name, code: org.code, count: entries.length, linked }));
    for (const e of entries) {
      cli.io.out(
        cli.say("cli-members-line", {
          linked: cli.say(e.linked ? "cli-members-linked" : "cli-members-unlinked"),
          name: e.fullName,
          phone: formatPhone(e.phone),
          role: cli.say(`role-${e.role}`),
          status: cli.say(`status-${e.status}`),
        }),
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}
