// Reads for recording a meeting's outcome: which meetings a secretary may close, who
// may be given a task, a task as a tap sees it.
import type { Db } from "../../db/client.js";
import { IN_FORCE } from "../../db/memberships.js";
import type { RecordChecks } from "../../domain/meeting-record.js";

/** How far back a secretary may still record a meeting's conclusion from the chat. */
const RECORDABLE_DAYS = 120;

/** Meetings of these cells held and recorded in the last months, newest first: what /resolution offers. */
export async function recordedMeetings(db: Db, cellIds: number[], now: Date) {
  return db.meeting.findMany({
    where: {
      orgId: { in: cellIds },
      status: "confirmed",
      startsAt: { lte: now, gte: new Date(now.getTime() - RECORDABLE_DAYS * 86_400_000) },
      record: { state: "submitted", notHeld: false },
    },
    orderBy: { startsAt: "desc" },
    take: 5,
    include: { org: { select: { name: true, timezone: true } }, conclusion: { select: { meetingId: true } } },
  });
}

export interface MeetingOutcomeSubject {
  id: number;
  orgId: number;
  kind: string;
  forMonth: string;
  startsAt: Date;
  orgName: string;
  timeZone: string;
  /** The record's quorum; undefined while the record is not submitted, or the meeting not held. */
  quorum?: RecordChecks["quorum"];
}

export async function meetingOutcomeSubject(db: Db, meetingId: number): Promise<MeetingOutcomeSubject | undefined> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, include: { org: true, record: true } });
  if (!meeting) return undefined;
  const record = meeting.record;
  const held = record && record.state === "submitted" && !record.notHeld;
  const checks = held ? (JSON.parse(record.checks) as Partial<RecordChecks>) : undefined;
  return {
    id: meeting.id,
    orgId: meeting.orgId,
    kind: meeting.kind,
    forMonth: meeting.forMonth,
    startsAt: meeting.startsAt,
    orgName: meeting.org.name,
    timeZone: meeting.org.timezone,
    quorum: checks?.quorum,
  };
}

/** Who may be given a task: the cell's members in force (home or attached, not transferred away), by name. */
export async function assignableMembers(db: Db, orgId: number) {
  const memberships = await db.membership.findMany({
    where: { orgId, ...IN_FORCE },
    include: { person: { select: { id: true, fullName: true } } },
  });
  const people = [...new Map(memberships.map((m) => [m.personId, m.person])).values()];
  return people.sort((a, b) => a.fullName.localeCompare(b.fullName, "vi") || a.id - b.id);
}

/** Whether the person is in force in the cell now: the right to answer a task ends with the membership. */
export async function inCell(db: Db, orgId: number, personId: number): Promise<boolean> {
  return (await db.membership.count({ where: { orgId, personId, ...IN_FORCE } })) > 0;
}

/** Whether the meeting already has a conclusion or a standing task: /resolution then offers changes. */
export async function hasOutcome(db: Db, meetingId: number): Promise<boolean> {
  const [conclusions, tasks] = await Promise.all([db.meetingConclusion.count({ where: { meetingId } }), db.task.count({ where: { meetingId, withdrawnAt: null } })]);
  return conclusions + tasks > 0;
}
