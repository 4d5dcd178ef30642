// Recording a meeting: the attendance list (a draft until submitted), the actual times,
// the rule checks, the quality score, corrections (audited), party dues, and the
// removal-rule flags that follow. The product flags; it never removes anyone.
import { InlineKeyboard } from "grammy";
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { checkRecord, type Attendance, type RecordChecks } from "../../domain/meeting-record.js";
import { gradeOf, maxScore, scoreMeeting } from "../../domain/scoring.js";
import { yearSummary } from "../../domain/member-record.js";
import { countsTowardTarget } from "../../domain/attendance.js";
import { monthKey, monthLabel, quarterKey, toLocal } from "../../domain/zoned.js";
import { regularDoneFor, thematicDoneFor } from "../../domain/compliance.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { idsOnPath } from "../../domain/tree.js";
import { nextAllowed } from "../../domain/quiet.js";
import { loadMeeting } from "../../org/meetings.js";
import { recheckVote } from "../../org/resolutions.js";
import { leadersOf } from "../../org/people.js";
import { sendableFrom, settingsFor } from "../../org/settings.js";
import { formatWhen } from "../../org/meeting-text.js";
import { memberEntries, unpaidMonths } from "./data.js";
import { audit } from "../../db/audit.js";
import { IN_FORCE, lastingAt } from "../../db/memberships.js";
import { NOT_IN_FORCE_STATUS } from "../../domain/membership.js";
import { adjustScoreButton, confirmScoreButton } from "./schema.js";

export const ATTENDANCE_VALUES = ["present", "late", "excused", "unexcused"] as const;


/**
 * The cell's list on the meeting's day (domain/membership.ts): the periods lasting when
 * it started, home or attached, but those transferred away. One person once, even when
 * a period changed that very instant (the later one wins).
 */
async function membersOnTheDay(db: Db, meeting: { orgId: number; startsAt: Date }) {
  const periods = await db.membership.findMany({
    where: { orgId: meeting.orgId, status: { not: NOT_IN_FORCE_STATUS }, ...lastingAt(meeting.startsAt) },
    orderBy: { id: "asc" },
  });
  return [...new Map(periods.map((m) => [m.personId, m])).values()];
}

export type OpenOutcome =
  | { kind: "opened"; version: number; corrected: boolean }
  | { kind: "not_started" }
  | { kind: "not_found" }
  | { kind: "cancelled" };

/**
 * Opens the list of a meeting that has started: prefilled from the answers (attend →
 * present, absent → excused, no answer → present: "all present except…", except exempt
 * members, who are not expected). A submitted
 * record is reopened for correction with a new version, so taps on its old list are refused.
 */
export async function openAttendance(db: Db, meetingId: number, actor: string, now: Date): Promise<OpenOutcome> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, include: { answers: true, record: true } });
  if (!meeting) return { kind: "not_found" };
  if (meeting.status === "cancelled") return { kind: "cancelled" };
  if (meeting.status !== "confirmed" || meeting.startsAt.getTime() > now.getTime()) return { kind: "not_started" };
  if (meeting.record) {
    if (meeting.record.state === "draft") return { kind: "opened", version: meeting.record.version, corrected: false };
    const reopened = await db.meetingRecord.update({ where: { meetingId }, data: { state: "draft", version: { increment: 1 } } });
    await audit(db, { actor, action: "attendance.reopen", detail: { meetingId, version: reopened.version } }, now);
    return { kind: "opened", version: reopened.version, corrected: true };
  }
  const memberships = await membersOnTheDay(db, meeting);
  const answers = new Map(meeting.answers.filter((a) => a.revision === meeting.revision).map((a) => [a.personId, a.answer]));
  await db.$transaction(async (tx) => {
    await tx.meetingRecord.create({ data: { meetingId, recordedByPersonId: null } });
    await tx.attendanceEntry.createMany({
      data: memberships.map((m) => ({
        meetingId,
        personId: m.personId,
        memberStatus: m.status,
        attendance: prefill(answers.get(m.personId), m.status),
      })),
    });
  });
  return { kind: "opened", version: 1, corrected: false };
}

/** Exempt members are not expected: present only if they said they would come. */
function prefill(answer: string | null | undefined, status: string): Attendance {
  if (answer === "attend") return "present";
  if (answer === "absent") return "excused";
  return status === "exempt" ? "excused" : "present";
}

export type EditOutcome = { kind: "changed"; attendance: Attendance } | { kind: "stale" } | { kind: "not_expected" };

/** Only the open list of this version may change; an old list's buttons change nothing. */
async function draftOf(db: Db, meetingId: number, version: number) {
  const record = await db.meetingRecord.findUnique({ where: { meetingId } });
  return record && record.state === "draft" && record.version === version ? record : undefined;
}

const NEXT: Record<Attendance, Attendance> = { present: "late", late: "excused", excused: "unexcused", unexcused: "present" };
/** A member who was not expected (exempt) is present, late or simply absent: never "without a reason". */
const NEXT_NOT_EXPECTED: Record<Attendance, Attendance> = { present: "late", late: "excused", excused: "present", unexcused: "present" };

export async function cycleAttendance(db: Db, meetingId: number, version: number, personId: number, actor: string, now: Date): Promise<EditOutcome> {
  if (!(await draftOf(db, meetingId, version))) return { kind: "stale" };
  const entry = await db.attendanceEntry.findUnique({ where: { meetingId_personId: { meetingId, personId } } });
  if (!entry) return { kind: "stale" };
  const next = countsTowardTarget(entry.memberStatus) ? NEXT : NEXT_NOT_EXPECTED;
  const attendance = next[entry.attendance as Attendance] ?? "present";
  return setAttendance(db, meetingId, version, personId, attendance, actor, now);
}

export async function setAttendance(
  db: Db,
  meetingId: number,
  version: number,
  personId: number,
  attendance: Attendance,
  actor: string,
  now: Date,
): Promise<EditOutcome> {
  if (!(await draftOf(db, meetingId, version))) return { kind: "stale" };
  const entry = await db.attendanceEntry.findUnique({ where: { meetingId_personId: { meetingId, personId } } });
  if (!entry) return { kind: "stale" };
  if (attendance === "unexcused" && !countsTowardTarget(entry.memberStatus)) return { kind: "not_expected" };
  if (entry.attendance !== attendance) {
    await db.attendanceEntry.update({ where: { id: entry.id }, data: { attendance } });
    await audit(db, { actor, action: "attendance.edit", detail: { meetingId, version, personId, from: entry.attendance, to: attendance } }, now);
  }
  return { kind: "changed", attendance };
}

export async function setAllPresent(db: Db, meetingId: number, version: number, actor: string, now: Date): Promise<boolean> {
  if (!(await draftOf(db, meetingId, version))) return false;
  const changed = await db.attendanceEntry.updateMany({ where: { meetingId, attendance: { not: "present" } }, data: { attendance: "present" } });
  await audit(db, { actor, action: "attendance.all_present", detail: { meetingId, version, changed: changed.count } }, now);
  return true;
}

export interface SubmitInput {
  startedAt: Date;
  endedAt: Date;
  guests: string[];
  chair?: string | null;
  noteTaker?: string | null;
}

/** After a record: whether the cell has now held this month's regular and this quarter's thematic meeting. */
export interface CadenceStatus {
  month: string;
  regularDone: boolean;
  quarter: string;
  thematicDone: boolean;
}

export type SubmitOutcome =
  | { kind: "submitted"; checks: RecordChecks; cadence: CadenceStatus; /** Set when a correction turned the recorded vote's verdict. */ voteChanged?: { passed: boolean } }
  | { kind: "stale" };

async function cadenceOf(db: Db, orgId: number, timeZone: string, settings: Awaited<ReturnType<typeof settingsFor>>, at: Date): Promise<CadenceStatus> {
  const held = await db.meeting.findMany({
    where: { orgId, status: "confirmed", record: { state: "submitted", notHeld: false } },
    include: { record: true },
  });
  const meetings = held.map((m) => ({ kind: m.kind as "regular", forMonth: m.forMonth, startedAt: m.record!.startedAt ?? m.startsAt, notHeld: false }));
  const month = monthKey(at, timeZone);
  const quarter = quarterKey(at, timeZone);
  return { month, regularDone: regularDoneFor(month, meetings, timeZone, settings), quarter, thematicDone: thematicDoneFor(quarter, meetings, timeZone) };
}

export async function submitAttendance(db: Db, meetingId: number, version: number, input: SubmitInput, actor: string, personId: number | null, now: Date): Promise<SubmitOutcome> {
  if (!(await draftOf(db, meetingId, version))) return { kind: "stale" };
  const meeting = (await loadMeeting(db, meetingId))!;
  const settings = await settingsFor(db, meeting.org.path);
  const entries = await db.attendanceEntry.findMany({ where: { meetingId } });
  const checks = checkRecord({
    kind: meeting.kind as "regular" | "thematic" | "combined",
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    entries: entries.map((e) => ({ personId: e.personId, memberStatus: e.memberStatus as "official", attendance: e.attendance as Attendance })),
    settings,
  });
  const taken = await db.meetingRecord.updateMany({
    where: { meetingId, state: "draft", version },
    data: {
      state: "submitted",
      notHeld: false,
      notHeldReason: null,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
      guests: JSON.stringify(input.guests),
      chair: input.chair ?? null,
      noteTaker: input.noteTaker ?? null,
      checks: JSON.stringify(checks),
      recordedByPersonId: personId,
      submittedAt: now,
    },
  });
  if (taken.count === 0) return { kind: "stale" };
  await audit(db, { actor, action: "attendance.submit", detail: { meetingId, version, checks } }, now);
  // A correction may change who is counted: a vote already recorded is checked again.
  const vote = await recheckVote(db, meetingId, checks.quorum, actor, now);
  await flagMembers(db, entries.filter((e) => e.attendance === "unexcused").map((e) => e.personId), meeting.orgId, now);
  return { kind: "submitted", checks, cadence: await cadenceOf(db, meeting.orgId, meeting.org.timezone, settings, input.startedAt), voteChanged: vote };
}

export async function recordNotHeld(db: Db, meetingId: number, version: number, reason: string, actor: string, personId: number | null, now: Date) {
  const taken = await db.meetingRecord.updateMany({
    where: { meetingId, state: "draft", version },
    data: { state: "submitted", notHeld: true, notHeldReason: reason, recordedByPersonId: personId, submittedAt: now, checks: "{}" },
  });
  if (taken.count === 0) return { kind: "stale" } as const;
  await audit(db, { actor, action: "attendance.not_held", detail: { meetingId, version, reason } }, now);
  return { kind: "recorded" } as const;
}

export async function saveScore(db: Db, meetingId: number, given: Record<string, number>, actor: string, now: Date) {
  const meeting = (await loadMeeting(db, meetingId))!;
  const record = await db.meetingRecord.findUnique({ where: { meetingId } });
  if (!record || record.state !== "submitted" || record.notHeld) return { kind: "not_recorded" } as const;
  const settings = await settingsFor(db, meeting.org.path);
  const scored = scoreMeeting(settings.scoringChecklist, given, JSON.parse(record.checks) as RecordChecks);
  if (!scored.ok) return { kind: "invalid", error: scored.error, key: scored.key } as const;
  const grade = gradeOf(scored.total, maxScore(settings.scoringChecklist), settings.gradeThresholds);
  await db.meetingRecord.update({
    where: { meetingId },
    data: { scoreItems: JSON.stringify(scored.items), scoreTotal: scored.total, scoreGrade: grade, scoreConfirmedByPersonId: null, scoreConfirmedAt: null },
  });
  await audit(db, { actor, action: "score.save", detail: { meetingId, total: scored.total, grade } }, now);
  return { kind: "scored", total: scored.total, max: maxScore(settings.scoringChecklist), grade, items: scored.items } as const;
}

/** The upper-committee member who attended sets the total; the secretary hears of it. */
export async function adjustScore(db: Db, meetingId: number, total: number, followerId: number, now: Date) {
  const meeting = (await loadMeeting(db, meetingId))!;
  const settings = await settingsFor(db, meeting.org.path);
  const grade = gradeOf(total, maxScore(settings.scoringChecklist), settings.gradeThresholds);
  const before = await db.meetingRecord.findUniqueOrThrow({ where: { meetingId } });
  await db.meetingRecord.update({ where: { meetingId }, data: { scoreTotal: total, scoreGrade: grade, scoreConfirmedByPersonId: followerId, scoreConfirmedAt: now } });
  await audit(db, { actor: `person:${followerId}`, action: "score.adjust", detail: { meetingId, from: before.scoreTotal, to: total } }, now);
  const follower = await db.person.findUniqueOrThrow({ where: { id: followerId } });
  await enqueue(
    db,
    (await leadersOf(db, meeting.orgId)).map((l) => ({
      key: `score-adjusted:${meetingId}:${total}:${l.personId}`,
      chatId: l.chatId,
      personId: l.personId,
      orgId: meeting.orgId,
      meetingId,
      kind: "score_adjusted",
      payload: { text: t(l.locale, "score-adjusted-to-secretary", { name: follower.fullName, from: before.scoreTotal ?? 0, to: total, grade: t(l.locale, `grade-${grade}`) }) },
      notBefore: nextAllowed(now, meeting.org.timezone, settings.quietHours),
    })),
    now,
  );
  return grade;
}

/** Followers named among the guests are asked to confirm the score (through the outbox). */
export async function askFollowersToConfirm(db: Db, meetingId: number, total: number, max: number, now: Date) {
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { record: true, org: true } });
  const guests = new Set(JSON.parse(meeting.record?.guests ?? "[]") as string[]);
  const follows = await db.follow.findMany({ where: { orgId: meeting.orgId }, include: { person: true } });
  const notBefore = await sendableFrom(db, meeting.org, now);
  const items = follows
    .filter((f) => guests.has(f.person.fullName) && f.person.telegramChatId)
    .map((f) => {
      const locale = f.person.locale ?? "vi";
      return {
        key: `score-confirm:${meetingId}:${total}:${f.personId}`,
        chatId: f.person.telegramChatId!,
        personId: f.personId,
        orgId: meeting.orgId,
        meetingId,
        kind: "score_confirm",
        payload: {
          text: t(locale, "score-confirm-ask", { org: meeting.org.name, when: formatWhen(t, locale, meeting.startsAt, meeting.org.timezone), total, max }),
          replyMarkup: new InlineKeyboard()
            .text(t(locale, "score-confirm"), confirmScoreButton.encode({ meetingId, total }))
            .text(t(locale, "score-adjust"), adjustScoreButton.encode({ meetingId, total })),
        },
        notBefore,
      };
    });
  await enqueue(db, items, now);
}

/** A follower from the upper committee confirms the secretary's score: the mark and its audit entry together. */
export async function confirmScore(db: Db, meetingId: number, followerId: number, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.meetingRecord.update({ where: { meetingId }, data: { scoreConfirmedByPersonId: followerId, scoreConfirmedAt: now } });
    await audit(tx as Db, { actor: `person:${followerId}`, action: "score.confirm", detail: { meetingId } }, now);
  });
}

export async function markDuesUnpaid(db: Db, orgId: number, personId: number, month: string, actor: string, now: Date) {
  await db.duesMark.upsert({ where: { personId_month: { personId, month } }, create: { personId, orgId, month, createdAt: now }, update: {} });
  await audit(db, { actor, action: "dues.unpaid", detail: { orgId, personId, month } }, now);
  await flagMembers(db, [personId], orgId, now);
}

/**
 * After new unexcused absences or unpaid dues: two months in a calendar year warn the
 * secretary privately; three flag the case to the secretary and the base committee
 * "to be considered under the removal rule", with the dates. Each level once a year.
 */
async function flagMembers(db: Db, personIds: number[], orgId: number, now: Date) {
  if (personIds.length === 0) return;
  const org = await db.org.findUniqueOrThrow({ where: { id: orgId } });
  const year = toLocal(now, org.timezone).year;
  const leaders = await leadersOf(db, orgId);
  const committee = await baseCommitteeOf(db, org.path);
  const notBefore = await sendableFrom(db, org, now);
  const items: OutboxItem[] = [];
  for (const personId of personIds) {
    const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
    // The year's entries in every cell: a member who moved counts the months of both.
    const entries = await memberEntries(db, personId);
    const summary = yearSummary(entries, await unpaidMonths(db, personId), year, org.timezone);
    if (summary.flag === "none") continue;
    const months = summary.unexcusedMonths.map(monthLabel).join(", ");
    const dates = summary.unexcusedDates.map((d) => formatLocalDateTime(d, org.timezone).slice(0, 10)).join(", ") || "—";
    const level = summary.flag === "warning" ? "warning" : "removal";
    const to = level === "warning" ? leaders : [...leaders, ...committee.filter((c) => !leaders.some((l) => l.personId === c.personId))];
    for (const r of to) {
      items.push({
        key: `flag:${level}:${personId}:${year}:${r.personId}`,
        chatId: r.chatId,
        personId: r.personId,
        orgId,
        kind: "flag",
        payload: { text: t(r.locale, `flag-${level}`, { name: person.fullName, org: org.name, months, dates, count: summary.unexcusedMonths.length }) },
        notBefore,
      });
    }
  }
  await enqueue(db, items, now);
}

/** The linked committee members of the nearest organisation above the cell. */
async function baseCommitteeOf(db: Db, cellPath: string) {
  const ancestors = idsOnPath(cellPath).slice(0, -1).reverse();
  for (const orgId of ancestors) {
    const memberships = await db.membership.findMany({
      where: { orgId, role: { in: ["committee", "secretary", "deputy"] }, ...IN_FORCE, person: { telegramChatId: { not: null } } },
      include: { person: true },
    });
    if (memberships.length > 0) {
      return memberships.map((m) => ({ personId: m.personId, chatId: m.person.telegramChatId!, locale: m.person.locale ?? "vi", fullName: m.person.fullName }));
    }
  }
  return [];
}
