// `chibo person export <phone>` and `chibo person forget <phone> [--yes]`: a person's
// request to see, or to have removed, what is stored about them. Never prompts (the
// command runs where there is no terminal): forgetting needs --yes.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Db } from "../../db/client.js";
import { formatPhone, normalizePhone } from "../../domain/phone.js";
import { findPersonByPhone, forgetPlan, forgottenName, personExport, type ForgetCounts } from "./data.js";
import { auditExport, forgetPerson } from "./mutations.js";
import { UsageError, type CliContext, openCliDatabase } from "../../cli/io.js";

const USAGE = "person export <phone> [--out file.json] | person forget <phone> [--yes]";

export async function personCommand(cli: CliContext, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === "export") return exportCommand(cli, rest);
  if (action === "forget") return forgetCommand(cli, rest);
  throw new UsageError(USAGE);
}

/** The person with the typed number, or undefined after saying why there is none. */
async function personOrSay(cli: CliContext, db: Db, typed: string) {
  const phone = normalizePhone(typed);
  if (!phone) {
    cli.io.err(cli.say("cli-phone-invalid", { phone: typed }));
    return undefined;
  }
  const person = await findPersonByPhone(db, phone);
  if (!person) cli.io.err(cli.say("privacy-person-unknown", { phone: typed }));
  return person ?? undefined;
}

async function exportCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" } } });
  if (positionals.length !== 1) throw new UsageError("person export <phone> [--out file.json]");
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const person = await personOrSay(cli, db, positionals[0]);
    if (!person) return 1;
    const json = JSON.stringify(await personExport(db, person, cli.now()), null, 2);
    if (values.out) {
      // Personal data: readable by the operator only.
      writeFileSync(values.out, `${json}\n`, { mode: 0o600 });
      cli.io.out(cli.say("privacy-exported", { name: person.fullName, file: values.out }));
    } else {
      cli.io.out(json);
    }
    await auditExport(db, person.id, "cli", values.out ? "file" : "stdout", cli.now());
    return 0;
  } finally {
    await database.close();
  }
}

function sayCounts(cli: CliContext, heading: string, personId: number, counts: ForgetCounts) {
  cli.io.out(cli.say(heading));
  cli.io.out(cli.say("privacy-forget-lines", { ...counts, orgs: counts.orgs.join(", "), placeholder: forgottenName(personId) }));
  cli.io.out(cli.say("privacy-forget-kept", { ...counts, orgs: counts.orgs.join(", ") }));
}

async function forgetCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { yes: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("person forget <phone> [--yes]");
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const person = await personOrSay(cli, db, positionals[0]);
    if (!person) return 1;
    const phone = formatPhone(person.phone);
    if (!values.yes) {
      const plan = await forgetPlan(db, person);
      cli.io.out(cli.say("privacy-forget-header", { name: person.fullName, phone, id: person.id, orgs: plan.orgs.join(", ") || "–" }));
      sayCounts(cli, "privacy-forget-will", person.id, plan);
      cli.io.err(cli.say("privacy-forget-hint", { phone: person.phone }));
      return 1;
    }
    const done = await forgetPerson(db, person.id, "cli", cli.now());
    cli.io.out(cli.say("privacy-forgotten", { id: person.id, name: forgottenName(person.id), phone }));
    sayCounts(cli, "privacy-forget-done", person.id, done);
    return 0;
  } finally {
    await database.close();
  }
}
