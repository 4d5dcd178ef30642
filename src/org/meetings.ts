// A cell's meetings as several features read them: one with its cell and documents, the
// upcoming ones, and the view that messages about a meeting are written from.
import type { Db } from "../db/client.js";
import { idList } from "../db/sql.js";
import { Prisma } from "../generated/prisma/client.js";
import type { MeetingReview, MeetingView } from "./meeting-text.js";
import { previousReviews, type ResolutionView, type ReviewFacts } from "./resolutions.js";

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

/** Meetings that open by reviewing the previous resolution; a thematic one does not. */
export function reviewsPrevious(kind: string): boolean {
  return kind === "regular" || kind === "combined";
}

/** The previous resolution as the review reads it: each task's status and the notes given on it. */
export function reviewOf(resolution: ResolutionView): MeetingReview {
  return reviewFrom({ conclusion: resolution.conclusion?.text, tasks: resolution.tasks });
}

/** A review from what it reads of the previous resolution (reviewOf's full view, or previousReviews' facts). */
function reviewFrom(facts: ReviewFacts): MeetingReview {
  return {
    conclusion: facts.conclusion || undefined,
    tasks: facts.tasks.map((task) => ({
      text: task.text,
      status: task.status,
      dueOn: task.dueOn,
      notes: task.notes.map((n) => ({ name: n.fullName, text: n.text })),
    })),
  };
}

/**
 * The view with the review of the previous resolution, for a regular (or combined)
 * meeting after one that left a conclusion or tasks. Read once per meeting: every
 * recipient's text is rendered from the same view. Statuses are as of `now`.
 */
export async function withReview<V extends MeetingView>(db: Db, view: V, meeting: { orgId: number; kind: string; startsAt: Date }, now: Date): Promise<V> {
  const [review] = await reviewsOf(db, [meeting], now);
  return review ? { ...view, review } : view;
}

/**
 * The reviews of many meetings in three statements whatever their number (domain order
 * kept): undefined where there is none. What reviewOf makes of previousResolution's
 * view, read without the assignees' rows (resolutions.ts, previousReviews).
 */
export async function reviewsOf(db: Db, meetings: { orgId: number; kind: string; startsAt: Date }[], now: Date): Promise<(MeetingReview | undefined)[]> {
  const reviewing = meetings.filter((m) => reviewsPrevious(m.kind));
  const found = await previousReviews(db, reviewing, now);
  const byMeeting = new Map(reviewing.map((m, i) => [m, found[i]]));
  return meetings.map((m) => {
    const previous = byMeeting.get(m);
    return previous ? reviewFrom(previous) : undefined;
  });
}

/**
 * Of these meetings, those someone answered (attend or absent) at the revision given:
 * their ids. One statement whatever their number.
 */
export async function answeredMeetings(db: Db, meetings: { id: number; revision: number }[]): Promise<Set<number>> {
  if (meetings.length === 0) return new Set();
  const rows = await db.$queryRaw<{ meetingId: number | bigint; revision: number | bigint }[]>(Prisma.sql`
    SELECT DISTINCT a."meetingId", a."revision" FROM "MeetingAnswer" a
    WHERE a."meetingId" IN ${idList(db, meetings.map((m) => m.id))} AND a."answer" IS NOT NULL`);
  const answered = new Set(rows.map((row) => `${Number(row.meetingId)}:${Number(row.revision)}`));
  return new Set(meetings.filter((m) => answered.has(`${m.id}:${m.revision}`)).map((m) => m.id));
}

/** Upcoming meetings (not cancelled, not started) of one cell, soonest first. */
export async function upcomingMeetings(db: Db, orgId: number, now: Date) {
  return db.meeting.findMany({
    where: { orgId, status: { in: ["confirmed", "proposed"] }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    include: { org: true, documents: true },
  });
}
