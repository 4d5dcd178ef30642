// A cell's meetings as several features read them: one with its cell and documents, the
// upcoming ones, and the view that messages about a meeting are written from.
import type { Db } from "../db/client.js";
import type { MeetingView } from "./meeting-text.js";

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

/** Upcoming meetings (not cancelled, not started) of one cell, soonest first. */
export async function upcomingMeetings(db: Db, orgId: number, now: Date) {
  return db.meeting.findMany({
    where: { orgId, status: { in: ["confirmed", "proposed"] }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    include: { org: true, documents: true },
  });
}
