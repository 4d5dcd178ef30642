// Reads for meetings: a meeting with its cell and documents, who answered, the tally.
// Who hears about a meeting and the settings in force are the organisation's (src/org/).
import type { Db } from "../../db/client.js";
import { recipientsOf } from "../../org/people.js";

/** Organisations by id, in code order: the cells a person leads or reads a feed of. */
export async function orgsInCodeOrder(db: Db, orgIds: number[]) {
  return db.org.findMany({ where: { id: { in: orgIds } }, orderBy: { code: "asc" } });
}

/** The cells whose calendar feed a person may read: their own cells and those they follow. */
export async function feedOrgsOf(db: Db, personId: number, cellIds: number[]) {
  const follows = await db.follow.findMany({ where: { personId } });
  return orgsInCodeOrder(db, [...cellIds, ...follows.map((f) => f.orgId)]);
}

/** The cell's meetings still on the calendar (confirmed or proposed), which a new time must not overlap. */
export async function scheduledMeetingsOf(db: Db, orgId: number) {
  return db.meeting.findMany({ where: { orgId, status: { in: ["confirmed", "proposed"] } } });
}

/** The place of the cell's usual schedule, offered as the default place of a new meeting. */
export async function usualPlaceOf(db: Db, orgId: number): Promise<string | null> {
  return (await db.usualSchedule.findUnique({ where: { orgId } }))?.place ?? null;
}

/** How many notices of a meeting are in the outbox. */
export async function noticesQueuedFor(db: Db, meetingId: number): Promise<number> {
  return db.outboxMessage.count({ where: { meetingId, kind: "notice" } });
}

/** An agenda proposal with its meeting, for the secretary's decision. */
export async function loadProposal(db: Db, proposalId: number) {
  return db.agendaProposal.findUnique({ where: { id: proposalId }, include: { meeting: true } });
}

export async function answersOf(db: Db, meetingId: number, revision: number) {
  const answers = await db.meetingAnswer.findMany({ where: { meetingId } });
  return new Map(answers.filter((a) => a.revision === revision && a.answer !== null).map((a) => [a.personId, a]));
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
