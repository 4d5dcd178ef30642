// Reads for after the meeting: the record and its list, a member's year.
import type { Db } from "../../db/client.js";
import { settingsFor } from "../../org/settings.js";
import { CURRENT } from "../../db/memberships.js";

/** How far back /attendance looks for a meeting to record. */
const RECORDABLE_DAYS = 90;

export async function loadRecord(db: Db, meetingId: number) {
  return db.meetingRecord.findUnique({ where: { meetingId } });
}

/** The list the secretary fills in: every member of the cell who is not transferred. */
export async function recordList(db: Db, meetingId: number) {
  const entries = await db.attendanceEntry.findMany({ where: { meetingId }, include: { person: true } });
  return entries
    .map((e) => ({ personId: e.personId, name: e.person.fullName, memberStatus: e.memberStatus, attendance: e.attendance }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** A member's attendance entries of meetings whose record is submitted. */
export async function memberEntries(db: Db, personId: number) {
  const entries = await db.attendanceEntry.findMany({
    where: { personId, meeting: { record: { state: "submitted", notHeld: false } } },
    include: { meeting: { include: { record: true, org: true } } },
  });
  return entries.map((e) => ({
    meetingId: e.meetingId,
    startedAt: e.meeting.record?.startedAt ?? e.meeting.startsAt,
    forMonth: e.meeting.forMonth,
    attendance: e.attendance as "present" | "late" | "excused" | "unexcused",
    memberStatus: e.memberStatus,
    orgId: e.meeting.orgId,
    orgName: e.meeting.org.name,
    timeZone: e.meeting.org.timezone,
  }));
}

export async function unpaidMonths(db: Db, personId: number): Promise<string[]> {
  return (await db.duesMark.findMany({ where: { personId } })).map((m) => m.month);
}

/** A meeting and its cell; throws when there is none (the caller had its id from the record). */
export async function meetingWithCell(db: Db, meetingId: number) {
  return db.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { org: true } });
}

/** A meeting with its cell and its record, if any: what a tap on its list or score is checked against. */
export async function meetingWithRecord(db: Db, meetingId: number) {
  return db.meeting.findUnique({ where: { id: meetingId }, include: { record: true, org: true } });
}

/** The settings in force for a meeting's cell (its scoring checklist, whether files may go into the chat). */
export async function settingsOfMeeting(db: Db, meetingId: number) {
  return settingsFor(db, (await meetingWithCell(db, meetingId)).org.path);
}

export type MeetingToRecord = { kind: "started"; meetingId: number } | { kind: "not_started" } | { kind: "none" };

/**
 * The meeting /attendance opens for these cells: the latest confirmed one that has
 * started, within the last 90 days; else whether one is still to come.
 */
export async function meetingToRecord(db: Db, cellIds: number[], now: Date): Promise<MeetingToRecord> {
  const meeting = await db.meeting.findFirst({
    where: { orgId: { in: cellIds }, status: "confirmed", startsAt: { lte: now, gte: new Date(now.getTime() - RECORDABLE_DAYS * 86_400_000) } },
    orderBy: { startsAt: "desc" },
  });
  if (meeting) return { kind: "started", meetingId: meeting.id };
  const upcoming = await db.meeting.findFirst({ where: { orgId: { in: cellIds }, status: "confirmed", startsAt: { gt: now } } });
  return { kind: upcoming ? "not_started" : "none" };
}

/** The names of the people who follow a meeting's cell: the guests the secretary is offered. */
export async function followerNames(db: Db, meetingId: number): Promise<string[]> {
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  return (await db.follow.findMany({ where: { orgId: meeting.orgId }, include: { person: true } })).map((f) => f.person.fullName);
}

/**
 * The score a person may confirm or adjust: they follow the meeting's cell and were named
 * among its guests, and the score is given. Undefined when they may not.
 */
export async function scoreForFollower(db: Db, meetingId: number, person: { id: number; fullName: string }): Promise<number | undefined> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, include: { record: true } });
  const follow = meeting ? await db.follow.findFirst({ where: { orgId: meeting.orgId, personId: person.id } }) : null;
  const guests = JSON.parse(meeting?.record?.guests ?? "[]") as string[];
  if (!meeting?.record || meeting.record.scoreTotal === null || !follow || !guests.includes(person.fullName)) return undefined;
  return meeting.record.scoreTotal;
}

/** The organisations of these ids that no other of them contains: their subtrees cover the rest. */
export async function highestOrgs(db: Db, orgIds: number[]) {
  const orgs = await db.org.findMany({ where: { id: { in: orgIds } } });
  return orgs.filter((o) => !orgs.some((p) => p.id !== o.id && o.path.startsWith(p.path)));
}

/** A member of one of these cells by phone number, with the person. */
export async function cellMembershipByPhone(db: Db, cellIds: number[], phone: string) {
  return db.membership.findFirst({ where: { orgId: { in: cellIds }, person: { phone }, ...CURRENT }, include: { person: true } });
}
