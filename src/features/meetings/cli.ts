// `chibo schedule`, `chibo meetings` and `chibo calendar`: the operator's (and the
// tests') way to the same mutations the secretary's conversation uses.
import { parseArgs } from "node:util";
import { createMeeting } from "./mutations.js";
import { tallyOf } from "./data.js";
import { settingsFor } from "../../org/settings.js";
import { parseDocumentLine, MEETING_KINDS } from "./schema.js";
import { checkMeeting, type MeetingKind } from "../../domain/meeting-input.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { calendarPath } from "./routes.js";
import { revokeCalendarLink } from "./mutations.js";
import { CliFailure, freeText, parseInstant, UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";
import { TEXT_LIMITS } from "../../domain/names.js";

export async function scheduleCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      at: { type: "string" },
      kind: { type: "string", default: "regular" },
      place: { type: "string" },
      topic: { type: "string", default: "" },
      agenda: { type: "string", default: "" },
      minutes: { type: "string", default: "90" },
      document: { type: "string", multiple: true, default: [] },
      force: { type: "boolean" },
    },
  });
  if (positionals.length !== 1 || !values.at || !values.place) {
    throw new UsageError("schedule <CELL_CODE> --at <ISO time> --kind regular|thematic|combined --place ... [--topic ...] [--minutes 90]");
  }
  if (!(MEETING_KINDS as readonly string[]).includes(values.kind)) throw new UsageError(`--kind must be one of ${MEETING_KINDS.join(", ")}`);
  const startsAt = parseInstant(values.at, "--at")!;
  const place = freeText(values.place, "--place", TEXT_LIMITS.place)!;
  const topic = freeText(values.topic, "--topic", TEXT_LIMITS.topic, { optional: true });
  const agenda = freeText(values.agenda, "--agenda", TEXT_LIMITS.agenda, { optional: true, lines: true }) ?? "";
  const now = cli.now();
  const minutes = Number(values.minutes);
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > 600) throw new UsageError("--minutes must be a whole number from 15 to 600");
  const documents = values.document.map((line) => {
    const parsed = parseDocumentLine(line);
    if (!parsed) throw new UsageError(`--document "${line}" needs a title and an http(s) link`);
    return parsed;
  });
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, positionals[0]);
    if (!org) return 1;
    if (org.kind !== "cell") {
      cli.io.err(cli.say("cli-not-a-cell", { code: org.code }));
      return 1;
    }
    const kind = values.kind as MeetingKind;
    const others = await db.meeting.findMany({ where: { orgId: org.id, status: { in: ["confirmed", "proposed"] } } });
    const settings = await settingsFor(db, org.path);
    const check = checkMeeting({ startsAt, durationMinutes: minutes, kind }, { now, timeZone: org.timezone, settings, otherMeetingsOfCell: others });
    if (check.errors.length > 0) {
      for (const e of check.errors) cli.io.err(cli.say(`schedule-error-${e}`));
      return 1;
    }
    for (const w of check.warnings) cli.io.err(cli.say("cli-warning", { text: cli.say(`schedule-warning-${w}`, { minimum: w === "too_short" ? settings.minMinutes : settings.combinedMinMinutes }) }));
    const meeting = await createMeeting(
      db,
      { orgId: org.id, kind, startsAt, durationMinutes: minutes, place, agenda, thematicTopic: topic ?? null, documents },
      "confirmed",
      now,
    );
    const queued = await db.outboxMessage.count({ where: { meetingId: meeting.id, kind: "notice" } });
    cli.io.out(cli.say("cli-scheduled", { id: meeting.id, org: org.name, when: formatLocalDateTime(startsAt, org.timezone), queued }));
    return 0;
  } finally {
    await database.close();
  }
}

export async function meetingsCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("meetings <ORG_CODE> [--json]");
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, positionals[0]);
    if (!org) return 1;
    const meetings = await db.meeting.findMany({
      where: { org: { path: { startsWith: org.path } } },
      include: { org: true, documents: true, proposals: true, record: true },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    const rows = [];
    for (const m of meetings) {
      rows.push({
        id: m.id,
        cell: m.org.code,
        cellName: m.org.name,
        kind: m.kind,
        forMonth: m.forMonth,
        startsAt: m.startsAt.toISOString(),
        localTime: formatLocalDateTime(m.startsAt, m.org.timezone),
        durationMinutes: m.durationMinutes,
        place: m.place,
        status: m.status,
        revision: m.revision,
        statusReason: m.statusReason,
        documents: m.documents.length,
        proposals: m.proposals.length,
        answers: await tallyOf(db, m),
        record: m.record
          ? {
              state: m.record.state,
              version: m.record.version,
              notHeld: m.record.notHeld,
              notHeldReason: m.record.notHeldReason,
              startedAt: m.record.startedAt?.toISOString() ?? null,
              endedAt: m.record.endedAt?.toISOString() ?? null,
              checks: JSON.parse(m.record.checks) as unknown,
              score: m.record.scoreTotal,
              grade: m.record.scoreGrade,
            }
          : null,
      });
    }
    if (values.json) {
      cli.io.out(JSON.stringify({ org: { code: org.code, name: org.name }, meetings: rows }, null, 2));
      return 0;
    }
    if (rows.length === 0) cli.io.out(cli.say("cli-meetings-none", { org: org.name }));
    for (const r of rows) {
      cli.io.out(
        cli.say("cli-meetings-line", { id: r.id, cell: r.cell, localTime: r.localTime, status: r.status, ...r.answers, kind: cli.say(`schedule-kind-${r.kind}`) }),
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * `chibo calendar <CELL_CODE> [--revoke]`: the cell's private calendar feed link, and a
 * way to revoke it (a link that reached the wrong hands, a member who left): every
 * earlier link stops working and members get the new one from /calendar.
 */
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
