// What the scheduler does each minute for meetings: propose this month's meeting from
// a cell's usual schedule, and queue reminders, the evening-before summary and the
// documents check that are due. Everything is keyed, so running it twice (or on two
// instances) queues nothing twice; after downtime a reminder still useful goes out
// late once and the ones it replaces are dropped and logged.
import { inChunks } from "../../db/chunks.js";
import type { Db } from "../../db/client.js";
import { claimOnce, handledKeys, markHandled } from "../../db/plan-marks.js";
import type { Logger } from "../../logger.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import type { OrgSettings } from "../../domain/settings.js";
import { dueNow, planMeeting, remindersFor, type PlanItem } from "../../domain/reminders.js";
import { nextAllowed, type QuietHours } from "../../domain/quiet.js";
import { proposalsDue } from "../../domain/schedule.js";
import { meetsTarget } from "../../domain/attendance.js";
import { addMonths, monthKey } from "../../domain/zoned.js";
import { createMeeting } from "./mutations.js";
import { enqueueToCells, reminderPayloads, type CellMessage } from "../../org/meeting-messages.js";
import { memoize } from "../../lib/memoize.js";
import { describeMeeting, formatWhen, type MeetingView } from "../../org/meeting-text.js";
import { reviewsOf, viewOf } from "../../org/meetings.js";
import { settingsOfPaths } from "../../org/settings.js";
import { leadersOfCells, recipientsOfCells, type Recipient } from "../../org/people.js";
import { Prisma } from "../../generated/prisma/client.js";
import { dialectOf } from "../../db/dialect.js";

export interface MeetingTickSummary {
  proposed: number;
  reminders: number;
  summaries: number;
  documentWarnings: number;
  superseded: number;
}

/** The longest a reminder can come before its meeting, plus a day of slack. */
const LOOKAHEAD_MS = 8 * 86_400_000;

/**
 * planMeeting, once per start, zone and settings object: a province's cells mostly meet
 * at a few times under the same settings, and the plan is all time-zone arithmetic.
 */
function plans(): (startsAt: Date, timeZone: string, settings: OrgSettings) => PlanItem[] {
  const ids = new Map<OrgSettings, number>();
  const plan = memoize((start: number, timeZone: string, _settingsId: number, settings: OrgSettings) =>
    planMeeting({ startsAt: new Date(start), timeZone, settings }),
  );
  return (startsAt, timeZone, settings) => {
    if (!ids.has(settings)) ids.set(settings, ids.size);
    return plan(startsAt.getTime(), timeZone, ids.get(settings)!, settings);
  };
}

export async function runMeetingTick(db: Db, now: Date, logger: Logger): Promise<MeetingTickSummary> {
  const summary: MeetingTickSummary = { proposed: 0, reminders: 0, summaries: 0, documentWarnings: 0, superseded: 0 };
  summary.proposed = await proposeFromUsualSchedules(db, now);
  const { work, settings } = await dueWork(db, now);
  if (work.length === 0) return summary;
  const { people, answersOf } = await leadersContext(db, work);
  const reminders: CellMessage[] = [];
  const items: OutboxItem[] = [];
  const marks: { key: string; outcome: string }[] = [];
  // The review of the previous resolution each reminder opens with: read for every
  // meeting with something due at once, not one meeting at a time.
  const sending = work.filter((w) => w.due.length > 0).map((w) => w.meeting);
  const reviews = new Map((await reviewsOf(db, sending, now)).map((review, i) => [sending[i].id, review]));
  for (const { meeting, due: dueItems, superseded } of work) {
    const cell = people.get(meeting.orgId) ?? { recipients: [], leaders: [] };
    const review = reviews.get(meeting.id);
    const view = { ...viewOf(meeting), revision: meeting.revision, orgId: meeting.orgId, ...(review ? { review } : {}) };
    for (const item of dueItems) {
      const base = { meeting: view, notBefore: now, expiresAt: item.expiresAt };
      if (item.kind === "reminder") {
        const text = reminderPayloads(t, view);
        reminders.push({
          meeting: view,
          kind: "reminder",
          keyPrefix: `rem:${meeting.id}:${meeting.revision}:${item.key}:`,
          payload: (locale, answered) => (remindersFor(item, answered) ? text(locale, answered) : undefined),
          notBefore: now,
          expiresAt: item.expiresAt,
        });
      } else if (item.kind === "summary") {
        const target = settings.get(meeting.org.path)!.attendanceTarget;
        const made = cell.leaders.flatMap((l) => summaryItem(base, l, item, cell.recipients, answersOf(meeting), target));
        summary.summaries += made.length;
        items.push(...made);
      } else if (meeting.documents.length === 0) {
        const made = cell.leaders.flatMap((l) => documentsWarning(base, l, item));
        summary.documentWarnings += made.length;
        items.push(...made);
      }
    }
    if (superseded.length > 0) {
      summary.superseded += superseded.length;
      logger.info({ meetingId: meeting.id, superseded: superseded.map((s) => s.key) }, "late reminders dropped: a later one replaces them");
    }
    marks.push(
      ...dueItems.map((item) => ({ key: markOf(meeting, item), outcome: "queued" })),
      ...superseded.map((item) => ({ key: markOf(meeting, item), outcome: "superseded" })),
    );
  }
  // The whole tick in a few statements: reminders straight from the cells' memberships
  // (counted as inserted), the leaders' messages in one enqueue. Marked only after all
  // of it is queued: a crash in between re-runs the items, and the outbox keys keep
  // that from sending anything twice.
  summary.reminders = await enqueueToCells(db, reminders, now);
  await enqueue(db, items, now);
  await markHandled(db, marks);
  return summary;
}

const markOf = (m: { id: number; revision: number }, item: PlanItem) => `meeting:${m.id}:${m.revision}:${item.key}`;

interface Upcoming {
  id: number;
  revision: number;
  startsAt: Date;
  confirmedAt: Date | string | null;
  revisedAt: Date | string | null;
  path: string;
  timezone: string;
}

/**
 * When members are told of the meeting as it stands: the notice of its confirmation, or
 * of its last move, leaves then unless it was night in the cell (meetings/mutations.ts
 * holds it until quiet hours end).
 */
function toldAt(m: Upcoming, quiet: { timeZone: string; hours: QuietHours }): Date | undefined {
  const setAt = m.revisedAt ?? m.confirmedAt;
  return setAt === null ? undefined : nextAllowed(new Date(setAt), quiet.timeZone, quiet.hours);
}

/**
 * The confirmed meetings of the lookahead window with items due that no tick has
 * handled yet. Every minute reads the whole window, so that read takes only what
 * planning needs; the texts need more, read for the few meetings with work to do.
 */
async function dueWork(db: Db, now: Date) {
  const upcoming = await db.$queryRaw<Upcoming[]>(Prisma.sql`
    SELECT m."id", m."revision", m."startsAt", m."confirmedAt", m."revisedAt", o."path", o."timezone"
    FROM "Meeting" m JOIN "Org" o ON o."id" = m."orgId"
    WHERE m."status" = 'confirmed' AND m."startsAt" > ${dialectOf(db).instant(now)} AND m."startsAt" <= ${dialectOf(db).instant(new Date(now.getTime() + LOOKAHEAD_MS))}`);
  const settings = await settingsOfPaths(db, upcoming.map((m) => m.path));
  const planOf = plans();
  const planned = upcoming.map((m) => {
    const cellSettings = settings.get(m.path)!;
    const quiet = { timeZone: m.timezone, hours: cellSettings.quietHours };
    return { meeting: m, ...dueNow(planOf(m.startsAt, m.timezone, cellSettings), now, { quiet, toldAt: toldAt(m, quiet) }) };
  });
  // Items an earlier tick handled are skipped: one query instead of rebuilding messages.
  const candidates = planned.flatMap((p) => [...p.due, ...p.superseded].map((item) => markOf(p.meeting, item)));
  const handled = await handledKeys(db, candidates);
  const pending = planned
    .map((p) => ({
      planned: p.meeting,
      due: p.due.filter((item) => !handled.has(markOf(p.meeting, item))),
      superseded: p.superseded.filter((item) => !handled.has(markOf(p.meeting, item))),
    }))
    .filter((p) => p.due.length > 0 || p.superseded.length > 0);
  const rows = await inChunks(pending.map((p) => p.planned.id), (part) =>
    db.meeting.findMany({ where: { id: { in: part } }, include: { org: true, documents: true } }),
  );
  const byId = new Map(rows.map((m) => [m.id, m]));
  // A meeting moved or cancelled since the first read is left to the next tick.
  const work = pending.flatMap((p) => {
    const meeting = byId.get(p.planned.id);
    const unchanged =
      meeting?.status === "confirmed" && meeting.revision === p.planned.revision && meeting.startsAt.getTime() === p.planned.startsAt.getTime();
    return meeting && unchanged ? [{ meeting, due: p.due, superseded: p.superseded }] : [];
  });
  return { work, settings };
}

/**
 * Summaries and documents checks go to a cell's leaders, a message each, built here:
 * they need the cell's people and, for a summary, who answered what.
 */
async function leadersContext(db: Db, work: { meeting: { id: number; orgId: number; revision: number; documents: unknown[] }; due: PlanItem[] }[]) {
  const withSummary = work.filter((w) => w.due.some((item) => item.kind === "summary"));
  const withWarning = work.filter((w) => w.due.some((item) => item.kind === "docs_check") && w.meeting.documents.length === 0);
  const everyone = new Set(withSummary.map((w) => w.meeting.orgId));
  // A documents warning needs only the leaders: a cell's three rows, not its thirty.
  const people = new Map([
    ...(await peopleOfCells(db, [...new Set(withWarning.map((w) => w.meeting.orgId))].filter((id) => !everyone.has(id)), { leadersOnly: true })),
    ...(await peopleOfCells(db, [...everyone])),
  ]);
  const summarised = withSummary.map((w) => w.meeting.id);
  const answers = await inChunks(summarised, (part) => db.meetingAnswer.findMany({ where: { meetingId: { in: part } } }));
  const byMeeting = new Map<number, typeof answers>();
  for (const a of answers) {
    const list = byMeeting.get(a.meetingId);
    if (list) list.push(a);
    else byMeeting.set(a.meetingId, [a]);
  }
  /** Answers given to the meeting's current revision. */
  const answersOf = (meeting: { id: number; revision: number }) =>
    new Map((byMeeting.get(meeting.id) ?? []).filter((a) => a.revision === meeting.revision && a.answer !== null).map((a) => [a.personId, a]));
  return { people, answersOf };
}

/**
 * The recipients (org/people.ts's one definition) and the leaders of many cells, two
 * queries in all. With leadersOnly, only the leaders are read (recipients then holds
 * them alone: a documents warning needs a cell's three rows, not its thirty).
 */
async function peopleOfCells(db: Db, orgIds: number[], options: { leadersOnly?: boolean } = {}) {
  const cells = new Map<number, { recipients: Recipient[]; leaders: Recipient[] }>();
  if (orgIds.length === 0) return cells;
  const [recipients, leaders] = await Promise.all([options.leadersOnly ? undefined : recipientsOfCells(db, orgIds), leadersOfCells(db, orgIds)]);
  for (const orgId of orgIds) {
    const cellLeaders = leaders.get(orgId) ?? [];
    cells.set(orgId, { recipients: recipients?.get(orgId) ?? cellLeaders, leaders: cellLeaders });
  }
  return cells;
}

type Base = { meeting: MeetingView & { revision: number; orgId: number }; notBefore: Date; expiresAt: Date };

function summaryItem(
  base: Base,
  leader: Recipient,
  item: PlanItem,
  recipients: Recipient[],
  answered: Map<number, { answer: string | null; reasonCategory: string | null; reasonText: string | null }>,
  target: number,
): OutboxItem[] {
  const locale = leader.locale;
  const members = recipients.filter((r) => !r.follower);
  const coming = members.filter((r) => answered.get(r.personId)?.answer === "attend");
  const absent = members.filter((r) => answered.get(r.personId)?.answer === "absent");
  const silent = members.filter((r) => !answered.has(r.personId));
  const reasonOf = (r: Recipient) => {
    const a = answered.get(r.personId)!;
    return `${r.fullName} (${t(locale, `absence-reason-${a.reasonCategory ?? "other"}`)}${a.reasonText ? `: ${a.reasonText}` : ""})`;
  };
  const names = (list: string[]) => (list.length > 0 ? list.join(", ") : "—");
  const percent = members.length === 0 ? 100 : Math.round((coming.length / members.length) * 100);
  const text = [
    t(locale, "summary-title", { when: formatWhen(t, locale, base.meeting.startsAt, base.meeting.timeZone) }),
    t(locale, "summary-coming", { count: coming.length, names: names(coming.map((r) => r.fullName)) }),
    t(locale, "summary-absent", { count: absent.length, names: names(absent.map(reasonOf)) }),
    t(locale, "summary-silent", {
      count: silent.length,
      names: names(silent.map((r) => (r.chatId ? r.fullName : `${r.fullName} ${t(locale, "summary-not-on-bot")}`))),
    }),
    t(locale, meetsTarget(coming.length, members.length, target) ? "summary-target-met" : "summary-target-missed", {
      coming: coming.length,
      expected: members.length,
      percent,
      target: Math.round(target * 100),
    }),
  ].join("\n");
  if (!leader.chatId) return [];
  return [
    {
      key: `summary:${base.meeting.id}:${base.meeting.revision}:${leader.personId}`,
      chatId: leader.chatId,
      personId: leader.personId,
      orgId: base.meeting.orgId,
      meetingId: base.meeting.id,
      kind: "summary",
      payload: { text },
      notBefore: base.notBefore,
      expiresAt: item.expiresAt,
    },
  ];
}

function documentsWarning(base: Base, leader: Recipient, item: PlanItem): OutboxItem[] {
  if (!leader.chatId) return [];
  const locale = leader.locale;
  return [
    {
      key: `docs:${base.meeting.id}:${base.meeting.revision}:${leader.personId}`,
      chatId: leader.chatId,
      personId: leader.personId,
      orgId: base.meeting.orgId,
      meetingId: base.meeting.id,
      kind: "docs_warning",
      payload: { text: [t(locale, "docs-warning"), describeMeeting(t, locale, base.meeting)].join("\n") },
      notBefore: base.notBefore,
      expiresAt: item.expiresAt,
    },
  ];
}

/** Creates the proposed meeting of each cell whose usual-schedule proposal is due. */
async function proposeFromUsualSchedules(db: Db, now: Date): Promise<number> {
  const schedules = await db.usualSchedule.findMany({ include: { org: true } });
  if (schedules.length === 0) return 0;
  const settings = await settingsOfPaths(db, schedules.map((s) => s.org.path));
  const months = [...new Set(schedules.flatMap((s) => [monthKey(now, s.org.timezone), addMonths(monthKey(now, s.org.timezone), 1)]))];
  // A cancelled meeting counts too: the secretary decided about that month; no re-proposal.
  const existing = await inChunks(schedules.map((s) => s.orgId), (part) =>
    db.meeting.findMany({ where: { orgId: { in: part }, forMonth: { in: months }, kind: { in: ["regular", "combined"] } }, select: { orgId: true, forMonth: true } }),
  );
  const taken = new Set(existing.map((m) => `${m.orgId} ${m.forMonth}`));
  let proposed = 0;
  for (const schedule of schedules) {
    const lead = settings.get(schedule.org.path)!.proposalLeadDays;
    for (const due of proposalsDue(schedule, now, schedule.org.timezone, lead)) {
      if (taken.has(`${schedule.orgId} ${due.month}`)) continue;
      taken.add(`${schedule.orgId} ${due.month}`);
      const input = { orgId: schedule.orgId, kind: "regular" as const, startsAt: due.startsAt, durationMinutes: schedule.durationMinutes, place: schedule.place, agenda: "", documents: [] };
      if (await proposeOnce(db, `proposal:${schedule.orgId}:${due.month}`, input, now)) proposed++;
    }
  }
  return proposed;
}

/**
 * Two ticks at once (two instances) both find no meeting for the month: the one that
 * inserts the (cell, month) mark creates the proposal, the other creates nothing. Mark
 * and meeting are one transaction, so a crash leaves neither.
 */
async function proposeOnce(db: Db, mark: string, input: Parameters<typeof createMeeting>[1], now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await claimOnce(tx as Db, mark, "proposed"))) return false;
    await createMeeting(tx as Db, input, "proposed", now);
    return true;
  });
}
