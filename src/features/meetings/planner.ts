// What the scheduler does each minute for meetings: propose this month's meeting from
// a cell's usual schedule, and queue reminders, the evening-before summary and the
// documents check that are due. Everything is keyed, so running it twice (or on two
// instances) queues nothing twice; after downtime a reminder still useful goes out
// late once and the ones it replaces are dropped and logged.
import { inChunks } from "../../db/chunks.js";
import type { Db } from "../../db/client.js";
import { handledKeys, markHandled } from "../../db/plan-marks.js";
import type { Logger } from "../../logger.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { idsOnPath } from "../../domain/tree.js";
import { resolveSettings, type OrgSettings } from "../../domain/settings.js";
import { dueNow, planMeeting, remindersFor, type PlanItem } from "../../domain/reminders.js";
import { proposalsDue } from "../../domain/schedule.js";
import { isExpected, meetsTarget } from "../../domain/attendance.js";
import { addMonths, monthKey } from "../../domain/zoned.js";
import { createMeeting } from "./mutations.js";
import { reminderItems } from "./notices.js";
import { describeMeeting, formatWhen } from "./format.js";
import type { Recipient } from "./data.js";

export interface MeetingTickSummary {
  proposed: number;
  reminders: number;
  summaries: number;
  documentWarnings: number;
  superseded: number;
}

/** The longest a reminder can come before its meeting, plus a day of slack. */
const LOOKAHEAD_MS = 8 * 86_400_000;

/** Settings of many organisations at once: one query for every ancestor involved. */
async function settingsByPath(db: Db, paths: string[]): Promise<Map<string, OrgSettings>> {
  const ids = [...new Set(paths.flatMap(idsOnPath))];
  const orgs = await inChunks(ids, (part) => db.org.findMany({ where: { id: { in: part } }, select: { id: true, settings: true } }));
  const raw = new Map(orgs.map((o) => [o.id, o.settings]));
  return new Map(paths.map((p) => [p, resolveSettings(idsOnPath(p).map((id) => raw.get(id) ?? "{}"))]));
}

export async function runMeetingTick(db: Db, now: Date, logger: Logger): Promise<MeetingTickSummary> {
  const summary: MeetingTickSummary = { proposed: 0, reminders: 0, summaries: 0, documentWarnings: 0, superseded: 0 };
  summary.proposed = await proposeFromUsualSchedules(db, now);
  const meetings = await db.meeting.findMany({
    where: { status: "confirmed", startsAt: { gt: now, lte: new Date(now.getTime() + LOOKAHEAD_MS) } },
    include: { org: true, documents: true },
  });
  if (meetings.length === 0) return summary;
  const settings = await settingsByPath(db, meetings.map((m) => m.org.path));
  const markOf = (m: { id: number; revision: number }, item: PlanItem) => `meeting:${m.id}:${m.revision}:${item.key}`;
  const planned = meetings.map((m) => ({
    meeting: m,
    ...dueNow(planMeeting({ startsAt: m.startsAt, timeZone: m.org.timezone, settings: settings.get(m.org.path)! }), now),
  }));
  // Items an earlier tick handled are skipped: one query instead of rebuilding messages.
  const candidates = planned.flatMap((p) => [...p.due, ...p.superseded].map((item) => markOf(p.meeting, item)));
  const handled = await handledKeys(db, candidates);
  const withDue = planned
    .map((p) => ({
      meeting: p.meeting,
      due: p.due.filter((item) => !handled.has(markOf(p.meeting, item))),
      superseded: p.superseded.filter((item) => !handled.has(markOf(p.meeting, item))),
    }))
    .filter((p) => p.due.length > 0 || p.superseded.length > 0);
  if (withDue.length === 0) return summary;
  const people = await peopleOfCells(db, [...new Set(withDue.map((d) => d.meeting.orgId))]);
  const answers = await inChunks(withDue.map((d) => d.meeting.id), (part) => db.meetingAnswer.findMany({ where: { meetingId: { in: part } } }));
  for (const { meeting, due: dueItems, superseded } of withDue) {
    const items: OutboxItem[] = [];
    const cell = people.get(meeting.orgId) ?? { recipients: [], leaders: [] };
    const answered = new Map(
      answers.filter((a) => a.meetingId === meeting.id && a.revision === meeting.revision && a.answer !== null).map((a) => [a.personId, a]),
    );
    const view = { ...viewOfRow(meeting), revision: meeting.revision, orgId: meeting.orgId };
    for (const item of dueItems) {
      const base = { meeting: view, notBefore: now, expiresAt: item.expiresAt };
      if (item.kind === "reminder") {
        const audience = cell.recipients.filter((r) => remindersFor(item, answered.has(r.personId)));
        const made = reminderItems(t, base, item.key, audience, new Set(answered.keys()));
        summary.reminders += made.length;
        items.push(...made);
      } else if (item.kind === "summary") {
        const target = settings.get(meeting.org.path)!.attendanceTarget;
        const made = cell.leaders.flatMap((l) => summaryItem(base, l, item, cell.recipients, answered, target));
        summary.summaries += made.length;
        items.push(...made);
      } else if (meeting.documents.length === 0) {
        const made = cell.leaders.flatMap((l) => documentsWarning(base, l, item));
        summary.documentWarnings += made.length;
        items.push(...made);
      }
    }
    await enqueue(db, items);
    if (superseded.length > 0) {
      summary.superseded += superseded.length;
      logger.info({ meetingId: meeting.id, superseded: superseded.map((s) => s.key) }, "late reminders dropped: a later one replaces them");
    }
    // Marked after the messages are queued: a crash in between re-runs the item, and
    // the outbox keys keep that from sending anything twice.
    await markHandled(db, [
      ...dueItems.map((item) => ({ key: markOf(meeting, item), outcome: "queued" })),
      ...superseded.map((item) => ({ key: markOf(meeting, item), outcome: "superseded" })),
    ]);
  }
  return summary;
}

function viewOfRow(m: { id: number; kind: string; forMonth: string; startsAt: Date; durationMinutes: number; place: string; agenda: string; thematicTopic: string | null; org: { name: string; timezone: string }; documents: { title: string; url: string }[] }) {
  return {
    id: m.id,
    orgName: m.org.name,
    kind: m.kind,
    forMonth: m.forMonth,
    startsAt: m.startsAt,
    durationMinutes: m.durationMinutes,
    place: m.place,
    agenda: m.agenda,
    thematicTopic: m.thematicTopic,
    timeZone: m.org.timezone,
    documents: m.documents.map((d) => ({ title: d.title, url: d.url })),
  };
}


/** Recipients and leaders of many cells in three queries. */
async function peopleOfCells(db: Db, orgIds: number[]) {
  const [memberships, follows] = await Promise.all([
    inChunks(orgIds, (part) => db.membership.findMany({ where: { orgId: { in: part } }, include: { person: true } })),
    inChunks(orgIds, (part) => db.follow.findMany({ where: { orgId: { in: part } }, include: { person: true } })),
  ]);
  const cells = new Map<number, { recipients: Recipient[]; leaders: Recipient[] }>();
  const cell = (orgId: number) => {
    let c = cells.get(orgId);
    if (!c) cells.set(orgId, (c = { recipients: [], leaders: [] }));
    return c;
  };
  const asRecipient = (person: { id: number; fullName: string; telegramChatId: string | null; unreachableAt: Date | null; locale: string | null }, status: string | null, follower: boolean): Recipient => ({
    personId: person.id,
    fullName: person.fullName,
    chatId: person.unreachableAt ? null : person.telegramChatId,
    locale: person.locale ?? "vi",
    status,
    follower,
  });
  for (const m of memberships) {
    if (isExpected(m)) cell(m.orgId).recipients.push(asRecipient(m.person, m.status, false));
    if ((m.role === "secretary" || m.role === "deputy") && m.person.telegramChatId) cell(m.orgId).leaders.push(asRecipient(m.person, m.status, false));
  }
  for (const f of follows) {
    const c = cell(f.orgId);
    if (!c.recipients.some((r) => r.personId === f.personId)) c.recipients.push(asRecipient(f.person, null, true));
  }
  return cells;
}

type Base = { meeting: ReturnType<typeof viewOfRow> & { revision: number; orgId: number }; notBefore: Date; expiresAt: Date };

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
  const settings = await settingsByPath(db, schedules.map((s) => s.org.path));
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
      await createMeeting(
        db,
        {
          orgId: schedule.orgId,
          kind: "regular",
          startsAt: due.startsAt,
          durationMinutes: schedule.durationMinutes,
          place: schedule.place,
          agenda: "",
          documents: [],
        },
        "proposed",
        now,
      );
      taken.add(`${schedule.orgId} ${due.month}`);
      proposed++;
    }
  }
  return proposed;
}
