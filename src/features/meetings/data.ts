// Reads for meetings: a meeting with its cell and documents, who should hear about it,
// who answered, the settings in force for a cell.
import type { Db } from "../../db/client.js";
import { Prisma } from "../../generated/prisma/client.js";
import { providerOfClient } from "../../delivery/outbox.js";
import { idsOnPath } from "../../domain/tree.js";
import { isExpected } from "../../domain/attendance.js";
import { settingsAlongPaths, type OrgSettings } from "../../domain/settings.js";
import { nextAllowed } from "../../domain/quiet.js";
import type { MeetingView } from "./format.js";
import { IN_FORCE } from "../../db/memberships.js";

export async function settingsFor(db: Db, orgPath: string): Promise<OrgSettings> {
  return (await settingsOfPaths(db, [orgPath])).get(orgPath)!;
}

/**
 * When a message that someone's action causes for someone else may leave: now, or the
 * end of the organisation's quiet hours when it is night there. Nobody's phone rings at
 * night because a secretary works late.
 */
export async function sendableFrom(db: Db, org: { path: string; timezone: string }, now: Date): Promise<Date> {
  return nextAllowed(now, org.timezone, (await settingsFor(db, org.path)).quietHours);
}

/**
 * The settings in force for many organisations (by path) in one query for every
 * ancestor involved. Those whose chains hold the same settings share one object, which
 * planners use as a memo key.
 */
export async function settingsOfPaths(db: Db, paths: string[]): Promise<Map<string, OrgSettings>> {
  const ids = [...new Set(paths.flatMap(idsOnPath))];
  const rows =
    ids.length === 0 ? [] : await db.$queryRaw<{ id: number; settings: string }[]>(Prisma.sql`SELECT "id", "settings" FROM "Org" WHERE "id" IN ${idList(db, ids)}`);
  const settingsAt = settingsAlongPaths(new Map(rows.map((o) => [o.id, o.settings])));
  return new Map(paths.map((path) => [path, settingsAt(path)]));
}

export async function loadMeeting(db: Db, meetingId: number) {
  return db.meeting.findUnique({ where: { id: meetingId }, include: { org: true, documents: true } });
}

export type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

/** What a message about a meeting needs of it: the row, its cell, its documents' titles and links. */
export type MeetingSubject = Omit<LoadedMeeting, "documents"> & { documents: { title: string; url: string }[] };

export function viewOf(meeting: MeetingSubject): MeetingView {
  return {
    id: meeting.id,
    orgName: meeting.org.name,
    kind: meeting.kind,
    forMonth: meeting.forMonth,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    place: meeting.place,
    agenda: meeting.agenda,
    thematicTopic: meeting.thematicTopic,
    timeZone: meeting.org.timezone,
    documents: meeting.documents.map((d) => ({ title: d.title, url: d.url })),
  };
}

export interface Recipient {
  personId: number;
  fullName: string;
  chatId: string | null;
  locale: string;
  status: string | null;
  /** A follower from an upper committee, not a member of the cell. */
  follower: boolean;
}

/** Everyone who should get the cell's notices: expected members and followers. */
export async function recipientsOf(db: Db, orgId: number): Promise<Recipient[]> {
  const [memberships, follows] = await Promise.all([
    db.membership.findMany({ where: { orgId }, include: { person: true } }),
    db.follow.findMany({ where: { orgId }, include: { person: true } }),
  ]);
  const recipients: Recipient[] = memberships
    .filter((m) => isExpected(m))
    .map((m) => ({
      personId: m.personId,
      fullName: m.person.fullName,
      chatId: m.person.unreachableAt ? null : m.person.telegramChatId,
      locale: m.person.locale ?? "vi",
      status: m.status,
      follower: false,
    }));
  const members = new Set(recipients.map((r) => r.personId));
  for (const f of follows) {
    if (members.has(f.personId)) continue;
    recipients.push({
      personId: f.personId,
      fullName: f.person.fullName,
      chatId: f.person.unreachableAt ? null : f.person.telegramChatId,
      locale: f.person.locale ?? "vi",
      status: null,
      follower: true,
    });
  }
  return recipients;
}

/**
 * A list of ids for `column IN ${idList(db, ids)}` in raw SQL: one JSON parameter, so
 * any number of ids fits (Prisma binds at most 999 values per statement on SQLite).
 */
export function idList(db: Db, ids: number[]): Prisma.Sql {
  const json = JSON.stringify(ids);
  return providerOfClient(db) === "sqlite"
    ? Prisma.sql`(SELECT value FROM json_each(${json}))`
    : Prisma.sql`(SELECT json_array_elements_text(${json}::json)::integer)`;
}

/**
 * recipientsOf in SQL, for messages written set-based (one INSERT … SELECT for many
 * cells): rows (idx, personId, chatId, locale, follower) for every row (idx, orgId) of
 * the named relation. Expected members as isExpected decides, then followers who are
 * not among them; chatId and locale as recipientsOf gives them (locale still null when
 * the person chose none). Plain SQL, the same on SQLite and PostgreSQL.
 */
export function recipientsOfCellsSql(cells: string): Prisma.Sql {
  const expected = (m: string) =>
    Prisma.raw(`(${m}."status" IN ('official', 'probationary') OR (${m}."status" = 'exempt' AND ${m}."noticeOptIn"))`);
  const from = Prisma.raw(`"${cells}"`);
  const reachable = Prisma.raw(`CASE WHEN p."unreachableAt" IS NULL THEN p."telegramChatId" END`);
  return Prisma.sql`
    SELECT c."idx", p."id" AS "personId", ${reachable} AS "chatId", p."locale" AS "locale", 0 AS "follower"
    FROM ${from} c
    JOIN "Membership" m ON m."orgId" = c."orgId"
    JOIN "Person" p ON p."id" = m."personId"
    WHERE ${expected("m")}
    UNION ALL
    SELECT c."idx", p."id", ${reachable}, p."locale", 1
    FROM ${from} c
    JOIN "Follow" f ON f."orgId" = c."orgId"
    JOIN "Person" p ON p."id" = f."personId"
    WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."orgId" = f."orgId" AND m."personId" = f."personId" AND ${expected("m")})`;
}

/** The cell's linked secretary and deputies: they hear about absences and proposals. */
export async function leadersOf(db: Db, orgId: number) {
  const memberships = await db.membership.findMany({
    where: { orgId, role: { in: ["secretary", "deputy"] }, ...IN_FORCE, person: { telegramChatId: { not: null } } },
    include: { person: true },
    orderBy: { role: "desc" },
  });
  return memberships.map((m) => ({
    personId: m.personId,
    fullName: m.person.fullName,
    chatId: m.person.telegramChatId!,
    locale: m.person.locale ?? "vi",
  }));
}

export async function answersOf(db: Db, meetingId: number, revision: number) {
  const answers = await db.meetingAnswer.findMany({ where: { meetingId } });
  return new Map(answers.filter((a) => a.revision === revision && a.answer !== null).map((a) => [a.personId, a]));
}

/** Upcoming meetings (not cancelled, not started) of one cell, soonest first. */
export async function upcomingMeetings(db: Db, orgId: number, now: Date) {
  return db.meeting.findMany({
    where: { orgId, status: { in: ["confirmed", "proposed"] }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    include: { org: true, documents: true },
  });
}

export interface MeetingTally {
  expected: number;
  attend: number;
  absent: number;
  noAnswer: number;
}

/** Counts among expected members only (followers answer too, but are guests). */
export async function tallyOf(db: Db, meeting: { id: number; orgId: number; revision: number }): Promise<MeetingTally> {
  const [recipients, answers] = await Promise.all([recipientsOf(db, meeting.orgId), answersOf(db, meeting.id, meeting.revision)]);
  const members = recipients.filter((r) => !r.follower);
  let attend = 0;
  let absent = 0;
  for (const r of members) {
    const a = answers.get(r.personId)?.answer;
    if (a === "attend") attend++;
    else if (a === "absent") absent++;
  }
  return { expected: members.length, attend, absent, noAnswer: members.length - attend - absent };
}
