// Reads for meetings: a meeting with its cell and documents, who should hear about it,
// who answered, the settings in force for a cell.
import type { Db } from "../../db/client.js";
import { idsOnPath } from "../../domain/tree.js";
import { isExpected } from "../../domain/attendance.js";
import { resolveSettings, type OrgSettings } from "../../domain/settings.js";
import type { MeetingView } from "./format.js";

export async function settingsFor(db: Db, orgPath: string): Promise<OrgSettings> {
  const ids = idsOnPath(orgPath);
  const orgs = await db.org.findMany({ where: { id: { in: ids } }, select: { id: true, settings: true } }); // a path: a handful of ids
  const byId = new Map(orgs.map((o) => [o.id, o.settings]));
  return resolveSettings(ids.map((id) => byId.get(id) ?? "{}"));
}

export async function loadMeeting(db: Db, meetingId: number) {
  return db.meeting.findUnique({ where: { id: meetingId }, include: { org: true, documents: true } });
}

export type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

export function viewOf(meeting: LoadedMeeting): MeetingView {
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

/** The cell's linked secretary and deputies: they hear about absences and proposals. */
export async function leadersOf(db: Db, orgId: number) {
  const memberships = await db.membership.findMany({
    where: { orgId, role: { in: ["secretary", "deputy"] }, person: { telegramChatId: { not: null } } },
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
