// Gathers a recorded meeting into the plain data the minutes document is built from.
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { formatKind } from "../../org/meeting-text.js";
import type { MinutesData } from "./files/minutes.js";
import { lastingAt } from "../../db/memberships.js";
import { NOT_IN_FORCE_STATUS } from "../../domain/membership.js";
import { reviewOf, reviewsPrevious } from "../../org/meetings.js";
import { conclusionOf, previousResolution, tasksOfMeeting } from "../../org/resolutions.js";

/** Section VI and the review: what the meeting concluded and assigned, and what it reviewed (statuses as of `now`). */
async function outcomeOf(db: Db, meeting: { id: number; orgId: number; kind: string; startsAt: Date }, locale: string, now: Date): Promise<Pick<MinutesData, "conclusion" | "tasks" | "review">> {
  const [conclusion, tasks, previous] = await Promise.all([
    conclusionOf(db, meeting.id),
    tasksOfMeeting(db, meeting.id, now),
    reviewsPrevious(meeting.kind) ? previousResolution(db, meeting.orgId, meeting.startsAt, now) : undefined,
  ]);
  return {
    conclusion: conclusion && { text: conclusion.text, votes: conclusion.votes, countedOfficial: conclusion.countedOfficial, passed: conclusion.passed },
    tasks: tasks.map((task) => ({ text: task.text, assignees: task.assignees.map((a) => a.fullName), wholeCell: task.wholeCell, dueOn: task.dueOn })),
    review: previous && { ...reviewOf(previous), kindLabel: formatKind(t, locale, previous.meeting.kind, previous.meeting.forMonth) },
  };
}

/** The minutes' data; `now` is when task statuses are read (the review of the previous resolution). */
export async function minutesDataOf(db: Db, meetingId: number, locale: string, now: Date): Promise<MinutesData | undefined> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: { org: { include: { parent: true } }, record: true, entries: { include: { person: true } }, proposals: { include: { person: true } }, answers: true },
  });
  if (!meeting?.record) return undefined;
  const { record } = meeting;
  // On the meeting's day: who was attending elsewhere, who was attached here from elsewhere.
  const onTheDay = { orgId: meeting.orgId, ...lastingAt(meeting.startsAt) };
  const [transferred, attachedRows, outcome] = await Promise.all([
    db.membership.count({ where: { ...onTheDay, status: NOT_IN_FORCE_STATUS } }),
    db.membership.findMany({ where: { ...onTheDay, kind: "attached" }, select: { personId: true } }),
    record.notHeld ? {} : outcomeOf(db, meeting, locale, now),
  ]);
  const attachedIds = new Set(attachedRows.map((m) => m.personId));
  const home = meeting.entries.filter((e) => !attachedIds.has(e.personId));
  const count = (status: string) => home.filter((e) => e.memberStatus === status).length;
  const reasons = new Map(meeting.answers.map((a) => [a.personId, a]));
  const absent = meeting.entries.filter((e) => e.attendance === "excused" || e.attendance === "unexcused");
  const reasonOf = (personId: number) => {
    const a = reasons.get(personId);
    return a?.reasonCategory ? `${t(locale, `absence-reason-${a.reasonCategory}`)}${a.reasonText ? `: ${a.reasonText}` : ""}` : "";
  };
  return {
    orgName: meeting.org.name,
    parentName: meeting.org.parent?.name,
    meetingKindLabel: formatKind(t, locale, meeting.kind, meeting.forMonth),
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    scheduledAt: meeting.startsAt,
    timeZone: meeting.org.timezone,
    place: meeting.place,
    chair: record.chair,
    noteTaker: record.noteTaker,
    guests: JSON.parse(record.guests) as string[],
    counts: {
      total: count("official") + count("probationary") + count("exempt") + transferred,
      official: count("official"),
      probationary: count("probationary"),
      exempt: count("exempt"),
      transferred,
      attached: meeting.entries.length - home.length,
      present: meeting.entries.filter((e) => e.attendance === "present" || e.attendance === "late").length,
    },
    absentWithReason: absent
      .filter((e) => e.attendance === "excused" && e.memberStatus !== "exempt")
      .map((e) => ({ name: e.person.fullName, reason: reasonOf(e.personId) })),
    absentWithoutReason: absent.filter((e) => e.attendance === "unexcused" && e.memberStatus !== "exempt").map((e) => e.person.fullName),
    agenda: meeting.agenda,
    topic: meeting.thematicTopic,
    proposals: meeting.proposals.map((p) => ({ name: p.person.fullName, text: p.text, accepted: p.status === "pending" ? null : p.status === "accepted" })),
    notHeld: record.notHeld ? { reason: record.notHeldReason ?? "" } : undefined,
    ...outcome,
  };
}
