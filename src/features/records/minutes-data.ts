// Gathers a recorded meeting into the plain data the minutes document is built from.
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { formatKind } from "../../org/meeting-text.js";
import type { MinutesData } from "./files/minutes.js";
import { lastingAt } from "../../db/memberships.js";
import { NOT_IN_FORCE_STATUS } from "../../domain/membership.js";

export async function minutesDataOf(db: Db, meetingId: number, locale: string): Promise<MinutesData | undefined> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: { org: { include: { parent: true } }, record: true, entries: { include: { person: true } }, proposals: { include: { person: true } }, answers: true },
  });
  if (!meeting?.record) return undefined;
  const { record } = meeting;
  // On the meeting's day: who was attending elsewhere, who was attached here from elsewhere.
  const onTheDay = { orgId: meeting.orgId, ...lastingAt(meeting.startsAt) };
  const [transferred, attachedRows] = await Promise.all([
    db.membership.count({ where: { ...onTheDay, status: NOT_IN_FORCE_STATUS } }),
    db.membership.findMany({ where: { ...onTheDay, kind: "attached" }, select: { personId: true } }),
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
  };
}
