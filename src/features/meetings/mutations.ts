// Writes for meetings, callable from the bot, the CLI and the scheduler. Every message
// they cause is queued in the outbox (delivered by delivery/sender), never sent here.
import type { Db } from "../../db/client.js";
import { audit, auditRead } from "../../db/audit.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, dropPending } from "../../delivery/outbox.js";
import { monthKey } from "../../domain/zoned.js";
import { nextAllowed } from "../../domain/quiet.js";
import type { MeetingKind } from "../../domain/meeting-input.js";
import type { OrgSettings } from "../../domain/settings.js";
import { answersOf, noticesQueuedFor } from "./data.js";
import { loadMeeting, reviewsOf, viewOf, type LoadedMeeting, type MeetingSubject } from "../../org/meetings.js";
import type { MeetingReview } from "../../org/meeting-text.js";
import { leadersOf, recipientsOf, type Recipient } from "../../org/people.js";
import { sendableFrom, settingsFor } from "../../org/settings.js";
import { absenceToLeaders, cancelledItems, enqueueToCells, movedItems, noticeFiles, noticeItems, noticePayload, proposalToLeaders, proposedMeetingItems } from "../../org/meeting-messages.js";
import { memoize } from "../../lib/memoize.js";
import type { AbsenceReason } from "./schema.js";
import { IN_FORCE, inForceSql } from "../../db/memberships.js";

export interface MeetingInput {
  orgId: number;
  kind: MeetingKind;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  agenda: string;
  thematicTopic?: string | null;
  documents: { title: string; url: string }[];
  createdByPersonId?: number | null;
}

/** The notices of a confirmed meeting leave at once, unless it is night in the cell. */
async function baseFor(db: Db, meeting: MeetingSubject, now: Date, cellSettings = settingsFor(db, meeting.org.path)) {
  const settings = await cellSettings;
  return {
    meeting: { ...viewOf(meeting), revision: meeting.revision, orgId: meeting.orgId },
    notBefore: nextAllowed(now, meeting.org.timezone, settings.quietHours),
  };
}

/** Reads a caller started early, to overlap them with its own (PostgreSQL runs them at once). */
interface EarlyReads {
  settings?: Promise<OrgSettings>;
  review?: Promise<MeetingReview | undefined>;
}

/**
 * A notice's base: it opens with the review of the previous resolution (read once, for
 * every recipient, while the settings are read).
 */
async function noticeBaseFor(db: Db, meeting: MeetingSubject, now: Date, early: EarlyReads = {}) {
  const reading = early.review ?? reviewsOf(db, [meeting], now).then(([review]) => review);
  reading.catch(() => {}); // awaited below, unless the settings fail first
  const base = await baseFor(db, meeting, now, early.settings);
  const review = await reading;
  return { ...base, meeting: review ? { ...base.meeting, review } : base.meeting };
}

const leadersAsRecipients = (leaders: Awaited<ReturnType<typeof leadersOf>>): Recipient[] =>
  leaders.map((l) => ({ ...l, status: null, follower: false }));

export async function setUsualSchedule(
  db: Db,
  orgId: number,
  rule: { dayOfMonth: number; time: string; place: string; durationMinutes: number },
) {
  await db.usualSchedule.upsert({ where: { orgId }, create: { orgId, ...rule }, update: rule });
}

export async function createMeeting(db: Db, input: MeetingInput, status: "confirmed" | "proposed", now: Date) {
  // Read while the cell is read and the meeting written: PostgreSQL overlaps the round
  // trips. The review of the previous resolution the notices open with needs only the
  // cell's id and the start; the settings need the cell's path.
  const review = status === "confirmed" ? reviewsOf(db, [input], now).then(([found]) => found) : undefined;
  review?.catch(() => {}); // awaited below; a failed insert must not leave it unhandled
  const org = await db.org.findUniqueOrThrow({ where: { id: input.orgId } });
  const settings = settingsFor(db, org.path);
  settings.catch(() => {});
  // No nested write without documents: Prisma would wrap the insert in a transaction.
  const documents = input.documents.length > 0 ? { documents: { create: input.documents } } : {};
  const meeting = await db.meeting.create({
    data: {
      orgId: input.orgId,
      kind: input.kind,
      forMonth: monthKey(input.startsAt, org.timezone),
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      place: input.place,
      agenda: input.agenda,
      thematicTopic: input.thematicTopic ?? null,
      status,
      confirmedAt: status === "confirmed" ? now : null,
      createdAt: now,
      createdByPersonId: input.createdByPersonId ?? null,
      ...documents,
    },
  });
  // The row just written, its cell and the documents as given: nothing to read back.
  const subject = { ...meeting, org, documents: input.documents };
  if (status === "confirmed") await queueNoticesOf(db, subject, now, { settings, review });
  else await queueProposal(db, subject, now, settings);
  return meeting;
}

/** Queues the notice for every expected member and follower; returns how many were new. */
export async function queueNotices(db: Db, meetingId: number, now: Date): Promise<{ queued: number }> {
  const meeting = await loadMeeting(db, meetingId);
  if (!meeting || meeting.status !== "confirmed") return { queued: 0 };
  return queueNoticesOf(db, meeting, now);
}

async function queueNoticesOf(db: Db, meeting: MeetingSubject, now: Date, early: EarlyReads = {}): Promise<{ queued: number }> {
  const base = { ...(await noticeBaseFor(db, meeting, now, early)), expiresAt: meeting.startsAt };
  const notice = memoize((locale: string) => noticePayload(t, locale, base.meeting));
  // Uploaded files follow each notice as rows of their own: the rare case, per person.
  const queued =
    noticeFiles(base.meeting).length > 0
      ? await enqueue(db, noticeItems(t, base, await recipientsOf(db, meeting.orgId)), now)
      : await enqueueToCells(db, [
          {
            meeting: base.meeting,
            kind: "notice",
            keyPrefix: `notice:${meeting.id}:${meeting.revision}:`,
            payload: (locale) => notice(locale),
            notBefore: base.notBefore,
            expiresAt: base.expiresAt,
          },
        ], now);
  if (meeting.org.groupChatId) {
    await db.groupTally.upsert({
      where: { meetingId: meeting.id },
      create: { meetingId: meeting.id, chatId: meeting.org.groupChatId, dirty: true },
      update: { chatId: meeting.org.groupChatId, messageId: null, dirty: true },
    });
  }
  return { queued };
}

async function queueProposal(db: Db, meeting: MeetingSubject, now: Date, settings: Promise<OrgSettings>) {
  const leaders = leadersAsRecipients(await leadersOf(db, meeting.orgId));
  await enqueue(db, proposedMeetingItems(t, await baseFor(db, meeting, now, settings), leaders), now);
}

export type ScheduleOutcome = { kind: "scheduled"; meetingId: number; queued: number } | { kind: "proposal_decided" };

/**
 * A meeting the secretary scheduled in chat, confirmed at once; returns how many notices
 * are queued. With replaceMeetingId ("Change" on a meeting proposed from the usual
 * schedule) the proposal is cancelled and the new meeting created in one transaction;
 * someone may have confirmed the proposal meanwhile: then nothing is replaced or created.
 */
export async function scheduleMeeting(db: Db, input: MeetingInput, now: Date, replaceMeetingId?: number): Promise<ScheduleOutcome> {
  const meeting = replaceMeetingId
    ? await db.$transaction(async (tx) => {
        const replaced = await tx.meeting.updateMany({ where: { id: replaceMeetingId, status: "proposed" }, data: { status: "cancelled", statusReason: "replaced" } });
        return replaced.count === 0 ? undefined : createMeeting(tx as Db, input, "confirmed", now);
      })
    : await createMeeting(db, input, "confirmed", now);
  if (!meeting) return { kind: "proposal_decided" };
  return { kind: "scheduled", meetingId: meeting.id, queued: await noticesQueuedFor(db, meeting.id) };
}

/**
 * Links a Telegram group to a cell, taking it from any cell it was linked to before;
 * the links and the audit entry in one transaction.
 */
export async function linkGroupChat(db: Db, org: { id: number; code: string }, chatId: string, personId: number, now: Date) {
  await db.$transaction(async (tx) => {
    await tx.org.updateMany({ where: { groupChatId: chatId }, data: { groupChatId: null } });
    await tx.org.update({ where: { id: org.id }, data: { groupChatId: chatId } });
    await audit(tx as Db, { actor: `person:${personId}`, action: "org.group_link", detail: { org: org.code, chatId } }, now);
  });
}

export type ConfirmOutcome = { kind: "confirmed"; queued: number } | { kind: "not_open" };

export async function confirmProposedMeeting(db: Db, meetingId: number, now: Date): Promise<ConfirmOutcome> {
  const updated = await db.meeting.updateMany({
    where: { id: meetingId, status: "proposed", startsAt: { gt: now } },
    data: { status: "confirmed", confirmedAt: now },
  });
  if (updated.count === 0) return { kind: "not_open" };
  return { kind: "confirmed", ...(await queueNotices(db, meetingId, now)) };
}

export type AnswerOutcome =
  | { kind: "recorded" }
  | { kind: "not_member" }
  | { kind: "closed"; status: "cancelled" | "started" | "moved" | "not_found" };

/**
 * The cells a person is an active (not transferred) member of, when the caller has just
 * read them from the database (the bot's identity middleware): saves re-reading them.
 */
export type ActiveMemberships = readonly number[];

/** Whether this person may answer for this meeting: a member of the cell or a follower. */
export async function belongs(db: Db, meeting: { orgId: number }, personId: number, memberOf?: ActiveMemberships): Promise<boolean> {
  const followOf = () => db.follow.findUnique({ where: { orgId_personId: { orgId: meeting.orgId, personId } } });
  if (memberOf) return memberOf.includes(meeting.orgId) || Boolean(await followOf());
  const [membership, follow] = await Promise.all([
    db.membership.findFirst({ where: { orgId: meeting.orgId, personId, ...IN_FORCE } }),
    followOf(),
  ]);
  return Boolean(membership || follow);
}

/** Checks that a tap on a button of this meeting (and revision) may still change anything. */
export async function openMeetingFor(db: Db, meetingId: number, revision: number, personId: number, now: Date, memberOf?: ActiveMemberships) {
  const meeting = await loadMeeting(db, meetingId);
  if (!meeting) return { kind: "closed", status: "not_found" } as const;
  if (!(await belongs(db, meeting, personId, memberOf))) return { kind: "not_member" } as const;
  if (meeting.status === "cancelled") return { kind: "closed", status: "cancelled" } as const;
  if (meeting.status !== "confirmed" || meeting.startsAt.getTime() <= now.getTime()) return { kind: "closed", status: "started" } as const;
  if (meeting.revision !== revision) return { kind: "closed", status: "moved" } as const;
  return { kind: "open", meeting } as const;
}

type AnswerInput = {
  meetingId: number;
  revision: number;
  personId: number;
  answer: "attend" | "absent";
  reason?: AbsenceReason;
  note?: string | null;
};

export async function recordAnswer(db: Db, input: AnswerInput, now: Date): Promise<AnswerOutcome> {
  const data = {
    answer: input.answer,
    reasonCategory: input.answer === "absent" ? (input.reason ?? "other") : null,
    reasonText: input.answer === "absent" ? (input.note ?? null) : null,
    answeredAt: now,
  };
  let meeting: LoadedMeeting | undefined;
  if (!(await writeAnswerIfOpen(db, input, data, now))) {
    // Not written: find out why. Should the meeting have opened in between, write it here.
    const open = await openMeetingFor(db, input.meetingId, input.revision, input.personId, now);
    if (open.kind !== "open") return open;
    meeting = open.meeting;
    const row = { ...data, revision: meeting.revision };
    await db.meetingAnswer.upsert({
      where: { meetingId_personId: { meetingId: meeting.id, personId: input.personId } },
      create: { meetingId: meeting.id, personId: input.personId, ...row },
      update: row,
    });
  }
  // Only a meeting of a cell with a linked group has a tally row; elsewhere this is a no-op.
  await db.$executeRaw`UPDATE "GroupTally" SET "dirty" = ${true} WHERE "meetingId" = ${input.meetingId}`;
  if (input.answer === "absent") {
    meeting ??= (await loadMeeting(db, input.meetingId))!;
    const person = await db.person.findUniqueOrThrow({ where: { id: input.personId } });
    const leaders = leadersAsRecipients(await leadersOf(db, meeting.orgId)).filter((l) => l.personId !== input.personId);
    await enqueue(
      db,
      absenceToLeaders(t, await baseFor(db, meeting, now), leaders, {
        personId: person.id,
        name: person.fullName,
        reason: data.reasonCategory!,
        note: data.reasonText,
        at: now,
      }),
      now,
    );
  }
  return { kind: "recorded" };
}

/**
 * Writes the answer if the meeting is still open to it (confirmed, this revision, not
 * started) and the person belongs to its cell (an active member or a follower), the
 * checks and the write in one statement: nothing can change in between. Returns whether
 * it wrote. Raw SQL because this is the busiest write (a burst of taps after the notices)
 * and Prisma's upsert costs several times the CPU; the same SQL runs on SQLite and
 * PostgreSQL (PostgreSQL types the parameters from the target columns).
 */
async function writeAnswerIfOpen(
  db: Db,
  input: AnswerInput,
  data: { answer: string; reasonCategory: string | null; reasonText: string | null; answeredAt: Date },
  now: Date,
): Promise<boolean> {
  const { meetingId, personId, revision } = input;
  const written = await db.$executeRaw`
    INSERT INTO "MeetingAnswer" ("meetingId", "personId", "answer", "reasonCategory", "reasonText", "revision", "answeredAt")
    SELECT m."id", ${personId}, ${data.answer}, ${data.reasonCategory}, ${data.reasonText}, m."revision", ${data.answeredAt}
    FROM "Meeting" m
    WHERE m."id" = ${meetingId} AND m."status" = 'confirmed' AND m."revision" = ${revision} AND m."startsAt" > ${now}
      AND (EXISTS (SELECT 1 FROM "Membership" ms WHERE ms."orgId" = m."orgId" AND ms."personId" = ${personId} AND ${inForceSql("ms")})
        OR EXISTS (SELECT 1 FROM "Follow" f WHERE f."orgId" = m."orgId" AND f."personId" = ${personId}))
    ON CONFLICT ("meetingId", "personId") DO UPDATE SET
      "answer" = excluded."answer", "reasonCategory" = excluded."reasonCategory", "reasonText" = excluded."reasonText",
      "revision" = excluded."revision", "answeredAt" = excluded."answeredAt"`;
  return written > 0;
}

export async function markAgendaRead(db: Db, meetingId: number, revision: number, personId: number, now: Date, memberOf?: ActiveMemberships) {
  const open = await openMeetingFor(db, meetingId, revision, personId, now, memberOf);
  if (open.kind !== "open") return open as Exclude<AnswerOutcome, { kind: "recorded" }>;
  await db.meetingAnswer.upsert({
    where: { meetingId_personId: { meetingId, personId } },
    create: { meetingId, personId, revision: open.meeting.revision, agendaReadAt: now },
    update: { agendaReadAt: now },
  });
  return open;
}

export async function proposeAgendaItem(db: Db, meetingId: number, revision: number, personId: number, text: string, now: Date) {
  const open = await openMeetingFor(db, meetingId, revision, personId, now);
  if (open.kind !== "open") return open as Exclude<AnswerOutcome, { kind: "recorded" }>;
  const proposal = await db.agendaProposal.create({ data: { meetingId, personId, text, createdAt: now } });
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const leaders = leadersAsRecipients(await leadersOf(db, open.meeting.orgId));
  await enqueue(db, proposalToLeaders(t, await baseFor(db, open.meeting, now), leaders, { id: proposal.id, text, proposerName: person.fullName }), now);
  return { kind: "proposed", proposalId: proposal.id } as const;
}

export type ProposalDecision =
  | { kind: "decided"; accepted: boolean; text: string; proposerName: string }
  | { kind: "already"; status: string }
  | { kind: "not_found" };

/** The caller has checked that the decider leads the meeting's cell. */
export async function decideAgendaProposal(db: Db, proposalId: number, accept: boolean, now: Date): Promise<ProposalDecision> {
  const proposal = await db.agendaProposal.findUnique({ where: { id: proposalId }, include: { person: true, meeting: { include: { org: true } } } });
  if (!proposal) return { kind: "not_found" };
  const taken = await db.agendaProposal.updateMany({
    where: { id: proposalId, status: "pending" },
    data: { status: accept ? "accepted" : "declined", decidedAt: now },
  });
  if (taken.count === 0) return { kind: "already", status: proposal.status };
  const { meeting, person } = proposal;
  if (accept) {
    const agenda = [meeting.agenda, `• ${proposal.text} (${person.fullName})`].filter(Boolean).join("\n");
    await db.meeting.update({ where: { id: meeting.id }, data: { agenda } });
  }
  if (person.telegramChatId) {
    const locale = person.locale ?? "vi";
    await enqueue(db, [
      {
        key: `agenda-proposal-decided:${proposal.id}`,
        chatId: person.telegramChatId,
        personId: person.id,
        orgId: meeting.orgId,
        meetingId: meeting.id,
        kind: "agenda_decision",
        payload: { text: t(locale, accept ? "agenda-proposal-accepted" : "agenda-proposal-declined", { text: proposal.text }) },
        notBefore: await sendableFrom(db, meeting.org, now),
      },
    ], now);
  }
  return { kind: "decided", accepted: accept, text: proposal.text, proposerName: person.fullName };
}

/** Kinds of queued messages that belong to one time of a meeting, dropped when it moves. */
const TIMED_KINDS = ["notice", "reminder", "summary", "docs_warning", "moved"];

export async function postponeMeeting(db: Db, meetingId: number, startsAt: Date, reason: string, now: Date) {
  const before = await loadMeeting(db, meetingId);
  if (!before || before.status !== "confirmed" || before.startsAt <= now) return { kind: "not_open" } as const;
  const previous = await answersOf(db, meetingId, before.revision);
  // Guarded by status and revision: a cancel or another move in the meantime wins.
  const moved = await db.meeting.updateMany({
    where: { id: meetingId, status: "confirmed", revision: before.revision },
    data: { startsAt, revision: { increment: 1 }, statusReason: reason, forMonth: before.forMonth, revisedAt: now },
  });
  if (moved.count === 0) return { kind: "not_open" } as const;
  await dropPending(db, { meetingId, kinds: TIMED_KINDS });
  const meeting = (await loadMeeting(db, meetingId))!;
  const recipients = await recipientsOf(db, meeting.orgId);
  const base = { ...(await noticeBaseFor(db, meeting, now)), expiresAt: startsAt };
  const answers = new Map([...previous].map(([personId, a]) => [personId, a.answer ?? ""]));
  const queued = await enqueue(db, movedItems(t, base, recipients, reason, answers), now);
  await db.groupTally.updateMany({ where: { meetingId }, data: { dirty: true } });
  return { kind: "postponed", queued, meeting } as const;
}

export async function cancelMeeting(db: Db, meetingId: number, reason: string, now: Date) {
  const taken = await db.meeting.updateMany({
    where: { id: meetingId, status: { in: ["confirmed", "proposed"] }, startsAt: { gt: now } },
    data: { status: "cancelled", statusReason: reason },
  });
  if (taken.count === 0) return { kind: "not_open" } as const;
  await dropPending(db, { meetingId, kinds: TIMED_KINDS });
  const meeting = (await loadMeeting(db, meetingId))!;
  const recipients = meeting.confirmedAt ? await recipientsOf(db, meeting.orgId) : [];
  const queued = await enqueue(db, cancelledItems(t, await baseFor(db, meeting, now), recipients, reason), now);
  await db.groupTally.updateMany({ where: { meetingId }, data: { dirty: true } });
  return { kind: "cancelled", queued } as const;
}

/** Revokes the cell's feed link: the next generation; returns the org with it. */
export async function revokeCalendarLink(db: Db, orgId: number, actor: string, now: Date) {
  const org = await db.org.update({ where: { id: orgId }, data: { calendarLink: { increment: 1 } } });
  await auditRead(db, actor, "calendar_revoke", { org: org.code, generation: org.calendarLink }, now);
  return org;
}
