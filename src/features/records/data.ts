// Reads for after the meeting: the record and its list, a member's year.
import type { Db } from "../../db/client.js";

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
