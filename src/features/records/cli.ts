// `chibo attendance`, `chibo export attendance` and `chibo dues`: the operator's way to
// the same record mutations the secretary uses in chat.
import { createWriteStream, openSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { normalizePhone } from "../../domain/phone.js";
import { monthLabel, parseMonth, quarterParts, toLocal } from "../../domain/zoned.js";
import { translate } from "../../bot/i18n.js";
import { markDuesUnpaid, openAttendance, setAttendance, submitAttendance, ATTENDANCE_VALUES } from "./mutations.js";
import { registerSheets } from "./export-data.js";
import { writeAttendanceCsv, writeAttendanceXlsx } from "./files/export.js";
import { MAX_ID, parseInstant, UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";
import { CURRENT } from "../../db/memberships.js";

/** Comma-separated phones in any format the import accepts → person ids, or the bad one. */
async function personIds(db: Db, list: string | undefined): Promise<{ ids: number[]; bad?: string }> {
  const ids: number[] = [];
  for (const raw of (list ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const phone = normalizePhone(raw);
    const person = phone ? await db.person.findUnique({ where: { phone } }) : null;
    if (!person) return { ids, bad: raw };
    ids.push(person.id);
  }
  return { ids };
}

export async function attendanceCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      present: { type: "string" },
      late: { type: "string" },
      excused: { type: "string" },
      unexcused: { type: "string" },
      start: { type: "string" },
      end: { type: "string" },
    },
  });
  const meetingId = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(meetingId) || meetingId < 1 || meetingId > MAX_ID) throw new UsageError("attendance <MEETING_ID> --present <phones> --excused <phones> --unexcused <phones> [--late <phones>]");
  const now = cli.now();
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting) {
      cli.io.err(cli.say("cli-meeting-not-found", { id: meetingId }));
      return 1;
    }
    const opened = await openAttendance(db, meetingId, "cli", now);
    if (opened.kind !== "opened") {
      cli.io.err(cli.say(opened.kind === "not_started" ? "attendance-not-started" : "meeting-closed-cancelled"));
      return 1;
    }
    for (const attendance of ATTENDANCE_VALUES) {
      const { ids, bad } = await personIds(db, values[attendance]);
      if (bad) {
        cli.io.err(cli.say("cli-phone-not-in-meeting", { phone: bad }));
        return 1;
      }
      for (const id of ids) {
        const outcome = await setAttendance(db, meetingId, opened.version, id, attendance, "cli", now);
        if (outcome.kind === "stale") {
          cli.io.err(cli.say("cli-phone-not-in-meeting", { phone: values[attendance] ?? "" }));
          return 1;
        }
        if (outcome.kind === "not_expected") {
          const person = await db.person.findUniqueOrThrow({ where: { id } });
          cli.io.err(cli.say("attendance-exempt-not-unexcused", { name: person.fullName }));
          return 1;
        }
      }
    }
    const startedAt = parseInstant(values.start, "--start") ?? meeting.startsAt;
    const endedAt = parseInstant(values.end, "--end") ?? new Date(startedAt.getTime() + meeting.durationMinutes * 60_000);
    if (endedAt <= startedAt) {
      cli.io.err(cli.say("record-times-end_before_start"));
      return 1;
    }
    const result = await submitAttendance(db, meetingId, opened.version, { startedAt, endedAt, guests: [] }, "cli", null, now);
    if (result.kind !== "submitted") return 1;
    const c = result.checks;
    cli.io.out(
      cli.say("cli-attendance-recorded", {
        id: meetingId,
        present: c.present,
        expected: c.expected,
        percent: Math.round(c.attendanceRate * 100),
        unexcused: c.unexcused,
        minutes: c.lengthMinutes ?? 0,
        quorum: cli.say(c.quorum.canPass ? "cli-yes" : "cli-no"),
      }),
    );
    cli.io.out(cli.say(result.cadence.regularDone ? "checks-regular-done" : "checks-regular-missing", { month: monthLabel(result.cadence.month) }));
    cli.io.out(cli.say(result.cadence.thematicDone ? "checks-thematic-done" : "checks-thematic-missing", quarterParts(result.cadence.quarter)));
    return 0;
  } finally {
    await database.close();
  }
}

export async function exportCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { year: { type: "string" }, out: { type: "string" }, lang: { type: "string" } } });
  if (positionals[0] !== "attendance" || positionals.length !== 2 || !values.out) throw new UsageError("export attendance <ORG_CODE> --year 2026 --out file.xlsx|file.csv");
  const format = path.extname(values.out).toLowerCase();
  if (format !== ".xlsx" && format !== ".csv") throw new UsageError("--out must end in .xlsx or .csv");
  const locale = values.lang === "en" ? "en" : "vi";
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, positionals[1]);
    if (!org) return 1;
    const year = values.year ? Number(values.year) : toLocal(cli.now(), org.timezone).year;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError("--year must be a year such as 2026");
    const title = translate(locale, "export-title", { org: org.name, year: String(year) });
    // Opened before anything is read, so a bad --out fails at once; then written a batch
    // of cells at a time (a province's register is never in memory as a whole).
    const out = createWriteStream(values.out, { fd: openSync(values.out, "w") });
    const sheets = registerSheets(db, org.path, year, locale);
    const count = format === ".xlsx" ? await writeAttendanceXlsx(sheets, locale, translate, title, cli.now(), out) : await writeAttendanceCsv(sheets, locale, translate, out);
    await audit(db, { actor: "cli", action: "export.attendance", detail: { org: org.code, year, file: path.basename(values.out) } }, cli.now());
    cli.io.out(cli.say("cli-exported", { file: values.out, cells: count.cells, members: count.members }));
    return 0;
  } finally {
    await database.close();
  }
}

export async function duesCommand(cli: CliContext, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const month = positionals.length === 3 ? parseMonth(positionals[2]!) : undefined;
  if (!month) throw new UsageError("dues <CELL_CODE> <phone> <MM/YYYY or YYYY-MM>  (marks that month unpaid)");
  const now = cli.now();
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await db.org.findUnique({ where: { code: positionals[0] } });
    const phone = normalizePhone(positionals[1]);
    const membership = org && phone ? await db.membership.findFirst({ where: { orgId: org.id, person: { phone }, ...CURRENT }, include: { person: true } }) : null;
    if (!org || !membership) {
      cli.io.err(cli.say("cli-person-not-found", { phone: positionals[1], code: positionals[0] }));
      return 1;
    }
    await markDuesUnpaid(db, org.id, membership.personId, month, "cli", now);
    cli.io.out(cli.say("cli-dues-marked", { name: membership.person.fullName, month: monthLabel(month) }));
    return 0;
  } finally {
    await database.close();
  }
}
