// `chibo assign <CELL_CODE> <phone> [--remove]` and `chibo follows <ORG_CODE> [--json]`:
// the operator's way to start, end and list follow assignments.
import { parseArgs } from "node:util";
import { normalizePhone, formatPhone } from "../../domain/phone.js";
import { cellByCode, committeeSeatAbove, followsUnder } from "./data.js";
import { addFollow, removeFollow, type Actor } from "./mutations.js";
import { UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";

const OPERATOR: Actor = { personId: null, fullName: null, audit: "cli" };

export async function assignCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { remove: { type: "boolean" } } });
  if (positionals.length !== 2) throw new UsageError("assign <CELL_CODE> <phone> [--remove]");
  const now = cli.now();
  const [code, rawPhone] = positionals;
  const phone = normalizePhone(rawPhone);
  if (!phone) {
    cli.io.err(cli.say("cli-phone-invalid", { phone: rawPhone }));
    return 1;
  }
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const found = await cellByCode(db, code);
    if (found.kind === "unknown") {
      cli.io.err(cli.say("cli-org-not-found", { code }));
      return 1;
    }
    if (found.kind !== "ok") {
      cli.io.err(cli.say("cli-not-a-cell", { code: found.code }));
      return 1;
    }
    const { cell } = found;
    const person = await db.person.findUnique({ where: { phone } });
    if (!person) {
      cli.io.err(cli.say("cli-assign-person-unknown", { phone: rawPhone }));
      return 1;
    }
    const vars = { name: person.fullName, phone: formatPhone(person.phone), cell: cell.name, code: cell.code };
    if (values.remove) {
      const outcome = await removeFollow(db, { cell, personId: person.id, actor: OPERATOR }, now);
      cli.io.out(cli.say(outcome.kind === "removed" ? "cli-assign-removed" : "cli-assign-not-following", vars));
      return 0;
    }
    // Following is for the committees above the cell, as in chat.
    if (!(await committeeSeatAbove(db, person.id, cell))) {
      cli.io.err(cli.say("cli-assign-not-committee", vars));
      return 1;
    }
    const outcome = await addFollow(db, { cell, personId: person.id, actor: OPERATOR }, now);
    if (outcome.kind === "already") {
      cli.io.out(cli.say("cli-assign-already", vars));
      return 0;
    }
    cli.io.out(cli.say("cli-assign-added", vars));
    if (!outcome.linked) cli.io.out(cli.say("cli-assign-unlinked", vars));
    return 0;
  } finally {
    await database.close();
  }
}

export async function followsCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("follows <ORG_CODE> [--json]");
  const database = await openCliDatabase(cli);
  try {
    const org = await orgOrSay(cli, database.db, positionals[0]);
    if (!org) return 1;
    const { rows } = await followsUnder(database.db, [org.path]);
    if (values.json) {
      const follows = rows.map((r) => ({ cell: { code: r.cellCode, name: r.cellName }, person: { fullName: r.fullName, phone: r.phone, linked: r.linked }, since: r.since }));
      cli.io.out(JSON.stringify({ org: { code: org.code, name: org.name, kind: org.kind }, follows }, null, 2));
      return 0;
    }
    cli.io.out(cli.say("cli-follows-header", { org: org.name, code: org.code, count: rows.length }));
    for (const r of rows) {
      cli.io.out(
        cli.say("cli-follows-line", {
          cell: r.cellName,
          cellCode: r.cellCode,
          name: r.fullName,
          phone: formatPhone(r.phone),
          linked: cli.say(r.linked ? "cli-members-linked" : "cli-members-unlinked"),
          since: r.since,
        }),
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}
